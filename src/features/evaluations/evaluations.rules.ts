/**
 * Pure rules of the marks (decision 024): what a set of readings makes of an assessment (single or
 * double marking, a disagreement beyond the threshold calling for a third reading, which decides), and
 * what an assessment's results make of a bloc under the bloc's rule. Marks are integer hundredths of a
 * point out of 20 (`centi`: 12,5/20 = 1250) so sums and averages are exact.
 */
import type { TAssessment, TBlocRule, TEvaluationPlan, TRubric } from '../referentiel/evaluation-plan.schema.js';

export const READING_VALUES = [1, 2, 3] as const;
export type TReadingNo = (typeof READING_VALUES)[number];

/** One marker's reading: a mark out of 20 (hundredths) or, on an acquis / non acquis scale, a verdict. */
export type TReadingValue = { markCenti: number | null; passed: boolean | null };

export type TAssessmentOutcome =
  /** Nothing entered yet, or (double marking) one reading of two. */
  | { status: 'pending'; readings: number }
  /** The two readings differ by more than the threshold: a third reading decides. */
  | { status: 'third_reading'; gapCenti: number | null }
  | { status: 'final'; markCenti: number | null; passed: boolean; gapCenti: number | null };

export type TBlocStatus = 'validated' | 'not_validated' | 'incomplete';
export type TBlocProposal = { status: TBlocStatus; averageCenti: number | null; reasons: string[] };

export const toCenti = (mark: number) => Math.round(mark * 100);
export const fromCenti = (centi: number) => centi / 100;

/** « 12,5/20 », « 9,25/20 ». */
export function formatMark(centi: number): string {
  return `${(centi / 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 })}/20`;
}

function passedOn(assessment: Pick<TAssessment, 'scale'>, value: TReadingValue): boolean {
  if (assessment.scale.kind === 'pass_fail') return value.passed === true;
  return value.markCenti !== null && value.markCenti >= toCenti(assessment.scale.passMark);
}

/**
 * Whether two readings disagree enough to call for a third: marks more than the threshold apart
 * (strictly: a gap equal to the threshold is agreement), or opposite verdicts on acquis / non acquis.
 */
export function needsThirdReading(assessment: Pick<TAssessment, 'scale' | 'marking'>, first: TReadingValue, second: TReadingValue): boolean {
  if (assessment.marking.mode !== 'double') return false;
  if (assessment.scale.kind === 'pass_fail') return first.passed !== second.passed;
  return Math.abs((first.markCenti ?? 0) - (second.markCenti ?? 0)) > toCenti(assessment.marking.thirdReadingThreshold);
}

/** What the current readings of one learner make of one assessment. */
export function assessmentOutcome(
  assessment: Pick<TAssessment, 'scale' | 'marking'>,
  readings: Partial<Record<TReadingNo, TReadingValue>>,
): TAssessmentOutcome {
  const first = readings[1];
  if (assessment.marking.mode === 'single') {
    if (!first) return { status: 'pending', readings: 0 };
    return { status: 'final', markCenti: assessment.scale.kind === 'mark20' ? first.markCenti : null, passed: passedOn(assessment, first), gapCenti: null };
  }
  const second = readings[2];
  if (!first || !second) return { status: 'pending', readings: (first ? 1 : 0) + (second ? 1 : 0) };
  const gapCenti = assessment.scale.kind === 'mark20' ? Math.abs((first.markCenti ?? 0) - (second.markCenti ?? 0)) : null;
  if (needsThirdReading(assessment, first, second)) {
    const third = readings[3];
    if (!third) return { status: 'third_reading', gapCenti };
    return { status: 'final', markCenti: assessment.scale.kind === 'mark20' ? third.markCenti : null, passed: passedOn(assessment, third), gapCenti };
  }
  if (assessment.scale.kind === 'pass_fail') return { status: 'final', markCenti: null, passed: first.passed === true, gapCenti: null };
  // Agreement: the mean of the two readings, to the hundredth (half a hundredth rounds up).
  const markCenti = Math.round(((first.markCenti ?? 0) + (second.markCenti ?? 0)) / 2);
  return { status: 'final', markCenti, passed: passedOn(assessment, { markCenti, passed: null }), gapCenti };
}

/** The assessments of the plan that count for a bloc, in the plan's order. */
export function assessmentsOfBloc(plan: Pick<TEvaluationPlan, 'assessments'>, blocCode: string): TAssessment[] {
  return plan.assessments.filter((a) => a.blocs.includes(blocCode));
}

/** The bloc's rule: the responsable's setting when there is one, else the version's default. */
export function effectiveBlocRule(plan: Pick<TEvaluationPlan, 'defaultBlocRule'>, setting: TBlocRule | null | undefined): TBlocRule {
  return setting ?? plan.defaultBlocRule.rule;
}

/**
 * The bloc's proposal from its assessments' outcomes and its rule: incomplete while an assessment has no
 * final result; otherwise validated or not, with the reasons (in French) when not.
 */
