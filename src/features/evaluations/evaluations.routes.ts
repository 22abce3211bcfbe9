/** Route contracts of the evaluation plan and the marks (decision 024). */
import { createRoute, z } from '@hono/zod-openapi';
import { idParam, ZUserId, ZUuid } from '../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../http/openapi.js';
import {
  ZAssessmentKind,
  ZAssessmentScaleSchema,
  ZAssessmentSchema,
  ZBlocRuleSchema,
  ZMarkingSchema,
  ZQuotedSourceSchema,
  ZRubricSchema,
} from '../referentiel/evaluation-plan.schema.js';
import { LEARNER_STATUSES } from '../cohorts/cohorts.tables.js';
import { MARKER_ROLE_VALUES } from './evaluations.tables.js';

const tags = ['Évaluations'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const ZPerson = z.object({ id: z.string(), name: z.string() });
const ZAssessmentId = z.string().regex(/^[a-z0-9-]{1,60}$/, 'Identifiant d’épreuve invalide (minuscules, chiffres et tirets).');
const ZReason = z.string().trim().min(3, 'Donnez un motif (3 caractères au moins).').max(1000, 'Motif trop long : 1 000 caractères au plus.');

/**
 * The rule a responsable may set: the plan's shapes, with bounded marks. The variant without fields comes
 * first, as in the meetings' transitions: a body missing a field then names that field (fuzz).
 */
const ZBlocRuleInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('all_passed') }),
    z.strictObject({
      kind: z.literal('weighted_average'),
      passMark: z.number({ message: 'Moyenne requise : nombre entre 0 et 20.' }).min(0, 'Moyenne requise : 0 au moins.').max(20, 'Moyenne requise : 20 au plus.'),
      eliminatoryBelow: z.number({ message: 'Note éliminatoire : nombre entre 0 et 20, ou null.' }).min(0, 'Note éliminatoire : 0 au moins.').max(20, 'Note éliminatoire : 20 au plus.').nullable(),
    }),
  ],
  { message: 'Règle inconnue : weighted_average (moyenne pondérée) ou all_passed (chaque épreuve réussie).' },
);

export const ZEvaluationPlanView = z
  .object({
    code: z.string(),
    title: z.string(),
    source: ZQuotedSourceSchema,
    assessments: z.array(ZAssessmentSchema),
    rubrics: z.array(ZRubricSchema),
    defaultRule: z.object({ rule: ZBlocRuleSchema, note: z.string() }),
    blocs: z.array(
      z.object({
        code: z.string(),
        title: z.string(),
        assessmentIds: z.array(z.string()),
        rule: ZBlocRuleSchema,
        isDefault: z.boolean(),
        history: z.array(z.object({ rule: ZBlocRuleSchema, reason: z.string(), setBy: ZPerson, setAt: z.string() })),
      }),
    ),
    permissions: z.object({ changeRules: z.boolean() }),
  })
  .openapi('EvaluationPlan');

export const ZOutcome = z.object({
  status: z.enum(['pending', 'third_reading', 'final']),
  mark: z.number().nullable(),
  passed: z.boolean().nullable(),
  /** Gap between the two readings of a double marking, out of 20. */
  gap: z.number().nullable(),
});
const ZProposal = z.object({ status: z.enum(['validated', 'not_validated', 'incomplete']), average: z.number().nullable(), reasons: z.array(z.string()) });
const ZMarkerRole = z.enum(MARKER_ROLE_VALUES, 'Rôle inconnu : marker (correcteur·rice) ou third_reader (troisième lecture).');

export const ZCohortMarks = z
  .object({
    cohort: z.object({ id: z.string(), name: z.string(), versionCode: z.string() }),
    assessments: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        kind: ZAssessmentKind,
        blocs: z.array(z.string()),
        scale: ZAssessmentScaleSchema,
        marking: ZMarkingSchema,
        rubric: ZRubricSchema.nullable(),
        markers: z.array(ZPerson.extend({ role: ZMarkerRole })),
        released: z.object({ at: z.string(), by: ZPerson }).nullable(),
        myRoles: z.array(ZMarkerRole),
      }),
    ),
    blocs: z.array(z.object({ code: z.string(), title: z.string(), rule: ZBlocRuleSchema })),
    learners: z.array(z.object({ id: z.string(), name: z.string(), status: z.enum(LEARNER_STATUSES) })),
    cells: z.array(
      z.object({
        learnerId: z.string(),
        assessmentId: z.string(),
        readings: z.array(
          z.object({
            reading: z.number().int(),
            mark: z.number().nullable(),
            passed: z.boolean().nullable(),
            levels: z.record(z.string(), z.string()).nullable(),
            comment: z.string().nullable(),
            /** Entered by a jury member from the jury's space (decision 026), not by an assigned marker. */
            fromJury: z.boolean(),
            by: ZPerson,
            at: z.string(),
            /** How many times this reading was changed. */
            changes: z.number().int(),
          }),
        ),
        outcome: ZOutcome,
      }),
    ),
    proposals: z.array(ZProposal.extend({ learnerId: z.string(), blocCode: z.string() })),
    permissions: z.object({ manage: z.boolean(), mark: z.boolean() }),
  })
  .openapi('CohortMarks');

export const ZLearnerBlocResults = z
  .object({
    cohort: z.object({ id: z.string(), name: z.string(), versionCode: z.string() }),
    blocs: z.array(
      z.object({
        code: z.string(),
        title: z.string(),
        rule: ZBlocRuleSchema,
        assessments: z.array(z.object({ id: z.string(), label: z.string(), kind: ZAssessmentKind, scale: ZAssessmentScaleSchema, released: z.boolean(), outcome: ZOutcome })),
        proposal: ZProposal,
      }),
    ),
  })
  .openapi('LearnerBlocResults');

