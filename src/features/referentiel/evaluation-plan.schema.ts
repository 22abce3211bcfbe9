/**
 * The evaluation plan of a certification version (issue 11, decision 024): its assessments, each with
 * its scale and its markers, the blocs each one counts for, the rubric of the mémoire, and the rule that
 * turns marks into a bloc's result. Every item quotes the seed it was read from (`source.quote`); what
 * the seeds do not say (scales, thresholds, how marks combine) is marked `assumed` with a note, and the
 * bloc rule is a parameter of the version that a responsable pédagogique may change (the version's file
 * gives the default).
 */
import { z } from 'zod';

/** Where an item was read: a seed declared in the file's `sources`, and the seed's own words. */
export const ZQuotedSourceSchema = z.strictObject({
  seed: z.string().min(1),
  quote: z.string().min(1),
});

export const ASSESSMENT_KIND_VALUES = ['thesis', 'defense', 'case_study', 'written', 'oral', 'text_analysis', 'tools_presentation'] as const;
export const ZAssessmentKind = z.enum(ASSESSMENT_KIND_VALUES);

export const ZAssessmentScaleSchema = z.discriminatedUnion('kind', [
  /** A mark out of 20, in hundredths at most; passed from `passMark` up. */
  z.strictObject({ kind: z.literal('mark20'), passMark: z.number().min(0).max(20) }),
  /** Acquis / non acquis. */
  z.strictObject({ kind: z.literal('pass_fail') }),
]);

export const ZMarkingSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('single') }),
  /** Two markers; a gap above the threshold (points out of 20) calls for a third reading, which then decides. */
  z.strictObject({ mode: z.literal('double'), thirdReadingThreshold: z.number().min(0).max(20) }),
]);

/** A rubric: criteria judged each at one of the levels; the mark is the sum of the levels' points. */
export const ZRubricSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'identifiant en minuscules, chiffres et tirets'),
  label: z.string().min(1),
  criteria: z.array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), label: z.string().min(1), source: ZQuotedSourceSchema })).min(1),
  levels: z.array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), label: z.string().min(1), points: z.number().min(0).max(20) })).min(2),
  /** Levels and points are not in the seeds: the project's default, said so. */
  note: z.string().min(1).optional(),
});

export const ZAssessmentSchema = z.strictObject({
  /** Unique within the version; marks point at it. */
  id: z.string().regex(/^[a-z0-9-]+$/, 'identifiant en minuscules, chiffres et tirets'),
  kind: ZAssessmentKind,
  label: z.string().min(1),
  /** Codes of the blocs this assessment counts for (a transversal one lists several). */
  blocs: z.array(z.string().min(1)).min(1, 'une épreuve compte pour au moins un bloc'),
  scale: ZAssessmentScaleSchema,
  marking: ZMarkingSchema,
  /** Id of a rubric of the plan the markers fill in (the mémoire's four qualities). */
  rubric: z.string().min(1).optional(),
  /** Weight in a weighted average (marks out of 20 only). */
  weight: z.number().positive().max(100).default(1),
  source: ZQuotedSourceSchema,
  /** Scale and markers the seeds do not give: true, with the note saying what was chosen. */
  assumed: z.boolean().default(false),
  note: z.string().min(1).optional(),
});

export const BLOC_RULE_KIND_VALUES = ['weighted_average', 'all_passed'] as const;

/**
 * How a bloc's marks make its result. `weighted_average`: the average of its marks out of 20, weighted,
 * reaches `passMark`, no mark is under `eliminatoryBelow` (when set) and every acquis/non acquis
 * assessment is acquis. `all_passed`: every assessment is passed on its own scale.
 */
export const ZBlocRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('weighted_average'),
    passMark: z.number().min(0).max(20),
    eliminatoryBelow: z.number().min(0).max(20).nullable(),
  }),
  z.strictObject({ kind: z.literal('all_passed') }),
]);

export const ZEvaluationPlanSchema = z.strictObject({
  /** What the seed says of the modalities as a whole. */
  source: ZQuotedSourceSchema,
  assessments: z.array(ZAssessmentSchema).min(1),
  rubrics: z.array(ZRubricSchema).default([]),
  /** The seeds are silent on how marks combine: the version's default, which the responsable may change per bloc. */
  defaultBlocRule: z.strictObject({ rule: ZBlocRuleSchema, note: z.string().min(1) }),
});

export type TQuotedSource = z.infer<typeof ZQuotedSourceSchema>;
export type TAssessmentKind = z.infer<typeof ZAssessmentKind>;
export type TAssessmentScale = z.infer<typeof ZAssessmentScaleSchema>;
export type TMarking = z.infer<typeof ZMarkingSchema>;
export type TRubric = z.infer<typeof ZRubricSchema>;
export type TAssessment = z.infer<typeof ZAssessmentSchema>;
export type TBlocRule = z.infer<typeof ZBlocRuleSchema>;
export type TEvaluationPlan = z.infer<typeof ZEvaluationPlanSchema>;
