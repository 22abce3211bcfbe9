/**
 * Marks (issue 11, item 2; decision 024): markers named per assessment and promotion, readings entered
 * alone or double-marked with a third reading past the threshold, bulk entry in one transaction, every
 * change a new record with its reason, marks released to learners, nobody marking their own file, and
 * the bloc rule a responsable changes.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortStaff } from '../../src/features/cohorts/cohorts.tables.js';
import { evaluationMarks } from '../../src/features/evaluations/evaluations.tables.js';
import { getLearnerBlocResults } from '../../src/features/evaluations/evaluations.service.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type TPerson = { user: { id: string; name: string; email: string }; cookie: string };
const call = (p: TPerson | undefined, method: string, path: string, body?: unknown) => t.call(method, path, { cookie: p?.cookie, body });

/** A promotion of RNCP 41336, its responsable, three teachers on its staff, two learners; markers named. */
async function world() {
  const { centre, responsable, cohort } = await createCohortWorld(t);
  const [first, second, third, idle] = await Promise.all([1, 2, 3, 4].map(() => staffOf(t, centre.id, 'enseignant')));
  await t.db.insert(cohortStaff).values([first!, second!, third!, idle!].map((p) => ({ cohortId: cohort.id, userId: p.user.id, role: 'enseignant' as const })));
  const alice = await enrol(t, cohort.id, responsable.cookie);
  const bruno = await enrol(t, cohort.id, responsable.cookie);
  const base = `/api/cohorts/${cohort.id}/evaluations`;
  const set = (assessmentId: string, markers: Array<{ userId: string; role: string }>) => call(responsable, 'PUT', `${base}/markers`, { assessmentId, markers });
  expect((await set('cas-pratiques-1', [{ userId: first!.user.id, role: 'marker' }])).status).toBe(200);
  const m = await set('memoire', [
    { userId: first!.user.id, role: 'marker' },
    { userId: second!.user.id, role: 'marker' },
    { userId: third!.user.id, role: 'third_reader' },
  ]);
  expect(m.status).toBe(200);
  return { centre, cohort, responsable, first: first!, second: second!, third: third!, idle: idle!, alice, bruno, base };
}

const marksCount = async (cohortId: string) => Number((await t.db.select({ n: sql<number>`count(*)` }).from(evaluationMarks).where(eq(evaluationMarks.cohortId, cohortId)))[0]!.n);
type TGrid = { cells: Array<{ learnerId: string; assessmentId: string; outcome: { status: string; mark: number | null; gap: number | null }; readings: Array<{ reading: number; mark: number | null }> }> };
const cellOf = (grid: TGrid, learnerId: string, assessmentId: string) => grid.cells.find((c) => c.learnerId === learnerId && c.assessmentId === assessmentId);

describe('a mark change', () => {
  it('keeps the old mark: a new dated, attributed record with its reason; the database refuses to rewrite one', async () => {
    const w = await world();
    const enter = (cells: unknown[]) => call(w.first, 'POST', `${w.base}/marks`, { cells });
    expect((await enter([{ learnerId: w.alice.user.id, assessmentId: 'cas-pratiques-1', reading: 1, mark: 12 }])).status).toBe(200);
    const noReason = await enter([{ learnerId: w.alice.user.id, assessmentId: 'cas-pratiques-1', reading: 1, mark: 13.5 }]);
    expect(noReason.status).toBe(422);
    expect(noReason.body.issues).toEqual([{ path: 'cells.0.reason', message: `${w.alice.user.name}, « Cas pratiques — gouvernance stratégique », lecture 1 : une note déjà saisie ne change qu’avec un motif.` }]);
    const changed = await enter([{ learnerId: w.alice.user.id, assessmentId: 'cas-pratiques-1', reading: 1, mark: 13.5, reason: 'Erreur de report' }]);
    expect(changed.status).toBe(200);
    expect(cellOf(changed.body.grid, w.alice.user.id, 'cas-pratiques-1')!.outcome).toMatchObject({ status: 'final', mark: 13.5 });
    // The same value again writes nothing.
    expect((await enter([{ learnerId: w.alice.user.id, assessmentId: 'cas-pratiques-1', reading: 1, mark: 13.5 }])).body.written).toBe(0);

    const history = await call(w.responsable, 'GET', `${w.base}/learners/${w.alice.user.id}/assessments/cas-pratiques-1/history`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((i: { mark: number; reason: string | null; by: { id: string } }) => [i.mark, i.reason, i.by.id])).toEqual([
      [12, null, w.first.user.id],
      [13.5, 'Erreur de report', w.first.user.id],
    ]);
    expect(history.body.items[1].supersedesId).toBe(history.body.items[0].id);
    await expect(t.db.update(evaluationMarks).set({ markCenti: 2000 }).where(eq(evaluationMarks.cohortId, w.cohort.id))).rejects.toThrow();
    await expect(t.db.delete(evaluationMarks).where(eq(evaluationMarks.cohortId, w.cohort.id))).rejects.toThrow();
  });
});

