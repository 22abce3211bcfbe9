import { createRoute, z } from '@hono/zod-openapi';
import { fileResponse, idParam, ZIsoDate } from '../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../http/openapi.js';
import { RESIDENCY_KINDS, SESSION_TYPES } from './calendar.tables.js';

const tags = ['Calendrier'];
const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Heure attendue au format HH:MM.');
const ZSessionType = z.enum(SESSION_TYPES, 'Type de séance inconnu.');

export const ZSessionSchema = z
  .object({
    id: z.string(),
    cohortId: z.string(),
    residencyId: z.string(),
    remote: z.boolean(),
    type: ZSessionType,
    title: z.string(),
    room: z.string().nullable(),
    remoteUrl: z.string().nullable(),
    date: z.string(),
    startTime: z.string(),
    endTime: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    hours: z.number(),
    teachers: z.array(z.object({ userId: z.string(), name: z.string() })),
    /** Attendance exists: its times are fixed (only a correction with a reason changes them). */
    signed: z.boolean(),
  })
  .openapi('Session');

const ZMaquette = z.object({ seminarHours: z.number(), thesisWorkshopHours: z.number(), totalHours: z.number() });

export const ZCalendarSchema = z
  .object({
    cohortId: z.string(),
    maquette: ZMaquette,
    defaults: z.object({ startsOn: z.string(), schoolZone: z.enum(['A', 'B', 'C']).nullable(), onSiteWeeks: z.number(), remoteDays: z.number(), defenseDays: z.number() }),
    promotion: z.object({ startsOn: z.string(), endsOn: z.string() }),
    /** The zone whose holidays apply (the centre's, or the one chosen at generation), how far its data goes, and the warning when the plan goes further. */
    schoolHolidays: z.object({ zone: z.enum(['A', 'B', 'C']).nullable(), knownUntil: z.string().nullable(), warning: z.string().nullable() }),
    totals: z.object({
      byType: z.record(z.string(), z.number()),
      seminarHours: z.number(),
      thesisWorkshopHours: z.number(),
      totalHours: z.number(),
      expected: ZMaquette,
      deviations: z.array(z.object({ kind: z.string(), planned: z.number(), expected: z.number(), message: z.string() })),
    }),
    markers: z.array(z.object({ id: z.string(), source: z.string(), on: z.string(), title: z.string(), description: z.string().nullable() })),
    residencies: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(RESIDENCY_KINDS),
        label: z.string(),
        days: z.array(z.string()),
        startsOn: z.string(),
        endsOn: z.string(),
        sessions: z.array(ZSessionSchema),
      }),
    ),
  })
  .openapi('Calendar');

const cohortParam = idParam('de promotion');
const residencyParam = idParam('de regroupement');
const sessionParam = idParam('de séance');
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const calendarOk = { 200: jsonContent(ZCalendarSchema, 'Calendrier'), ...errorResponses, ...notFoundResponse, ...conflictResponse };

export const getCalendarRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/calendar',
  tags,
  summary: 'Le calendrier d’une promotion : regroupements, séances, totaux par type face à la maquette',
  request: { params: cohortParam },
  responses: { 200: jsonContent(ZCalendarSchema, 'Calendrier'), ...errorResponses, ...notFoundResponse },
});

export const generateCalendarRoute = createRoute({
  method: 'post',
  path: '/cohorts/{id}/calendar/generate',
  tags,
  summary: 'Générer les regroupements de deux ans (hors jours fériés, vacances scolaires en option) et les séances par défaut',
  request: {
    params: cohortParam,
    ...body(
      z.strictObject({
        startsOn: ZIsoDate,
        schoolZone: z.enum(['A', 'B', 'C'], 'Zone de vacances scolaires inconnue (A, B ou C).').nullable().default(null),
        replace: z.boolean().default(false),
        withSessions: z.boolean().default(true),
      }),
    ),
  },
  responses: calendarOk,
});

