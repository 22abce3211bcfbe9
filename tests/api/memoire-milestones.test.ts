/**
 * The mémoire's milestones (issue 10, item 2; decision 022): due dates per promotion, proposed from its
 * calendar and set by its team, shown in its calendar and feeds; each learner's progress, marked by the
 * learner, their leader or supervisor, or the team, never the final deposit by hand; reminders before each
 * due date sent once per learner × milestone × reminder, even by two runners at once, at the clock's time.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/features/audit/audit.tables.js';
import { residencies } from '../../src/features/calendar/calendar.tables.js';
import { cohortStaff } from '../../src/features/cohorts/cohorts.tables.js';
import { jobs } from '../../src/features/jobs/jobs.tables.js';
import { milestoneReminders } from '../../src/features/memoire/milestones/milestones.tables.js';
import { sendMilestoneReminders } from '../../src/features/memoire/milestones/milestones.service.js';
import { notifications } from '../../src/features/notifications/notifications.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { runJobs } from '../helpers/jobs.js';
import { createCohortWorld, enrol, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type TPerson = { user: { id: string; name: string; email: string }; cookie: string };
const call = (p: TPerson | undefined, method: string, path: string, body?: unknown) => t.call(method, path, { cookie: p?.cookie, body });

/** A promotion (2024-11-04 → 2026-10-30) with its responsable, a supervising teacher, another teacher, three learners (Alice's record supervised). */
async function world() {
  const { centre, responsable, cohort } = await createCohortWorld(t);
  const teacher = await staffOf(t, centre.id, 'enseignant');
  const otherTeacher = await staffOf(t, centre.id, 'enseignant');
  await t.db.insert(cohortStaff).values([
    { cohortId: cohort.id, userId: teacher.user.id, role: 'enseignant' },
    { cohortId: cohort.id, userId: otherTeacher.user.id, role: 'enseignant' },
  ]);
  const alice = await enrol(t, cohort.id, responsable.cookie);
  const bruno = await enrol(t, cohort.id, responsable.cookie);
  const chloe = await enrol(t, cohort.id, responsable.cookie);
  const thesis = await call(alice, 'POST', `/api/cohorts/${cohort.id}/theses`, {});
  expect((await call(responsable, 'PATCH', `/api/theses/${thesis.body.id}`, { supervisorId: teacher.user.id })).status).toBe(200);
  return { centre, cohort, responsable, teacher, otherTeacher, alice, bruno, chloe, thesisId: thesis.body.id as string };
}

const ALL_DUE = [
  { kind: 'autobiography', dueOn: '2025-03-10' },
  { kind: 'question', dueOn: '2025-06-10' },
  { kind: 'plan', dueOn: '2025-10-10' },
  { kind: 'chapters', dueOn: '2026-01-10' },
  { kind: 'full_draft', dueOn: '2026-04-10' },
  { kind: 'final_deposit', dueOn: '2026-09-10' },
];

type TProgress = { learner: { id: string }; milestones: { kind: string; dueOn: string | null; status: string; doneAt: string | null; doneBy: { id: string } | null; canMark: boolean }[] };
const milestoneOf = (p: TProgress, kind: string) => p.milestones.find((m) => m.kind === kind)!;

