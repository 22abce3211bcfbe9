import { createRoute, z } from '@hono/zod-openapi';
import { fileResponse, idParam as uuidParam, ZUuid } from '../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse, paginated } from '../../http/openapi.js';
import {
  ZApplicationListItemSchema,
  ZApplicationSchema,
  ZCreateApplicationSchema,
  ZDocumentUploadSchema,
  ZDraftPatchSchema,
  ZListQuery,
  ZNoteSchema,
  ZOpenCohortSchema,
  ZStartApplicationSchema,
  ZTransitionSchema,
} from './admissions.schemas.js';

const tags = ['Candidatures'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const idParam = uuidParam('de candidature');

export const openCohortsRoute = createRoute({
  method: 'get',
  path: '/admissions/open-cohorts',
  tags,
  summary: 'Promotions ouvertes aux candidatures (public)',
  responses: { 200: jsonContent(z.object({ items: z.array(ZOpenCohortSchema) }), 'Promotions ouvertes') },
});

export const startApplicationRoute = createRoute({
  method: 'post',
  path: '/admissions/start',
  tags,
  summary: 'Candidater sans compte (public) : la même réponse que l’adresse ou la personne soit connue ou non ; la suite est dite par courriel',
  description:
    'Une adresse nouvelle et une personne sans candidature cette année : crée le compte (auditeur·rice) et le brouillon, puis écrit à cette adresse. ' +
    'Une adresse qui a déjà un compte : ne crée rien et écrit à ce compte. Une personne (nom, prénom, date de naissance) qui a déjà une candidature ' +
    'pour ce diplôme et cette rentrée : ne crée rien et écrit à l’adresse de ce dossier. La réponse est la même dans les trois cas.',
  request: body(ZStartApplicationSchema),
  responses: {
    202: jsonContent(z.object({ message: z.string() }), 'Demande enregistrée (la suite est envoyée par courriel)'),
    ...errorResponses,
    429: jsonContent(z.object({ message: z.string() }), 'Trop de tentatives'),
  },
});

export const createApplicationRoute = createRoute({
  method: 'post',
  path: '/applications',
  tags,
  summary: 'Commencer une candidature (personne connectée)',
  request: body(ZCreateApplicationSchema),
  responses: { 201: jsonContent(ZApplicationSchema, 'Brouillon créé'), ...errorResponses, ...conflictResponse },
});

export const myApplicationsRoute = createRoute({
  method: 'get',
  path: '/applications/mine',
  tags,
  summary: 'Mes candidatures',
  responses: {
    200: jsonContent(
      z.object({
        items: z.array(
          z.object({ id: z.string(), reference: z.string(), status: z.string(), year: z.number(), cohortName: z.string(), centreName: z.string(), registrationStatus: z.string(), updatedAt: z.string() }),
        ),
      }),
      'Mes candidatures',
    ),
    ...errorResponses,
  },
});

export const listApplicationsRoute = createRoute({
  method: 'get',
  path: '/applications',
  tags,
  summary: 'Liste de la commission : filtres centre, promotion, statut, recevabilité ; tri, recherche, pagination',
  request: { query: ZListQuery },
  responses: { 200: jsonContent(paginated(ZApplicationListItemSchema), 'Page de résultats'), ...errorResponses },
});

export const exportApplicationsRoute = createRoute({
  method: 'get',
  path: '/applications/export',
  tags,
  summary: 'Export CSV ou XLSX de la liste filtrée',
  request: { query: ZListQuery.omit({ page: true, pageSize: true }).extend({ format: z.enum(['csv', 'xlsx'], { message: 'Format : csv ou xlsx.' }).default('csv') }) },
  responses: { ...fileResponse('Fichier CSV ou XLSX', 'csv', 'xlsx'), ...errorResponses },
});

export const getApplicationRoute = createRoute({
  method: 'get',
  path: '/applications/{id}',
  tags,
  summary: 'Une candidature (vue de la personne candidate ou du CESTES)',
  request: { params: idParam },
  responses: { 200: jsonContent(ZApplicationSchema, 'Candidature'), ...errorResponses, ...notFoundResponse },
});

export const updateApplicationRoute = createRoute({
  method: 'patch',
  path: '/applications/{id}',
  tags,
  summary: 'Enregistrer le brouillon (recevabilité recalculée)',
  request: { params: idParam, ...body(ZDraftPatchSchema) },
  responses: { 200: jsonContent(ZApplicationSchema, 'Brouillon enregistré'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const addDocumentRoute = createRoute({
  method: 'post',
  path: '/applications/{id}/documents',
  tags,
  summary: 'Joindre une pièce (PDF, PNG, JPEG ; 10 Mo au plus)',
  request: { params: idParam, ...body(ZDocumentUploadSchema) },
  responses: { 201: jsonContent(ZApplicationSchema, 'Pièce jointe'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const getDocumentRoute = createRoute({
  method: 'get',
  path: '/applications/{id}/documents/{documentId}',
  tags,
  summary: "Télécharger une pièce d'une candidature",
  request: { params: idParam.extend({ documentId: ZUuid('de document') }) },
  responses: { ...fileResponse('Le fichier', 'pdf', 'png', 'jpeg'), ...errorResponses, ...notFoundResponse },
});

export const removeDocumentRoute = createRoute({
  method: 'delete',
  path: '/applications/{id}/documents/{documentId}',
  tags,
  summary: 'Retirer une pièce avant le dépôt (la personne candidate, brouillon seulement)',
  request: { params: idParam.extend({ documentId: ZUuid('de document') }) },
  responses: { 200: jsonContent(ZApplicationSchema, 'Pièce retirée'), ...errorResponses, ...notFoundResponse },
});

export const fileApplicationRoute = createRoute({
  method: 'post',
  path: '/applications/{id}/file',
  tags,
  summary: 'Déposer la candidature',
  request: { params: idParam },
  responses: { 200: jsonContent(ZApplicationSchema, 'Candidature déposée'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const transitionRoute = createRoute({
  method: 'post',
  path: '/applications/{id}/transitions',
  tags,
  summary: 'Instruire : passer en instruction, demander une correction, accepter, refuser, classer sans suite (motif obligatoire)',
  request: { params: idParam, ...body(ZTransitionSchema) },
  responses: { 200: jsonContent(ZApplicationSchema, 'Candidature après la décision'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const addNoteRoute = createRoute({
  method: 'post',
  path: '/applications/{id}/notes',
  tags,
  summary: 'Ajouter une note privée (jamais visible de la personne candidate)',
  request: { params: idParam, ...body(ZNoteSchema) },
  responses: { 201: jsonContent(ZApplicationSchema, 'Note ajoutée'), ...errorResponses, ...notFoundResponse },
});