export const createResidencyRoute = createRoute({
  method: 'post',
  path: '/cohorts/{id}/residencies',
  tags,
  summary: 'Ajouter un regroupement (ou une journée à distance, ou des soutenances)',
  request: {
    params: cohortParam,
    ...body(
      z.strictObject({
        kind: z.enum(RESIDENCY_KINDS, 'Type de regroupement inconnu.'),
        label: z.string().trim().min(1, 'Le libellé est obligatoire.').max(120),
        days: z.array(ZIsoDate).min(1, 'Au moins un jour.').max(20, 'Au plus 20 jours.'),
      }),
    ),
  },
  responses: calendarOk,
});

export const previewResidencyMoveRoute = createRoute({
  method: 'post',
  path: '/residencies/{id}/move-preview',
  tags,
  summary: 'Voir, sans rien enregistrer, les jours que donnerait le déplacement d’un regroupement et pourquoi (jour férié, week-end)',
  request: { params: residencyParam, ...body(z.strictObject({ moveTo: ZIsoDate })) },
  responses: {
    200: jsonContent(
      z.object({
        residencyId: z.string(),
        label: z.string(),
        requested: z.string(),
        before: z.array(z.string()),
        after: z.array(z.string()),
        notes: z.array(z.string()),
        sessionsMoved: z.number(),
      }),
      'Aperçu du déplacement',
    ),
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const updateResidencyRoute = createRoute({
  method: 'patch',
  path: '/residencies/{id}',
  tags,
  summary: 'Modifier un regroupement : libellé, jours (ajouter, retirer), ou le déplacer (nouveau premier jour)',
  request: {
    params: residencyParam,
    ...body(
      z
        .strictObject({
          label: z.string().trim().min(1, 'Le libellé est obligatoire.').max(120).optional(),
          days: z.array(ZIsoDate).min(1, 'Au moins un jour.').max(20, 'Au plus 20 jours.').optional(),
          moveTo: ZIsoDate.optional(),
        })
        .refine((p) => !(p.days && p.moveTo), { message: 'Déplacez le regroupement ou changez ses jours, pas les deux à la fois.', path: ['moveTo'] }),
    ),
  },
  responses: calendarOk,
});

export const splitResidencyRoute = createRoute({
  method: 'post',
  path: '/residencies/{id}/split',
  tags,
  summary: 'Scinder un regroupement à partir d’un jour',
  request: { params: residencyParam, ...body(z.strictObject({ atDay: ZIsoDate })) },
  responses: calendarOk,
});

export const deleteResidencyRoute = createRoute({
  method: 'delete',
  path: '/residencies/{id}',
  tags,
  summary: 'Supprimer un regroupement sans séance',
  request: { params: residencyParam },
  responses: calendarOk,
});

export const ZSessionInputSchema = z
  .strictObject({
    residencyId: z.uuid('Choisissez le regroupement.'),
    type: ZSessionType,
    title: z.string().trim().min(2, 'Le titre doit compter au moins 2 caractères.').max(200),
    teacherIds: z.array(z.string().min(1)).default([]),
    room: z.string().trim().max(120).nullable().default(null),
    // A web address only: a `javascript:` or `data:` link would run in whoever clicks it.
    remoteUrl: z
      .url({ protocol: /^https?$/, message: 'Lien de visioconférence invalide : seule une adresse web http:// ou https:// est acceptée.' })
      .max(2000, 'Lien de visioconférence trop long (2 000 caractères au plus).')
      .nullable()
      .default(null),
    date: ZIsoDate,
    startTime: ZClock,
    endTime: ZClock,
  })
  .openapi('SessionInput');

export const createSessionRoute = createRoute({
  method: 'post',
  path: '/sessions',
  tags,
  summary: 'Planifier une séance (refusée si un·e enseignant·e ou une salle est déjà pris·e, ou hors du regroupement)',
  request: body(ZSessionInputSchema),
  responses: { 201: jsonContent(ZSessionSchema, 'Séance créée'), ...errorResponses, ...conflictResponse },
});

export const updateSessionRoute = createRoute({
  method: 'put',
  path: '/sessions/{id}',
  tags,
  summary: 'Modifier une séance',
  request: { params: sessionParam, ...body(ZSessionInputSchema) },
  responses: { 200: jsonContent(ZSessionSchema, 'Séance modifiée'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

const ZCorrectionSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    date: z.string(),
    before: z.object({ startTime: z.string(), endTime: z.string(), hours: z.number() }),
    after: z.object({ startTime: z.string(), endTime: z.string(), hours: z.number() }),
    reason: z.string(),
    correctedBy: z.object({ userId: z.string(), name: z.string() }),
    correctedAt: z.string(),
  })
  .openapi('SessionTimeCorrection');

export const correctSessionTimesRoute = createRoute({
  method: 'post',
  path: '/sessions/{id}/time-corrections',
  tags,
  summary:
    'Corriger les horaires d’une séance émargée, avec un motif (enregistré, daté, attribué, audité) ; les heures de présence des auditeurs émargés suivent les horaires corrigés',
  request: {
    params: sessionParam,
    ...body(
      z.strictObject({
        startTime: ZClock,
        endTime: ZClock,
        reason: z.string().trim().min(10, 'Le motif de la correction est obligatoire (10 caractères au moins).').max(1000),
      }),
    ),
  },
  responses: {
    201: jsonContent(ZCorrectionSchema.extend({ learnersWithAttendance: z.number() }), 'Correction enregistrée'),
    ...errorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const sessionCorrectionsRoute = createRoute({
  method: 'get',
  path: '/sessions/{id}/time-corrections',
  tags,
  summary: 'L’historique des corrections d’horaires d’une séance',
  request: { params: sessionParam },
  responses: { 200: jsonContent(z.object({ items: z.array(ZCorrectionSchema), learnersWithAttendance: z.number() }), 'Historique'), ...errorResponses, ...notFoundResponse },
});

export const deleteSessionRoute = createRoute({
  method: 'delete',
  path: '/sessions/{id}',
  tags,
  summary: 'Supprimer une séance sans émargement',
  request: { params: sessionParam },
  responses: { 204: { description: 'Supprimée' }, ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const mySessionsRoute = createRoute({
  method: 'get',
  path: '/me/sessions',
  tags,
  summary: 'Mes séances : celles de mes promotions (auditeur·rice) ou celles que j’anime (enseignant·e)',
  responses: {
    200: jsonContent(z.object({ items: z.array(ZSessionSchema.extend({ cohortName: z.string(), role: z.enum(['learner', 'teacher']) })) }), 'Séances'),
    ...errorResponses,
  },
});

const ZFeedSchema = z.object({ id: z.string(), scope: z.enum(['cohort', 'learner', 'teacher']), cohortId: z.string().nullable(), createdAt: z.string(), revokedAt: z.string().nullable() });

export const createFeedRoute = createRoute({
  method: 'post',
  path: '/calendar/feeds',
  tags,
  summary: 'Créer une adresse d’abonnement iCalendar secrète (promotion, auditeur·rice ou enseignant·e) — affichée une seule fois',
  request: body(
    z
      .strictObject({ scope: z.enum(['cohort', 'learner', 'teacher'], 'Portée inconnue (cohort, learner, teacher).'), cohortId: z.uuid('Promotion invalide.').optional() })
      .refine((b) => b.scope !== 'cohort' || Boolean(b.cohortId), { message: 'Choisissez la promotion du flux.', path: ['cohortId'] }),
  ),
  responses: { 201: jsonContent(ZFeedSchema.extend({ url: z.string() }), 'Flux créé'), ...errorResponses },
});

export const listFeedsRoute = createRoute({
  method: 'get',
  path: '/calendar/feeds',
  tags,
  summary: 'Mes flux iCalendar',
  responses: { 200: jsonContent(z.object({ items: z.array(ZFeedSchema) }), 'Flux'), ...errorResponses },
});

export const revokeFeedRoute = createRoute({
  method: 'delete',
  path: '/calendar/feeds/{id}',
  tags,
  summary: 'Révoquer un flux : son adresse cesse de répondre',
  request: { params: idParam('de flux') },
  responses: { 204: { description: 'Révoqué' }, ...errorResponses, ...notFoundResponse },
});

export const feedIcsRoute = createRoute({
  method: 'get',
  path: '/calendar/feeds/{file}',
  tags,
  summary: 'Le flux iCalendar (adresse secrète, sans connexion)',
  request: { params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/, 'Adresse de flux invalide.') }) },
  responses: { ...fileResponse('Flux iCalendar', 'ics'), ...notFoundResponse, 422: errorResponses[422] },
});
