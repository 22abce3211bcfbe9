/** Route contracts of individual follow-up (decision 023): meeting requests, answers, held meetings, notes, hours. */
import { createRoute, z } from '@hono/zod-openapi';
import { idParam, ZUserId, ZUuid } from '../../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../../http/openapi.js';
import { MEETING_ACTION_VALUES, MEETING_MODE_VALUES, MEETING_STATE_VALUES, NOTE_VISIBILITY_VALUES } from '../../../shared/vocabulary/followup.js';
import { MAX_MEETING_MINUTES, MIN_MEETING_MINUTES } from './followup.rules.js';

const tags = ['Suivi individuel'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const ZMode = z.enum(MEETING_MODE_VALUES, 'Mode inconnu (on_site, phone ou video).');
const ZVisibility = z.enum(NOTE_VISIBILITY_VALUES, 'Visibilité inconnue (shared ou private).');
const ZInstant = z.iso.datetime({ offset: true, message: 'Date et heure attendues au format ISO 8601 (2027-01-12T14:00:00+01:00).' });
const ZTimes = z.array(ZInstant).min(1, 'Proposez au moins un créneau.').max(3, 'Trois créneaux au plus.');
const ZText = (max: number, empty: string) => z.string().trim().min(1, empty).max(max, `${max} caractères au plus.`);
const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZNoteInput = z.strictObject({ body: ZText(10_000, 'Écrivez la note.'), visibility: ZVisibility });

export const ZMeetingSchema = z
  .object({
    id: z.string(),
    cohortId: z.string(),
    learner: ZPerson,
    teacher: ZPerson,
    subject: z.string(),
    mode: ZMode,
    proposedTimes: z.array(z.string()),
    state: z.enum(MEETING_STATE_VALUES),
    counterAt: z.string().nullable(),
    scheduledAt: z.string().nullable(),
    declineReason: z.string().nullable(),
    heldAt: z.string().nullable(),
    durationMinutes: z.number().int().nullable(),
    heldMode: ZMode.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    history: z.array(
      z.object({ at: z.string(), actor: ZPerson, action: z.enum(MEETING_ACTION_VALUES).nullable(), fromState: z.enum(MEETING_STATE_VALUES).nullable(), toState: z.enum(MEETING_STATE_VALUES), detail: z.string().nullable() }),
    ),
    /** Shared notes, and the caller's own private ones: a private note reaches nobody but its author. */
    notes: z.array(z.object({ id: z.string(), visibility: ZVisibility, body: z.string(), createdAt: z.string(), author: ZPerson })),
    side: z.enum(['learner', 'teacher']).nullable(),
    actions: z.array(z.enum(MEETING_ACTION_VALUES)),
    canWriteNotes: z.boolean(),
  })
  .openapi('MentoringMeeting');

const ZMentor = ZPerson.extend({ leadsGroup: z.boolean(), supervises: z.boolean() });

export const myFollowupRoute = createRoute({
  method: 'get',
  path: '/me/followup',
  tags,
  summary: '« Mon suivi » : mes enseignant·es, mes demandes d’entretien, leurs réponses et mes heures de suivi',
  responses: {
    200: jsonContent(
      z.object({ items: z.array(z.object({ cohortId: z.string(), cohortName: z.string(), mentors: z.array(ZMentor), meetings: z.array(ZMeetingSchema), heldMinutes: z.number().int(), workshopHours: z.number() })) }),
      'Mon suivi',
    ),
    ...errorResponses,
  },
});

export const mentorFollowupRoute = createRoute({
  method: 'get',
  path: '/me/mentoring',
  tags,
  summary: 'Suivi individuel de l’enseignant·e : demandes à traiter, entretiens à consigner, heures par auditeur·rice',
  responses: {
    200: jsonContent(
      z.object({
        toAnswer: z.array(ZMeetingSchema),
        awaitingLearner: z.array(ZMeetingSchema),
        toLog: z.array(ZMeetingSchema),
        heldMinutes: z.number().int(),
        learners: z.array(
          z.object({ cohortId: z.string(), learner: ZPerson, leadsGroup: z.boolean(), supervises: z.boolean(), heldMinutesWithMe: z.number().int(), heldMinutes: z.number().int(), workshopHours: z.number() }),
        ),
      }),
      'Suivi de l’enseignant·e',
    ),
    ...errorResponses,
  },
});

export const createMeetingRoute = createRoute({
  method: 'post',
  path: '/cohorts/{id}/meetings',
  tags,
  summary: 'Demander un entretien de suivi à la personne qui anime son atelier ou dirige son mémoire',
  request: {
    params: idParam('de promotion'),
    ...body(z.strictObject({ teacherId: ZUserId('Identifiant d’enseignant·e invalide.'), proposedTimes: ZTimes, mode: ZMode, subject: ZText(500, 'Indiquez l’objet de l’entretien.') })),
  },
  responses: { 201: jsonContent(ZMeetingSchema, 'Demande envoyée'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const getMeetingRoute = createRoute({
  method: 'get',
  path: '/meetings/{id}',
  tags,
  summary: 'Un entretien de suivi, son historique et ses notes visibles',
  request: { params: idParam('d’entretien') },
  responses: { 200: jsonContent(ZMeetingSchema, 'Entretien'), ...errorResponses, ...notFoundResponse },
});

export const ZMeetingTransition = z.discriminatedUnion(
  'action',
  [
    // First: the variant whose only field is `action` (an empty body is refused naming `action`).
    z.strictObject({ action: z.literal('accept_counter') }),
    z.strictObject({ action: z.literal('accept'), at: ZInstant }),
    z.strictObject({ action: z.literal('counter'), at: ZInstant, message: z.string().trim().max(1000, '1000 caractères au plus.').optional() }),
    z.strictObject({ action: z.literal('decline'), reason: ZText(1000, 'Indiquez le motif du refus.') }),
    z.strictObject({ action: z.literal('refuse_counter'), proposedTimes: ZTimes }),
    z.strictObject({ action: z.literal('cancel'), reason: z.string().trim().max(1000, '1000 caractères au plus.').optional() }),
    z.strictObject({
      action: z.literal('hold'),
      heldAt: ZInstant,
      durationMinutes: z.number().int('Durée en minutes entières.').min(MIN_MEETING_MINUTES, `Durée en minutes, de ${MIN_MEETING_MINUTES} à ${MAX_MEETING_MINUTES}.`).max(MAX_MEETING_MINUTES, `Durée en minutes, de ${MIN_MEETING_MINUTES} à ${MAX_MEETING_MINUTES}.`),
      mode: ZMode,
      notes: z.array(ZNoteInput).max(20, 'Vingt notes au plus.').optional(),
    }),
  ],
  { error: 'Action inconnue (accept, counter, decline, accept_counter, refuse_counter, cancel ou hold).' },
);

export const transitionMeetingRoute = createRoute({
  method: 'post',
  path: '/meetings/{id}/transitions',
  tags,
  summary: 'Répondre à une demande d’entretien (accepter, proposer un autre horaire, refuser), répondre à une contre-proposition, annuler, consigner l’entretien tenu',
  request: { params: idParam('d’entretien'), ...body(ZMeetingTransition) },
  responses: { 200: jsonContent(ZMeetingSchema, 'Entretien'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const addMeetingNoteRoute = createRoute({
  method: 'post',
  path: '/meetings/{id}/notes',
  tags,
  summary: 'Ajouter une note à un entretien tenu (partagée avec l’auditeur·rice, ou privée)',
  request: { params: idParam('d’entretien'), ...body(ZNoteInput) },
  responses: { 201: jsonContent(ZMeetingSchema, 'Note ajoutée'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

const ZHoursRow = z.object({ person: ZPerson, minutes: z.number().int(), meetings: z.number().int() });

export const cohortMentoringHoursRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/mentoring-hours',
  tags,
  summary: 'Heures de suivi individuel d’une promotion, par auditeur·rice et par enseignant·e, à côté des heures d’ateliers de la maquette',
  request: { params: idParam('de promotion') },
  responses: { 200: jsonContent(z.object({ workshopHours: z.number(), learners: z.array(ZHoursRow), teachers: z.array(ZHoursRow) }), 'Heures'), ...errorResponses, ...notFoundResponse },
});

export const ZPace = z.object({
  expectedMinutesPerMonth: z.object({ min: z.number().int(), max: z.number().int() }),
  months: z.array(z.object({ month: z.string(), minutes: z.number().int(), hours: z.number(), days: z.number(), status: z.enum(['below', 'within', 'above']) })),
});

export const learnerFollowupRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/learners/{learnerId}/followup',
  tags,
  summary: 'Le suivi d’un·e auditeur·rice : entretiens, heures, rythme de travail et, pour son enseignant·e, les entrées de journal partagées',
  request: { params: z.object({ id: ZUuid('de promotion'), learnerId: ZUserId('Identifiant d’auditeur·rice invalide.') }) },
  responses: {
    200: jsonContent(
      z.object({
        learner: ZPerson,
        as: z.enum(['learner', 'mentor', 'staff']),
        meetings: z.array(ZMeetingSchema),
        heldMinutes: z.number().int(),
        workshopHours: z.number(),
        pace: ZPace,
        /** Null for staff: the journal is shared with the leader or supervisor only. */
        sharedJournal: z.array(z.object({ id: z.string(), title: z.string(), body: z.string(), sharedAt: z.string(), createdAt: z.string() })).nullable(),
      }),
      'Suivi',
    ),
    ...errorResponses,
    ...notFoundResponse,
  },
});
