/** Route contracts of soutenance sessions (decision 027): settings, planner runs, timetable, convocations. */
import { createRoute, z } from '@hono/zod-openapi';
import { fileResponse, idParam, ZIsoDate, ZUserId, ZUuid } from '../../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../../http/openapi.js';
import { JURY_MEMBER_KIND_VALUES, JURY_ROUTE_VALUES, SOUTENANCE_PLAN_STATUS_VALUES } from '../../../shared/vocabulary/juries.js';

const tags = ['Soutenances'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const ZTime = z.string('Heure attendue.').regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Heure attendue au format HH:MM.');
const ZPerson = z.object({ id: z.string(), name: z.string() });

const ZSessionInput = z.strictObject({
  label: z.string('Intitulé attendu.').trim().min(3, 'Au moins 3 caractères.').max(200, '200 caractères au plus.'),
  place: z.string('Lieu attendu.').trim().min(3, 'Indiquez le lieu (adresse) des soutenances.').max(300, '300 caractères au plus.'),
  days: z
    .array(z.strictObject({ date: ZIsoDate, slots: z.array(z.strictObject({ start: ZTime, end: ZTime }), 'Créneaux attendus.').min(1, 'Au moins un créneau par jour.').max(24, '24 créneaux au plus par jour.') }), 'Jours attendus.')
    .min(1, 'Au moins un jour de soutenances.')
    .max(10, '10 jours au plus.'),
  rooms: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'Identifiant de salle invalide.').optional(),
        label: z.string('Nom de salle attendu.').trim().min(1, 'Nommez la salle.').max(100, '100 caractères au plus.'),
        video: z.boolean('Indiquez true ou false.').default(false),
      }),
      'Salles attendues.',
    )
    .min(1, 'Au moins une salle (ou une visioconférence).')
    .max(30, '30 salles au plus.'),
  juryIds: z.array(ZUuid('de jury'), 'Jurys attendus.').max(50, '50 jurys au plus.'),
  unavailability: z
    .array(
      z.strictObject({
        userId: ZUserId('Identifiant de membre invalide.'),
        date: ZIsoDate,
        slots: z.array(z.number('Numéro de créneau attendu.').int('Numéro de créneau entier attendu.').min(0, 'Numéro de créneau invalide.').max(23, 'Numéro de créneau invalide.')).max(24).optional(),
      }),
      'Indisponibilités attendues.',
    )
    .max(2000, '2 000 indisponibilités au plus.')
    .default([]),
});

const ZSoutenance = z.object({
  id: z.string(),
  learner: ZPerson,
  juryId: z.string(),
  juryLabel: z.string(),
  date: z.string(),
  slotIndex: z.number().int(),
  start: z.string(),
  end: z.string(),
  roomId: z.string(),
  roomLabel: z.string(),
  video: z.boolean(),
  members: z.array(z.object({ id: z.string(), name: z.string(), president: z.boolean() })),
  observers: z.array(ZPerson),
  sequence: z.number().int(),
  convocation: z.enum(['not_sent', 'sent', 'outdated']),
  convokedAt: z.string().nullable(),
});

export const ZPlanRunSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    status: z.enum(SOUTENANCE_PLAN_STATUS_VALUES),
    statusLabel: z.string(),
    jobStatus: z.string().nullable(),
    timeLimitSeconds: z.number().int(),
    elapsedSeconds: z.number(),
    defences: z.number().int(),
    objective: z.number().nullable(),
    bound: z.number().nullable(),
    gap: z.number().nullable(),
    solveMs: z.number().int().nullable(),
    error: z.string().nullable(),
    diagnosis: z.array(z.string()),
    outdated: z.boolean(),
    requestedAt: z.string(),
    finishedAt: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    assignments: z.array(z.object({ learner: ZPerson, date: z.string(), start: z.string(), end: z.string(), roomLabel: z.string(), members: z.array(z.string()), observers: z.array(z.string()) })),
  })
  .openapi('SoutenancePlanRun');

export const ZSoutenanceSessionSchema = z
  .object({
    id: z.string(),
    cohortId: z.string(),
    label: z.string(),
    place: z.string(),
    days: z.array(z.object({ date: z.string(), slots: z.array(z.object({ start: z.string(), end: z.string() })) })),
    rooms: z.array(z.object({ id: z.string(), label: z.string(), video: z.boolean() })),
    juryIds: z.array(z.string()),
    unavailability: z.array(z.object({ userId: z.string(), date: z.string(), slots: z.array(z.number().int()).optional() })),
    revision: z.number().int(),
    juries: z.array(z.object({ id: z.string(), label: z.string(), route: z.enum(JURY_ROUTE_VALUES), constituted: z.boolean(), cases: z.number().int() })),
    members: z.array(z.object({ userId: z.string(), name: z.string(), kind: z.enum(JURY_MEMBER_KIND_VALUES), kindLabel: z.string() })),
    /** Why the planner cannot run now (a jury not constituted…). */
    planIssues: z.array(z.string()),
    skipped: z.array(z.object({ learnerId: z.string(), name: z.string(), juryLabel: z.string(), reason: z.string() })),
    toPlan: z.array(z.object({ learnerId: z.string(), name: z.string() })),
    /** What the timetable no longer respects (checked again at each read). */
    problems: z.array(z.string()),
    soutenances: z.array(ZSoutenance),
    runs: z.array(ZPlanRunSchema),
  })
  .openapi('SoutenanceSession');

