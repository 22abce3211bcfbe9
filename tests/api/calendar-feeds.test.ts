import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarSessions } from '../../src/features/calendar/calendar.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, sessionAround, staffOf } from './cohorts-fixtures.js';

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

const pathOf = (url: string) => new URL(url).pathname;

/** A promotion with one session, a gestionnaire of its centre (not named on it), a teacher of the session and a learner. */
async function feedWorld() {
  const w = await createCohortWorld(t);
  const teacher = await staffOf(t, w.centre.id, 'enseignant');
  const gestionnaire = await staffOf(t, w.centre.id, 'gestionnaire');
  const learner = await enrol(t, w.cohort.id, w.responsable.cookie);
  const start = new Date('2025-03-28T08:00:00Z');
  await sessionAround(t, w.cohort.id, { startsAt: start, endsAt: new Date(start.getTime() + 3 * 3600_000), teacherIds: [teacher.user.id], title: 'Gouvernance associative' });
  const feed = async (cookie: string, body: object) => {
    const res = await t.call('POST', '/api/calendar/feeds', { cookie, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return pathOf(res.body.url as string);
  };
  return {
    ...w,
    teacher,
    gestionnaire,
    learner,
    feeds: {
      cohort: await feed(gestionnaire.cookie, { scope: 'cohort', cohortId: w.cohort.id }),
      learner: await feed(learner.cookie, { scope: 'learner' }),
      teacher: await feed(teacher.cookie, { scope: 'teacher' }),
    },
  };
}

/** Status and whether any of the promotion's data came with it. */
async function fetchFeed(path: string) {
  const res = await t.app.request(path);
  const text = await res.text();
  return { status: res.status, leaks: text.includes('BEGIN:VEVENT') || text.includes('Gouvernance associative') };
}

describe('a feed answers only while its owner may read what it shows', () => {
  let admin: { cookie: string };
  beforeAll(async () => {
    admin = await t.as('administrateur');
  });
  const patchUser = async (id: string, body: object) => {
    const res = await t.call('PATCH', `/api/users/${id}`, { cookie: admin.cookie, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  it('a disabled account’s feeds stop at once, with no data (and the same 404 as an unknown address)', async () => {
    const w = await feedWorld();
    for (const path of Object.values(w.feeds)) expect(await fetchFeed(path)).toEqual({ status: 200, leaks: true });
    for (const person of [w.gestionnaire, w.learner, w.teacher]) await patchUser(person.user.id, { disabled: true });
    for (const path of Object.values(w.feeds)) expect(await fetchFeed(path)).toEqual({ status: 404, leaks: false });
    const unknown = await t.app.request('/api/calendar/feeds/nimportequoinimportequoi.ics');
    const stopped = await t.app.request(w.feeds.cohort);
    expect(await stopped.json()).toEqual(await unknown.json());
  });

  it('a promotion’s feed stops when its creator moves to another centre; a learner’s or teacher’s when the role is taken away', async () => {
    const w = await feedWorld();
    const elsewhere = await t.createTestCentre('Centre d’arrivée');
    await patchUser(w.gestionnaire.user.id, { centreIds: [elsewhere.id] });
    expect(await fetchFeed(w.feeds.cohort)).toEqual({ status: 404, leaks: false });
    await patchUser(w.learner.user.id, { roles: ['gestionnaire'] }); // no longer « calendar:read:own »
    expect(await fetchFeed(w.feeds.learner)).toEqual({ status: 404, leaks: false });
    await patchUser(w.teacher.user.id, { roles: ['auditeur'] });
    expect(await fetchFeed(w.feeds.teacher)).toEqual({ status: 404, leaks: false });
    // Given back its rights, the feed answers again (it was never revoked).
    await patchUser(w.gestionnaire.user.id, { centreIds: [w.centre.id] });
    expect(await fetchFeed(w.feeds.cohort)).toEqual({ status: 200, leaks: true });
  });
});

describe('feed addresses', () => {
  it('are built from BASE_URL, never from the Host header of the request', async () => {
    const w = await createCohortWorld(t);
    const res = await t.app.request('http://piege.example/api/calendar/feeds', {
      method: 'POST',
      headers: { host: 'piege.example', 'x-forwarded-host': 'piege.example', origin: 'http://localhost:3000', cookie: w.responsable.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'cohort', cohortId: w.cohort.id }),
    });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(/^http:\/\/localhost:3000\/api\/calendar\/feeds\/[A-Za-z0-9_-]+\.ics$/);
    expect((await t.app.request(pathOf(url))).status).toBe(200);
  });
});

describe('a session’s remote link', () => {
  it('is a web address only: javascript:, data: and other schemes get a French 422 naming the field, and write nothing', async () => {
    const { cohort, responsable } = await createCohortWorld(t);
    const res = await t.call('POST', `/api/cohorts/${cohort.id}/residencies`, { cookie: responsable.cookie, body: { kind: 'remote', label: 'À distance', days: ['2025-04-14'] } });
    const residencyId = res.body.residencies[0].id;
    const base = { residencyId, type: 'theoretical', title: 'Séance à distance', teacherIds: [], room: null, date: '2025-04-14', startTime: '09:00', endTime: '12:00' };
    for (const remoteUrl of ['javascript:alert(document.cookie)', 'JavaScript://%0Aalert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:msgbox(1)', 'file:///etc/passwd', 'ftp://visio.example.fr/x']) {
      const refused = await t.call('POST', '/api/sessions', { cookie: responsable.cookie, body: { ...base, remoteUrl } });
      expect(refused.status, remoteUrl).toBe(422);
      expect(refused.body.issues).toEqual([{ path: 'remoteUrl', message: expect.stringContaining('Lien de visioconférence invalide') }]);
    }
    expect(await t.db.select().from(calendarSessions).where(eq(calendarSessions.cohortId, cohort.id))).toHaveLength(0);
    const accepted = await t.call('POST', '/api/sessions', { cookie: responsable.cookie, body: { ...base, remoteUrl: 'https://visio.example.fr/salle-1' } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body.remoteUrl).toBe('https://visio.example.fr/salle-1');
  });

  it('written before the rule with another scheme, is left out of the iCalendar feed; a web address is given as the event’s URL', async () => {
    const { cohort, responsable } = await createCohortWorld(t);
    const start = new Date('2025-04-15T07:00:00Z');
    const old = await sessionAround(t, cohort.id, { startsAt: start, endsAt: new Date(start.getTime() + 3600_000), title: 'Ancienne séance' });
    await t.db.update(calendarSessions).set({ room: null, remoteUrl: 'javascript:alert(1)' }).where(eq(calendarSessions.id, old.id));
    const web = await sessionAround(t, cohort.id, { startsAt: new Date(start.getTime() + 86_400_000), endsAt: new Date(start.getTime() + 86_400_000 + 3600_000), title: 'Séance web' });
    await t.db.update(calendarSessions).set({ room: null, remoteUrl: 'https://visio.example.fr/abc' }).where(eq(calendarSessions.id, web.id));
    const feed = await t.call('POST', '/api/calendar/feeds', { cookie: responsable.cookie, body: { scope: 'cohort', cohortId: cohort.id } });
    const ics = await (await t.app.request(pathOf(feed.body.url))).text();
    expect(ics.toLowerCase()).not.toContain('javascript');
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    const urlOf = (title: string) => events.find((e) => e.getFirstPropertyValue('summary') === title)?.getFirstPropertyValue('url') ?? null;
    expect(urlOf('Ancienne séance')).toBeNull();
    expect(urlOf('Séance web')).toBe('https://visio.example.fr/abc');
  });
});
