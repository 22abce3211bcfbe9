/**
 * Ateliers mémoire (issue 10, item 1; decision 020): declarations, a proposal solved by the job runner
 * (HiGHS in a worker), acceptance under a lock (two accepts at once: one wins, the other a 409), moves by
 * hand with what they break listed before confirming, the append-only history of changes, who reads
 * which group, and the calendar showing each learner and leader their own group's atelier sessions.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarSessions, residencies } from '../../src/features/calendar/calendar.tables.js';
import { cohortLearners, cohortStaff } from '../../src/features/cohorts/cohorts.tables.js';
import { atelierMembershipEvents } from '../../src/features/memoire/ateliers/ateliers.tables.js';
import { loadMentorRelation } from '../../src/policies/memoire-relations.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { runJobs } from '../helpers/jobs.js';
import { createCohortWorld, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type TPerson = { user: { id: string; name: string }; cookie: string };
const call = (p: TPerson | undefined, method: string, path: string, body?: unknown) => t.call(method, path, { cookie: p?.cookie, body });

/** A promotion with its responsable, two teachers named on its staff, `n` learners (the first three signed in). */
async function world(n: number) {
  const { centre, responsable, cohort } = await createCohortWorld(t, { capacity: 30 });
  const teachers: TPerson[] = [];
  for (const name of ['Anne Animatrice', 'Paul Animateur']) {
    const user = await t.createTestUser({ roles: ['enseignant'], centreIds: [centre.id], name: `${name} ${randomUUID().slice(0, 3)}` });
    await t.db.insert(cohortStaff).values({ cohortId: cohort.id, userId: user.id, role: 'enseignant' });
    teachers.push({ user, cookie: await t.signIn(user.email) });
  }
  const learners: TPerson[] = [];
  for (let i = 0; i < n; i++) {
    const user = await t.createTestUser({ roles: ['auditeur'], centreIds: [centre.id], name: `Auditeur ${String(i).padStart(2, '0')} ${randomUUID().slice(0, 3)}` });
    await t.db.insert(cohortLearners).values({ cohortId: cohort.id, userId: user.id });
    learners.push({ user, cookie: i < 3 ? await t.signIn(user.email) : '' });
  }
  return { centre, cohort, responsable, teachers, learners };
}

type TAteliers = { scope: string; groups: { id: string; number: number; leader: { id: string; name: string }; members: { id: string }[] }[]; ungrouped: { id: string }[] };

async function proposeAndSolve(cohortId: string, who: TPerson) {
  const asked = await call(who, 'POST', `/api/cohorts/${cohortId}/ateliers/proposals`, { timeLimitSeconds: 20 });
  expect(asked.status, JSON.stringify(asked.body)).toBe(202);
  expect(asked.body.status).toBe('queued');
  expect(asked.body.progress).toMatchObject({ jobStatus: 'pending', elapsedSeconds: 0 });
  // On PostgreSQL the jobs table is shared with the test files running alongside: one pass of the runner
  // takes at most 100 due jobs, which may not include this one yet.
  let read = await call(who, 'GET', `/api/atelier-proposals/${asked.body.id}`);
  for (let pass = 0; pass < 40 && (read.body.status === 'queued' || read.body.status === 'solving'); pass++) {
    // Solving in another file's runner: give it time.
    if (read.body.status === 'solving') await new Promise((resolve) => setTimeout(resolve, 250));
    await runJobs(t);
    read = await call(who, 'GET', `/api/atelier-proposals/${asked.body.id}`);
  }
  expect(read.status).toBe(200);
  return read.body;
}

async function workshopSession(cohortId: string, startsAt: string) {
  const day = startsAt.slice(0, 10);
  const [r] = await t.db.insert(residencies).values({ cohortId, kind: 'on_site', label: 'Regroupement', days: [day], startsOn: day, endsOn: day }).returning();
  const [s] = await t.db
    .insert(calendarSessions)
    .values({ cohortId, residencyId: r!.id, type: 'thesis_workshop', title: 'Atelier mémoire', room: 'Salle 3', startsAt: new Date(startsAt), endsAt: new Date(new Date(startsAt).getTime() + 3 * 3600_000) })
    .returning();
  return s!;
}

