import { createRoute, z } from '@hono/zod-openapi';
import { idParam as uuidParam, MAX_AMOUNT_CENTS, TOO_LARGE_AMOUNT, ZIsoDate } from '../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse, paginated, ZPaginationQuery } from '../../http/openapi.js';
import { COHORT_STAFF_ROLES, LEARNER_STATUSES } from './cohorts.tables.js';

const tags = ['Promotions'];

export const ZPriceLineSchema = z.strictObject({
  label: z.string().trim().min(1, 'Le libellé du tarif est obligatoire.').max(120),
  payer: z.enum(['third_party', 'cpf', 'personal', 'agreement', 'other'], 'Payeur inconnu.'),
  amountCents: z.number().int('Montant en centimes entiers.').nonnegative('Le montant ne peut être négatif.').max(MAX_AMOUNT_CENTS, TOO_LARGE_AMOUNT),
  period: z.enum(['programme', 'year'], 'Période inconnue.'),
  optional: z.boolean().optional(),
});

const ZStaffSchema = z.strictObject({
  userId: z.string().min(1, 'Choisissez une personne.'),
  role: z.enum(COHORT_STAFF_ROLES, 'Rôle inconnu dans la promotion.'),
});

export const ZCohortCreateSchema = z
  .strictObject({
    number: z.number('Le numéro de promotion est obligatoire.').int('Numéro entier attendu.').min(1, 'Le numéro doit être positif.').max(999),
    name: z.string().trim().max(160).optional(),
    centreId: z.uuid('Choisissez un centre.'),
    certificationVersionCode: z.string().min(1, 'Choisissez la version de la certification.'),
    startsOn: ZIsoDate,
    endsOn: ZIsoDate,
    capacity: z.number('La capacité est obligatoire.').int().min(1, 'Au moins une place.').max(200, 'Au plus 200 places.'),
    priceGrid: z.array(ZPriceLineSchema).default([]),
    attendanceAlertThreshold: z.number().int().min(0, 'Seuil entre 0 et 100 %.').max(100, 'Seuil entre 0 et 100 %.').default(80),
    staff: z.array(ZStaffSchema).default([]),
  })
  .openapi('CohortCreate');

export const ZCohortPatchSchema = ZCohortCreateSchema.omit({ centreId: true }).partial().strict().openapi('CohortPatch');

const ZCentreRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const ZCohortSummarySchema = z
  .object({
    id: z.string(),
    number: z.number(),
    name: z.string(),
    centre: ZCentreRef,
    certificationVersionCode: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    capacity: z.number(),
    learnerCount: z.number(),
  })
  .openapi('CohortSummary');

export const ZCohortSchema = z
  .object({
    id: z.string(),
    number: z.number(),
    name: z.string(),
    centre: ZCentreRef,
    certificationVersion: z.object({ code: z.string(), title: z.string() }),
    startsOn: z.string(),
    endsOn: z.string(),
    capacity: z.number(),
    priceGrid: z.array(ZPriceLineSchema),
    attendanceAlertThreshold: z.number(),
    staff: z.array(z.object({ userId: z.string(), role: z.enum(COHORT_STAFF_ROLES), name: z.string(), email: z.string() })),
    learnerCount: z.number(),
    viewerIsLearner: z.boolean(),
  })
  .openapi('Cohort');

const ZIssue = z.object({ path: z.string(), message: z.string() });

/** Created or modified: the promotion, with what deserves a second look (a start date already past…). */
export const ZCohortSavedSchema = ZCohortSchema.extend({ warnings: z.array(ZIssue) }).openapi('CohortSaved');

export const ZCohortLearnerSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    status: z.enum(LEARNER_STATUSES),
    funderLabel: z.string().nullable(),
    jobSeeker: z.boolean(),
    enrolledAt: z.string(),
  })
  .openapi('CohortLearner');

const idParam = uuidParam('de promotion');

export const listCohortsRoute = createRoute({
  method: 'get',
  path: '/cohorts',
  tags,
  summary: 'Promotions de ses centres, par centre et par année de début',
  request: {
    query: ZPaginationQuery.extend({
      centreId: z.uuid('Centre invalide.').optional(),
      year: z.coerce.number().int().min(1990, 'Année invalide.').max(2100, 'Année invalide.').optional(),
    }),
  },
  responses: { 200: jsonContent(paginated(ZCohortSummarySchema), 'Promotions'), ...errorResponses },
});

export const createCohortRoute = createRoute({
  method: 'post',
  path: '/cohorts',
  tags,
  summary: 'Créer une promotion',
  request: { body: { content: { 'application/json': { schema: ZCohortCreateSchema } }, required: true } },
  responses: { 201: jsonContent(ZCohortSavedSchema, 'Promotion créée'), ...errorResponses, ...conflictResponse },
});

export const getCohortRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}',
  tags,
  summary: 'Une promotion',
  request: { params: idParam },
  responses: { 200: jsonContent(ZCohortSchema, 'Promotion'), ...errorResponses, ...notFoundResponse },
});

export const updateCohortRoute = createRoute({
  method: 'patch',
  path: '/cohorts/{id}',
  tags,
  summary: 'Modifier une promotion (numéro, dates, capacité, tarifs, équipe, seuil d’assiduité)',
  request: { params: idParam, body: { content: { 'application/json': { schema: ZCohortPatchSchema } }, required: true } },
  responses: { 200: jsonContent(ZCohortSavedSchema, 'Promotion modifiée'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const listCohortLearnersRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/learners',
  tags,
  summary: 'Les auditeur·rices de la promotion',
  request: { params: idParam },
  responses: { 200: jsonContent(z.object({ items: z.array(ZCohortLearnerSchema) }), 'Auditeur·rices'), ...errorResponses, ...notFoundResponse },
});

export const addCohortLearnerRoute = createRoute({
  method: 'post',
  path: '/cohorts/{id}/learners',
  tags,
  summary: 'Inscrire un·e auditeur·rice dans la promotion',
  request: {
    params: idParam,
    body: {
      content: {
        'application/json': {
          schema: z.strictObject({
            userId: z.string().min(1, 'Choisissez un·e auditeur·rice.'),
            funderLabel: z.string().trim().max(120).nullable().optional(),
            jobSeeker: z.boolean().optional(),
          }),
        },
      },
      required: true,
    },
  },
  responses: { 201: jsonContent(z.object({ userId: z.string() }), 'Inscrit·e'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const learnerCandidatesRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/learner-candidates',
  tags,
  summary: 'Comptes d’auditeur·rices du centre pas encore inscrits',
  request: { params: idParam },
  responses: { 200: jsonContent(z.object({ items: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string() })) }), 'Candidats'), ...errorResponses },
});

export const staffCandidatesRoute = createRoute({
  method: 'get',
  path: '/cohorts/staff-candidates',
  tags,
  summary: 'Personnes d’un centre assignables à une promotion',
  request: { query: z.object({ centreId: z.uuid('Choisissez un centre.') }) },
  responses: {
    200: jsonContent(z.object({ items: z.array(z.object({ userId: z.string(), name: z.string(), role: z.enum(COHORT_STAFF_ROLES) })) }), 'Personnes'),
    ...errorResponses,
  },
});

export const nextCohortNumberRoute = createRoute({
  method: 'get',
  path: '/cohorts/next-number',
  tags,
  summary: 'Numéro proposé pour une nouvelle promotion d’un centre (le suivant du plus haut, jamais un numéro existant)',
  request: { query: z.object({ centreId: z.uuid('Choisissez un centre.') }) },
  responses: { 200: jsonContent(z.object({ number: z.number() }), 'Numéro proposé'), ...errorResponses },
});