describe('who marks', () => {
  it('a teacher who is not a marker of the assessment is refused, and one outside the promotion sees no grid', async () => {
    const w = await world();
    const res = await call(w.idle, 'POST', `${w.base}/marks`, { cells: [{ learnerId: w.alice.user.id, assessmentId: 'cas-pratiques-1', reading: 1, mark: 12 }] });
    expect(res.status).toBe(403);
    const byOther = await call(w.second, 'POST', `${w.base}/marks`, { cells: [{ learnerId: w.alice.user.id, assessmentId: 'cas-pratiques-1', reading: 1, mark: 12 }] });
    expect(byOther.status).toBe(403);
    expect(byOther.body.message).toContain('vous n’êtes pas correcteur·rice de « Cas pratiques — gouvernance stratégique »');
    const outsider = await staffOf(t, (await t.createTestCentre('Ailleurs')).id, 'enseignant');
    expect((await call(outsider, 'GET', w.base)).status).toBe(403);
    expect(await marksCount(w.cohort.id)).toBe(0);
  });

  it('a staff member enrolled as a learner cannot mark their own file', async () => {
    const w = await world();
    const both = await t.createTestUser({ roles: ['enseignant', 'auditeur'], centreIds: [w.centre.id], name: 'Enseignante auditrice' });
    expect((await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/learners`, { userId: both.id })).status).toBe(201);
    await t.db.insert(cohortStaff).values({ cohortId: w.cohort.id, userId: both.id, role: 'enseignant' });
    expect((await call(w.responsable, 'PUT', `${w.base}/markers`, { assessmentId: 'cas-pratiques-2', markers: [{ userId: both.id, role: 'marker' }] })).status).toBe(200);
    const me = { user: both, cookie: await t.signIn(both.email) };
    const own = await call(me, 'POST', `${w.base}/marks`, { cells: [{ learnerId: both.id, assessmentId: 'cas-pratiques-2', reading: 1, mark: 20 }] });
    expect(own.status).toBe(403);
    expect(own.body.message).toContain('on ne note pas sa propre copie');
    expect((await call(me, 'POST', `${w.base}/marks`, { cells: [{ learnerId: w.bruno.user.id, assessmentId: 'cas-pratiques-2', reading: 1, mark: 11 }] })).status).toBe(200);
  });

  it('double marking: two readings by two people; past 3 points a third reader decides, not one of the first two', async () => {
    const w = await world();
    const cell = (reading: number, mark: number) => ({ cells: [{ learnerId: w.alice.user.id, assessmentId: 'memoire', reading, mark }] });
    expect((await call(w.first, 'POST', `${w.base}/marks`, cell(1, 12))).status).toBe(200);
    const twice = await call(w.first, 'POST', `${w.base}/marks`, cell(2, 12));
    expect(twice.status).toBe(403);
    expect(twice.body.message).toContain('deux personnes différentes');
    const second = await call(w.second, 'POST', `${w.base}/marks`, cell(2, 16));
    expect(cellOf(second.body.grid, w.alice.user.id, 'memoire')!.outcome).toEqual({ status: 'third_reading', mark: null, passed: null, gap: 4 });
    expect((await call(w.first, 'POST', `${w.base}/marks`, cell(3, 14))).status).toBe(403);
    const third = await call(w.third, 'POST', `${w.base}/marks`, cell(3, 13));
    expect(third.status).toBe(200);
    expect(cellOf(third.body.grid, w.alice.user.id, 'memoire')!.outcome).toMatchObject({ status: 'final', mark: 13, gap: 4 });
    // A rubric reading gives the sum of its levels' points.
    const rubric = await call(w.first, 'POST', `${w.base}/marks`, {
      cells: [{ learnerId: w.bruno.user.id, assessmentId: 'memoire', reading: 1, levels: { distanciation: 'satisfaisant', argumentation: 'tres-satisfaisant', coherence: 'fragile', pertinence: 'satisfaisant' } }],
    });
    expect(rubric.status).toBe(200);
    expect(cellOf(rubric.body.grid, w.bruno.user.id, 'memoire')!.readings).toMatchObject([{ reading: 1, mark: 15.5 }]);
  });
});

describe('bulk entry', () => {
  it('with one bad cell writes nothing and names the cell in French', async () => {
    const w = await world();
    const res = await call(w.first, 'POST', `${w.base}/marks`, {
      cells: [
        { learnerId: w.alice.user.id, assessmentId: 'cas-pratiques-1', reading: 1, mark: 14 },
        { learnerId: w.bruno.user.id, assessmentId: 'cas-pratiques-1', reading: 1, mark: 25 },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('1 case(s) invalide(s) : rien n’a été enregistré.');
    expect(res.body.issues).toEqual([
      { path: 'cells.1', message: `${w.bruno.user.name}, lecture 1 — « Cas pratiques — gouvernance stratégique » : la note doit être comprise entre 0 et 20 (reçu 25).` },
    ]);
    expect(await marksCount(w.cohort.id)).toBe(0);
    const ok = await call(w.first, 'POST', `${w.base}/marks`, {
      cells: [
        { learnerId: w.alice.user.id, assessmentId: 'cas-pratiques-1', reading: 1, mark: 14 },
        { learnerId: w.bruno.user.id, assessmentId: 'cas-pratiques-1', reading: 1, mark: 8.5 },
      ],
    });
    expect(ok.body.written).toBe(2);
  });
});

describe('release', () => {
  it('a learner sees nothing before the responsable releases the assessment, then their own mark only', async () => {
    const w = await world();
    await call(w.first, 'POST', `${w.base}/marks`, {
      cells: [
        { learnerId: w.alice.user.id, assessmentId: 'cas-pratiques-1', reading: 1, mark: 15 },
        { learnerId: w.bruno.user.id, assessmentId: 'cas-pratiques-1', reading: 1, mark: 9 },
      ],
    });
    const before = await call(w.alice, 'GET', '/api/me/evaluations');
    expect(before.status).toBe(200);
    const mine = before.body.items.find((i: { cohort: { id: string } }) => i.cohort.id === w.cohort.id);
    const flat = (items: { blocs: Array<{ assessments: Array<{ id: string; released: boolean; outcome: { mark: number | null } }> }> }) => items.blocs.flatMap((b) => b.assessments);
    expect(flat(mine).every((a) => a.outcome.mark === null && !a.released)).toBe(true);
    expect((await call(w.alice, 'GET', w.base)).status).toBe(403);
    expect((await call(w.first, 'POST', `${w.base}/releases`, { assessmentId: 'cas-pratiques-1' })).status).toBe(403);
    expect((await call(w.responsable, 'POST', `${w.base}/releases`, { assessmentId: 'cas-pratiques-1' })).status).toBe(200);
    expect((await call(w.responsable, 'POST', `${w.base}/releases`, { assessmentId: 'cas-pratiques-1' })).status).toBe(409);
    const after = (await call(w.alice, 'GET', '/api/me/evaluations')).body.items.find((i: { cohort: { id: string } }) => i.cohort.id === w.cohort.id);
    expect(flat(after).find((a) => a.id === 'cas-pratiques-1')).toMatchObject({ released: true, outcome: { status: 'final', mark: 15 } });
    expect(JSON.stringify(after)).not.toContain('"mark":9');
  });
});

describe('the bloc rule', () => {
  it('is the version file’s default until a responsable changes it (with a reason, kept in the history); juries read the proposal', async () => {
    const w = await world();
    const plan = await call(w.first, 'GET', '/api/certifications/RNCP35080/evaluation-plan');
    expect(plan.status).toBe(200);
    expect(plan.body.permissions.changeRules).toBe(false);
    // The file's default; the bloc keeps it until a setting (PostgreSQL's shared database keeps earlier runs' settings).
    expect(plan.body.defaultRule.rule).toEqual({ kind: 'weighted_average', passMark: 10, eliminatoryBelow: null });
    expect(plan.body.blocs[0].code).toBe('RNCP35080-F1');
    if (plan.body.blocs[0].isDefault) expect(plan.body.blocs[0].rule).toEqual(plan.body.defaultRule.rule);
    const before = plan.body.blocs[0].history.length as number;
    expect((await call(w.first, 'PUT', '/api/certifications/RNCP35080/evaluation-plan/blocs/RNCP35080-F1/rule', { rule: { kind: 'all_passed' }, reason: 'Essai' })).status).toBe(403);
    const bad = await call(w.responsable, 'PUT', '/api/certifications/RNCP35080/evaluation-plan/blocs/RNCP35080-F1/rule', { rule: { kind: 'weighted_average', passMark: 30, eliminatoryBelow: null }, reason: 'Essai' });
    expect(bad.status).toBe(422);
    expect(bad.body.issues[0]).toMatchObject({ path: 'rule.passMark' });
    const set = await call(w.responsable, 'PUT', '/api/certifications/RNCP35080/evaluation-plan/blocs/RNCP35080-F1/rule', { rule: { kind: 'all_passed' }, reason: 'Décision du conseil de perfectionnement' });
    expect(set.status).toBe(200);
    expect(set.body.blocs[0]).toMatchObject({ isDefault: false, rule: { kind: 'all_passed' } });
    expect(set.body.blocs[0].history).toHaveLength(before + 1);
    expect(set.body.blocs[0].history[0]).toMatchObject({ reason: 'Décision du conseil de perfectionnement', rule: { kind: 'all_passed' }, setBy: { id: w.responsable.user.id } });

    // The juries' read of a learner's blocs: CPN07B10 of 41336 incomplete until every assessment is final.
    await call(w.first, 'POST', `${w.base}/marks`, { cells: [{ learnerId: w.alice.user.id, assessmentId: 'cas-pratiques-1', reading: 1, mark: 14 }] });
    const results = await getLearnerBlocResults({ db: t.db, cohortId: w.cohort.id, learnerId: w.alice.user.id });
    const b10 = results.blocs.find((b) => b.code === 'CPN07B10')!;
    expect(b10.assessments.map((a) => a.id)).toEqual(['cas-pratiques-1', 'memoire', 'soutenance', 'outils']);
    expect(b10.proposal.status).toBe('incomplete');
    expect(b10.proposal.reasons).toContain('« Mémoire professionnel » n\'est pas encore noté·e.');
  });
});
