/**
 * Individual follow-up (issue 10, item 4; decision 023): a learner asks their supervisor or atelier
 * leader for a meeting; the teacher accepts, proposes another time (the learner accepts or proposes
 * others) or declines; then holds it and logs it with notes shared or private. Every change dated by
 * the clock and attributed, one winner of two answers at once, a notification to the other party, hours
 * per learner and per teacher beside the maquette's 70 h of ateliers; a private note never leaves its author.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/features/audit/audit.tables.js';
import { notifications } from '../../src/features/notifications/notifications.tables.js';
import { cohortStaff } from '../../src/features/cohorts/cohorts.tables.js';
import { atelierGroups, atelierMembers } from '../../src/features/memoire/ateliers/ateliers.tables.js';
import { findLearnerMeetingDigest, findPendingMeetingRequests } from '../../src/features/memoire/followup/followup.service.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type TPerson = { user: { id: string; name: string; email: string }; cookie: string };
const call = (p: TPerson | undefined, method: string, path: string, body?: unknown) => t.call(method, path, { cookie: p?.cookie, body });

/** A promotion, its responsable and gestionnaire, two teachers on its staff, two learners; Alice's mémoire is supervised by `teacher`. */
async function world() {
  t.clock.set('2026-03-10T09:00:00.000Z');
  const { centre, responsable, cohort } = await createCohortWorld(t);
  const gestionnaire = await staffOf(t, centre.id, 'gestionnaire');
  const teacher = await staffOf(t, centre.id, 'enseignant');
  const otherTeacher = await staffOf(t, centre.id, 'enseignant');
  await t.db.insert(cohortStaff).values([
    { cohortId: cohort.id, userId: teacher.user.id, role: 'enseignant' },
    { cohortId: cohort.id, userId: otherTeacher.user.id, role: 'enseignant' },
  ]);
  const alice = await enrol(t, cohort.id, responsable.cookie);
  const bruno = await enrol(t, cohort.id, responsable.cookie);
  const thesis = await call(alice, 'POST', `/api/cohorts/${cohort.id}/theses`, { title: 'Mémoire' });
  expect((await call(responsable, 'PATCH', `/api/theses/${thesis.body.id}`, { supervisorId: teacher.user.id })).status).toBe(200);
  return { centre, cohort, responsable, gestionnaire, teacher, otherTeacher, alice, bruno };
}

type TWorld = Awaited<ReturnType<typeof world>>;
const SLOTS = ['2026-03-17T13:00:00.000Z', '2026-03-18T08:00:00.000Z'];

