/**
 * The mémoire dashboards (issue 10, item 6; decision 022). A teacher sees the groups they lead and the
 * learners they lead or supervise — who is late on which milestone, who asked them for a meeting, which
 * versions await their feedback — and nobody else; a learner sees their own group, next atelier,
 * milestones and what awaits them, and nobody else's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarSessions, residencies } from '../../src/features/calendar/calendar.tables.js';
import { cohortStaff } from '../../src/features/cohorts/cohorts.tables.js';
import { atelierGroups, atelierMembers } from '../../src/features/memoire/ateliers/ateliers.tables.js';
import { mentoringMeetings } from '../../src/features/memoire/followup/followup.tables.js';
import { fileBlobs, thesisChangeRequests, thesisFeedback, thesisFiles } from '../../src/features/memoire/versions/versions.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type TPerson = { user: { id: string; name: string; email: string }; cookie: string };
const call = (p: TPerson | undefined, method: string, path: string, body?: unknown) => t.call(method, path, { cookie: p?.cookie, body });

async function version(thesisId: string, learnerId: string, number: number) {
  const [blob] = await t.db.insert(fileBlobs).values({ sizeBytes: 10, sha256: 'x'.repeat(64), contentType: 'application/pdf', chunkCount: 0, createdAt: t.clock.now() }).returning();
  const [file] = await t.db
    .insert(thesisFiles)
    .values({ thesisId, kind: 'version', number, fileName: `v${number}.pdf`, format: 'pdf', contentType: 'application/pdf', sizeBytes: 10, sha256: 'x'.repeat(64), blobId: blob!.id, createdAt: t.clock.now(), createdBy: learnerId })
    .returning();
  return file!;
}

/**
 * A promotion: the teacher supervises Alice and leads group 1 (Alice, Bruno); the other teacher supervises
 * Chloé and leads group 2 (Chloé, Driss). Milestones: the question was due on 2025-06-10, the plan on 2025-10-10.
 */
async function world() {
  const { centre, responsable, cohort } = await createCohortWorld(t);
  const teacher = await staffOf(t, centre.id, 'enseignant');
  const otherTeacher = await staffOf(t, centre.id, 'enseignant');
  await t.db.insert(cohortStaff).values([
    { cohortId: cohort.id, userId: teacher.user.id, role: 'enseignant' },
    { cohortId: cohort.id, userId: otherTeacher.user.id, role: 'enseignant' },
  ]);
  const [alice, bruno, chloe, driss] = [await enrol(t, cohort.id, responsable.cookie), await enrol(t, cohort.id, responsable.cookie), await enrol(t, cohort.id, responsable.cookie), await enrol(t, cohort.id, responsable.cookie)];
  const open = async (learner: TPerson, supervisor: TPerson) => {
    const thesis = await call(learner, 'POST', `/api/cohorts/${cohort.id}/theses`, { title: `Mémoire de ${learner.user.name}` });
    await call(responsable, 'PATCH', `/api/theses/${thesis.body.id}`, { supervisorId: supervisor.user.id });
    return thesis.body.id as string;
  };
  const aliceThesis = await open(alice!, teacher);
  const chloeThesis = await open(chloe!, otherTeacher);
  const [g1] = await t.db.insert(atelierGroups).values({ cohortId: cohort.id, number: 1, leaderId: teacher.user.id, since: t.clock.now() }).returning();
  const [g2] = await t.db.insert(atelierGroups).values({ cohortId: cohort.id, number: 2, leaderId: otherTeacher.user.id, since: t.clock.now() }).returning();
  await t.db.insert(atelierMembers).values([
    { cohortId: cohort.id, learnerId: alice!.user.id, groupId: g1!.id, since: t.clock.now() },
    { cohortId: cohort.id, learnerId: bruno!.user.id, groupId: g1!.id, since: t.clock.now() },
    { cohortId: cohort.id, learnerId: chloe!.user.id, groupId: g2!.id, since: t.clock.now() },
    { cohortId: cohort.id, learnerId: driss!.user.id, groupId: g2!.id, since: t.clock.now() },
  ]);
  await call(responsable, 'PUT', `/api/cohorts/${cohort.id}/milestones`, { items: [{ kind: 'question', dueOn: '2025-06-10' }, { kind: 'plan', dueOn: '2025-10-10' }] });
  return { cohort, responsable, teacher, otherTeacher, alice: alice!, bruno: bruno!, chloe: chloe!, driss: driss!, aliceThesis, chloeThesis };
}