const ZCode = (what: string) => z.string().regex(/^[A-Za-z0-9-]{1,60}$/, `Code ${what} invalide (lettres, chiffres et tirets).`);
const versionParams = z.object({ code: ZCode('de version') });

export const getEvaluationPlanRoute = createRoute({
  method: 'get',
  path: '/certifications/{code}/evaluation-plan',
  tags,
  summary: 'Le plan d’évaluation d’une version : épreuves citées à leur source, barèmes, correcteurs, grille du mémoire, règle de chaque bloc',
  request: { params: versionParams },
  responses: { 200: jsonContent(ZEvaluationPlanView, 'Plan d’évaluation'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const setBlocRuleRoute = createRoute({
  method: 'put',
  path: '/certifications/{code}/evaluation-plan/blocs/{blocCode}/rule',
  tags,
  summary: 'Changer la règle de validation d’un bloc (motivée, tracée ; la précédente reste dans l’historique)',
  request: {
    params: versionParams.extend({ blocCode: ZCode('de bloc') }),
    ...body(z.strictObject({ rule: ZBlocRuleInput, reason: ZReason })),
  },
  responses: { 200: jsonContent(ZEvaluationPlanView, 'Plan d’évaluation'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const getCohortMarksRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/evaluations',
  tags,
  summary: 'Les notes d’une promotion : épreuves, correcteurs, lectures, troisièmes lectures à faire, propositions par bloc',
  request: { params: idParam('de promotion') },
  responses: { 200: jsonContent(ZCohortMarks, 'Notes'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const setMarkersRoute = createRoute({
  method: 'put',
  path: '/cohorts/{id}/evaluations/markers',
  tags,
  summary: 'Désigner les correcteur·rices (et troisièmes lecteur·rices) d’une épreuve dans la promotion',
  request: {
    params: idParam('de promotion'),
    ...body(
      z.strictObject({
        assessmentId: ZAssessmentId,
        markers: z.array(z.strictObject({ userId: ZUserId('Identifiant d’utilisateur invalide.'), role: ZMarkerRole })).max(20, 'Vingt correcteur·rices au plus.'),
      }),
    ),
  },
  responses: { 200: jsonContent(ZCohortMarks, 'Notes'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

const ZCell = z.strictObject({
  learnerId: ZUserId('Identifiant d’auditeur·rice invalide.'),
  assessmentId: ZAssessmentId,
  reading: z.union([z.literal(1), z.literal(2), z.literal(3)], { message: 'Lecture : 1, 2 ou 3.' }),
  mark: z.number({ message: 'Note sur 20 : un nombre.' }).min(-1000).max(1000).nullable().optional(),
  passed: z.boolean({ message: 'Acquis : true ou false.' }).nullable().optional(),
  levels: z.record(z.string().max(60), z.string().max(60)).nullable().optional(),
  reason: z.string().trim().max(1000, 'Motif trop long : 1 000 caractères au plus.').nullable().optional(),
});

export const enterMarksRoute = createRoute({
  method: 'post',
  path: '/cohorts/{id}/evaluations/marks',
  tags,
  summary: 'Saisir des notes (une ou toute la promotion) en une transaction : chaque case fautive nommée, rien d’écrit à moitié',
  request: { params: idParam('de promotion'), ...body(z.strictObject({ cells: z.array(ZCell).min(1, 'Donnez au moins une note.').max(2000, '2 000 notes au plus par saisie.') })) },
  responses: { 200: jsonContent(z.object({ written: z.number().int(), grid: ZCohortMarks }), 'Notes enregistrées'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const getMarkHistoryRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/evaluations/learners/{learnerId}/assessments/{assessmentId}/history',
  tags,
  summary: 'L’historique des notes d’un·e auditeur·rice à une épreuve : chaque saisie, datée, attribuée, motivée',
  request: { params: z.object({ id: ZUuid('de promotion'), learnerId: ZUserId('Identifiant d’auditeur·rice invalide.'), assessmentId: ZAssessmentId }) },
  responses: {
    200: jsonContent(
      z.object({
        assessmentId: z.string(),
        learnerId: z.string(),
        items: z.array(
          z.object({
            id: z.string(),
            reading: z.number().int(),
            mark: z.number().nullable(),
            passed: z.boolean().nullable(),
            levels: z.record(z.string(), z.string()).nullable(),
            reason: z.string().nullable(),
            comment: z.string().nullable(),
            fromJury: z.boolean(),
            supersedesId: z.string().nullable(),
            by: ZPerson,
            at: z.string(),
          }),
        ),
      }),
      'Historique',
    ),
    ...errorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const releaseMarksRoute = createRoute({
  method: 'post',
  path: '/cohorts/{id}/evaluations/releases',
  tags,
  summary: 'Publier aux auditeur·rices les notes d’une épreuve',
  request: { params: idParam('de promotion'), ...body(z.strictObject({ assessmentId: ZAssessmentId })) },
  responses: { 200: jsonContent(ZCohortMarks, 'Notes'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const getMyEvaluationsRoute = createRoute({
  method: 'get',
  path: '/me/evaluations',
  tags,
  summary: '« Mes évaluations » : ses notes publiées, par bloc, et la proposition de chaque bloc',
  responses: { 200: jsonContent(z.object({ items: z.array(ZLearnerBlocResults) }), 'Mes évaluations'), ...errorResponses },
});
