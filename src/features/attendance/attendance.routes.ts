import { createRoute, z } from '@hono/zod-openapi';
import { fileResponse, idParam, ZIsoDate, ZUserId, ZUuid } from '../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../http/openapi.js';
import { ZSessionSchema } from '../calendar/calendar.routes.js';
import { ATTENDANCE_METHODS, ATTENDANCE_STATUSES, JUSTIFICATION_STATUSES } from './attendance.tables.js';

const tags = ['Émargement'];
const ZStatus = z.enum(ATTENDANCE_STATUSES, 'Statut inconnu (présent, absent, en retard, excusé).');
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const sessionParam = idParam('de séance');
const cohortParam = idParam('de promotion');

const ZRecord = z.object({
  id: z.string(),
  status: ZStatus,
  method: z.enum(ATTENDANCE_METHODS),
  recordedAt: z.string(),
  recordedBy: z.string(),
  reason: z.string().nullable(),
  supersedesId: z.string().nullable(),
});

export const ZSessionAttendanceSchema = z
  .object({
    session: ZSessionSchema,
    window: z.object({ opensAt: z.string(), closesAt: z.string(), open: z.boolean() }),
    learners: z.array(z.object({ userId: z.string(), name: z.string(), current: ZRecord.nullable(), canCorrect: z.boolean(), history: z.array(ZRecord) })),
    teacherSignatures: z.array(z.object({ userId: z.string(), name: z.string(), signedAt: z.string() })),
    /** What the UI offers this person, from the policies the API enforces. */
    permissions: z.object({ mark: z.boolean(), sign: z.boolean(), correct: z.boolean() }),
  })
  .openapi('SessionAttendance');

const sessionAttendanceOk = { 200: jsonContent(ZSessionAttendanceSchema, 'Feuille de la séance'), ...errorResponses, ...notFoundResponse, ...conflictResponse };

export const getSessionAttendanceRoute = createRoute({
  method: 'get',
  path: '/sessions/{id}/attendance',
  tags,
  summary: 'La feuille d’émargement d’une séance (demi-journée)',
  request: { params: sessionParam },
  responses: { 200: jsonContent(ZSessionAttendanceSchema, 'Feuille'), ...errorResponses, ...notFoundResponse },
});

export const signRoute = createRoute({
  method: 'post',
  path: '/sessions/{id}/attendance/sign',
  tags,
  summary: 'Émarger soi-même pendant la séance (de 15 min avant le début à la fin)',
  request: { params: sessionParam, ...body(z.strictObject({ learnerId: z.string().optional() })) },
  responses: {
    201: jsonContent(z.object({ id: z.string(), status: ZStatus, recordedAt: z.string() }), 'Présence enregistrée'),
    ...errorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const markRoute = createRoute({
  method: 'post',
  path: '/sessions/{id}/attendance/marks',
  tags,
  summary: 'Faire l’appel : statut des auditeur·rices qui n’ont pas encore d’enregistrement',
  request: {
    params: sessionParam,
    ...body(z.strictObject({ entries: z.array(z.strictObject({ learnerId: z.string().min(1), status: ZStatus })).min(1, 'Indiquez au moins un·e auditeur·rice.') })),
  },
  responses: sessionAttendanceOk,
});

export const teacherSignRoute = createRoute({
  method: 'post',
  path: '/sessions/{id}/attendance/teacher-signature',
  tags,
  summary: 'Signature de la feuille par l’enseignant·e',
  request: { params: sessionParam },
  responses: sessionAttendanceOk,
});

export const correctRoute = createRoute({
  method: 'post',
  path: '/attendance/{id}/corrections',
  tags,
  summary: 'Corriger un émargement : nouvel enregistrement daté, attribué et motivé',
  request: {
    params: idParam('d’émargement'),
    ...body(z.strictObject({ status: ZStatus, reason: z.string().trim().min(3, 'Indiquez le motif de la correction (3 caractères au moins).').max(500) })),
  },
  responses: sessionAttendanceOk,
});

const ZLearnerAttendance = z.object({
  userId: z.string(),
  name: z.string(),
  funderLabel: z.string().nullable(),
  plannedHours: z.number(),
  attendedHours: z.number(),
  excusedHours: z.number(),
  absentHours: z.number(),
  unrecordedHours: z.number(),
  rate: z.number().nullable(),
  alert: z.boolean(),
});

export const reportRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/attendance',
  tags,
  summary: 'Assiduité de la promotion : heures et taux par auditeur·rice, par financeur, alertes sous le seuil',
  request: { params: cohortParam },
  responses: {
    200: jsonContent(
      z.object({
        cohortId: z.string(),
        cohortName: z.string(),
        threshold: z.number(),
        learners: z.array(ZLearnerAttendance),
        cohort: z.object({ attendedHours: z.number(), dueHours: z.number(), rate: z.number().nullable(), alerts: z.number() }),
        byFunder: z.array(z.object({ funder: z.string(), learners: z.number(), attendedHours: z.number(), dueHours: z.number() })),
        pastSessions: z.number(),
      }),
      'Assiduité',
    ),
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const exportRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/attendance/export',
  tags,
  summary: 'Export CSV ou XLSX de l’assiduité, par auditeur·rice ou par financeur',
  description:
    'CSV à la française, que LibreOffice et Excel en français ouvrent tel quel : UTF-8 avec BOM, champs séparés par « ; », ' +
    'nombres à virgule décimale (heures en heures décimales : 149,67 = 149 h 40), sans séparateur de milliers, lignes CRLF. ' +
    'XLSX : nombres natifs. Nom du fichier : ce qu’il contient, la promotion et le jour de la demande, ' +
    'par exemple assiduite-34e-promotion-paris-2026-12-01.csv.',
  request: {
    params: cohortParam,
    query: z.object({
      format: z.enum(['csv', 'xlsx'], 'Format csv ou xlsx.').default('csv'),
      view: z.enum(['learners', 'funders'], 'Vue learners (par auditeur·rice) ou funders (par financeur).').default('learners'),
    }),
  },
  responses: { ...fileResponse('Export CSV ou XLSX', 'csv', 'xlsx'), ...errorResponses, ...notFoundResponse },
});

export const sheetRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/attendance/sheet',
  tags,
  summary: 'Feuille d’émargement d’une journée (PDF)',
  request: { params: cohortParam, query: z.object({ date: ZIsoDate }) },
  responses: { ...fileResponse('Feuille d’émargement', 'pdf'), ...errorResponses, ...notFoundResponse },
});

