/**
 * The mémoire record of a learner (issue 10, item 2; decision 019): its content written by the learner,
 * its supervisor named by staff, its states moved by staff along the allowed transitions only, each change
 * kept in an append-only history dated by the application clock and attributed; nobody moves their own
 * record; a learner or teacher who has nothing to do with a record does not read it.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortStaff } from '../../src/features/cohorts/cohorts.tables.js';
import { theses, thesisEvents } from '../../src/features/memoire/memoire.tables.js';
import { RECORD_CHAINS } from '../../src/features/records/records.chains.js';
import { verifyRecords } from '../../src/features/records/records.service.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, sessionAround, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type TPerson = { user: { id: string; name: string; email: string }; cookie: string };

/** A promotion with its responsable, a gestionnaire, a teacher named on its staff, two learners. */
async function world() {
  const { centre, responsable, cohort } = await createCohortWorld(t);
  const gestionnaire = await staffOf(t, centre.id, 'gestionnaire');
  const teacher = await staffOf(t, centre.id, 'enseignant');
  await t.db.insert(cohortStaff).values({ cohortId: cohort.id, userId: teacher.user.id, role: 'enseignant' });
  const alice = await enrol(t, cohort.id, responsable.cookie);
  const bruno = await enrol(t, cohort.id, responsable.cookie);
  return { centre, cohort, responsable, gestionnaire, teacher, alice, bruno };
}

const call = (p: TPerson | undefined, method: string, path: string, body?: unknown) => t.call(method, path, { cookie: p?.cookie, body });

async function createOwn(cohortId: string, learner: TPerson, body: Record<string, unknown> = {}) {
  const res = await call(learner, 'POST', `/api/cohorts/${cohortId}/theses`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; state: string; history: { at: string; actor: { id: string }; fromState: string | null; toState: string }[] };
}

