/**
 * Route contracts of the versions of a mémoire (decision 021). The uploads take multipart/form-data,
 * read as a stream by the handler (the contract documents the form; no validator buffers it).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { idParam } from '../../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse, ZErrorSchema } from '../../../http/openapi.js';
import { THESIS_STATE_VALUES } from '../../../shared/vocabulary/memoire.js';
import { THESIS_FILE_FORMAT_VALUES, THESIS_FILE_KIND_VALUES } from '../../../shared/vocabulary/memoire-versions.js';

const tags = ['Mémoire'];
const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZThesisFileSchema = z
  .object({
    id: z.string(),
    kind: z.enum(THESIS_FILE_KIND_VALUES),
    number: z.number().int().nullable(),
    versionId: z.string().nullable(),
    fileName: z.string(),
    format: z.enum(THESIS_FILE_FORMAT_VALUES),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    pageCount: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .openapi('ThesisFile');

const ZChange = z.object({ id: z.string(), text: z.string(), done: z.boolean(), doneAt: z.string().nullable(), doneBy: ZPerson.nullable() });
const ZFeedback = z.object({ id: z.string(), at: z.string(), author: ZPerson, comment: z.string(), changes: z.array(ZChange) }).openapi('ThesisFeedback');

export const ZFinalDepositSchema = z
  .object({ versionId: z.string(), number: z.number().int(), fileName: z.string(), at: z.string(), sha256: z.string(), sizeBytes: z.number().int(), pageCount: z.number().int(), pageWarning: z.string().nullable() })
  .openapi('ThesisFinalDeposit');

export const ZVersionsPanelSchema = z
  .object({
    thesisId: z.string(),
    learnerId: z.string(),
    state: z.enum(THESIS_STATE_VALUES),
    /** False once the final deposit is made (or the record left projet / rédaction). */
    open: z.boolean(),
    permissions: z.object({ deposit: z.boolean(), feedback: z.boolean(), markChanges: z.boolean(), finalDeposit: z.boolean() }),
    maxBytes: z.number().int(),
    /** Newest first. */
    versions: z.array(ZThesisFileSchema.extend({ annexes: z.array(ZThesisFileSchema), feedback: z.array(ZFeedback), final: z.boolean() })),
    /** Annexes of the record itself. */
    annexes: z.array(ZThesisFileSchema),
    finalDeposit: ZFinalDepositSchema.nullable(),
  })
  .openapi('ThesisVersions');

/** The multipart form of an upload: one file in the field « file ». Not a Zod schema: nothing buffers it. */
const multipartBody = {
  body: {
    required: true,
    description: 'Un seul fichier, dans le champ « file » (50 Mo au plus ; type reconnu d’après son contenu).',
    content: { 'multipart/form-data': { schema: { type: 'object' as const, properties: { file: { type: 'string' as const, format: 'binary' } }, required: ['file'] } } },
  },
};
const uploadErrors = {
  413: jsonContent(ZErrorSchema, 'Fichier trop volumineux'),
  415: jsonContent(ZErrorSchema, 'Corps qui n’est pas multipart/form-data'),
};

export const getVersionsRoute = createRoute({
  method: 'get',
  path: '/theses/{id}/versions',
  tags,
  summary: 'Les versions d’un mémoire, leurs annexes, les retours et le dépôt final',
  request: { params: idParam('de mémoire') },
  responses: { 200: jsonContent(ZVersionsPanelSchema, 'Versions'), ...errorResponses, ...notFoundResponse },
});

export const uploadVersionRoute = createRoute({
  method: 'post',
  path: '/theses/{id}/versions',
  tags,
  summary: 'Déposer une nouvelle version (PDF, DOCX ou ODT), numérotée',
  request: { params: idParam('de mémoire'), ...multipartBody },
  responses: { 201: jsonContent(ZThesisFileSchema, 'Version déposée'), ...errorResponses, ...notFoundResponse, ...conflictResponse, ...uploadErrors },
});

export const uploadThesisAnnexRoute = createRoute({
  method: 'post',
  path: '/theses/{id}/annexes',
  tags,
  summary: 'Déposer une annexe du mémoire (tout format bureautique ou PDF)',
  request: { params: idParam('de mémoire'), ...multipartBody },
  responses: { 201: jsonContent(ZThesisFileSchema, 'Annexe déposée'), ...errorResponses, ...notFoundResponse, ...conflictResponse, ...uploadErrors },
});

export const uploadVersionAnnexRoute = createRoute({
  method: 'post',
  path: '/thesis-files/{id}/annexes',
  tags,
  summary: 'Déposer une annexe jointe à une version',
  request: { params: idParam('de version'), ...multipartBody },
  responses: { 201: jsonContent(ZThesisFileSchema, 'Annexe déposée'), ...errorResponses, ...notFoundResponse, ...conflictResponse, ...uploadErrors },
});

export const downloadThesisFileRoute = createRoute({
  method: 'get',
  path: '/thesis-files/{id}/content',
  tags,
  summary: 'Télécharger une version ou une annexe',
  request: { params: idParam('de fichier') },
  responses: { 200: { description: 'Le fichier, avec son type et son nom' }, ...errorResponses, ...notFoundResponse },
});

export const addFeedbackRoute = createRoute({
  method: 'post',
  path: '/thesis-files/{id}/feedback',
  tags,
  summary: 'Répondre à une version : un commentaire et des modifications demandées',
  request: {
    params: idParam('de version'),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.strictObject({
            comment: z.string().max(10_000, '10 000 caractères au plus.').default(''),
            changes: z.array(z.string().trim().min(1, 'Une modification demandée ne peut pas être vide.').max(1000, '1000 caractères au plus.')).max(50, '50 modifications au plus par retour.').default([]),
          }),
        },
      },
    },
  },
  responses: { 201: jsonContent(ZVersionsPanelSchema, 'Retour enregistré'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const markChangeRoute = createRoute({
  method: 'post',
  path: '/thesis-changes/{id}/mark',
  tags,
  summary: 'Marquer une modification demandée comme faite, ou à faire',
  request: { params: idParam('de modification demandée'), body: { required: true, content: { 'application/json': { schema: z.strictObject({ done: z.boolean('Indiquez si la modification est faite (true ou false).') }) } } } },
  responses: { 200: jsonContent(ZVersionsPanelSchema, 'Modification marquée'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const finalDepositRoute = createRoute({
  method: 'post',
  path: '/thesis-files/{id}/final-deposit',
  tags,
  summary: 'Dépôt final : cette version PDF devient le mémoire déposé, qui ne change plus',
  request: { params: idParam('de version') },
  responses: { 200: jsonContent(ZVersionsPanelSchema, 'Mémoire déposé'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});
