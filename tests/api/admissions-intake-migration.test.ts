/**
 * Migration 0006 (one application per intake): its own statements, run again on a database with
 * applications — the intake is filled from each application's promotion, and two files of one person
 * for one intake stop it with a French message naming them (nothing is chosen or deleted for the centre).
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications } from '../../src/features/admissions/admissions.tables.js';
import { createApplicant, createTestCohort } from '../helpers/admissions.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext({ freshDatabase: true });
});
afterAll(() => t.close());

const statements = fs
  .readFileSync(path.join(import.meta.dirname, '..', '..', 'drizzle', '0006_one_application_per_intake.sql'), 'utf8')
  .split('--> statement-breakpoint')
  .map((s) => s.trim());
const backfill = statements.find((s) => s.includes('UPDATE "applications"'))!;
const duplicateCheck = statements.find((s) => s.includes('DO $$'))!;

describe('migration 0006', () => {
  it('fills the intake from the promotion’s start year', async () => {
    const cohort = await createTestCohort(t.db, { startsOn: '2026-11-02', endsOn: '2028-10-27' });
    const a = await createApplicant(t, cohort.id);
    await t.db.update(applications).set({ intakeYear: 1999 }).where(eq(applications.id, a.id));
    await t.db.execute(sql.raw(backfill));
    const [row] = await t.db.select({ intakeYear: applications.intakeYear }).from(applications).where(eq(applications.id, a.id));
    expect(row!.intakeYear).toBe(2026);
  });

  it('stops on two files of one person for one intake, naming their references', async () => {
    const cohort = await createTestCohort(t.db, { startsOn: '2026-11-02', endsOn: '2028-10-27' });
    const a = await createApplicant(t, cohort.id);
    const [row] = await t.db.select().from(applications).where(eq(applications.id, a.id));
    const { id: _id, reference: _ref, ...copy } = row!;
    const error = await t.db
      .transaction(async (tx) => {
        await tx.execute(sql`alter table applications drop constraint applications_identity_family_intake_uq`);
        // Filed a minute after the first (the migration names them in the order they were created).
        await tx.insert(applications).values({ ...copy, createdAt: new Date(row!.createdAt.getTime() + 60_000), reference: `${row!.reference}-BIS` });
        await tx.execute(sql.raw(duplicateCheck));
      })
      .then(
        () => null,
        (e: unknown) => e as Error,
      );
    const message = `${error?.message} ${(error as { cause?: Error } | null)?.cause?.message ?? ''}`;
    expect(message).toContain('Candidatures en double pour une même personne, un même diplôme et une même rentrée');
    expect(message).toContain(`${row!.reference}, ${row!.reference}-BIS`);
    // Rolled back: the index is there again.
    const again = await t.db.insert(applications).values({ ...copy, reference: `${row!.reference}-TER` }).then(() => null, (e: unknown) => e);
    expect(again).not.toBeNull();
  });
});