describe('the mémoire record', () => {
  it('a learner opens their own record: state « projet », the creation in the history at the clock’s time, by them; a second one is a 409', async () => {
    const w = await world();
    t.clock.set('2026-01-15T10:00:00.000Z');
    const thesis = await createOwn(w.cohort.id, w.alice, { kind: 'organisation_diagnosis', genre: 'both', title: 'Une coopérative en transition', organisation: 'SCOP Les Ateliers' });
    expect(thesis.state).toBe('project');
    expect(thesis.history).toEqual([expect.objectContaining({ at: '2026-01-15T10:00:00.000Z', actor: { id: w.alice.user.id, name: w.alice.user.name }, fromState: null, toState: 'project' })]);
    const again = await call(w.alice, 'POST', `/api/cohorts/${w.cohort.id}/theses`, {});
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Cette personne a déjà une fiche mémoire dans cette promotion.');
    const mine = await call(w.alice, 'GET', '/api/me/theses');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([thesis.id]);
  });

  it('staff open a record for a learner of the promotion, not for someone outside it', async () => {
    const w = await world();
    const res = await call(w.gestionnaire, 'POST', `/api/cohorts/${w.cohort.id}/theses`, { learnerId: w.bruno.user.id });
    expect(res.status).toBe(201);
    expect(res.body.learner.id).toBe(w.bruno.user.id);
    const outsider = await t.createTestUser({ roles: ['auditeur'] });
    const refused = await call(w.gestionnaire, 'POST', `/api/cohorts/${w.cohort.id}/theses`, { learnerId: outsider.id });
    expect(refused.status).toBe(422);
    expect(refused.body.issues).toEqual([{ path: 'learnerId', message: 'Cette personne n’est pas inscrite dans la promotion.' }]);
    // A learner does not open someone else's record.
    const other = await call(w.alice, 'POST', `/api/cohorts/${w.cohort.id}/theses`, { learnerId: w.bruno.user.id });
    expect(other.status).toBe(403);
  });

  it('the learner writes the content; staff name the supervisor, who must be a teacher of the promotion', async () => {
    const w = await world();
    const thesis = await createOwn(w.cohort.id, w.alice);
    const edited = await call(w.alice, 'PATCH', `/api/theses/${thesis.id}`, { question: '  Comment une association devient-elle coopérative ?  ', genre: 'academic' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ question: 'Comment une association devient-elle coopérative ?', genre: 'academic' });
    expect(edited.body.permissions).toEqual({ editContent: true, nameSupervisor: false, changeState: false, nextStates: [] });

    const self = await call(w.alice, 'PATCH', `/api/theses/${thesis.id}`, { supervisorId: w.teacher.user.id });
    expect(self.status).toBe(403);
    const staffContent = await call(w.responsable, 'PATCH', `/api/theses/${thesis.id}`, { title: 'Un titre imposé' });
    expect(staffContent.status).toBe(403);
    expect(staffContent.body.message).toMatch(/seul·e l’auditeur·rice rédige sa fiche mémoire/);

    const notTeacher = await call(w.responsable, 'PATCH', `/api/theses/${thesis.id}`, { supervisorId: w.bruno.user.id });
    expect(notTeacher.status).toBe(422);
    expect(notTeacher.body.issues[0].path).toBe('supervisorId');
    const otherCentreTeacher = await staffOf(t, (await t.createTestCentre()).id, 'enseignant');
    expect((await call(w.responsable, 'PATCH', `/api/theses/${thesis.id}`, { supervisorId: otherCentreTeacher.user.id })).status).toBe(422);

    const named = await call(w.responsable, 'PATCH', `/api/theses/${thesis.id}`, { supervisorId: w.teacher.user.id });
    expect(named.status).toBe(200);
    expect(named.body.supervisor).toEqual({ id: w.teacher.user.id, name: w.teacher.user.name });
    expect(named.body.permissions).toMatchObject({ editContent: false, nameSupervisor: true, changeState: true, nextStates: ['writing', 'abandoned'] });
    // A teacher who teaches one of its sessions is a teacher of the promotion too.
    const lecturer = await staffOf(t, w.centre.id, 'enseignant');
    await sessionAround(t, w.cohort.id, { startsAt: new Date('2026-02-02T08:00:00Z'), endsAt: new Date('2026-02-02T11:30:00Z'), teacherIds: [lecturer.user.id] });
    expect((await call(w.responsable, 'PATCH', `/api/theses/${thesis.id}`, { supervisorId: lecturer.user.id })).status).toBe(200);
  });

  it('states follow projet → rédaction → déposé → soutenu → évalué, each change dated by the clock and attributed; anything else is a 409 in French', async () => {
    const w = await world();
    t.clock.set('2026-01-05T09:00:00.000Z');
    const thesis = await createOwn(w.cohort.id, w.alice);
    const move = (p: TPerson, state: string, note?: string) => call(p, 'POST', `/api/theses/${thesis.id}/state`, note === undefined ? { state } : { state, note });

    const skip = await move(w.responsable, 'evaluated');
    expect(skip.status).toBe(409);
    expect(skip.body.message).toBe('Le mémoire est à l’état « Projet » : il ne peut pas passer à « Évalué » (seulement « Rédaction » ou « Abandon »).');

    t.clock.set('2026-02-01T09:00:00.000Z');
    expect((await move(w.responsable, 'writing')).status).toBe(200);
    t.clock.set('2026-09-30T16:00:00.000Z');
    expect((await move(w.gestionnaire, 'deposited')).status).toBe(200);

    // The deposit freezes the content.
    const late = await call(w.alice, 'PATCH', `/api/theses/${thesis.id}`, { title: 'Un autre titre' });
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('Le mémoire est à l’état « Déposé » : son contenu ne change plus.');
    expect((await move(w.responsable, 'writing')).status).toBe(409);

    t.clock.set('2026-10-20T14:00:00.000Z');
    expect((await move(w.responsable, 'defended')).status).toBe(200);
    t.clock.set('2026-10-21T10:00:00.000Z');
    const evaluated = await move(w.responsable, 'evaluated');
    expect(evaluated.status).toBe(200);
    expect(evaluated.body.state).toBe('evaluated');
    expect(evaluated.body.permissions.nextStates).toEqual([]);
    expect(evaluated.body.history.map((e: { at: string; actor: { id: string }; fromState: string | null; toState: string }) => [e.at, e.actor.id, e.fromState, e.toState])).toEqual([
      ['2026-01-05T09:00:00.000Z', w.alice.user.id, null, 'project'],
      ['2026-02-01T09:00:00.000Z', w.responsable.user.id, 'project', 'writing'],
      ['2026-09-30T16:00:00.000Z', w.gestionnaire.user.id, 'writing', 'deposited'],
      ['2026-10-20T14:00:00.000Z', w.responsable.user.id, 'deposited', 'defended'],
      ['2026-10-21T10:00:00.000Z', w.responsable.user.id, 'defended', 'evaluated'],
    ]);
    const final = await move(w.responsable, 'abandoned', 'Trop tard');
    expect(final.status).toBe(409);
    expect(final.body.message).toMatch(/plus aucun changement possible/);
  });

  it('an abandonment needs its reason, and ends the record', async () => {
    const w = await world();
    const thesis = await createOwn(w.cohort.id, w.alice);
    const bare = await call(w.responsable, 'POST', `/api/theses/${thesis.id}/state`, { state: 'abandoned' });
    expect(bare.status).toBe(422);
    expect(bare.body.issues).toEqual([{ path: 'note', message: 'Indiquez le motif de l’abandon.' }]);
    const done = await call(w.responsable, 'POST', `/api/theses/${thesis.id}/state`, { state: 'abandoned', note: 'Départ de la formation en cours de première année' });
    expect(done.status).toBe(200);
    expect(done.body.history.at(-1)).toMatchObject({ fromState: 'project', toState: 'abandoned', note: 'Départ de la formation en cours de première année' });
    expect((await call(w.responsable, 'POST', `/api/theses/${thesis.id}/state`, { state: 'project' })).status).toBe(409);
    expect((await call(w.responsable, 'POST', `/api/theses/${thesis.id}/state`, { state: 'brouillon' })).status).toBe(422);
  });

  it('the learner moves no state of their own record; the supervisor reads it but does not move it', async () => {
    const w = await world();
    const thesis = await createOwn(w.cohort.id, w.alice);
    await call(w.responsable, 'PATCH', `/api/theses/${thesis.id}`, { supervisorId: w.teacher.user.id });
    const own = await call(w.alice, 'POST', `/api/theses/${thesis.id}/state`, { state: 'writing' });
    expect(own.status).toBe(403);
    const supervisor = await call(w.teacher, 'GET', `/api/theses/${thesis.id}`);
    expect(supervisor.status).toBe(200);
    expect(supervisor.body.permissions).toEqual({ editContent: false, nameSupervisor: false, changeState: false, nextStates: [] });
    expect((await call(w.teacher, 'POST', `/api/theses/${thesis.id}/state`, { state: 'writing' })).status).toBe(403);
    expect((await call(w.teacher, 'PATCH', `/api/theses/${thesis.id}`, { title: 'Par le directeur' })).status).toBe(403);
    const [row] = await t.db.select().from(theses).where(eq(theses.id, thesis.id));
    expect(row!.state).toBe('project');
    expect(row!.title).toBeNull();
  });

  it('a member of staff who is also a learner of the promotion moves others’ records, never their own', async () => {
    const w = await world();
    const both = await staffOf(t, w.centre.id, 'responsable_pedagogique', 'auditeur');
    expect((await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/learners`, { userId: both.user.id })).status).toBe(201);
    const mine = await createOwn(w.cohort.id, both);
    const alices = await createOwn(w.cohort.id, w.alice);
    const ownMove = await call(both, 'POST', `/api/theses/${mine.id}/state`, { state: 'writing' });
    expect(ownMove.status).toBe(403);
    expect(ownMove.body.message).toBe('Accès refusé : on ne décide pas de l’état de son propre mémoire.');
    const ownSupervisor = await call(both, 'PATCH', `/api/theses/${mine.id}`, { supervisorId: w.teacher.user.id });
    expect(ownSupervisor.status).toBe(403);
    expect(ownSupervisor.body.message).toBe('Accès refusé : on ne désigne pas le·la directeur·rice de son propre mémoire.');
    expect((await call(both, 'PATCH', `/api/theses/${mine.id}`, { title: 'Mon titre' })).status).toBe(200);
    expect((await call(both, 'POST', `/api/theses/${alices.id}/state`, { state: 'writing' })).status).toBe(200);
    const [row] = await t.db.select().from(theses).where(eq(theses.id, mine.id));
    expect(row!.state).toBe('project');
  });

  it('two members of staff moving the same record at once, 20 times: one change, the others 409, one event', async () => {
    const w = await world();
    const thesis = await createOwn(w.cohort.id, w.alice);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call(i % 2 ? w.responsable : w.gestionnaire, 'POST', `/api/theses/${thesis.id}/state`, { state: 'writing' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(19).fill(409)]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.message).toBe('Le mémoire est déjà à l’état « Rédaction ».');
    const events = await t.db.select().from(thesisEvents).where(eq(thesisEvents.thesisId, thesis.id));
    expect(events.map((e) => e.toState).sort()).toEqual(['project', 'writing']);
  });

  it('two opposite changes at once: whichever comes second is judged on the state the first left', async () => {
    const w = await world();
    const thesis = await createOwn(w.cohort.id, w.alice);
    await call(w.responsable, 'POST', `/api/theses/${thesis.id}/state`, { state: 'writing' });
    const [deposit, abandon] = await Promise.all([
      call(w.responsable, 'POST', `/api/theses/${thesis.id}/state`, { state: 'deposited' }),
      call(w.gestionnaire, 'POST', `/api/theses/${thesis.id}/state`, { state: 'abandoned', note: 'Réorientation' }),
    ]);
    // Both may pass (rédaction → déposé → abandon, or rédaction → abandon then 409): the history is a line, never a fork.
    const [row] = await t.db.select().from(theses).where(eq(theses.id, thesis.id));
    const events = await t.db.select().from(thesisEvents).where(eq(thesisEvents.thesisId, thesis.id)).orderBy(thesisEvents.chainSeq);
    for (let i = 1; i < events.length; i++) expect(events[i]!.fromState).toBe(events[i - 1]!.toState);
    expect(events.at(-1)!.toState).toBe(row!.state);
    expect([deposit.status, abandon.status].filter((s) => s === 200).length).toBe(events.length - 2);
  });

  it('the history is a register: the database refuses to change or delete it, and verify-records checks its chain', async () => {
    const w = await world();
    const thesis = await createOwn(w.cohort.id, w.alice);
    await call(w.responsable, 'POST', `/api/theses/${thesis.id}/state`, { state: 'writing' });
    const refusalOf = (query: ReturnType<typeof sql>) =>
      t.db.execute(query).then(
        () => 'accepté',
        (e: Error & { cause?: { message?: string } }) => e.cause?.message ?? e.message,
      );
    expect(await refusalOf(sql`update thesis_events set to_state = 'evaluated' where thesis_id = ${thesis.id}`)).toContain('Registre en ajout seul « thesis_events » : modification');
    expect(await refusalOf(sql`delete from thesis_events where thesis_id = ${thesis.id}`)).toContain('Registre en ajout seul « thesis_events » : suppression');
    const events = await t.db.select().from(thesisEvents).where(eq(thesisEvents.thesisId, thesis.id)).orderBy(thesisEvents.chainSeq);
    expect(events.map((e) => [e.chainSeq, e.toState])).toEqual([[1, 'project'], [2, 'writing']]);
    expect(events[1]!.prevHash).toBe(events[0]!.recordHash);
    const report = await verifyRecords({ db: t.db, chains: RECORD_CHAINS.filter((c) => c.table === 'thesis_events') });
    expect(report.chains[0]!.records).toBeGreaterThanOrEqual(2);
    expect(report.breaks).toEqual([]);
  });
});

describe('privacy of the mémoire record', () => {
  it('another learner, a teacher of another promotion or centre read nothing; the list follows each one’s scope', async () => {
    const w = await world();
    const thesis = await createOwn(w.cohort.id, w.alice, { title: 'Mon chemin' });
    const brunos = await createOwn(w.cohort.id, w.bruno);
    await call(w.responsable, 'PATCH', `/api/theses/${thesis.id}`, { supervisorId: w.teacher.user.id });

    // Another learner of the same promotion.
    expect((await call(w.bruno, 'GET', `/api/theses/${thesis.id}`)).status).toBe(403);
    expect((await call(w.bruno, 'PATCH', `/api/theses/${thesis.id}`, { title: 'Piraté' })).status).toBe(403);
    expect((await call(w.bruno, 'GET', `/api/cohorts/${w.cohort.id}/theses`)).status).toBe(403);
    expect((await call(w.bruno, 'GET', '/api/me/theses')).body.items.map((i: { id: string }) => i.id)).toEqual([brunos.id]);

    // A teacher of another promotion of the same centre: no record, an empty list.
    const other = await createCohortWorld(t);
    const otherTeacher = await staffOf(t, w.centre.id, 'enseignant');
    await t.db.insert(cohortStaff).values({ cohortId: other.cohort.id, userId: otherTeacher.user.id, role: 'enseignant' });
    const denied = await call(otherTeacher, 'GET', `/api/theses/${thesis.id}`);
    expect(denied.status).toBe(403);
    expect(denied.body.message).toBe('Accès refusé : ce mémoire n’est ni le vôtre ni l’un de ceux que vous dirigez.');
    expect((await call(otherTeacher, 'GET', `/api/cohorts/${w.cohort.id}/theses`)).body.items).toEqual([]);

    // A teacher of another centre: refused outright.
    const farTeacher = await staffOf(t, other.centre.id, 'enseignant');
    expect((await call(farTeacher, 'GET', `/api/theses/${thesis.id}`)).status).toBe(403);
    expect((await call(farTeacher, 'GET', `/api/cohorts/${w.cohort.id}/theses`)).status).toBe(403);
    expect((await call(other.responsable, 'GET', `/api/theses/${thesis.id}`)).status).toBe(403);

    // The supervisor sees the records they supervise; staff see all of them.
    expect((await call(w.teacher, 'GET', `/api/cohorts/${w.cohort.id}/theses`)).body.items.map((i: { id: string }) => i.id)).toEqual([thesis.id]);
    expect((await call(w.teacher, 'GET', `/api/theses/${brunos.id}`)).status).toBe(403);
    const all = await call(w.gestionnaire, 'GET', `/api/cohorts/${w.cohort.id}/theses`);
    expect(all.body.items.map((i: { id: string }) => i.id).sort()).toEqual([thesis.id, brunos.id].sort());
    expect((await call(undefined, 'GET', `/api/theses/${thesis.id}`)).status).toBe(401);
  });

  it('an unknown record is a 404 in French; a malformed id a 422 naming it', async () => {
    const w = await world();
    const unknown = await call(w.responsable, 'GET', '/api/theses/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Fiche mémoire introuvable.');
    const bad = await call(w.responsable, 'GET', '/api/theses/pas-un-id');
    expect(bad.status).toBe(422);
    expect(bad.body.issues[0].path).toBe('id');
    const long = await call(w.alice, 'POST', `/api/cohorts/${w.cohort.id}/theses`, { title: 'x'.repeat(301) });
    expect(long.status).toBe(422);
    expect(long.body.issues[0].path).toBe('title');
  });
});