describe('due dates of a promotion', () => {
  it('are proposed from its residencies, set by its team (audited), refused in French outside the promotion, and shown in its calendar and feeds', async () => {
    const w = await world();
    const days = ['2024-11-12', '2025-01-14', '2025-03-11', '2025-05-13', '2025-07-08', '2025-09-16', '2025-11-18', '2026-01-13', '2026-03-10', '2026-05-12', '2026-07-07', '2026-09-15'];
    await t.db.insert(residencies).values(days.map((d, i) => ({ cohortId: w.cohort.id, kind: 'on_site' as const, label: `R${i + 1}`, days: [d], startsOn: d, endsOn: d })));
    await t.db.insert(residencies).values({ cohortId: w.cohort.id, kind: 'defense', label: 'Soutenances', days: ['2026-10-20'], startsOn: '2026-10-20', endsOn: '2026-10-20' });

    const read = await call(w.responsable, 'GET', `/api/cohorts/${w.cohort.id}/milestones`);
    expect(read.status).toBe(200);
    expect(read.body.permissions).toEqual({ setDueDates: true });
    expect(read.body.items.map((i: { kind: string; proposedOn: string; dueOn: null }) => [i.kind, i.proposedOn, i.dueOn])).toEqual([
      ['autobiography', '2025-03-10', null],
      ['question', '2025-07-07', null],
      ['plan', '2025-11-17', null],
      ['chapters', '2026-03-09', null],
      ['full_draft', '2026-07-06', null],
      ['final_deposit', '2026-09-22', null],
    ]);

    const outside = await call(w.responsable, 'PUT', `/api/cohorts/${w.cohort.id}/milestones`, { items: [{ kind: 'plan', dueOn: '2027-01-10' }] });
    expect(outside.status).toBe(422);
    expect(outside.body.issues).toEqual([{ path: 'items.0.dueOn', message: 'L’échéance doit tomber pendant la promotion (du 04/11/2024 au 30/10/2026).' }]);
    const twice = await call(w.responsable, 'PUT', `/api/cohorts/${w.cohort.id}/milestones`, { items: [{ kind: 'plan', dueOn: '2025-10-10' }, { kind: 'plan', dueOn: '2025-10-11' }] });
    expect(twice.status).toBe(422);
    expect(twice.body.issues[0].path).toBe('items.1.kind');
    for (const p of [w.teacher, w.alice]) expect((await call(p, 'PUT', `/api/cohorts/${w.cohort.id}/milestones`, { items: ALL_DUE })).status).toBe(403);
    const refusedWrites = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'thesis_milestones.set'), eq(auditEvents.entityId, w.cohort.id)));
    expect(refusedWrites).toEqual([]);

    const set = await call(w.responsable, 'PUT', `/api/cohorts/${w.cohort.id}/milestones`, { items: ALL_DUE });
    expect(set.status).toBe(200);
    expect(set.body.items.map((i: { dueOn: string }) => i.dueOn)).toEqual(ALL_DUE.map((d) => d.dueOn));
    const audited = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'thesis_milestones.set'), eq(auditEvents.entityId, w.cohort.id)));
    expect(audited).toHaveLength(1);

    // In the promotion's calendar, and in the promotion's and the learner's iCalendar feeds as all-day events.
    const calendar = await call(w.responsable, 'GET', `/api/cohorts/${w.cohort.id}/calendar`);
    expect(calendar.body.markers.map((m: { on: string; title: string }) => [m.on, m.title])).toEqual([
      ['2025-03-10', 'Mémoire : autobiographie raisonnée'],
      ['2025-06-10', 'Mémoire : question'],
      ['2025-10-10', 'Mémoire : plan'],
      ['2026-01-10', 'Mémoire : chapitres'],
      ['2026-04-10', 'Mémoire : brouillon complet'],
      ['2026-09-10', 'Mémoire : dépôt final'],
    ]);
    const cohortFeed = await call(w.responsable, 'POST', '/api/calendar/feeds', { scope: 'cohort', cohortId: w.cohort.id });
    const learnerFeed = await call(w.alice, 'POST', '/api/calendar/feeds', { scope: 'learner' });
    for (const feed of [cohortFeed, learnerFeed]) {
      const ics = await (await t.app.request(new URL(feed.body.url).pathname)).text();
      expect(ics).toContain('DTSTART;VALUE=DATE:20250310');
      expect(ics).toContain('SUMMARY:Mémoire : autobiographie raisonnée');
    }
    // Cleared: gone from the calendar too.
    await call(w.responsable, 'PUT', `/api/cohorts/${w.cohort.id}/milestones`, { items: [{ kind: 'plan', dueOn: null }] });
    const after = await call(w.responsable, 'GET', `/api/cohorts/${w.cohort.id}/calendar`);
    expect(after.body.markers.map((m: { on: string }) => m.on)).not.toContain('2025-10-10');
    expect(after.body.markers).toHaveLength(5);
  });
});

