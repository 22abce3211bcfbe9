/**
 * Settings of a centre (issue 8, items 4 and 13): the school-holiday zone of its académie, its SIRET
 * and its numéro de déclaration d'activité are data an administrator edits, and the calendar reads.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centres } from '../../src/features/centres/centres.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type TCentreView = { id: string; code: string; schoolZone: string | null; siret: string | null; declarationNumber: string | null };

describe('centre settings', () => {
  it('gives each reference centre the zone of its académie (ministry calendar: Paris C, Lille B, Nantes B, Dijon A)', async () => {
    const { cookie } = await t.as('auditeur');
    const res = await t.call('GET', '/api/centres', { cookie });
    const zoneOf = Object.fromEntries((res.body.items as TCentreView[]).map((c) => [c.code, c.schoolZone]));
    expect(zoneOf).toMatchObject({ PARIS: 'C', LILLE: 'B', NANTES: 'B', DIJON: 'A' });
  });

  it('lets an administrator set the zone, a SIRET (spaces allowed, Luhn key checked) and a declaration number; a partial edit keeps them', async () => {
    const { cookie } = await t.as('administrateur');
    const created = await t.call('POST', '/api/centres', { cookie, body: { code: `SE${Date.now() % 100000}`, name: 'Cnam Bretagne', city: 'Rennes' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ schoolZone: null, siret: null, declarationNumber: null });
    const id = created.body.id as string;

    // 000 000 001 00008: Luhn sum 8 + 2×1 = 10 (hand-computed); the last digit changed breaks the key.
    const badKey = await t.call('PATCH', `/api/centres/${id}`, { cookie, body: { siret: '000 000 001 00009' } });
    expect(badKey.status).toBe(422);
    expect(badKey.body.issues).toEqual([{ path: 'siret', message: 'Le SIRET compte 14 chiffres et doit être valide (clé de contrôle).' }]);
    const short = await t.call('PATCH', `/api/centres/${id}`, { cookie, body: { siret: '1234567890' } });
    expect(short.status).toBe(422);
    const badNumber = await t.call('PATCH', `/api/centres/${id}`, { cookie, body: { declarationNumber: '5335999995' } });
    expect(badNumber.status).toBe(422);
    expect(badNumber.body.issues[0].path).toBe('declarationNumber');
    const badZone = await t.call('PATCH', `/api/centres/${id}`, { cookie, body: { schoolZone: 'D' } });
    expect(badZone.status).toBe(422);
    expect(badZone.body.issues[0]).toEqual({ path: 'schoolZone', message: 'La zone de vacances scolaires est A, B ou C (ou aucune).' });

    const ok = await t.call('PATCH', `/api/centres/${id}`, { cookie, body: { schoolZone: 'B', siret: '000 000 001 00008', declarationNumber: '53 35 99999 35' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ schoolZone: 'B', siret: '00000000100008', declarationNumber: '53359999935' });

    // Editing one field leaves the others as they were (the patch has no defaults).
    const renamed = await t.call('PATCH', `/api/centres/${id}`, { cookie, body: { name: 'Cnam Bretagne (Rennes)' } });
    expect(renamed.body).toMatchObject({ schoolZone: 'B', siret: '00000000100008', declarationNumber: '53359999935', city: 'Rennes' });

    // Corsica's departments are 2A / 2B inside the number.
    const corse = await t.call('PATCH', `/api/centres/${id}`, { cookie, body: { declarationNumber: '942A999992A' } });
    expect(corse.status).toBe(200);
    const cleared = await t.call('PATCH', `/api/centres/${id}`, { cookie, body: { schoolZone: null, siret: '' } });
    expect(cleared.body).toMatchObject({ schoolZone: null, siret: null });
  });

  it('refuses the settings to a gestionnaire', async () => {
    const { cookie } = await t.as('gestionnaire');
    const [paris] = await t.db.select().from(centres).where(eq(centres.code, 'PARIS'));
    const res = await t.call('PATCH', `/api/centres/${paris!.id}`, { cookie, body: { schoolZone: 'A' } });
    expect(res.status).toBe(403);
  });

  it('proposes the centre’s own zone to the calendar generator (no zone in code)', async () => {
    const { cohort, responsable, centre } = await createCohortWorld(t);
    const before = await t.call('GET', `/api/cohorts/${cohort.id}/calendar`, { cookie: responsable.cookie });
    expect(before.body.defaults.schoolZone).toBeNull();
    const { cookie } = await t.as('administrateur');
    await t.call('PATCH', `/api/centres/${centre.id}`, { cookie, body: { schoolZone: 'A' } });
    const after = await t.call('GET', `/api/cohorts/${cohort.id}/calendar`, { cookie: responsable.cookie });
    expect(after.body.defaults.schoolZone).toBe('A');
  });
});