async function request(w: TWorld, body: Record<string, unknown> = {}) {
  const res = await call(w.alice, 'POST', `/api/cohorts/${w.cohort.id}/meetings`, { teacherId: w.teacher.user.id, proposedTimes: SLOTS, mode: 'video', subject: 'Ma question de recherche', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; state: string };
}
const act = (p: TPerson, id: string, body: Record<string, unknown>) => call(p, 'POST', `/api/meetings/${id}/transitions`, body);
const notificationsOf = async (p: TPerson) => (await call(p, 'GET', '/api/notifications')).body.items as { kind: string; title: string; body: string; link: string }[];

describe('a follow-up meeting', () => {
  it('is asked, counter-proposed, answered with other times, accepted, held and logged: each change dated, attributed and notified to the other party', async () => {
    const w = await world();
    t.clock.set('2026-03-10T09:00:00.000Z');
    const m = await request(w);
    expect(m.state).toBe('requested');
    expect((await notificationsOf(w.teacher)).map((n) => [n.kind, n.link])).toEqual([['meeting.requested', '/suivi-individuel']]);

    t.clock.set('2026-03-10T10:00:00.000Z');
    const counter = await act(w.teacher, m.id, { action: 'counter', at: '2026-03-19T15:00:00+01:00', message: 'Plutôt jeudi' });
    expect(counter.status, JSON.stringify(counter.body)).toBe(200);
    expect(counter.body).toMatchObject({ state: 'counter_proposed', counterAt: '2026-03-19T14:00:00.000Z' });
    expect((await notificationsOf(w.alice)).map((n) => n.kind)).toEqual(['meeting.answered']);

    t.clock.set('2026-03-10T11:00:00.000Z');
    const refused = await act(w.alice, m.id, { action: 'refuse_counter', proposedTimes: ['2026-03-20T09:00:00.000Z'] });
    expect(refused.body).toMatchObject({ state: 'requested', counterAt: null, proposedTimes: ['2026-03-20T09:00:00.000Z'] });
    // The teacher accepts only a time the learner proposed (or proposes another).
    const wrongTime = await act(w.teacher, m.id, { action: 'accept', at: SLOTS[0] });
    expect(wrongTime.status).toBe(422);
    expect(wrongTime.body.issues[0].path).toBe('at');
    t.clock.set('2026-03-10T12:00:00.000Z');
    const accepted = await act(w.teacher, m.id, { action: 'accept', at: '2026-03-20T09:00:00.000Z' });
    expect(accepted.body).toMatchObject({ state: 'accepted', scheduledAt: '2026-03-20T09:00:00.000Z' });
    expect(accepted.body.actions).toEqual(['hold', 'cancel']);

    // Logged once held, never before.
    const early = await act(w.teacher, m.id, { action: 'hold', heldAt: '2026-03-20T09:00:00.000Z', durationMinutes: 45, mode: 'phone' });
    expect(early.status).toBe(422);
    expect(early.body.issues[0].path).toBe('heldAt');
    t.clock.set('2026-03-20T10:00:00.000Z');
    const held = await act(w.teacher, m.id, {
      action: 'hold',
      heldAt: '2026-03-20T09:00:00.000Z',
      durationMinutes: 45,
      mode: 'phone',
      notes: [
        { body: 'Plan en trois parties validé.', visibility: 'shared' },
        { body: 'NOTE-PRIVEE-fragile, à revoir', visibility: 'private' },
      ],
    });
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    expect(held.body).toMatchObject({ state: 'held', heldAt: '2026-03-20T09:00:00.000Z', durationMinutes: 45, heldMode: 'phone', actions: [], canWriteNotes: true });
    expect(held.body.notes.map((n: { visibility: string }) => n.visibility)).toEqual(['shared', 'private']);
    expect(held.body.history.map((e: { at: string; actor: { id: string }; toState: string }) => [e.at, e.actor.id, e.toState])).toEqual([
      ['2026-03-10T09:00:00.000Z', w.alice.user.id, 'requested'],
      ['2026-03-10T10:00:00.000Z', w.teacher.user.id, 'counter_proposed'],
      ['2026-03-10T11:00:00.000Z', w.alice.user.id, 'requested'],
      ['2026-03-10T12:00:00.000Z', w.teacher.user.id, 'accepted'],
      ['2026-03-20T10:00:00.000Z', w.teacher.user.id, 'held'],
    ]);

    // Hours: per learner, per teacher, beside the 70 h of ateliers of RNCP 41336.
    const mine = await call(w.alice, 'GET', '/api/me/followup');
    expect(mine.body.items[0]).toMatchObject({ cohortId: w.cohort.id, heldMinutes: 45, workshopHours: 70 });
    expect(mine.body.items[0].mentors).toEqual([{ id: w.teacher.user.id, name: w.teacher.user.name, leadsGroup: false, supervises: true }]);
    const hours = await call(w.responsable, 'GET', `/api/cohorts/${w.cohort.id}/mentoring-hours`);
    expect(hours.body.workshopHours).toBe(70);
    expect(hours.body.teachers).toEqual([{ person: { id: w.teacher.user.id, name: w.teacher.user.name }, minutes: 45, meetings: 1 }]);
    expect(hours.body.learners.find((l: { person: { id: string } }) => l.person.id === w.alice.user.id).minutes).toBe(45);
    expect(hours.body.learners.find((l: { person: { id: string } }) => l.person.id === w.bruno.user.id).minutes).toBe(0);
    const teacherView = await call(w.teacher, 'GET', '/api/me/mentoring');
    expect(teacherView.body.heldMinutes).toBe(45);
    expect(teacherView.body.learners).toEqual([expect.objectContaining({ learner: { id: w.alice.user.id, name: w.alice.user.name }, supervises: true, heldMinutesWithMe: 45, heldMinutes: 45, workshopHours: 70 })]);
  });

  it('a private note never leaves the teacher: not to the learner, not to staff, not in notifications nor in the audit log', async () => {
    const w = await world();
    const m = await request(w);
    await act(w.teacher, m.id, { action: 'accept', at: SLOTS[0] });
    t.clock.set('2026-03-17T14:00:00.000Z');
    const secret = `SECRET-${m.id}`;
    expect((await act(w.teacher, m.id, { action: 'hold', heldAt: SLOTS[0], durationMinutes: 60, mode: 'video', notes: [{ body: secret, visibility: 'private' }] })).status).toBe(200);
    const later = await call(w.teacher, 'POST', `/api/meetings/${m.id}/notes`, { body: `${secret} bis`, visibility: 'private' });
    expect(later.status).toBe(201);
    expect((await call(w.teacher, 'POST', `/api/meetings/${m.id}/notes`, { body: 'Lire Desroche.', visibility: 'shared' })).status).toBe(201);

    const answers = [
      await call(w.alice, 'GET', `/api/meetings/${m.id}`),
      await call(w.alice, 'GET', '/api/me/followup'),
      await call(w.alice, 'GET', '/api/notifications'),
      await call(w.responsable, 'GET', `/api/meetings/${m.id}`),
      await call(w.gestionnaire, 'GET', `/api/cohorts/${w.cohort.id}/learners/${w.alice.user.id}/followup`),
      await call(w.responsable, 'GET', `/api/cohorts/${w.cohort.id}/mentoring-hours`),
    ];
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(JSON.stringify(a.body)).not.toContain('SECRET-');
    }
    expect(answers[0]!.body.notes.map((n: { body: string }) => n.body)).toEqual(['Lire Desroche.']);
    expect(answers[3]!.body.notes.map((n: { body: string }) => n.body)).toEqual(['Lire Desroche.']);
    // Another teacher of the promotion who does not mentor Alice reads nothing of her follow-up.
    expect((await call(w.otherTeacher, 'GET', `/api/meetings/${m.id}`)).status).toBe(403);
    const leaks = await t.db.select({ id: auditEvents.id }).from(auditEvents).where(sql`(coalesce(${auditEvents.before}::text, '') || coalesce(${auditEvents.after}::text, '')) like ${'%SECRET-%'}`);
    expect(leaks).toEqual([]);
    const told = await t.db.select({ id: notifications.id }).from(notifications).where(sql`${notifications.body} like ${'%SECRET-%'} or ${notifications.title} like ${'%SECRET-%'}`);
    expect(told).toEqual([]);
    // The author reads both of their private notes.
    const own = await call(w.teacher, 'GET', `/api/meetings/${m.id}`);
    expect(own.body.notes.filter((n: { visibility: string }) => n.visibility === 'private')).toHaveLength(2);
  });

  it('refuses in French: a teacher who is not one’s mentor, a past time, an answer from the wrong side, a decline without reason, an act on a closed meeting', async () => {
    const w = await world();
    const notMentor = await call(w.alice, 'POST', `/api/cohorts/${w.cohort.id}/meetings`, { teacherId: w.otherTeacher.user.id, proposedTimes: SLOTS, mode: 'phone', subject: 'Question' });
    expect(notMentor.status).toBe(422);
    expect(notMentor.body.issues).toEqual([{ path: 'teacherId', message: 'Choisissez la personne qui anime votre atelier mémoire ou dirige votre mémoire.' }]);
    const past = await call(w.alice, 'POST', `/api/cohorts/${w.cohort.id}/meetings`, { teacherId: w.teacher.user.id, proposedTimes: ['2026-03-01T10:00:00.000Z'], mode: 'phone', subject: 'Question' });
    expect(past.status).toBe(422);
    expect(past.body.issues[0]).toEqual({ path: 'proposedTimes.0', message: 'Ce créneau est déjà passé : proposez une date à venir.' });
    const badMode = await call(w.alice, 'POST', `/api/cohorts/${w.cohort.id}/meetings`, { teacherId: w.teacher.user.id, proposedTimes: SLOTS, mode: 'pigeon', subject: 'Question' });
    expect(badMode.status).toBe(422);
    expect(badMode.body.issues[0].path).toBe('mode');
    // Bruno is not Alice's mentor, nor is he supervised by this teacher.
    expect((await call(w.bruno, 'POST', `/api/cohorts/${w.cohort.id}/meetings`, { teacherId: w.teacher.user.id, proposedTimes: SLOTS, mode: 'phone', subject: 'Q' })).status).toBe(422);

    const m = await request(w);
    const selfAccept = await act(w.alice, m.id, { action: 'accept', at: SLOTS[0] });
    expect(selfAccept.status).toBe(403);
    expect(selfAccept.body.message).toMatch(/revient à l’enseignant·e/);
    expect((await act(w.bruno, m.id, { action: 'cancel' })).status).toBe(403);
    expect((await act(w.responsable, m.id, { action: 'decline', reason: 'Non' })).status).toBe(403);
    const noReason = await act(w.teacher, m.id, { action: 'decline', reason: '  ' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.issues[0]).toEqual({ path: 'reason', message: 'Indiquez le motif du refus.' });
    const unknown = await act(w.teacher, m.id, { action: 'ignore' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.issues[0].path).toBe('action');
    const declined = await act(w.teacher, m.id, { action: 'decline', reason: 'Je suis en congé : voyez votre animatrice d’atelier.' });
    expect(declined.body).toMatchObject({ state: 'declined', declineReason: 'Je suis en congé : voyez votre animatrice d’atelier.' });
    const again = await act(w.teacher, m.id, { action: 'accept', at: SLOTS[0] });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/à l’état « Refusé »/);
    expect((await call(w.teacher, 'POST', `/api/meetings/${m.id}/notes`, { body: 'x', visibility: 'shared' })).status).toBe(409);
    // Bruno reads nothing of Alice's follow-up; the other teacher neither.
    expect((await call(w.bruno, 'GET', `/api/meetings/${m.id}`)).status).toBe(403);
    expect((await call(w.bruno, 'GET', `/api/cohorts/${w.cohort.id}/learners/${w.alice.user.id}/followup`)).status).toBe(403);
    expect((await call(w.otherTeacher, 'GET', `/api/cohorts/${w.cohort.id}/learners/${w.alice.user.id}/followup`)).status).toBe(403);
    expect((await call(w.bruno, 'GET', '/api/me/followup')).body.items[0].meetings).toEqual([]);
    expect((await call(w.otherTeacher, 'GET', `/api/cohorts/${w.cohort.id}/mentoring-hours`)).status).toBe(403);
  });

  it('two answers at once (the teacher accepts while the learner cancels): one wins, the other gets a French 409', async () => {
    const w = await world();
    const m = await request(w);
    const [accept, cancel] = await Promise.all([act(w.teacher, m.id, { action: 'accept', at: SLOTS[1] }), act(w.alice, m.id, { action: 'cancel', reason: 'Finalement non' })]);
    const statuses = [accept.status, cancel.status].sort();
    // The cancel may also win after the accept (an accepted meeting can still be cancelled): then both pass, in order.
    if (statuses[0] === 200 && statuses[1] === 200) {
      expect(cancel.body.state).toBe('cancelled');
    } else {
      expect(statuses).toEqual([200, 409]);
    }
    const final = await call(w.alice, 'GET', `/api/meetings/${m.id}`);
    expect(final.body.history.length).toBe(1 + statuses.filter((s) => s === 200).length);
    // Two identical answers at once: exactly one is recorded.
    const m2 = await request(w);
    const both = await Promise.all([act(w.teacher, m2.id, { action: 'decline', reason: 'Non' }), act(w.teacher, m2.id, { action: 'accept', at: SLOTS[0] })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await call(w.alice, 'GET', `/api/meetings/${m2.id}`)).body.history).toHaveLength(2);
  });

  it('the leader of the learner’s atelier group may be asked too; the dashboards read pending requests and the next meeting', async () => {
    const w = await world();
    const [group] = await t.db.insert(atelierGroups).values({ cohortId: w.cohort.id, number: 1, leaderId: w.otherTeacher.user.id, since: t.clock.now() }).returning();
    await t.db.insert(atelierMembers).values({ cohortId: w.cohort.id, learnerId: w.alice.user.id, groupId: group!.id, since: t.clock.now() });
    const mentors = (await call(w.alice, 'GET', '/api/me/followup')).body.items[0].mentors as { id: string; leadsGroup: boolean }[];
    expect(mentors.map((m) => [m.id, m.leadsGroup]).sort()).toEqual([[w.otherTeacher.user.id, true], [w.teacher.user.id, false]].sort());
    const m = await request(w, { teacherId: w.otherTeacher.user.id });
    expect((await findPendingMeetingRequests({ db: t.db, teacherId: w.otherTeacher.user.id })).map((r) => [r.id, r.learner.id])).toEqual([[m.id, w.alice.user.id]]);
    expect((await findPendingMeetingRequests({ db: t.db, teacherId: w.teacher.user.id }))).toEqual([]);
    await act(w.otherTeacher, m.id, { action: 'counter', at: '2026-03-25T10:00:00.000Z' });
    let digest = await findLearnerMeetingDigest({ db: t.db, learnerId: w.alice.user.id, now: t.clock.now() });
    expect(digest.nextMeeting).toBeNull();
    expect(digest.awaitingAnswer.map((a) => a.id)).toEqual([m.id]);
    await act(w.alice, m.id, { action: 'accept_counter' });
    digest = await findLearnerMeetingDigest({ db: t.db, learnerId: w.alice.user.id, now: t.clock.now() });
    expect(digest).toEqual({ nextMeeting: expect.objectContaining({ id: m.id, scheduledAt: '2026-03-25T10:00:00.000Z' }), awaitingAnswer: [] });
    // Once its time has passed it is no longer "next".
    expect((await findLearnerMeetingDigest({ db: t.db, learnerId: w.alice.user.id, now: new Date('2026-03-26T00:00:00.000Z') })).nextMeeting).toBeNull();
    const teacherView = await call(w.otherTeacher, 'GET', '/api/me/mentoring');
    expect(teacherView.body.toLog.map((x: { id: string }) => x.id)).toEqual([m.id]);
    expect(teacherView.body.learners[0]).toMatchObject({ learner: { id: w.alice.user.id }, leadsGroup: true, supervises: false });
  });
});

describe('« Mon suivi » of a learner in two promotions', () => {
  it('lists both, named, the promotion in progress today before one to come', async () => {
    const w = await world();
    const later = await t.call('POST', '/api/cohorts', {
      cookie: w.responsable.cookie,
      body: { number: 90, centreId: w.centre.id, certificationVersionCode: 'RNCP41336', startsOn: '2026-11-02', endsOn: '2028-10-27', capacity: 20, staff: [{ userId: w.responsable.user.id, role: 'responsable_pedagogique' }] },
    });
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    expect((await t.call('POST', `/api/cohorts/${later.body.id}/learners`, { cookie: w.responsable.cookie, body: { userId: w.alice.user.id, funderLabel: null } })).status).toBe(201);
    const items = (await call(w.alice, 'GET', '/api/me/followup')).body.items as { cohortId: string; cohortName: string }[];
    // Today is 10/03/2026: the world's promotion (04/11/2024 → 30/10/2026) is in progress, the other starts 02/11/2026.
    expect(items.map((i) => i.cohortId)).toEqual([w.cohort.id, later.body.id]);
    expect(items.map((i) => i.cohortName)).toEqual([w.cohort.name, later.body.name]);
  });
});