describe('the teacher’s « Mes ateliers et mémoires »', () => {
  it('shows their groups and the learners they lead or supervise, who is late on what, their meeting requests and the versions awaiting their feedback — nobody else', async () => {
    t.clock.set('2025-07-01T08:00:00.000Z');
    const w = await world();
    await call(w.alice, 'PUT', `/api/cohorts/${w.cohort.id}/milestones/learners/${w.alice.user.id}/done`, { kind: 'question', done: true });
    await t.db.insert(mentoringMeetings).values([
      { cohortId: w.cohort.id, learnerId: w.bruno.user.id, teacherId: w.teacher.user.id, subject: 'Mon plan', mode: 'video', proposedTimes: ['2025-07-10T08:00:00.000Z'], state: 'requested', createdAt: t.clock.now(), updatedAt: t.clock.now() },
      { cohortId: w.cohort.id, learnerId: w.driss.user.id, teacherId: w.otherTeacher.user.id, subject: 'Ma question', mode: 'phone', proposedTimes: ['2025-07-10T08:00:00.000Z'], state: 'requested', createdAt: t.clock.now(), updatedAt: t.clock.now() },
    ]);
    const aliceV1 = await version(w.aliceThesis, w.alice.user.id, 1);
    const aliceV2 = await version(w.aliceThesis, w.alice.user.id, 2);
    await version(w.chloeThesis, w.chloe.user.id, 1);
    await t.db.insert(thesisFeedback).values({ thesisId: w.aliceThesis, versionId: aliceV1.id, authorId: w.teacher.user.id, authorLabel: 'x', comment: 'Bien', at: t.clock.now() });

    const res = await call(w.teacher, 'GET', '/api/me/memoire/teaching');
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.groups.map((g: { number: number; members: { id: string }[] }) => [g.number, g.members.map((m) => m.id).sort()])).toEqual([[1, [w.alice.user.id, w.bruno.user.id].sort()]]);
    const learners = new Map(d.learners.map((l: { learner: { id: string } }) => [l.learner.id, l]));
    expect([...learners.keys()].sort()).toEqual([w.alice.user.id, w.bruno.user.id].sort());
    expect(learners.get(w.alice.user.id)).toMatchObject({ supervised: true, groupNumber: 1, late: [], next: { kind: 'plan', dueOn: '2025-10-10' } });
    expect(learners.get(w.bruno.user.id)).toMatchObject({ supervised: false, groupNumber: 1, late: [{ kind: 'question', dueOn: '2025-06-10' }] });
    expect(d.meetingRequests.map((m: { learner: { id: string }; subject: string }) => [m.learner.id, m.subject])).toEqual([[w.bruno.user.id, 'Mon plan']]);
    expect(d.versionsAwaitingFeedback.map((v: { id: string }) => v.id)).toEqual([aliceV2.id]);
    // Nothing of the other group's learners anywhere in the answer.
    const text = JSON.stringify(d);
    for (const p of [w.chloe, w.driss]) expect(text).not.toContain(p.user.id);

    const other = (await call(w.otherTeacher, 'GET', '/api/me/memoire/teaching')).body;
    expect(other.learners.map((l: { learner: { id: string } }) => l.learner.id).sort()).toEqual([w.chloe.user.id, w.driss.user.id].sort());
    for (const p of [w.alice, w.bruno]) expect(JSON.stringify(other)).not.toContain(p.user.id);
    // A learner has no teacher's dashboard.
    expect((await call(w.alice, 'GET', '/api/me/memoire/teaching')).status).toBe(403);
  });
});