describe('a learner’s progress', () => {
  it('is marked done (dated by the clock, attributed) by the learner or their supervisor, never by another learner or teacher; the final deposit never by hand', async () => {
    const w = await world();
    await call(w.responsable, 'PUT', `/api/cohorts/${w.cohort.id}/milestones`, { items: ALL_DUE });
    t.clock.set('2025-03-12T10:00:00.000Z');
    const base = `/api/cohorts/${w.cohort.id}/milestones`;

    const before = await call(w.alice, 'GET', base);
    expect(before.body.learners).toHaveLength(1);
    expect(milestoneOf(before.body.learners[0], 'autobiography')).toMatchObject({ status: 'late', dueOn: '2025-03-10', canMark: true });
    expect(milestoneOf(before.body.learners[0], 'final_deposit').canMark).toBe(false);

    const own = await call(w.alice, 'PUT', `${base}/learners/${w.alice.user.id}/done`, { kind: 'autobiography', done: true });
    expect(own.status).toBe(200);
    expect(milestoneOf(own.body, 'autobiography')).toMatchObject({ status: 'done', doneAt: '2025-03-12T10:00:00.000Z', doneBy: { id: w.alice.user.id } });

    expect((await call(w.bruno, 'PUT', `${base}/learners/${w.alice.user.id}/done`, { kind: 'question', done: true })).status).toBe(403);
    expect((await call(w.otherTeacher, 'PUT', `${base}/learners/${w.alice.user.id}/done`, { kind: 'question', done: true })).status).toBe(403);
    const bySupervisor = await call(w.teacher, 'PUT', `${base}/learners/${w.alice.user.id}/done`, { kind: 'question', done: true });
    expect(bySupervisor.status).toBe(200);
    expect(milestoneOf(bySupervisor.body, 'question').doneBy).toMatchObject({ id: w.teacher.user.id });
    // Back to do by the learner: late again (its day is past).
    t.clock.set('2025-06-20T10:00:00.000Z');
    const undone = await call(w.alice, 'PUT', `${base}/learners/${w.alice.user.id}/done`, { kind: 'question', done: false });
    expect(milestoneOf(undone.body, 'question')).toMatchObject({ status: 'late', doneAt: null, doneBy: null });

    const finalByHand = await call(w.responsable, 'PUT', `${base}/learners/${w.alice.user.id}/done`, { kind: 'final_deposit', done: true });
    expect(finalByHand.status).toBe(409);
    expect(finalByHand.body.message).toBe('Le dépôt final est marqué par le dépôt de la version finale du mémoire, pas à la main.');
    const badKind = await call(w.alice, 'PUT', `${base}/learners/${w.alice.user.id}/done`, { kind: 'brouillon', done: true });
    expect(badKind.status).toBe(422);
    expect(badKind.body.issues[0].path).toBe('kind');
  });

  it('a learner’s own due date is set by the team, not by the learner, and is the one their reminders and status follow', async () => {
    const w = await world();
    await call(w.responsable, 'PUT', `/api/cohorts/${w.cohort.id}/milestones`, { items: ALL_DUE });
    const path = `/api/cohorts/${w.cohort.id}/milestones/learners/${w.bruno.user.id}/due`;
    expect((await call(w.bruno, 'PUT', path, { kind: 'plan', dueOn: '2025-12-01' })).status).toBe(403);
    expect((await call(w.teacher, 'PUT', path, { kind: 'plan', dueOn: '2025-12-01' })).status).toBe(403);
    const set = await call(w.responsable, 'PUT', path, { kind: 'plan', dueOn: '2025-12-01' });
    expect(set.status).toBe(200);
    expect(milestoneOf(set.body, 'plan')).toMatchObject({ dueOn: '2025-12-01', ownDueOn: '2025-12-01' });
    t.clock.set('2025-10-20T10:00:00.000Z');
    const all = await call(w.responsable, 'GET', `/api/cohorts/${w.cohort.id}/milestones`);
    const byId = new Map(all.body.learners.map((l: TProgress) => [l.learner.id, l]));
    expect(milestoneOf(byId.get(w.bruno.user.id) as TProgress, 'plan').status).toBe('todo');
    expect(milestoneOf(byId.get(w.chloe.user.id) as TProgress, 'plan').status).toBe('late');
    const bad = await call(w.responsable, 'PUT', path, { kind: 'plan', dueOn: '2025-02-30' });
    expect(bad.status).toBe(422);
    expect(bad.body.issues[0].path).toBe('dueOn');
  });

  it('is read by the team for all, by a teacher for the learners they supervise only, by a learner for themself only; not at all from another centre', async () => {
    const w = await world();
    const path = `/api/cohorts/${w.cohort.id}/milestones`;
    const ids = async (p: TPerson) => ((await call(p, 'GET', path)).body.learners as TProgress[]).map((l) => l.learner.id).sort();
    expect(await ids(w.responsable)).toEqual([w.alice.user.id, w.bruno.user.id, w.chloe.user.id].sort());
    expect(await ids(w.teacher)).toEqual([w.alice.user.id]);
    expect(await ids(w.otherTeacher)).toEqual([]);
    expect(await ids(w.bruno)).toEqual([w.bruno.user.id]);
    const elsewhere = await staffOf(t, (await t.createTestCentre()).id, 'responsable_pedagogique');
    expect((await call(elsewhere, 'GET', path)).status).toBe(403);
  });
});