const learnerParams = z.object({
  id: ZUuid('de promotion'),
  learnerId: ZUserId('Identifiant d’auditeur·rice invalide.'),
});
const periodQuery = z.object({
  /** First day of the period (default: the promotion's start). */
  from: ZIsoDate.optional(),
  /** Last day (default: today, or the promotion's end when it is over). */
  to: ZIsoDate.optional(),
});

export const completionCertificateRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/learners/{learnerId}/completion-certificate.pdf',
  tags,
  summary: 'Certificat de réalisation d’un·e auditeur·rice sur une période (PDF), heures réalisées d’après les émargements',
  request: { params: learnerParams, query: periodQuery },
  responses: { ...fileResponse('Certificat de réalisation', 'pdf'), ...errorResponses, ...notFoundResponse },
});

export const attendanceCertificateRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/learners/{learnerId}/attendance-certificate.pdf',
  tags,
  summary: 'Attestation d’assiduité d’un·e auditeur·rice sur une période (PDF), séance par séance',
  request: { params: learnerParams, query: periodQuery },
  responses: { ...fileResponse('Attestation d’assiduité', 'pdf'), ...errorResponses, ...notFoundResponse },
});

export const myAttendanceRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/attendance/me',
  tags,
  summary: 'Mes séances, mes émargements, mes heures et mon taux dans une promotion',
  request: { params: cohortParam },
  responses: {
    200: jsonContent(
      z.object({
        cohortId: z.string(),
        cohortName: z.string(),
        threshold: z.number(),
        summary: ZLearnerAttendance,
        sessions: z.array(ZSessionSchema.extend({ status: ZStatus.nullable(), recordId: z.string().nullable() })),
      }),
      'Mon assiduité',
    ),
    ...errorResponses,
    ...notFoundResponse,
  },
});

const ZJustification = z
  .object({
    id: z.string(),
    cohortId: z.string(),
    learnerId: z.string(),
    learnerName: z.string(),
    fromDate: z.string(),
    toDate: z.string(),
    note: z.string(),
    fileName: z.string(),
    status: z.enum(JUSTIFICATION_STATUSES),
    decisionReason: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('AbsenceJustification');

export const createJustificationRoute = createRoute({
  method: 'post',
  path: '/cohorts/{id}/justifications',
  tags,
  summary: 'Déposer un justificatif d’absence (PDF, PNG ou JPEG, 10 Mo au plus, en base64)',
  request: {
    params: cohortParam,
    ...body(
      z.strictObject({
        fromDate: ZIsoDate,
        toDate: ZIsoDate,
        note: z.string().trim().max(1000).default(''),
        fileName: z.string().trim().min(1, 'Nom de fichier manquant.').max(200),
        contentBase64: z.string().min(1, 'Joignez le justificatif.'),
      }),
    ),
  },
  responses: { 201: jsonContent(ZJustification, 'Justificatif déposé'), ...errorResponses },
});

export const listJustificationsRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/justifications',
  tags,
  summary: 'Justificatifs d’absence (les siens pour un·e auditeur·rice)',
  request: { params: cohortParam },
  responses: { 200: jsonContent(z.object({ items: z.array(ZJustification) }), 'Justificatifs'), ...errorResponses },
});

export const decideJustificationRoute = createRoute({
  method: 'post',
  path: '/justifications/{id}/decision',
  tags,
  summary: 'Accepter (les absences de la période deviennent excusées) ou refuser un justificatif',
  request: {
    params: idParam('de justificatif'),
    ...body(z.strictObject({ decision: z.enum(['accepted', 'refused'], 'Décision : accepted ou refused.'), reason: z.string().trim().max(500).default('') })),
  },
  responses: {
    200: jsonContent(z.object({ id: z.string(), status: z.enum(JUSTIFICATION_STATUSES), excusedSessions: z.number() }), 'Décision'),
    ...errorResponses,
    ...notFoundResponse,
    ...conflictResponse,
  },
});

export const justificationDocumentRoute = createRoute({
  method: 'get',
  path: '/justifications/{id}/document',
  tags,
  summary: 'Le fichier du justificatif',
  request: { params: idParam('de justificatif') },
  responses: { ...fileResponse('Le fichier du justificatif', 'pdf', 'png', 'jpeg'), ...errorResponses, ...notFoundResponse },
});
