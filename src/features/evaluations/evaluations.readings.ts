/**
 * What the marks' use cases share (decision 024): the current reading of each cell, outcomes and
 * proposals as the API presents them, and the one check of a value against its assessment's scale and
 * rubric. Internal to the evaluations feature: other features go through `evaluations.service.ts`.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { TDbOrTx } from '../../db/client.js';
import { notFound } from '../../http/errors.js';
import type { TCohortRow } from '../../policies/cohort-access.js';
import { users } from '../auth/auth.tables.js';
import type { TAssessment, TEvaluationPlan } from '../referentiel/evaluation-plan.schema.js';
import { certificationVersions } from '../referentiel/referentiel.tables.js';
import type { TVersionRow } from './evaluations-plan.service.js';
import { blocProposal, fromCenti, markValueProblem, rubricMarkCenti, toCenti, type TAssessmentOutcome, type TReadingNo, type TReadingValue } from './evaluations.rules.js';
import { evaluationMarks } from './evaluations.tables.js';

export type TMarkRow = typeof evaluationMarks.$inferSelect;

export async function loadVersionOf(db: TDbOrTx, cohort: TCohortRow): Promise<TVersionRow> {
  const [version] = await db.select().from(certificationVersions).where(eq(certificationVersions.id, cohort.certificationVersionId));
  return version!;
}

export function assessmentOf(plan: TEvaluationPlan, id: string): TAssessment {
  const a = plan.assessments.find((x) => x.id === id);
  if (!a) throw notFound(`Épreuve introuvable dans le plan d’évaluation : ${id}`);
  return a;
}

/** The current reading of each learner × assessment × reading: the row of the highest seq. */
export function currentReadings(rows: readonly TMarkRow[]): Map<string, TMarkRow> {
  const out = new Map<string, TMarkRow>();
  for (const r of rows) {
    const key = `${r.learnerId}|${r.assessmentId}|${r.reading}`;
    const seen = out.get(key);
    if (!seen || seen.seq < r.seq) out.set(key, r);
  }
  return out;
}

export function readingsOf(current: ReadonlyMap<string, TMarkRow>, learnerId: string, assessmentId: string): Partial<Record<TReadingNo, TReadingValue>> {
  const out: Partial<Record<TReadingNo, TReadingValue>> = {};
  for (const n of [1, 2, 3] as const) {
    const r = current.get(`${learnerId}|${assessmentId}|${n}`);
    if (r) out[n] = { markCenti: r.markCenti, passed: r.passed };
  }
  return out;
}

export const presentOutcome = (o: TAssessmentOutcome) =>
  o.status === 'final'
    ? { status: o.status, mark: o.markCenti === null ? null : fromCenti(o.markCenti), passed: o.passed, gap: o.gapCenti === null ? null : fromCenti(o.gapCenti) }
    : o.status === 'third_reading'
      ? { status: o.status, mark: null, passed: null, gap: o.gapCenti === null ? null : fromCenti(o.gapCenti) }
      : { status: o.status, mark: null, passed: null, gap: null };

export const presentProposal = (p: ReturnType<typeof blocProposal>) => ({ status: p.status, average: p.averageCenti === null ? null : fromCenti(p.averageCenti), reasons: p.reasons });

export async function loadMarkRows(db: TDbOrTx, cohortId: string, learnerIds?: string[]) {
  if (learnerIds && learnerIds.length === 0) return [];
  return db
    .select()
    .from(evaluationMarks)
    .where(learnerIds ? and(eq(evaluationMarks.cohortId, cohortId), inArray(evaluationMarks.learnerId, learnerIds)) : eq(evaluationMarks.cohortId, cohortId));
}

export async function namesOf(db: TDbOrTx, ids: string[]) {
  const unique = [...new Set(ids)];
  const rows = unique.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique)) : [];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export type TReadingInput = { mark?: number | null; passed?: boolean | null; levels?: Record<string, string> | null };
export type TStoredValue = { markCenti: number | null; passed: boolean | null; levels: Record<string, string> | null };

/**
 * A value as it is stored for this assessment, or what is wrong with it (French) and the field it
 * concerns (`null`: the value as a whole). With a rubric, the levels give the mark (their sum); a mark
 * given beside them must be that sum.
 */
export function readingValueOf(plan: TEvaluationPlan, assessment: TAssessment, input: TReadingInput): { ok: true; value: TStoredValue } | { ok: false; field: 'levels' | 'mark' | null; message: string } {
  if (input.levels && assessment.rubric) {
    const rubric = plan.rubrics.find((r) => r.id === assessment.rubric)!;
    const fromRubric = rubricMarkCenti(rubric, input.levels);
    if (!fromRubric.ok) return { ok: false, field: 'levels', message: fromRubric.message };
    if (typeof input.mark === 'number' && toCenti(input.mark) !== fromRubric.markCenti) {
      return { ok: false, field: 'mark', message: `la note (${input.mark}) n’est pas celle de la grille (${fromRubric.markCenti / 100}).` };
    }
    return { ok: true, value: { markCenti: fromRubric.markCenti, passed: null, levels: input.levels } };
  }
  if (input.levels) return { ok: false, field: 'levels', message: 'cette épreuve n’a pas de grille.' };
  const problem = markValueProblem(assessment, input);
  if (problem) return { ok: false, field: null, message: problem };
  return {
    ok: true,
    value: { markCenti: assessment.scale.kind === 'mark20' ? toCenti(input.mark as number) : null, passed: assessment.scale.kind === 'pass_fail' ? (input.passed as boolean) : null, levels: null },
  };
}

export const sameValue = (row: TMarkRow, v: TStoredValue) => row.markCenti === v.markCenti && row.passed === v.passed && JSON.stringify(row.levels ?? null) === JSON.stringify(v.levels ?? null);