describe('ateliers mémoire', () => {
  it('propose (job, progress) → read (objective, bound, gap, groups) → accept → calendar titles → move with confirmation → history', async () => {
    const w = await world(11);
    const [anne, paul] = w.teachers as [TPerson, TPerson];
    const L = w.learners;
    t.clock.set('2026-03-10T09:00:00.000Z');
    // Declarations: L0 wishes Paul, L1 and L2 must not be together, L3 and L4 asked to be together.
    expect((await call(L[0], 'PUT', `/api/cohorts/${w.cohort.id}/ateliers/wishes`, { wishedLeaderId: paul.user.id, wishedTheme: 'Gouvernance' })).status).toBe(200);
    const apart = await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/ateliers/pairs`, { kind: 'apart', learnerIds: [L[1]!.user.id, L[2]!.user.id], reason: 'Collègues de la même association' });
    expect(apart.status, JSON.stringify(apart.body)).toBe(201);
    expect((await call(L[0], 'POST', `/api/cohorts/${w.cohort.id}/ateliers/pairs`, { kind: 'apart', learnerIds: [L[0]!.user.id, L[5]!.user.id] })).status).toBe(403);
    expect((await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/ateliers/pairs`, { kind: 'together', learnerIds: [L[3]!.user.id, L[4]!.user.id] })).status).toBe(201);
    const leader = await call(w.responsable, 'PUT', `/api/cohorts/${w.cohort.id}/ateliers/leaders`, { leaderId: paul.user.id, maxGroups: 1, themes: ['Gouvernance'] });
    expect(leader.status).toBe(200);
    expect(leader.body.leaders.map((l: { id: string }) => l.id).sort()).toEqual([anne.user.id, paul.user.id].sort());
    // A learner reads their own declarations only.
    const own = await call(L[0], 'GET', `/api/cohorts/${w.cohort.id}/ateliers/declarations`);
    expect(own.body.learners.map((l: { id: string }) => l.id)).toEqual([L[0]!.user.id]);
    expect(own.body.pairs).toEqual([]);

    const p = await proposeAndSolve(w.cohort.id, w.responsable);
    expect(p.status).toBe('ready');
    expect(p.solverStatus).toBe('optimal');
    expect(p.gap).toBe(0);
    expect(p.objective).toBe(p.bound);
    expect(p.groups.map((g: { members: unknown[] }) => g.members.length).sort()).toEqual([5, 6]);
    const paulsGroup = p.groups.find((g: { leader: { id: string } }) => g.leader.id === paul.user.id);
    expect(paulsGroup.members.map((m: { id: string }) => m.id)).toContain(L[0]!.user.id);
    expect(p.wishes).toMatchObject({ leader: { met: 1, of: 1 }, together: { met: 1, of: 1 } });

    t.clock.set('2026-03-10T09:05:00.000Z');
    const accepted = await call(w.responsable, 'POST', `/api/atelier-proposals/${p.id}/accept`, { confirm: true, reason: 'Groupes de la première année' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const groups = (accepted.body as TAteliers).groups;
    expect(groups.map((g) => g.number)).toEqual([1, 2]);
    const events = await t.db.select().from(atelierMembershipEvents).where(eq(atelierMembershipEvents.cohortId, w.cohort.id));
    expect(events).toHaveLength(11);
    expect(events.every((e) => e.kind === 'proposal' && e.reason === 'Groupes de la première année' && e.at.toISOString() === '2026-03-10T09:05:00.000Z' && e.actorId === w.responsable.user.id)).toBe(true);
    // Accepting it again: a 409 in French.
    const again = await call(w.responsable, 'POST', `/api/atelier-proposals/${p.id}/accept`, { confirm: true });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/acceptée/);

    // Mentor relation for the other helpers' policies.
    const g1 = groups[0]!;
    const member = g1.members[0]!.id;
    expect(await loadMentorRelation(t.db, g1.leader.id, member, w.cohort.id)).toEqual({ leadsGroup: true, supervises: false });
    const otherLeader = groups[1]!.leader.id;
    expect(await loadMentorRelation(t.db, otherLeader, member, w.cohort.id)).toEqual({ leadsGroup: false, supervises: false });

    // Calendar: the leader sees their group's atelier session (without teaching it); each learner their own group's.
    const session = await workshopSession(w.cohort.id, '2026-04-02T07:00:00.000Z');
    const leaderOf = (g: TAteliers['groups'][number]) => (g.leader.id === anne.user.id ? anne : paul);
    for (const g of groups) {
      const mine = await call(leaderOf(g), 'GET', '/api/me/sessions');
      const s = mine.body.items.find((x: { id: string }) => x.id === session.id);
      expect(s?.title).toBe(`Atelier mémoire — groupe ${g.number} (animé par ${g.leader.name})`);
    }
    for (const learner of [L[0]!, L[1]!, L[2]!]) {
      const g = groups.find((x) => x.members.some((m) => m.id === learner.user.id))!;
      const mine = await call(learner, 'GET', '/api/me/sessions');
      expect(mine.body.items.find((x: { id: string }) => x.id === session.id)?.title).toBe(`Atelier mémoire — groupe ${g.number} (animé par ${g.leader.name})`);
    }
    // … and the leader's iCalendar feed.
    const feed = await call(leaderOf(groups[1]!), 'POST', '/api/calendar/feeds', { scope: 'teacher' });
    expect(feed.status).toBe(201);
    const ics = await (await t.app.request(new URL(feed.body.url).pathname)).text();
    const summaries = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('summary')));
    expect(summaries).toContain(`Atelier mémoire — groupe ${groups[1]!.number} (animé par ${groups[1]!.leader.name})`);

    // A move that breaks « must not be together » is refused.
    const l1Group = groups.find((g) => g.members.some((m) => m.id === L[1]!.user.id))!;
    const l2Group = groups.find((g) => g.members.some((m) => m.id === L[2]!.user.id))!;
    expect(l1Group.id).not.toBe(l2Group.id);
    const refused = await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/ateliers/moves`, { learnerId: L[1]!.user.id, toGroupId: l2Group.id, reason: 'Essai', confirm: true });
    expect(refused.status).toBe(409);
    expect(refused.body.issues[0].message).toMatch(/ne doivent pas être dans le même groupe/);

    // A move from the group of 5 to the group of 6: the preview lists the sizes broken, the move needs confirmation.
    const small = groups.find((g) => g.members.length === 5)!;
    const big = groups.find((g) => g.members.length === 6)!;
    const mover = small.members.find((m) => ![L[1]!.user.id, L[2]!.user.id].includes(m.id))!.id;
    const preview = await call(w.responsable, 'GET', `/api/cohorts/${w.cohort.id}/ateliers/moves/preview?learnerId=${mover}&toGroupId=${big.id}`);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.blocking).toEqual([]);
    expect(preview.body.constraints).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^Groupe ${small.number} : 4 `)), expect.stringMatching(new RegExp(`^Groupe ${big.number} : 7 `))]));
    const unconfirmed = await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/ateliers/moves`, { learnerId: mover, toGroupId: big.id, reason: 'Horaires de travail' });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.issues.map((i: { message: string }) => i.message)).toEqual([...preview.body.constraints, ...preview.body.wishes]);
    t.clock.set('2026-03-12T10:00:00.000Z');
    const moved = await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/ateliers/moves`, { learnerId: mover, toGroupId: big.id, reason: 'Horaires de travail', confirm: true });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((moved.body as TAteliers).groups.find((g) => g.id === big.id)!.members.map((m) => m.id)).toContain(mover);
    const history = await call(w.responsable, 'GET', `/api/cohorts/${w.cohort.id}/ateliers/changes?pageSize=1`);
    expect(history.body.total).toBe(12);
    expect(history.body.items[0]).toMatchObject({ at: '2026-03-12T10:00:00.000Z', learner: { id: mover }, fromNumber: small.number, toNumber: big.number, kind: 'manual', reason: 'Horaires de travail', actor: { id: w.responsable.user.id } });

    // The history refuses any change.
    await expect(t.db.execute(sql`update atelier_membership_events set reason = 'autre' where cohort_id = ${w.cohort.id}`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from atelier_membership_events where cohort_id = ${w.cohort.id}`)).rejects.toThrow();

    // A new proposal keeps the groups (stay) and says who changes group.
    const p2 = await proposeAndSolve(w.cohort.id, w.responsable);
    expect(p2.status).toBe('ready');
    expect(p2.groups.every((g: { continuesNumber: number | null }) => g.continuesNumber !== null)).toBe(true);
    expect(p2.changes.length).toBeLessThanOrEqual(1);
  }, 60_000);

  it('4 learners: the proposal is « impossible » with a French explanation, not a 500', async () => {
    const w = await world(4);
    const res = await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/ateliers/proposals`, { timeLimitSeconds: 5 });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('infeasible');
    expect(res.body.diagnosis.length).toBeGreaterThan(0);
    expect(res.body.diagnosis.join(' ')).toMatch(/4 auditeur·rices/);
    const accept = await call(w.responsable, 'POST', `/api/atelier-proposals/${res.body.id}/accept`, { confirm: true });
    expect(accept.status).toBe(409);
    const bad = await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/ateliers/proposals`, { timeLimitSeconds: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.issues[0]).toMatchObject({ path: 'timeLimitSeconds', message: 'Au moins 1 seconde.' });
  });

  it('two accepts at once: one wins, the other gets a French 409; two different proposals: the second finds the groups changed', async () => {
    const w = await world(10);
    const p = await proposeAndSolve(w.cohort.id, w.responsable);
    const q = await proposeAndSolve(w.cohort.id, w.responsable);
    expect(q.status).toBe('ready');
    const both = await Promise.all([
      call(w.responsable, 'POST', `/api/atelier-proposals/${p.id}/accept`, { confirm: true }),
      call(w.responsable, 'POST', `/api/atelier-proposals/${p.id}/accept`, { confirm: true }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const other = await call(w.responsable, 'POST', `/api/atelier-proposals/${q.id}/accept`, { confirm: true });
    expect(other.status).toBe(409);
    const groups = await call(w.responsable, 'GET', `/api/cohorts/${w.cohort.id}/ateliers`);
    expect(groups.body.groups).toHaveLength(2);
    const [events] = await t.db.select({ n: sql<number>`count(*)` }).from(atelierMembershipEvents).where(eq(atelierMembershipEvents.cohortId, w.cohort.id));
    expect(Number(events!.n)).toBe(10);
  }, 60_000);

  it('privacy: a learner reads only their group, a leader the groups they lead; a teacher not of the promotion and a learner of another are refused', async () => {
    const w = await world(10);
    const p = await proposeAndSolve(w.cohort.id, w.responsable);
    expect((await call(w.responsable, 'POST', `/api/atelier-proposals/${p.id}/accept`, { confirm: true })).status).toBe(200);
    const learner = w.learners[0]!;
    const mine = await call(learner, 'GET', `/api/cohorts/${w.cohort.id}/ateliers`);
    expect(mine.status).toBe(200);
    expect(mine.body.scope).toBe('own');
    expect(mine.body.groups).toHaveLength(1);
    expect(mine.body.groups[0].members.map((m: { id: string }) => m.id)).toContain(learner.user.id);
    expect(mine.body.ungrouped).toEqual([]);
    expect((await call(learner, 'GET', `/api/atelier-proposals/${p.id}`)).status).toBe(403);
    expect((await call(learner, 'GET', `/api/cohorts/${w.cohort.id}/ateliers/changes`)).status).toBe(403);
    const leader = w.teachers[0]!;
    const led = await call(leader, 'GET', `/api/cohorts/${w.cohort.id}/ateliers`);
    expect(led.body.scope).toBe('led');
    expect(led.body.groups.map((g: { leader: { id: string } }) => g.leader.id)).toEqual([leader.user.id]);
    expect((await call(leader, 'POST', `/api/cohorts/${w.cohort.id}/ateliers/proposals`, { timeLimitSeconds: 5 })).status).toBe(403);
    const outsider = await staffOf(t, w.centre.id, 'enseignant');
    expect((await call(outsider, 'GET', `/api/cohorts/${w.cohort.id}/ateliers`)).status).toBe(403);
    const stranger = await t.as('auditeur');
    expect((await call(stranger, 'GET', `/api/cohorts/${w.cohort.id}/ateliers`)).status).toBe(403);
    expect((await call(stranger, 'GET', `/api/cohorts/${w.cohort.id}/ateliers/declarations`)).status).toBe(403);
    // A learner does not move anyone, nor declare someone else's wish.
    const other = mine.body.groups[0].id;
    expect((await call(learner, 'POST', `/api/cohorts/${w.cohort.id}/ateliers/moves`, { learnerId: w.learners[1]!.user.id, toGroupId: other, reason: 'x', confirm: true })).status).toBe(403);
    expect((await call(learner, 'PUT', `/api/cohorts/${w.cohort.id}/ateliers/wishes`, { learnerId: w.learners[1]!.user.id, wishedLeaderId: null, wishedTheme: 'x' })).status).toBe(403);
  }, 60_000);
});
