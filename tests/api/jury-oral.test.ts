/**
 * The jury's space (issue 11, item 5; decision 026 « The oral's marking form »): a member who sits on a
 * case sees the learner's marks per bloc — released to the learner or not — and the learner's route; a
 * voting member of a constituted jury enters the soutenance's mark (RNCP 41336: « Soutenance orale
 * d’analyse de pratiques », double-marked by two members), stored as an evaluation reading that the
 * promotion's grid shows; a change is a new record with its reason, the old one kept. A conflicted member,
 * the supervisor sitting without a vote, a member of another jury and the learner are refused.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortStaff } from '../../src/features/cohorts/cohorts.tables.js';
import { evaluationMarks } from '../../src/features/evaluations/evaluations.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type TPerson = { user: { id: string; name: string; email: string }; cookie: string };
const call = (p: TPerson | undefined, method: string, path: string, body?: unknown) => t.call(method, path, { cookie: p?.cookie, body });

async function member(responsable: TPerson, kind: 'cnam_teacher' | 'professional', centreId: string) {
  const p = kind === 'cnam_teacher' ? await staffOf(t, centreId, 'enseignant') : { user: await t.createTestUser({ roles: ['jury'] }), cookie: '' };
  if (!p.cookie) p.cookie = await t.signIn(p.user.email);
  expect((await call(responsable, 'PUT', `/api/jury-members/${p.user.id}`, { kind, organisation: kind === 'professional' ? 'Fédération des centres sociaux' : 'Cnam' })).status).toBe(200);
  return p;
}

/** A promotion of RNCP 41336, 3 teachers and 2 professionals listed, Alice and Bruno enrolled, Alice's mémoire supervised by teacher A. */
async function world() {
  t.clock.set('2026-06-15T08:00:00.000Z');
  const { centre, responsable, cohort } = await createCohortWorld(t);
  const teacherA = await member(responsable, 'cnam_teacher', centre.id);
  const teacherB = await member(responsable, 'cnam_teacher', centre.id);
  const teacherC = await member(responsable, 'cnam_teacher', centre.id);
  const proA = await member(responsable, 'professional', centre.id);
  const proB = await member(responsable, 'professional', centre.id);
  await t.db.insert(cohortStaff).values([teacherA, teacherB, teacherC].map((p) => ({ cohortId: cohort.id, userId: p.user.id, role: 'enseignant' as const })));
  const alice = await enrol(t, cohort.id, responsable.cookie);
  const bruno = await enrol(t, cohort.id, responsable.cookie);
  const thesis = await call(alice, 'POST', `/api/cohorts/${cohort.id}/theses`, { title: 'Une coopérative en transition' });
  expect(thesis.status).toBe(201);
  expect((await call(responsable, 'PATCH', `/api/theses/${thesis.body.id}`, { supervisorId: teacherA.user.id })).status).toBe(200);
  return { centre, cohort, responsable, teacherA, teacherB, teacherC, proA, proB, alice, bruno };
}
type TWorld = Awaited<ReturnType<typeof world>>;

