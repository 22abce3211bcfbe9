/** Route contracts of the mémoire record (decision 019): the record, its history, its states. */
import { createRoute, z } from '@hono/zod-openapi';
import { idParam, ZUserId } from '../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../http/openapi.js';
import { THESIS_GENRE_VALUES, THESIS_KIND_VALUES, THESIS_STATE_VALUES } from '../../shared/vocabulary/memoire.js';

const tags = ['Mémoire'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const ZKind = z.enum(THESIS_KIND_VALUES, 'Type de mémoire inconnu (future_project, organisation_diagnosis, related_organisations, critical_reflection).');
const ZGenre = z.enum(THESIS_GENRE_VALUES, 'Genre inconnu (academic, professional ou both).');
const ZState = z.enum(THESIS_STATE_VALUES, 'État inconnu (project, writing, deposited, defended, evaluated, abandoned).');
/** A text the learner writes; an empty text clears it. */
const ZText = (max: number) => z.string().trim().max(max, `${max} caractères au plus.`).nullable();

const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZThesisEventSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: ZPerson,
    fromState: ZState.nullable(),
    toState: ZState,
    note: z.string().nullable(),
  })
  .openapi('ThesisEvent');

export const ZThesisSchema = z
  .object({
    id: z.string(),
    cohortId: z.string(),
    learner: ZPerson,
    kind: ZKind.nullable(),
    genre: ZGenre.nullable(),
    title: z.string().nullable(),
    question: z.string().nullable(),
    organisation: z.string().nullable(),
    supervisor: ZPerson.nullable(),
    state: ZState,
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Every change of state, oldest first, dated by the application clock and attributed. */
    history: z.array(ZThesisEventSchema),
    /** What the UI offers this person, from the policies the API enforces. */
    permissions: z.object({ editContent: z.boolean(), nameSupervisor: z.boolean(), changeState: z.boolean(), nextStates: z.array(ZState) }),
  })
  .openapi('Thesis');

const ZThesisSummary = ZThesisSchema.omit({ history: true, permissions: true }).openapi('ThesisSummary');

const content = {
  kind: ZKind.nullable().optional(),
  genre: ZGenre.nullable().optional(),
  title: ZText(300).optional(),
  question: ZText(2000).optional(),
  organisation: ZText(300).optional(),
};

export const listCohortThesesRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/theses',
  tags,
  summary: 'Les mémoires d’une promotion (tous pour son équipe, ceux qu’il·elle dirige pour un·e enseignant·e)',
  request: { params: idParam('de promotion') },
  responses: { 200: jsonContent(z.object({ items: z.array(ZThesisSummary) }), 'Mémoires'), ...errorResponses, ...notFoundResponse },
});

export const myThesesRoute = createRoute({
  method: 'get',
  path: '/me/theses',
  tags,
  summary: 'Ses propres fiches mémoire (une par promotion)',
  responses: { 200: jsonContent(z.object({ items: z.array(ZThesisSummary) }), 'Mes mémoires'), ...errorResponses },
});

export const createThesisRoute = createRoute({
  method: 'post',
  path: '/cohorts/{id}/theses',
  tags,
  summary: 'Ouvrir la fiche mémoire d’un·e auditeur·rice de la promotion (la sienne, ou par l’équipe)',
  request: {
    params: idParam('de promotion'),
    ...body(z.strictObject({ learnerId: ZUserId('Identifiant d’auditeur·rice invalide.').optional(), ...content })),
  },
  responses: { 201: jsonContent(ZThesisSchema, 'Fiche créée'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const getThesisRoute = createRoute({
  method: 'get',
  path: '/theses/{id}',
  tags,
  summary: 'Une fiche mémoire et l’historique de ses états',
  request: { params: idParam('de mémoire') },
  responses: { 200: jsonContent(ZThesisSchema, 'Fiche'), ...errorResponses, ...notFoundResponse },
});

export const updateThesisRoute = createRoute({
  method: 'patch',
  path: '/theses/{id}',
  tags,
  summary: 'Modifier la fiche : son contenu (l’auditeur·rice) ou son·sa directeur·rice (l’équipe)',
  request: {
    params: idParam('de mémoire'),
    ...body(z.strictObject({ ...content, supervisorId: ZUserId('Identifiant de directeur·rice invalide.').nullable().optional() })),
  },
  responses: { 200: jsonContent(ZThesisSchema, 'Fiche modifiée'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const changeThesisStateRoute = createRoute({
  method: 'post',
  path: '/theses/{id}/state',
  tags,
  summary: 'Changer l’état du mémoire (projet → rédaction → déposé → soutenu → évalué, ou abandon)',
  request: {
    params: idParam('de mémoire'),
    ...body(z.strictObject({ state: ZState, note: z.string().trim().max(1000, '1000 caractères au plus.').default('') })),
  },
  responses: { 200: jsonContent(ZThesisSchema, 'État changé'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});
