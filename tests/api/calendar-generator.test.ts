/**
 * Issue 8, item 3: the generator planned up to 2031 for a promotion ending in 2030, accepted a first
 * day before the promotion's start, spaced residencies six weeks apart and ended the soutenances four
 * months early. Seed 001: « deux années au rythme de cinq jours tous les deux mois environ ».
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysBetween } from '../../src/features/calendar/calendar.dates.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type TCal = { residencies: { kind: string; days: string[] }[] };

describe('calendar generator (promotion 04/11/2024 → 30/10/2026)', () => {
  it('refuses a first day after the promotion’s end or before its start: 422 naming « premier jour », nothing written', async () => {
    const { cohort, responsable } = await createCohortWorld(t);
    const after = await t.call('POST', `/api/cohorts/${cohort.id}/calendar/generate`, { cookie: responsable.cookie, body: { startsOn: '2026-11-02' } });
    expect(after.status).toBe(422);
    expect(after.body.issues).toEqual([{ path: 'startsOn', message: 'Le premier jour (02/11/2026) est après la fin de la promotion (30/10/2026).' }]);
    const before = await t.call('POST', `/api/cohorts/${cohort.id}/calendar/generate`, { cookie: responsable.cookie, body: { startsOn: '2024-10-07' } });
    expect(before.status).toBe(422);
    expect(before.body.issues[0]).toEqual({ path: 'startsOn', message: 'Le premier jour (07/10/2024) est avant le début de la promotion (04/11/2024).' });
    const late = await t.call('POST', `/api/cohorts/${cohort.id}/calendar/generate`, { cookie: responsable.cookie, body: { startsOn: '2026-06-01' } });
    expect(late.status).toBe(422);
    expect(late.body.issues[0].message).toContain('premier jour');
    const cal = await t.call('GET', `/api/cohorts/${cohort.id}/calendar`, { cookie: responsable.cookie });
    expect(cal.body.residencies).toEqual([]);
  });

  it('plans inside the promotion, a residency about every two months, the soutenances in its last six weeks', async () => {
    const { cohort, responsable } = await createCohortWorld(t);
    const res = await t.call('POST', `/api/cohorts/${cohort.id}/calendar/generate`, { cookie: responsable.cookie, body: { startsOn: '2024-11-04', withSessions: false } });
    expect(res.status).toBe(200);
    const cal = res.body as TCal;
    const days = cal.residencies.flatMap((r) => r.days).sort();
    expect(days[0]).toBe('2024-11-04');
    expect(days.at(-1)! <= '2026-10-30').toBe(true);
    const starts = cal.residencies.filter((r) => r.kind === 'on_site').map((r) => r.days[0]!);
    expect(starts).toHaveLength(14);
    const meanGap = daysBetween(starts[0]!, starts.at(-1)!) / 13;
    expect(meanGap).toBeGreaterThanOrEqual(48);
    const defense = cal.residencies.find((r) => r.kind === 'defense')!;
    expect(daysBetween(defense.days[0]!, '2026-10-30')).toBeLessThanOrEqual(42);
  });
});