export const listSessionsRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/soutenance-sessions',
  tags,
  summary: 'Les sessions de soutenances d’une promotion',
  request: { params: idParam('de promotion') },
  responses: {
    200: jsonContent(
      z.object({
        items: z.array(z.object({ id: z.string(), label: z.string(), place: z.string(), firstDay: z.string().nullable(), lastDay: z.string().nullable(), days: z.number().int(), rooms: z.number().int(), juries: z.number().int(), planned: z.number().int() })),
      }),
      'Sessions',
    ),
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const createSessionRoute = createRoute({
  method: 'post',
  path: '/cohorts/{id}/soutenance-sessions',
  tags,
  summary: 'Ouvrir une session de soutenances (jours, créneaux, salles, jurys)',
  request: { params: idParam('de promotion'), ...body(ZSessionInput) },
  responses: { 201: jsonContent(ZSoutenanceSessionSchema, 'Session créée'), ...errorResponses, ...notFoundResponse },
});

export const getSessionRoute = createRoute({
  method: 'get',
  path: '/soutenance-sessions/{id}',
  tags,
  summary: 'Une session de soutenances : réglages, calculs, planning',
  request: { params: idParam('de session') },
  responses: { 200: jsonContent(ZSoutenanceSessionSchema, 'Session'), ...errorResponses, ...notFoundResponse },
});

export const updateSessionRoute = createRoute({
  method: 'put',
  path: '/soutenance-sessions/{id}',
  tags,
  summary: 'Modifier les réglages d’une session (jours, créneaux, salles, jurys, indisponibilités)',
  request: { params: idParam('de session'), ...body(ZSessionInput) },
  responses: { 200: jsonContent(ZSoutenanceSessionSchema, 'Session'), ...errorResponses, ...notFoundResponse },
});

export const requestPlanRoute = createRoute({
  method: 'post',
  path: '/soutenance-sessions/{id}/plans',
  tags,
  summary: 'Calculer un planning (optimiseur exact, en tâche de fond)',
  request: {
    params: idParam('de session'),
    ...body(z.strictObject({ timeLimitSeconds: z.number('Durée attendue en secondes.').int('Durée entière attendue.').min(1, 'Au moins 1 seconde.').max(600, '600 secondes au plus.').default(30) })),
  },
  responses: { 202: jsonContent(ZPlanRunSchema, 'Calcul demandé'), ...errorResponses, ...notFoundResponse },
});

export const getPlanRoute = createRoute({
  method: 'get',
  path: '/soutenance-plans/{id}',
  tags,
  summary: 'Un calcul de planning : avancement, puis objectif, borne, écart et durée',
  request: { params: idParam('de calcul') },
  responses: { 200: jsonContent(ZPlanRunSchema, 'Calcul'), ...errorResponses, ...notFoundResponse },
});

export const acceptPlanRoute = createRoute({
  method: 'post',
  path: '/soutenance-plans/{id}/accept',
  tags,
  summary: 'Retenir un planning calculé',
  request: { params: idParam('de calcul') },
  responses: { 200: jsonContent(ZSoutenanceSessionSchema, 'Session'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const moveSoutenanceRoute = createRoute({
  method: 'patch',
  path: '/soutenances/{id}',
  tags,
  summary: 'Déplacer une soutenance (jour, créneau, salle), avec les mêmes contrôles',
  request: {
    params: idParam('de soutenance'),
    ...body(z.strictObject({ date: ZIsoDate, slotIndex: z.number('Numéro de créneau attendu.').int('Numéro de créneau entier attendu.').min(0, 'Numéro de créneau invalide.').max(23, 'Numéro de créneau invalide.'), roomId: z.string('Salle attendue.').min(1, 'Salle attendue.').max(40, 'Salle inconnue.') })),
  },
  responses: { 200: jsonContent(ZSoutenanceSessionSchema, 'Session'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const sendConvocationsRoute = createRoute({
  method: 'post',
  path: '/soutenance-sessions/{id}/convocations',
  tags,
  summary: 'Envoyer les convocations (courriel avec lien et invitation de calendrier) ; après un changement, leur mise à jour',
  request: { params: idParam('de session') },
  responses: { 200: jsonContent(z.object({ soutenances: z.number().int(), updated: z.number().int(), messages: z.number().int() }), 'Convocations envoyées'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const convocationPdfRoute = createRoute({
  method: 'get',
  path: '/soutenances/{id}/convocation.pdf',
  tags,
  summary: 'La convocation d’une soutenance (PDF)',
  request: { params: idParam('de soutenance') },
  responses: { ...fileResponse('Convocation', 'pdf'), ...errorResponses, ...notFoundResponse },
});

export const invitationIcsRoute = createRoute({
  method: 'get',
  path: '/soutenances/{id}/invitation.ics',
  tags,
  summary: 'L’invitation de calendrier d’une soutenance (iCalendar, METHOD:REQUEST)',
  request: { params: idParam('de soutenance') },
  responses: { ...fileResponse('Invitation', 'ics'), ...errorResponses, ...notFoundResponse },
});

export const mySoutenancesRoute = createRoute({
  method: 'get',
  path: '/me/soutenances',
  tags,
  summary: 'Mes convocations : ma soutenance, ou celles où je siège',
  responses: {
    200: jsonContent(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            role: z.enum(['learner', 'member', 'observer']),
            sessionLabel: z.string(),
            juryLabel: z.string(),
            cohortName: z.string(),
            learner: ZPerson,
            thesisTitle: z.string().nullable(),
            date: z.string(),
            start: z.string(),
            end: z.string(),
            room: z.object({ label: z.string(), video: z.boolean() }),
            place: z.string(),
            members: z.array(z.object({ name: z.string(), president: z.boolean() })),
            observers: z.array(z.object({ name: z.string() })),
            outdated: z.boolean(),
          }),
        ),
      }),
      'Mes soutenances',
    ),
    ...errorResponses,
  },
});