describe('reminders', () => {
  it('go 7 days and 1 day before, to each learner not done, once each — even with two runners at once — and not after the day', async () => {
    const w = await world();
    await call(w.responsable, 'PUT', `/api/cohorts/${w.cohort.id}/milestones`, { items: [{ kind: 'question', dueOn: '2025-06-10' }] });
    t.clock.set('2025-05-20T10:00:00.000Z');
    await call(w.chloe, 'PUT', `/api/cohorts/${w.cohort.id}/milestones/learners/${w.chloe.user.id}/done`, { kind: 'question', done: true });

    const remindersOf = () => t.db.select().from(milestoneReminders).where(eq(milestoneReminders.cohortId, w.cohort.id));
    const mailsTo = async (email: string) => (await t.db.select().from(jobs).where(eq(jobs.kind, 'mail.send'))).filter((j) => (j.payload as { to: string }).to === email);
    const notes = (userId: string) => t.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, 'memoire.milestone_reminder')));

    t.clock.set('2025-06-02T08:00:00.000Z'); // 8 days before
    await runJobs(t, { recurring: true });
    expect(await remindersOf()).toEqual([]);

    t.clock.set('2025-06-03T08:00:00.000Z'); // 7 days before: the recurring job of this slot runs
    await runJobs(t, { recurring: true });
    const week = await remindersOf();
    expect(week.map((r) => [r.learnerId, r.daysBefore]).sort()).toEqual([[w.alice.user.id, 7], [w.bruno.user.id, 7]].sort());
    expect(week.every((r) => r.sentAt.toISOString() === '2025-06-03T08:00:00.000Z')).toBe(true);
    const [note] = await notes(w.alice.user.id);
    expect(note).toMatchObject({ title: 'Mémoire : « Question » attendu dans 7 jours', link: '/mon-memoire' });
    expect(await mailsTo(w.alice.user.email)).toHaveLength(1);
    expect(await notes(w.chloe.user.id)).toEqual([]);

    // The next slot the same day and a direct call: nothing more.
    t.clock.set('2025-06-03T14:00:00.000Z');
    await runJobs(t, { recurring: true });
    await sendMilestoneReminders({ db: t.db, now: t.clock.now() });
    expect(await remindersOf()).toHaveLength(2);

    // The eve: two runners at once send the « 1 » reminder once per learner.
    t.clock.set('2025-06-09T07:00:00.000Z');
    await Promise.all([sendMilestoneReminders({ db: t.db, now: t.clock.now() }), sendMilestoneReminders({ db: t.db, now: t.clock.now() })]);
    expect((await remindersOf()).filter((r) => r.daysBefore === 1)).toHaveLength(2);
    expect(await notes(w.alice.user.id)).toHaveLength(2);
    expect(await mailsTo(w.bruno.user.email)).toHaveLength(2);

    // After the day: late, no more reminders.
    t.clock.set('2025-06-11T07:00:00.000Z');
    await sendMilestoneReminders({ db: t.db, now: t.clock.now() });
    expect(await remindersOf()).toHaveLength(4);
  });

  it('a milestone moved later is reminded again for its new date', async () => {
    const w = await world();
    await call(w.responsable, 'PUT', `/api/cohorts/${w.cohort.id}/milestones`, { items: [{ kind: 'plan', dueOn: '2025-10-10' }] });
    const sentFor = async () => (await t.db.select().from(milestoneReminders).where(eq(milestoneReminders.cohortId, w.cohort.id))).map((r) => `${r.dueOn}:${r.daysBefore}`).sort();
    t.clock.set('2025-10-09T07:00:00.000Z');
    await sendMilestoneReminders({ db: t.db, now: t.clock.now() });
    expect(await sentFor()).toEqual(Array(3).fill('2025-10-10:1'));
    await call(w.responsable, 'PUT', `/api/cohorts/${w.cohort.id}/milestones`, { items: [{ kind: 'plan', dueOn: '2025-10-16' }] });
    await sendMilestoneReminders({ db: t.db, now: t.clock.now() });
    await sendMilestoneReminders({ db: t.db, now: t.clock.now() });
    expect(await sentFor()).toEqual([...Array(3).fill('2025-10-10:1'), ...Array(3).fill('2025-10-16:7')]);
  });
});
