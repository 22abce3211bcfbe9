/** Route contracts of the jury's space beyond the file (decision 026): a case's marks and the oral's marking form. */
import { createRoute, z } from '@hono/zod-openapi';
import { idParam } from '../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../http/openapi.js';
import { ZLearnerBlocResults, ZOutcome } from '../evaluations/evaluations.routes.js';
import { ZAssessmentKind, ZAssessmentScaleSchema, ZMarkingSchema, ZRubricSchema } from '../referentiel/evaluation-plan.schema.js';
import { JURY_ROUTE_VALUES } from '../../shared/vocabulary/juries.js';

const tags = ['Jurys'];
const ZPerson = z.object({ id: z.string(), name: z.string() });

const ZReadingRecord = z.object({
  id: z.string(),
  reading: z.number().int(),
  mark: z.number().nullable(),
  passed: z.boolean().nullable(),
  levels: z.record(z.string(), z.string()).nullable(),
  comment: z.string().nullable(),
  reason: z.string().nullable(),
  supersedesId: z.string().nullable(),
  /** Entered from the jury's space (a member's voting seat), not by an assigned marker. */
  fromJury: z.boolean(),
  by: ZPerson,
  at: z.string(),
});

export const ZJuryCaseEvaluations = z
  .object({
    id: z.string(),
    learner: ZPerson,
    jury: z.object({ id: z.string(), label: z.string(), route: z.enum(JURY_ROUTE_VALUES), constitutedAt: z.string().nullable() }),
    /** The route the case is judged under, with the version's access routes it covers. */
    route: z.object({ kind: z.enum(JURY_ROUTE_VALUES), label: z.string(), accessRoutes: z.array(z.string()) }),
    versionCode: z.string(),
    hasPlan: z.boolean(),
    /** Every mark of the learner in the jury's promotion, released or not, per bloc with the bloc's proposal. */
    blocs: ZLearnerBlocResults.shape.blocs,
    oral: z.object({
      /** What the jury marks: the plan's soutenance, else its orals (RNCP 5385), else nothing. */
      basis: z.enum(['defense', 'oral', 'none']),
      note: z.string(),
      assessments: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          kind: ZAssessmentKind,
          scale: ZAssessmentScaleSchema,
          marking: ZMarkingSchema,
          rubric: ZRubricSchema.nullable(),
          readings: z.array(ZReadingRecord),
          outcome: ZOutcome,
          history: z.array(ZReadingRecord),
          /** The reading the viewer would enter, with its current value (a change then needs a reason), or why none is left. */
          next: z.object({ reading: z.number().int().nullable(), current: ZReadingRecord.nullable(), message: z.string().nullable() }),
        }),
      ),
    }),
    permissions: z.object({ mark: z.boolean(), reason: z.string().nullable() }),
  })
  .openapi('JuryCaseEvaluations');

export const getJuryCaseEvaluationsRoute = createRoute({
  method: 'get',
  path: '/jury-cases/{id}/evaluations',
  tags,
  summary: 'Les notes d’un dossier par bloc (publiées ou non), le parcours de l’auditeur·rice et la fiche de notation de la soutenance, pour un membre qui y siège',
  request: { params: idParam('de dossier') },
  responses: { 200: jsonContent(ZJuryCaseEvaluations, 'Notes du dossier'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const enterJuryOralMarkRoute = createRoute({
  method: 'post',
  path: '/jury-cases/{id}/oral-marks',
  tags,
  summary: 'Saisir ou corriger (avec un motif) la note de soutenance d’un dossier : un membre votant d’un jury constitué ; chaque saisie est un nouvel enregistrement daté et attribué',
  request: {
    params: idParam('de dossier'),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.strictObject({
            assessmentId: z.string('Épreuve attendue.').regex(/^[a-z0-9-]{1,60}$/, 'Identifiant d’épreuve invalide (minuscules, chiffres et tirets).'),
            mark: z.number({ message: 'Note sur 20 : un nombre.' }).min(-1000).max(1000).nullable().optional(),
            passed: z.boolean({ message: 'Acquis : true ou false.' }).nullable().optional(),
            levels: z.record(z.string().max(60), z.string().max(60)).nullable().optional(),
            comment: z.string('Commentaire : du texte.').trim().max(4000, 'Commentaire trop long : 4 000 caractères au plus.').nullable().optional(),
            reason: z.string('Motif : du texte.').trim().max(1000, 'Motif trop long : 1 000 caractères au plus.').nullable().optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: jsonContent(z.object({ written: z.boolean(), reading: z.number().int(), evaluations: ZJuryCaseEvaluations }), 'Note enregistrée (ou inchangée)'),
    ...errorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});
