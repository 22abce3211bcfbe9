import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const parisClock = (d: Date) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit' }).format(d);

function parse(ics: string) {
  const comp = new ICAL.Component(ICAL.parse(ics));
  return comp.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return { uid: e.uid, sequence: e.sequence, summary: e.summary, start: e.startDate.toJSDate(), end: e.endDate.toJSDate(), location: e.location };
  });
}

describe('iCalendar feeds', () => {
  it('per promotion, learner and teacher: stable UIDs, SEQUENCE on change, Paris times across the DST change, revocable', async () => {
    const { cohort, responsable, centre } = await createCohortWorld(t);
    const teacher = await staffOf(t, centre.id, 'enseignant');
    const learner = await enrol(t, cohort.id, responsable.cookie);
    const res = await t.call('POST', `/api/cohorts/${cohort.id}/residencies`, { cookie: responsable.cookie, body: { kind: 'on_site', label: 'Mars', days: ['2025-03-28', '2025-03-31'] } });
    const residencyId = res.body.residencies[0].id;
    const base = { residencyId, type: 'theoretical', title: 'Histoire de l’ESS', teacherIds: [teacher.user.id], room: 'Amphi C', remoteUrl: null, startTime: '09:00', endTime: '12:30' };
    const before = await t.call('POST', '/api/sessions', { cookie: responsable.cookie, body: { ...base, date: '2025-03-28' } });
    const after = await t.call('POST', '/api/sessions', { cookie: responsable.cookie, body: { ...base, date: '2025-03-31' } });
    expect(after.status).toBe(201);

    const cohortFeed = await t.call('POST', '/api/calendar/feeds', { cookie: responsable.cookie, body: { scope: 'cohort', cohortId: cohort.id } });
    expect(cohortFeed.status).toBe(201);
    const learnerFeed = await t.call('POST', '/api/calendar/feeds', { cookie: learner.cookie, body: { scope: 'learner' } });
    const teacherFeed = await t.call('POST', '/api/calendar/feeds', { cookie: teacher.cookie, body: { scope: 'teacher' } });
    expect(learnerFeed.status).toBe(201);
    expect(teacherFeed.status).toBe(201);
    const pathOf = (url: string) => new URL(url).pathname;

    for (const feed of [cohortFeed, learnerFeed, teacherFeed]) {
      const ics = await t.app.request(pathOf(feed.body.url));
      expect(ics.status).toBe(200);
      expect(ics.headers.get('content-type')).toContain('text/calendar');
      const events = parse(await ics.text());
      expect(events.map((e) => e.uid).sort()).toEqual([`${before.body.id}@movsc`, `${after.body.id}@movsc`].sort());
      // 09:00 in Paris on both sides of the change to summer time (30 March 2025).
      expect(events.map((e) => parisClock(e.start)).sort()).toEqual(['28/03 09:00', '31/03 09:00']);
      expect(events.map((e) => e.start.toISOString()).sort()).toEqual(['2025-03-28T08:00:00.000Z', '2025-03-31T07:00:00.000Z']);
      expect(events.every((e) => e.sequence === 0 && e.location === 'Amphi C')).toBe(true);
    }

    const moved = await t.call('PUT', `/api/sessions/${after.body.id}`, { cookie: responsable.cookie, body: { ...base, date: '2025-03-31', startTime: '13:30', endTime: '17:00', room: 'Salle 12' } });
    expect(moved.status).toBe(200);
    const updated = parse(await (await t.app.request(pathOf(cohortFeed.body.url))).text()).find((e) => e.uid === `${after.body.id}@movsc`)!;
    expect(updated.sequence).toBe(1);
    expect(parisClock(updated.start)).toBe('31/03 13:30');
    expect(updated.location).toBe('Salle 12');

    const outsider = await t.as('auditeur');
    expect((await t.call('POST', '/api/calendar/feeds', { cookie: outsider.cookie, body: { scope: 'cohort', cohortId: cohort.id } })).status).toBe(403);
    expect((await t.call('DELETE', `/api/calendar/feeds/${cohortFeed.body.id}`, { cookie: learner.cookie })).status).toBe(403);
    expect((await t.call('DELETE', `/api/calendar/feeds/${cohortFeed.body.id}`, { cookie: responsable.cookie })).status).toBe(204);
    expect((await t.app.request(pathOf(cohortFeed.body.url))).status).toBe(404);
    expect((await t.app.request(pathOf(learnerFeed.body.url))).status).toBe(200);
    expect((await t.app.request('/api/calendar/feeds/nimportequoinimportequoi.ics')).status).toBe(404);
  });
});