export function blocProposal(assessments: readonly TAssessment[], outcomes: ReadonlyMap<string, TAssessmentOutcome>, rule: TBlocRule): TBlocProposal {
  if (assessments.length === 0) return { status: 'incomplete', averageCenti: null, reasons: ['Aucune épreuve ne compte pour ce bloc.'] };
  const reasons: string[] = [];
  const finals: Array<{ a: TAssessment; markCenti: number | null; passed: boolean }> = [];
  for (const a of assessments) {
    const o = outcomes.get(a.id);
    if (!o || o.status !== 'final') reasons.push(o?.status === 'third_reading' ? `« ${a.label} » attend une troisième lecture.` : `« ${a.label} » n'est pas encore noté·e.`);
    else finals.push({ a, markCenti: o.markCenti, passed: o.passed });
  }
  const marked = finals.filter((f) => f.a.scale.kind === 'mark20' && f.markCenti !== null);
  const weights = marked.reduce((s, f) => s + f.a.weight, 0);
  const averageCenti = marked.length === assessments.filter((a) => a.scale.kind === 'mark20').length && weights > 0
    ? Math.round(marked.reduce((s, f) => s + f.a.weight * (f.markCenti as number), 0) / weights)
    : null;
  if (reasons.length > 0) return { status: 'incomplete', averageCenti: null, reasons };
  if (rule.kind === 'all_passed') {
    for (const f of finals) if (!f.passed) reasons.push(f.a.scale.kind === 'pass_fail' ? `« ${f.a.label} » : non acquis.` : `« ${f.a.label} » : ${formatMark(f.markCenti ?? 0)}, sous ${formatMark(toCenti((f.a.scale as { passMark: number }).passMark))}.`);
  } else {
    for (const f of finals) if (f.a.scale.kind === 'pass_fail' && !f.passed) reasons.push(`« ${f.a.label} » : non acquis.`);
    if (averageCenti !== null && averageCenti < toCenti(rule.passMark)) reasons.push(`Moyenne du bloc ${formatMark(averageCenti)}, sous ${formatMark(toCenti(rule.passMark))}.`);
    if (rule.eliminatoryBelow !== null) {
      const limit = toCenti(rule.eliminatoryBelow);
      for (const f of marked) if ((f.markCenti as number) < limit) reasons.push(`« ${f.a.label} » : ${formatMark(f.markCenti as number)}, note éliminatoire (sous ${formatMark(limit)}).`);
    }
  }
  return { status: reasons.length ? 'not_validated' : 'validated', averageCenti, reasons };
}

/** The mark a rubric's levels give (the sum of the levels' points), or the French reason it cannot. */
export function rubricMarkCenti(rubric: TRubric, levels: Readonly<Record<string, string>>): { ok: true; markCenti: number } | { ok: false; message: string } {
  let total = 0;
  for (const criterion of rubric.criteria) {
    const levelId = levels[criterion.id];
    if (levelId === undefined) return { ok: false, message: `Niveau manquant pour « ${criterion.label} ».` };
    const level = rubric.levels.find((l) => l.id === levelId);
    if (!level) return { ok: false, message: `Niveau inconnu pour « ${criterion.label} » : ${levelId} (${rubric.levels.map((l) => l.id).join(', ')}).` };
    total += toCenti(level.points);
  }
  const unknown = Object.keys(levels).find((id) => !rubric.criteria.some((c) => c.id === id));
  if (unknown) return { ok: false, message: `Critère inconnu de la grille « ${rubric.label} » : ${unknown}.` };
  return { ok: true, markCenti: total };
}

/** Why a value cannot be this assessment's reading (French), or null when it can. */
export function markValueProblem(assessment: Pick<TAssessment, 'scale' | 'label'>, value: { mark?: number | null; passed?: boolean | null }): string | null {
  if (assessment.scale.kind === 'pass_fail') {
    if (typeof value.passed !== 'boolean') return `« ${assessment.label} » se note acquis / non acquis : indiquez passed (true ou false), pas de note.`;
    if (value.mark !== undefined && value.mark !== null) return `« ${assessment.label} » se note acquis / non acquis, pas sur 20.`;
    return null;
  }
  if (value.passed !== undefined && value.passed !== null) return `« ${assessment.label} » se note sur 20 : donnez une note, pas acquis / non acquis.`;
  if (typeof value.mark !== 'number' || !Number.isFinite(value.mark)) return `« ${assessment.label} » : note sur 20 attendue.`;
  if (value.mark < 0 || value.mark > 20) return `« ${assessment.label} » : la note doit être comprise entre 0 et 20 (reçu ${value.mark}).`;
  if (Math.abs(toCenti(value.mark) - value.mark * 100) > 1e-6) return `« ${assessment.label} » : deux décimales au plus (reçu ${value.mark}).`;
  return null;
}

/**
 * Which reading someone entering on another feature's authority gives (a jury member at the soutenance,
 * decision 026), from who gave the current readings: in single marking the one reading — anyone so
 * authorised corrects it, with a reason; in double marking their own reading when they gave one, else
 * the first free one, else the third once the first two disagree beyond the threshold; null when two
 * other people gave both readings and they agree (nothing is left to enter).
 */
export function delegatedReading(marking: TAssessment['marking'], readers: Partial<Record<TReadingNo, string>>, actorId: string, thirdReadingOpen: boolean): TReadingNo | null {
  if (marking.mode === 'single') return 1;
  for (const n of READING_VALUES) if (readers[n] === actorId) return n;
  if (!readers[1]) return 1;
  if (!readers[2]) return 2;
  return thirdReadingOpen ? 3 : null;
}
