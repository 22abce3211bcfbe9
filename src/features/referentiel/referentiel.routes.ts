import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonContent, notFoundResponse } from '../../http/openapi.js';
import { ZCertificationVersionSchema } from './referentiel.schema.js';

export const ZVersionStatus = z.enum(['active', 'closed', 'upcoming']);

export const ZVersionSummarySchema = z
  .object({
    code: z.string(),
    family: z.string(),
    rncpNumber: z.string().nullable(),
    title: z.string(),
    registeredOn: z.string(),
    expiresOn: z.string(),
    status: ZVersionStatus,
    blocCount: z.number().int(),
    totalHours: z.number().nullable(),
    predecessor: z.string().nullable(),
    successor: z.string().nullable(),
  })
  .openapi('CertificationVersionSummary');

export const ZHourTotalsSchema = z
  .object({
    declared: z.number(),
    componentsSum: z.number(),
    byKind: z.record(z.string(), z.number()),
    modulesSum: z.number().nullable(),
  })
  .passthrough();

export const ZVersionDetailSchema = ZVersionSummarySchema.extend({
  document: ZCertificationVersionSchema,
  blocIds: z.record(z.string(), z.string()),
  hourTotals: ZHourTotalsSchema.nullable(),
  lineage: z.array(ZVersionSummarySchema),
  importedAt: z.string(),
  sourceFile: z.string(),
}).openapi('CertificationVersion');

export const ZProblemSchema = z
  .object({ path: z.string(), message: z.string(), severity: z.enum(['error', 'warning']) })
  .openapi('ReferentielProblem');

export const ZVersionFileSchema = z
  .object({
    fileName: z.string().trim().min(1, 'Le nom du fichier est obligatoire.').max(200),
    content: z.string().min(1, 'Le fichier est vide.').max(2_000_000, 'Le fichier dépasse 2 Mo.'),
  })
  .strict()
  .openapi('CertificationVersionFile');

const tags = ['Référentiel'];

export const listVersionsRoute = createRoute({
  method: 'get',
  path: '/certifications',
  tags,
  summary: 'Les versions enregistrées des certifications, avec leur statut',
  responses: { 200: jsonContent(z.object({ items: z.array(ZVersionSummarySchema) }), 'Versions'), ...errorResponses },
});

export const getVersionRoute = createRoute({
  method: 'get',
  path: '/certifications/{code}',
  tags,
  summary: "Une version : blocs, compétences, modalités, maquette horaire, règles d'admission et de jury, prix, filiation",
  request: { params: z.object({ code: z.string().min(1).max(60) }) },
  responses: { 200: jsonContent(ZVersionDetailSchema, 'Version'), ...errorResponses, ...notFoundResponse },
});

export const validateVersionRoute = createRoute({
  method: 'post',
  path: '/certifications/validate',
  tags,
  summary: "Vérifier un fichier de version sans l'importer : chaque problème avec le chemin du champ",
  request: { body: { content: { 'application/json': { schema: ZVersionFileSchema } }, required: true } },
  responses: {
    200: jsonContent(
      z.object({ ok: z.boolean(), code: z.string().nullable(), problems: z.array(ZProblemSchema) }),
      'Résultat de la vérification',
    ),
    ...errorResponses,
  },
});

export const importVersionRoute = createRoute({
  method: 'post',
  path: '/certifications/import',
  tags,
  summary: 'Importer (ou mettre à jour) une version ; refusé sans rien écrire si le fichier a une erreur',
  request: { body: { content: { 'application/json': { schema: ZVersionFileSchema } }, required: true } },
  responses: {
    200: jsonContent(
      z.object({ code: z.string(), outcome: z.enum(['created', 'updated', 'unchanged']), warnings: z.array(ZProblemSchema) }),
      'Version importée',
    ),
    ...errorResponses,
  },
});