describe('the learner’s « Mon mémoire »', () => {
  it('shows their group, next atelier, milestones and what awaits them — theirs only', async () => {
    t.clock.set('2025-07-01T08:00:00.000Z');
    const w = await world();
    const [r] = await t.db.insert(residencies).values({ cohortId: w.cohort.id, kind: 'on_site', label: 'R', days: ['2025-07-15'], startsOn: '2025-07-15', endsOn: '2025-07-15' }).returning();
    await t.db.insert(calendarSessions).values([
      { cohortId: w.cohort.id, residencyId: r!.id, type: 'thesis_workshop', title: 'Atelier mémoire', startsAt: new Date('2025-07-15T12:00:00Z'), endsAt: new Date('2025-07-15T15:00:00Z') },
      { cohortId: w.cohort.id, residencyId: r!.id, type: 'thesis_workshop', title: 'Atelier mémoire (suite)', startsAt: new Date('2025-07-16T12:00:00Z'), endsAt: new Date('2025-07-16T15:00:00Z') },
    ]);
    const v1 = await version(w.aliceThesis, w.alice.user.id, 1);
    const [fb] = await t.db.insert(thesisFeedback).values({ thesisId: w.aliceThesis, versionId: v1.id, authorId: w.teacher.user.id, authorLabel: 'x', comment: 'Reprendre', at: t.clock.now() }).returning();
    await t.db.insert(thesisChangeRequests).values([
      { feedbackId: fb!.id, thesisId: w.aliceThesis, position: 1, text: 'Citer les sources' },
      { feedbackId: fb!.id, thesisId: w.aliceThesis, position: 2, text: 'Resserrer la question', doneAt: t.clock.now(), doneBy: w.alice.user.id },
    ]);
    await t.db.insert(mentoringMeetings).values({
      cohortId: w.cohort.id, learnerId: w.alice.user.id, teacherId: w.teacher.user.id, subject: 'Mon plan', mode: 'video', proposedTimes: ['2025-07-10T08:00:00.000Z'],
      state: 'counter_proposed', counterAt: new Date('2025-07-11T08:00:00Z'), createdAt: t.clock.now(), updatedAt: t.clock.now(),
    });

    const res = await call(w.alice, 'GET', '/api/me/memoire');
    expect(res.status).toBe(200);
    expect(res.body.cohorts).toHaveLength(1);
    const mine = res.body.cohorts[0];
    expect(mine.thesis).toMatchObject({ id: w.aliceThesis, supervisorName: w.teacher.user.name });
    expect(mine.group).toMatchObject({ number: 1, leader: { id: w.teacher.user.id } });
    expect(mine.group.members.map((m: { id: string }) => m.id).sort()).toEqual([w.alice.user.id, w.bruno.user.id].sort());
    expect(mine.nextAtelier).toMatchObject({ title: 'Atelier mémoire', startsAt: '2025-07-15T12:00:00.000Z' });
    expect(mine.milestones.map((m: { kind: string; status: string }) => [m.kind, m.status]).slice(0, 3)).toEqual([['autobiography', 'todo'], ['question', 'late'], ['plan', 'todo']]);
    expect(mine.awaiting.changes.map((c: { text: string }) => c.text)).toEqual(['Citer les sources']);
    expect(mine.awaiting.meetings).toEqual([expect.objectContaining({ subject: 'Mon plan', state: 'counter_proposed', counterAt: '2025-07-11T08:00:00.000Z' })]);

    const bruno = (await call(w.bruno, 'GET', '/api/me/memoire')).body.cohorts[0];
    expect(bruno.thesis).toBeNull();
    expect(bruno.awaiting).toEqual({ changes: [], meetings: [] });
    expect(JSON.stringify(bruno)).not.toContain('Citer les sources');
    expect((await call(w.teacher, 'GET', '/api/me/memoire')).status).toBe(403);
  });
});