/** A jury (2 teachers + 2 professionals), its cases; constituted unless told otherwise. Returns the case ids by learner. */
async function jury(w: TWorld, o: { seats: TPerson[]; cases: TPerson[]; supervisorRule?: string; constitute?: boolean }) {
  const created = await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/juries`, { label: `Soutenances ${o.seats.length}`, route: 'training', supervisorRule: o.supervisorRule ?? 'may_sit' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const [i, p] of o.seats.entries()) expect((await call(w.responsable, 'POST', `/api/juries/${id}/seats`, { userId: p.user.id, president: i === 0 })).status).toBe(200);
  let view: { cases: { id: string; learner: { id: string } }[] } = { cases: [] };
  for (const p of o.cases) view = (await call(w.responsable, 'POST', `/api/juries/${id}/cases`, { learnerId: p.user.id })).body;
  if (o.constitute !== false) {
    const done = await call(w.responsable, 'POST', `/api/juries/${id}/constitute`);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
  }
  const caseOf = (p: TPerson) => view.cases.find((c) => c.learner.id === p.user.id)!.id;
  return { id, caseOf };
}

const oral = (p: TPerson, caseId: string, body: Record<string, unknown>) => call(p, 'POST', `/api/jury-cases/${caseId}/oral-marks`, { assessmentId: 'soutenance', ...body });
type TOralView = { oral: { assessments: Array<{ id: string; readings: any[]; outcome: any; history: any[]; next: any }> }; blocs: any[]; permissions: { mark: boolean; reason: string | null } };
const soutenanceOf = (v: TOralView) => v.oral.assessments.find((a) => a.id === 'soutenance')!;

describe('the case’s marks in the jury space', () => {
  it('shows every mark per bloc, released or not, with each bloc’s proposal and the learner’s route; nothing marked yet says so', async () => {
    const w = await world();
    const { caseOf } = await jury(w, { seats: [w.teacherB, w.teacherC, w.proA, w.proB], cases: [w.alice, w.bruno] });
    expect((await call(w.responsable, 'PUT', `/api/cohorts/${w.cohort.id}/evaluations/markers`, { assessmentId: 'cas-pratiques-1', markers: [{ userId: w.teacherA.user.id, role: 'marker' }] })).status).toBe(200);
    expect((await call(w.teacherA, 'POST', `/api/cohorts/${w.cohort.id}/evaluations/marks`, { cells: [{ learnerId: w.alice.user.id, assessmentId: 'cas-pratiques-1', reading: 1, mark: 13.5 }] })).status).toBe(200);

    const res = await call(w.proA, 'GET', `/api/jury-cases/${caseOf(w.alice)}/evaluations`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.route).toEqual({ kind: 'training', label: 'Parcours de formation', accessRoutes: ['En contrat d\'apprentissage', 'Après un parcours de formation continue', 'En contrat de professionnalisation'] });
    expect(res.body.blocs.map((b: { code: string }) => b.code)).toEqual(['CPN07B10', 'CPN07B20', 'CPN07B30', 'CPN07B40']);
    const first = res.body.blocs[0].assessments.find((a: { id: string }) => a.id === 'cas-pratiques-1');
    // Not released to the learner, and the jury sees it: it deliberates on it.
    expect(first).toMatchObject({ released: false, outcome: { status: 'final', mark: 13.5 } });
    expect(res.body.blocs[0].proposal.status).toBe('incomplete');
    expect(res.body.oral.basis).toBe('defense');
    expect(soutenanceOf(res.body)).toMatchObject({ readings: [], next: { reading: 1, current: null } });
    expect(res.body.permissions).toEqual({ mark: true, reason: null });

    const empty = (await call(w.proA, 'GET', `/api/jury-cases/${caseOf(w.bruno)}/evaluations`)).body;
    expect(empty.blocs.flatMap((b: { assessments: { outcome: { status: string } }[] }) => b.assessments.map((a) => a.outcome.status)).every((s: string) => s === 'pending')).toBe(true);
  });
});

describe('the oral’s marking form', () => {
  it('a voting member marks the soutenance: the reading shows in the case and in the promotion’s grid; the second member’s reading completes the double marking', async () => {
    const w = await world();
    const { caseOf } = await jury(w, { seats: [w.teacherB, w.teacherC, w.proA, w.proB], cases: [w.alice] });
    const caseId = caseOf(w.alice);
    const first = await oral(w.proA, caseId, { mark: 14, comment: 'Analyse de pratique solide, distance critique à travailler.' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ written: true, reading: 1 });
    const s = soutenanceOf(first.body.evaluations);
    expect(s.readings).toEqual([expect.objectContaining({ reading: 1, mark: 14, comment: 'Analyse de pratique solide, distance critique à travailler.', fromJury: true, by: { id: w.proA.user.id, name: w.proA.user.name }, at: '2026-06-15T08:00:00.000Z' })]);
    expect(s.outcome.status).toBe('pending');

    const grid = (await call(w.responsable, 'GET', `/api/cohorts/${w.cohort.id}/evaluations`)).body;
    const cell = grid.cells.find((c: { learnerId: string; assessmentId: string }) => c.learnerId === w.alice.user.id && c.assessmentId === 'soutenance');
    expect(cell.readings).toEqual([expect.objectContaining({ reading: 1, mark: 14, fromJury: true, comment: 'Analyse de pratique solide, distance critique à travailler.', by: { id: w.proA.user.id, name: w.proA.user.name } })]);
    const stored = await t.db.select().from(evaluationMarks).where(and(eq(evaluationMarks.learnerId, w.alice.user.id), eq(evaluationMarks.assessmentId, 'soutenance')));
    expect(stored.map((r) => [r.reading, r.markCenti, r.juryCaseId])).toEqual([[1, 1400, caseId]]);

    // The second member takes the second reading; both agree (1 point): the mean is the soutenance's mark.
    expect(soutenanceOf((await call(w.teacherB, 'GET', `/api/jury-cases/${caseId}/evaluations`)).body).next).toMatchObject({ reading: 2, current: null });
    const second = await oral(w.teacherB, caseId, { mark: 15 });
    expect(second.body).toMatchObject({ written: true, reading: 2 });
    expect(soutenanceOf(second.body.evaluations).outcome).toMatchObject({ status: 'final', mark: 14.5 });
    expect(second.body.evaluations.blocs[0].assessments.find((a: { id: string }) => a.id === 'soutenance').outcome.mark).toBe(14.5);
    // A third member has nothing left to enter: 409, saying why.
    const third = await oral(w.proB, caseId, { mark: 12 });
    expect(third.status).toBe(409);
    expect(third.body.message).toBe(`Les deux lectures de « Soutenance orale d'analyse de pratiques » sont données (par ${w.proA.user.name} et ${w.teacherB.user.name}) et s’accordent : il n’y a pas de troisième lecture à faire.`);
  });

  it('a change keeps the old mark: without a reason 422, with one a new dated, attributed record; the history shows both', async () => {
    const w = await world();
    const { caseOf } = await jury(w, { seats: [w.teacherB, w.teacherC, w.proA, w.proB], cases: [w.alice] });
    const caseId = caseOf(w.alice);
    expect((await oral(w.proA, caseId, { mark: 11 })).status).toBe(200);
    t.clock.set('2026-06-15T10:30:00.000Z');
    const noReason = await oral(w.proA, caseId, { mark: 12.5 });
    expect(noReason.status).toBe(422);
    expect(noReason.body.issues).toEqual([{ path: 'reason', message: '« Soutenance orale d\'analyse de pratiques » : une note déjà saisie ne change qu’avec un motif.' }]);
    // The same value again writes nothing.
    expect((await oral(w.proA, caseId, { mark: 11 })).body.written).toBe(false);
    const changed = await oral(w.proA, caseId, { mark: 12.5, reason: 'Délibération du jury après la soutenance' });
    expect(changed.status).toBe(200);
    const s = soutenanceOf(changed.body.evaluations);
    expect(s.readings.map((r: { mark: number }) => r.mark)).toEqual([12.5]);
    expect(s.history.map((h: { mark: number; reason: string | null; at: string; by: { id: string } }) => [h.mark, h.reason, h.at, h.by.id])).toEqual([
      [11, null, '2026-06-15T08:00:00.000Z', w.proA.user.id],
      [12.5, 'Délibération du jury après la soutenance', '2026-06-15T10:30:00.000Z', w.proA.user.id],
    ]);
    expect(s.history[1].supersedesId).toBe(s.history[0].id);
    expect(s.next).toMatchObject({ reading: 1, current: { mark: 12.5 } });
    const history = await call(w.responsable, 'GET', `/api/cohorts/${w.cohort.id}/evaluations/learners/${w.alice.user.id}/assessments/soutenance/history`);
    expect(history.body.items.map((i: { mark: number; fromJury: boolean }) => [i.mark, i.fromJury])).toEqual([
      [11, true],
      [12.5, true],
    ]);
  });

  it('past the threshold a third voting member decides, not one of the first two', async () => {
    const w = await world();
    const { caseOf } = await jury(w, { seats: [w.teacherB, w.teacherC, w.proA, w.proB], cases: [w.alice] });
    const caseId = caseOf(w.alice);
    await oral(w.proA, caseId, { mark: 8 });
    await oral(w.teacherB, caseId, { mark: 15 });
    const view = (await call(w.proB, 'GET', `/api/jury-cases/${caseId}/evaluations`)).body;
    expect(soutenanceOf(view).outcome.status).toBe('third_reading');
    expect(soutenanceOf(view).next.reading).toBe(3);
    // proA gave the first reading: their form changes that one, not the third.
    expect(soutenanceOf((await call(w.proA, 'GET', `/api/jury-cases/${caseId}/evaluations`)).body).next.reading).toBe(1);
    const third = await oral(w.proB, caseId, { mark: 12 });
    expect(third.body).toMatchObject({ written: true, reading: 3 });
    expect(soutenanceOf(third.body.evaluations).outcome).toMatchObject({ status: 'final', mark: 12 });
  });

  it('an unconstituted jury does not mark (409, in French)', async () => {
    const w = await world();
    const { caseOf } = await jury(w, { seats: [w.teacherB, w.teacherC, w.proA], cases: [w.alice], constitute: false });
    const res = await oral(w.proA, caseOf(w.alice), { mark: 14 });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('Ce jury n’est pas encore constitué : la note de soutenance se saisit une fois le jury constitué par le·la responsable pédagogique.');
    const view = (await call(w.proA, 'GET', `/api/jury-cases/${caseOf(w.alice)}/evaluations`)).body;
    expect(view.permissions).toEqual({ mark: false, reason: res.body.message });
    expect(await t.db.select().from(evaluationMarks).where(eq(evaluationMarks.learnerId, w.alice.user.id))).toEqual([]);
  });

  it('refuses (403, in French) a conflicted member, the supervisor sitting without a vote, a member of another jury and the learner', async () => {
    const w = await world();
    const { id, caseOf } = await jury(w, { seats: [w.teacherA, w.teacherB, w.proA, w.proB], cases: [w.alice, w.bruno], supervisorRule: 'sits_without_vote', constitute: false });
    const other = await jury(w, { seats: [w.teacherC], cases: [w.bruno], constitute: false });
    expect((await call(w.responsable, 'POST', `/api/juries/${id}/conflicts`, { userId: w.proB.user.id, learnerId: w.bruno.user.id, nature: 'employer' })).status).toBe(200);

    const conflicted = await oral(w.proB, caseOf(w.bruno), { mark: 14 });
    expect(conflicted.status).toBe(403);
    expect(conflicted.body.message).toBe('Accès refusé : vous avez déclaré un conflit d’intérêts avec cette personne : vous ne siégez pas sur son dossier.');

    const supervisor = await oral(w.teacherA, caseOf(w.alice), { mark: 14 });
    expect(supervisor.status).toBe(403);
    expect(supervisor.body.message).toBe('Accès refusé : vous siégez sans voix délibérative sur ce dossier : la note revient aux membres qui votent.');
    // The supervisor reads the file and the marks, and is told why the form is closed.
    const read = await call(w.teacherA, 'GET', `/api/jury-cases/${caseOf(w.alice)}/evaluations`);
    expect(read.status).toBe(200);
    expect(read.body.permissions).toEqual({ mark: false, reason: 'Vous ne notez pas ce dossier : vous siégez sans voix délibérative sur ce dossier : la note revient aux membres qui votent.' });

    const elsewhere = await oral(w.teacherC, caseOf(w.alice), { mark: 14 });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.message).toBe('Accès refusé : vous ne siégez pas dans ce jury.');
    expect((await call(w.teacherC, 'GET', `/api/jury-cases/${caseOf(w.alice)}/evaluations`)).status).toBe(403);
    expect((await call(w.teacherC, 'GET', `/api/jury-cases/${other.caseOf(w.bruno)}/evaluations`)).status).toBe(200);

    const learner = await oral(w.alice, caseOf(w.alice), { mark: 20 });
    expect(learner.status).toBe(403);
    expect(learner.body.message).toMatch(/^Accès refusé : /);
    expect((await call(w.alice, 'GET', `/api/jury-cases/${caseOf(w.alice)}/evaluations`)).status).toBe(403);
    expect(await t.db.select().from(evaluationMarks).where(eq(evaluationMarks.cohortId, w.cohort.id))).toEqual([]);
  });

  it('bad input is a 422 naming the field, and writes nothing', async () => {
    const w = await world();
    const { caseOf } = await jury(w, { seats: [w.teacherB, w.teacherC, w.proA, w.proB], cases: [w.alice] });
    const caseId = caseOf(w.alice);
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ mark: 25 }, 'mark', /entre 0 et 20/],
      [{ mark: 12.345 }, 'mark', /deux décimales au plus/],
      [{ passed: true }, 'mark', /se note sur 20/],
      [{}, 'mark', /note sur 20 attendue/],
      [{ mark: 'douze' }, 'mark', /un nombre/],
      [{ mark: 12, levels: { distanciation: 'satisfaisant' } }, 'levels', /n’a pas de grille/],
      [{ mark: 12, assessmentId: 'memoire' }, 'assessmentId', /Le jury ne note pas cette épreuve : il note « Soutenance orale d'analyse de pratiques » \(soutenance\)/],
      [{ mark: 12, comment: 'x'.repeat(4001) }, 'comment', /4 000 caractères/],
      [{ mark: 12, note: 'champ inconnu' }, 'note', /Champ inconnu/],
    ];
    for (const [body, path, message] of cases) {
      const res = await oral(w.proA, caseId, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.issues[0].path, JSON.stringify(res.body)).toBe(path);
      expect(res.body.issues[0].message).toMatch(message);
    }
    expect(await t.db.select().from(evaluationMarks).where(eq(evaluationMarks.cohortId, w.cohort.id))).toEqual([]);
  });
});
