/**
 * Issue 8, item 5: moving a residency to start on 25/12/2026 silently gave 28/12–04/01. The preview
 * shows the plan and says why, writing nothing; the move then gives exactly the days previewed.
 * Oracle: the official public holidays (Jour de Noël 25/12/2026, 1er janvier 2027; etalab dataset).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residencies } from '../../src/features/calendar/calendar.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('moving a residency onto a holiday', () => {
  it('previews 28/12/2026–04/01/2027 for a move to 25/12/2026, says why, writes nothing; the move gives the same days', async () => {
    const { cohort, responsable, centre } = await createCohortWorld(t);
    const created = await t.call('POST', `/api/cohorts/${cohort.id}/residencies`, {
      cookie: responsable.cookie,
      body: { kind: 'on_site', label: 'Regroupement de décembre', days: ['2026-09-07', '2026-09-08', '2026-09-09', '2026-09-10', '2026-09-11'] },
    });
    const id = created.body.residencies.find((r: { label: string }) => r.label === 'Regroupement de décembre').id as string;
    const preview = await t.call('POST', `/api/residencies/${id}/move-preview`, { cookie: responsable.cookie, body: { moveTo: '2026-12-25' } });
    expect(preview.status).toBe(200);
    expect(preview.body.after).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-04']);
    expect(preview.body.notes).toEqual([
      'Le 25/12/2026 est un jour férié (Jour de Noël) : le regroupement commence le 28/12.',
      'Le 01/01/2027 est un jour férié (1er janvier) : il est sauté, le regroupement garde ses 5 jours (du 28/12 au 04/01/2027).',
    ]);
    const [unchanged] = await t.db.select().from(residencies).where(eq(residencies.id, id));
    expect(unchanged!.days[0]).toBe('2026-09-07');

    const saturday = await t.call('POST', `/api/residencies/${id}/move-preview`, { cookie: responsable.cookie, body: { moveTo: '2026-10-03' } });
    expect(saturday.body.notes).toEqual(['Le 03/10/2026 tombe un samedi : le regroupement commence le 05/10.']);
    const plain = await t.call('POST', `/api/residencies/${id}/move-preview`, { cookie: responsable.cookie, body: { moveTo: '2026-10-05' } });
    expect(plain.body.notes).toEqual([]);

    const moved = await t.call('PATCH', `/api/residencies/${id}`, { cookie: responsable.cookie, body: { moveTo: '2026-12-25' } });
    expect(moved.status).toBe(200);
    expect(moved.body.residencies.find((r: { id: string }) => r.id === id).days).toEqual(preview.body.after);

    const teacher = await staffOf(t, centre.id, 'enseignant');
    expect((await t.call('POST', `/api/residencies/${id}/move-preview`, { cookie: teacher.cookie, body: { moveTo: '2026-10-05' } })).status).toBe(403);
  });
});
