/**
 * Who may call what, as data: one row per route (and per ownership case that matters), the actors
 * allowed; every other actor is refused (403, or 401 when not signed in). A new route without a row
 * fails the matrix test, so each new route must say who may call it.
 *
 * "Allowed" means the policy let the request through: the answer is neither 401 nor 403 (a 409 or
 * 422 from a business rule after the policy is fine, and is how write rows avoid changing the world).
 */
import type { TActorKind, TWorld } from './world.js';
import { pdfBase64 } from '../../helpers/admissions.js';

export type TRow = {
  /** `METHOD /api/path/{param}` exactly as in the OpenAPI document. */
  route: string;
  /** What the row checks, when a route has several rows. */
  case?: string;
  path: (w: TWorld) => string;
  body?: (w: TWorld) => unknown;
  /** 'public': anyone, signed in or not. */
  allow: readonly TActorKind[] | 'public';
};

const SIGNED_IN: readonly TActorKind[] = [
  'admin', 'gestionnaire', 'responsable', 'teacher', 'teacherOther', 'jury', 'staffOtherCentre',
  'learnerOwn', 'learnerOther', 'learnerOtherPromotion', 'applicant', 'candidateStaff',
];
const ADMIN = ['admin'] as const;
const AUDITEURS = ['learnerOwn', 'learnerOther', 'learnerOtherPromotion', 'applicant', 'candidateStaff'] as const;
const ADMISSIONS_ANY_CENTRE = ['admin', 'gestionnaire', 'responsable', 'candidateStaff', 'staffOtherCentre'] as const;
const ADMISSIONS_A = ['admin', 'gestionnaire', 'responsable', 'candidateStaff'] as const;
const DECIDE_A = ['admin', 'responsable', 'candidateStaff'] as const;
const FUND_A = ['admin', 'gestionnaire'] as const;
const APPLICATION_READERS = [...ADMISSIONS_A, 'applicant'] as const;
const COHORT_STAFF_X = ['admin', 'gestionnaire', 'responsable', 'teacher', 'teacherOther', 'candidateStaff'] as const;
const COHORT_READERS_X = [...COHORT_STAFF_X, 'learnerOwn', 'learnerOther'] as const;
const MANAGE_X = ['admin', 'gestionnaire', 'responsable', 'candidateStaff'] as const;
const CALENDAR_X = ['admin', 'responsable', 'candidateStaff'] as const;
const ATELIER_X = ['admin', 'responsable', 'candidateStaff'] as const;
const REPORTS_X = MANAGE_X;
const LEARNERS_X = ['learnerOwn', 'learnerOther', 'candidateStaff'] as const;
const COHORT_LISTERS = ['admin', 'gestionnaire', 'responsable', 'teacher', 'teacherOther', 'candidateStaff', 'staffOtherCentre'] as const;
const OWN_CALENDAR = ['teacher', 'teacherOther', ...AUDITEURS] as const;
const REFERENTIEL_IMPORT = ['admin', 'responsable', 'candidateStaff', 'staffOtherCentre'] as const;
const LEARNERS_X_OWN = ['learnerOwn', 'learnerOther', 'candidateStaff'] as const;
const MENTORS_ROLE = ['responsable', 'teacher', 'teacherOther', 'staffOtherCentre', 'candidateStaff'] as const;
const without = (list: readonly TActorKind[], ...out: TActorKind[]) => list.filter((a) => !out.includes(a));

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const registration = { address: '1 rue du Test', postalCode: '75001', city: 'Paris', phone: '0600000000', jobSeeker: false, acceptsRules: true };
const session = (w: TWorld) => ({ residencyId: w.spareResidencyId, type: 'theoretical', title: 'Séance', teacherIds: [w.people.learnerOwn.user.id], room: 'Salle 2', date: '2027-01-12', startTime: '09:00', endTime: '12:30' });

export const MATRIX: TRow[] = [
  // Account, notifications, jobs
  { route: 'GET /api/me', path: () => '/api/me', allow: SIGNED_IN },
  // Everyone signed in may change their own name, and only their own (no id in the path).
  { route: 'PATCH /api/me', path: () => '/api/me', body: () => ({ name: 'Personne Renommée' }), allow: SIGNED_IN },
  { route: 'GET /api/me/conflicts', path: () => '/api/me/conflicts', allow: SIGNED_IN },
  // Home: each section is scoped inside; everyone signed in has a dashboard and a search.
  { route: 'GET /api/me/dashboard', path: () => '/api/me/dashboard', allow: SIGNED_IN },
  { route: 'GET /api/search', path: () => '/api/search?q=Martin', allow: SIGNED_IN },
  { route: 'GET /api/me/sessions', path: () => '/api/me/sessions', allow: OWN_CALENDAR },
  { route: 'POST /api/account/password', path: () => '/api/account/password', body: () => ({ token: 'inconnu', password: 'un mot de passe assez long' }), allow: 'public' },
  { route: 'POST /api/account/password-link/check', path: () => '/api/account/password-link/check', body: () => ({ token: 'inconnu' }), allow: 'public' },
  { route: 'POST /api/account/password-reset-request', path: () => '/api/account/password-reset-request', body: () => ({ email: 'personne@exemple.fr' }), allow: 'public' },
  { route: 'GET /api/notifications', path: () => '/api/notifications', allow: SIGNED_IN },
  { route: 'GET /api/notifications/unread-count', path: () => '/api/notifications/unread-count', allow: SIGNED_IN },
  { route: 'POST /api/notifications/read-all', path: () => '/api/notifications/read-all', allow: SIGNED_IN },
  { route: 'POST /api/notifications/{id}/read', path: () => `/api/notifications/${UNKNOWN}/read`, allow: SIGNED_IN },
  { route: 'GET /api/admin/jobs', path: () => '/api/admin/jobs', allow: ADMIN },
  { route: 'POST /api/admin/jobs/{id}/retry', path: () => `/api/admin/jobs/${UNKNOWN}/retry`, allow: ADMIN },
  // Users, centres, référentiel, audit: role-level
  { route: 'GET /api/users', path: () => '/api/users', allow: ADMIN },
  { route: 'POST /api/users', path: () => '/api/users', body: (w) => ({ name: 'Doublon', email: w.people.learnerOwn.user.email, roles: ['auditeur'], centreIds: [] }), allow: ADMIN },
  { route: 'GET /api/users/{id}', path: (w) => `/api/users/${w.people.learnerOther.user.id}`, allow: ADMIN },
  { route: 'PATCH /api/users/{id}', path: (w) => `/api/users/${w.people.learnerOther.user.id}`, body: (w) => ({ name: w.people.learnerOther.user.name }), allow: ADMIN },
  { route: 'POST /api/users/{id}/invitation', path: (w) => `/api/users/${w.people.learnerOther.user.id}/invitation`, allow: ADMIN },
  { route: 'GET /api/centres', path: () => '/api/centres', allow: SIGNED_IN },
  { route: 'POST /api/centres', path: () => '/api/centres', body: (w) => ({ code: w.centreA.code, name: 'Doublon', city: 'Paris' }), allow: ADMIN },
  { route: 'PATCH /api/centres/{id}', path: (w) => `/api/centres/${w.centreA.id}`, body: (w) => ({ name: w.centreA.name }), allow: ADMIN },
  { route: 'GET /api/school-holidays/coverage', path: () => '/api/school-holidays/coverage', allow: SIGNED_IN },
  // A file with no valid row: the administrator gets 422 (nothing written), the others 403.
  { route: 'POST /api/school-holidays/import', path: () => '/api/school-holidays/import', body: () => ({ fileName: 'vide.csv', content: 'description;population' }), allow: ADMIN },
  { route: 'GET /api/certifications', path: () => '/api/certifications', allow: SIGNED_IN },
  { route: 'GET /api/certifications/{code}', path: () => '/api/certifications/RNCP41336', allow: SIGNED_IN },
  { route: 'POST /api/certifications/validate', path: () => '/api/certifications/validate', body: () => ({ fileName: 'vide.json', content: '{}' }), allow: REFERENTIEL_IMPORT },
  { route: 'POST /api/certifications/import', path: () => '/api/certifications/import', body: () => ({ fileName: 'vide.json', content: '{}' }), allow: REFERENTIEL_IMPORT },
  { route: 'GET /api/audit', path: () => '/api/audit', allow: ADMIN },
  { route: 'GET /api/records/integrity', path: () => '/api/records/integrity', allow: ADMIN },
  // Admissions
  { route: 'GET /api/admissions/open-cohorts', path: () => '/api/admissions/open-cohorts', allow: 'public' },
  { route: 'POST /api/admissions/start', path: () => '/api/admissions/start', body: () => ({}), allow: 'public' },
  { route: 'GET /api/admissions/cohorts', path: () => '/api/admissions/cohorts', allow: ADMISSIONS_ANY_CENTRE },
  { route: 'GET /api/admissions/cohorts/{cohortId}/waiting-list', path: (w) => `/api/admissions/cohorts/${w.cohortO.id}/waiting-list`, allow: ADMISSIONS_A },
  { route: 'POST /api/admissions/cohorts/{cohortId}/waiting-list/promote', path: (w) => `/api/admissions/cohorts/${w.cohortO.id}/waiting-list/promote`, allow: ADMISSIONS_A },
  { route: 'GET /api/applications', path: () => '/api/applications', allow: ADMISSIONS_ANY_CENTRE },
  { route: 'GET /api/applications/export', path: () => '/api/applications/export?format=csv', allow: ADMISSIONS_ANY_CENTRE },
  { route: 'POST /api/applications', path: () => '/api/applications', body: () => ({ cohortId: UNKNOWN, lastName: 'Nouvelle', firstName: 'Personne', birthDate: '1990-01-01' }), allow: AUDITEURS },
  { route: 'GET /api/applications/mine', path: () => '/api/applications/mine', allow: SIGNED_IN },
  { route: 'GET /api/applications/{id}', path: (w) => `/api/applications/${w.appId}`, allow: APPLICATION_READERS },
  { route: 'GET /api/applications/{id}', case: 'the candidate-staff’s own file', path: (w) => `/api/applications/${w.ownAppId}`, allow: ADMISSIONS_A },
  { route: 'PATCH /api/applications/{id}', path: (w) => `/api/applications/${w.appId}`, body: () => ({ phone: '0611111111' }), allow: ['applicant'] },
  { route: 'POST /api/applications/{id}/documents', path: (w) => `/api/applications/${w.appId}/documents`, body: () => ({ type: 'other', fileName: 'x.pdf', contentBase64: pdfBase64 }), allow: ['applicant'] },
  // Withdrawing a document: the applicant, draft only (tests/api/application-documents.test.ts); this file is filed.
  { route: 'DELETE /api/applications/{id}/documents/{documentId}', case: 'filed: nobody', path: (w) => `/api/applications/${w.appId}/documents/${UNKNOWN}`, allow: [] },
  { route: 'GET /api/applications/{id}/documents/{documentId}', path: (w) => `/api/applications/${w.appId}/documents/${w.documentId}`, allow: APPLICATION_READERS },
  { route: 'POST /api/applications/{id}/file', path: (w) => `/api/applications/${w.appId}/file`, allow: ['applicant'] },
  { route: 'POST /api/applications/{id}/transitions', case: 'a decision (accept) needs the commission’s right', path: (w) => `/api/applications/${w.appId}/transitions`, body: () => ({ action: 'accept', reason: 'Motif écrit' }), allow: DECIDE_A },
  { route: 'POST /api/applications/{id}/transitions', case: 'instruction (start)', path: (w) => `/api/applications/${w.appId}/transitions`, body: () => ({ action: 'start_review', reason: 'Dossier complet' }), allow: ADMISSIONS_A },
  { route: 'POST /api/applications/{id}/transitions', case: 'nobody instructs their own file', path: (w) => `/api/applications/${w.ownAppId}/transitions`, body: () => ({ action: 'start_review', reason: 'Dossier complet' }), allow: without(ADMISSIONS_A, 'candidateStaff') },
  { route: 'POST /api/applications/{id}/notes', path: (w) => `/api/applications/${w.appId}/notes`, body: () => ({ text: 'Note privée' }), allow: ADMISSIONS_A },
  { route: 'POST /api/applications/{id}/notes', case: 'no notes on one’s own file', path: (w) => `/api/applications/${w.ownAppId}/notes`, body: () => ({ text: 'Note privée' }), allow: without(ADMISSIONS_A, 'candidateStaff') },
  { route: 'POST /api/applications/{id}/registration', path: (w) => `/api/applications/${w.appId}/registration`, body: () => registration, allow: ['applicant'] },
  { route: 'GET /api/applications/{id}/funding', path: (w) => `/api/applications/${w.appId}/funding`, allow: APPLICATION_READERS },
  { route: 'PUT /api/applications/{id}/funding', path: (w) => `/api/applications/${w.appId}/funding`, body: () => ({ payers: [{ kind: 'employer', name: 'Employeur', weight: 100 }], firstDueOn: '2099-12-01' }), allow: FUND_A },
  { route: 'GET /api/applications/{id}/quote.pdf', path: (w) => `/api/applications/${w.appId}/quote.pdf`, allow: APPLICATION_READERS },
  { route: 'GET /api/applications/{id}/agreement.pdf', path: (w) => `/api/applications/${w.appId}/agreement.pdf`, allow: APPLICATION_READERS },
  { route: 'POST /api/applications/{id}/conflict', path: (w) => `/api/applications/${w.appConflictId}/conflict`, body: () => ({ reason: 'Collègue de la même association' }), allow: ADMISSIONS_A },
  { route: 'POST /api/applications/{id}/conflict', case: 'not on one’s own file', path: (w) => `/api/applications/${w.ownAppId}/conflict`, body: () => ({ reason: 'Moi-même' }), allow: without(ADMISSIONS_A, 'candidateStaff') },
  // Promotions
  { route: 'GET /api/cohorts', path: () => '/api/cohorts', allow: COHORT_LISTERS },
  { route: 'POST /api/cohorts', path: () => '/api/cohorts', body: (w) => ({ number: 999, centreId: w.centreA.id, certificationVersionCode: 'RNCP41336', startsOn: '2025-11-03', endsOn: '2027-10-29', capacity: 20 }), allow: ['admin', 'gestionnaire', 'responsable', 'candidateStaff', 'staffOtherCentre'] },
  { route: 'GET /api/cohorts/staff-candidates', path: (w) => `/api/cohorts/staff-candidates?centreId=${w.centreA.id}`, allow: MANAGE_X },
  { route: 'GET /api/cohorts/next-number', path: (w) => `/api/cohorts/next-number?centreId=${w.centreA.id}`, allow: MANAGE_X },
  { route: 'GET /api/cohorts/{id}', path: (w) => `/api/cohorts/${w.cohortX.id}`, allow: COHORT_READERS_X },
  { route: 'PATCH /api/cohorts/{id}', path: (w) => `/api/cohorts/${w.cohortX.id}`, body: (w) => ({ name: w.cohortX.name }), allow: MANAGE_X },
  { route: 'GET /api/cohorts/{id}/learners', path: (w) => `/api/cohorts/${w.cohortX.id}/learners`, allow: COHORT_STAFF_X },
  { route: 'POST /api/cohorts/{id}/learners', path: (w) => `/api/cohorts/${w.cohortX.id}/learners`, body: (w) => ({ userId: w.people.teacher.user.id }), allow: MANAGE_X },
  { route: 'POST /api/cohorts/{id}/learners', case: 'nobody enrols themself', path: (w) => `/api/cohorts/${w.cohortY.id}/learners`, body: (w) => ({ userId: w.people.candidateStaff.user.id }), allow: without(MANAGE_X, 'candidateStaff') },
  { route: 'GET /api/cohorts/{id}/learner-candidates', path: (w) => `/api/cohorts/${w.cohortX.id}/learner-candidates`, allow: MANAGE_X },
  // Calendar
  { route: 'GET /api/cohorts/{id}/calendar', path: (w) => `/api/cohorts/${w.cohortX.id}/calendar`, allow: COHORT_READERS_X },
  { route: 'POST /api/cohorts/{id}/calendar/generate', path: (w) => `/api/cohorts/${w.cohortX.id}/calendar/generate`, body: () => ({ startsOn: '2025-11-03', schoolZone: null, replace: false, withSessions: false }), allow: CALENDAR_X },
  { route: 'POST /api/cohorts/{id}/residencies', path: (w) => `/api/cohorts/${w.cohortX.id}/residencies`, body: () => ({ kind: 'on_site', label: 'Noël', days: ['2026-12-25'] }), allow: CALENDAR_X },
  { route: 'PATCH /api/residencies/{id}', path: (w) => `/api/residencies/${w.spareResidencyId}`, body: () => ({ days: ['2026-12-25'] }), allow: CALENDAR_X },
  { route: 'POST /api/residencies/{id}/move-preview', path: (w) => `/api/residencies/${w.spareResidencyId}/move-preview`, body: () => ({ moveTo: '2027-03-01' }), allow: CALENDAR_X },
  { route: 'POST /api/residencies/{id}/split', path: (w) => `/api/residencies/${w.spareResidencyId}/split`, body: () => ({ atDay: '2027-01-12' }), allow: CALENDAR_X },
  { route: 'POST /api/sessions', path: () => '/api/sessions', body: session, allow: CALENDAR_X },
  { route: 'PUT /api/sessions/{id}', path: (w) => `/api/sessions/${w.session.id}`, body: session, allow: CALENDAR_X },
  { route: 'DELETE /api/sessions/{id}', path: (w) => `/api/sessions/${w.session.id}`, allow: CALENDAR_X },
  // The end before the start: the allowed get 422 after the policy (nothing corrected), the others 403.
  { route: 'POST /api/sessions/{id}/time-corrections', path: (w) => `/api/sessions/${w.session.id}/time-corrections`, body: () => ({ startTime: '12:00', endTime: '09:00', reason: 'Erreur de saisie des horaires' }), allow: MANAGE_X },
  { route: 'GET /api/sessions/{id}/time-corrections', path: (w) => `/api/sessions/${w.session.id}/time-corrections`, allow: COHORT_STAFF_X },
  { route: 'DELETE /api/residencies/{id}', path: (w) => `/api/residencies/${w.spareResidencyId}`, allow: CALENDAR_X },
  { route: 'GET /api/calendar/feeds', path: () => '/api/calendar/feeds', allow: SIGNED_IN },
  { route: 'POST /api/calendar/feeds', path: () => '/api/calendar/feeds', body: (w) => ({ scope: 'cohort', cohortId: w.cohortX.id }), allow: COHORT_READERS_X },
  { route: 'DELETE /api/calendar/feeds/{id}', path: (w) => `/api/calendar/feeds/${w.feedId}`, allow: ['admin', 'learnerOwn'] },
  { route: 'GET /api/calendar/feeds/{file}', path: () => '/api/calendar/feeds/inconnu.ics', allow: 'public' },
  // Attendance
  { route: 'GET /api/sessions/{id}/attendance', path: (w) => `/api/sessions/${w.session.id}/attendance`, allow: COHORT_STAFF_X },
  { route: 'POST /api/sessions/{id}/attendance/sign', path: (w) => `/api/sessions/${w.session.id}/attendance/sign`, body: () => ({}), allow: LEARNERS_X },
  { route: 'POST /api/sessions/{id}/attendance/marks', path: (w) => `/api/sessions/${w.session.id}/attendance/marks`, body: (w) => ({ entries: [{ learnerId: w.people.learnerOther.user.id, status: 'present' }] }), allow: ['admin', 'gestionnaire', 'responsable', 'teacher', 'candidateStaff'] },
  { route: 'POST /api/sessions/{id}/attendance/marks', case: 'nobody records their own presence', path: (w) => `/api/sessions/${w.session.id}/attendance/marks`, body: (w) => ({ entries: [{ learnerId: w.people.candidateStaff.user.id, status: 'present' }] }), allow: ['admin', 'gestionnaire', 'responsable', 'teacher'] },
  { route: 'POST /api/sessions/{id}/attendance/teacher-signature', path: (w) => `/api/sessions/${w.session.id}/attendance/teacher-signature`, allow: ['admin', 'responsable', 'teacher', 'candidateStaff'] },
  { route: 'POST /api/attendance/{id}/corrections', path: (w) => `/api/attendance/${w.recordOwnId}/corrections`, body: () => ({ status: 'present', reason: 'Erreur de saisie' }), allow: MANAGE_X },
  { route: 'POST /api/attendance/{id}/corrections', case: 'nobody corrects their own record', path: (w) => `/api/attendance/${w.recordCandidateId}/corrections`, body: () => ({ status: 'present', reason: 'Erreur de saisie' }), allow: without(MANAGE_X, 'candidateStaff') },
  { route: 'GET /api/cohorts/{id}/attendance', path: (w) => `/api/cohorts/${w.cohortX.id}/attendance`, allow: REPORTS_X },
  { route: 'GET /api/cohorts/{id}/attendance/export', path: (w) => `/api/cohorts/${w.cohortX.id}/attendance/export?format=csv`, allow: REPORTS_X },
  { route: 'GET /api/cohorts/{id}/attendance/sheet', path: (w) => `/api/cohorts/${w.cohortX.id}/attendance/sheet?date=${w.day}`, allow: REPORTS_X },
  // Certificates: staff who read the reports, and the learner for themself only.
  { route: 'GET /api/cohorts/{id}/learners/{learnerId}/completion-certificate.pdf', path: (w) => `/api/cohorts/${w.cohortX.id}/learners/${w.people.learnerOwn.user.id}/completion-certificate.pdf`, allow: [...REPORTS_X, 'learnerOwn'] },
  { route: 'GET /api/cohorts/{id}/learners/{learnerId}/attendance-certificate.pdf', path: (w) => `/api/cohorts/${w.cohortX.id}/learners/${w.people.learnerOwn.user.id}/attendance-certificate.pdf`, allow: [...REPORTS_X, 'learnerOwn'] },
  { route: 'GET /api/cohorts/{id}/attendance/me', path: (w) => `/api/cohorts/${w.cohortX.id}/attendance/me`, allow: [...REPORTS_X, 'learnerOwn', 'learnerOther'] },
  { route: 'GET /api/cohorts/{id}/justifications', path: (w) => `/api/cohorts/${w.cohortX.id}/justifications`, allow: [...REPORTS_X, 'learnerOwn', 'learnerOther'] },
  { route: 'POST /api/cohorts/{id}/justifications', path: (w) => `/api/cohorts/${w.cohortX.id}/justifications`, body: (w) => ({ fromDate: w.day, toDate: w.day, note: '', fileName: 'c.pdf', contentBase64: pdfBase64 }), allow: LEARNERS_X },
  { route: 'GET /api/justifications/{id}/document', path: (w) => `/api/justifications/${w.justificationOwn}/document`, allow: [...REPORTS_X, 'learnerOwn'] },
  { route: 'POST /api/justifications/{id}/decision', path: (w) => `/api/justifications/${w.justificationOwn}/decision`, body: () => ({ decision: 'refused', reason: 'Illisible' }), allow: ['admin', 'gestionnaire'] },
  // Mémoire records (decision 019): the learner writes their own, the supervisor reads it, the promotion's
  // staff read all and move states; a teacher lists the records they supervise; nobody moves their own.
  { route: 'GET /api/cohorts/{id}/theses', path: (w) => `/api/cohorts/${w.cohortX.id}/theses`, allow: [...MANAGE_X, 'teacher', 'teacherOther'] },
  { route: 'GET /api/me/theses', path: () => '/api/me/theses', allow: SIGNED_IN },
  // Already open: the allowed get 409 (nothing written), the others 403.
  { route: 'POST /api/cohorts/{id}/theses', path: (w) => `/api/cohorts/${w.cohortX.id}/theses`, body: (w) => ({ learnerId: w.people.learnerOwn.user.id }), allow: [...MANAGE_X, 'learnerOwn'] },
  { route: 'GET /api/theses/{id}', path: (w) => `/api/theses/${w.thesisOwn}`, allow: [...MANAGE_X, 'learnerOwn', 'teacher'] },
  { route: 'PATCH /api/theses/{id}', case: 'content: the learner only', path: (w) => `/api/theses/${w.thesisOwn}`, body: () => ({ title: 'Mémoire' }), allow: ['learnerOwn'] },
  { route: 'PATCH /api/theses/{id}', case: 'supervisor: staff', path: (w) => `/api/theses/${w.thesisOwn}`, body: (w) => ({ supervisorId: w.people.teacher.user.id }), allow: MANAGE_X },
  { route: 'PATCH /api/theses/{id}', case: 'supervisor of one’s own record', path: (w) => `/api/theses/${w.thesisCandidate}`, body: () => ({ supervisorId: null }), allow: without(MANAGE_X, 'candidateStaff') },
  // A transition never allowed from « projet »: the allowed get 409, the others 403.
  { route: 'POST /api/theses/{id}/state', path: (w) => `/api/theses/${w.thesisOwn}/state`, body: () => ({ state: 'evaluated' }), allow: MANAGE_X },
  { route: 'POST /api/theses/{id}/state', case: 'one’s own record', path: (w) => `/api/theses/${w.thesisCandidate}/state`, body: () => ({ state: 'evaluated' }), allow: without(MANAGE_X, 'candidateStaff') },
  // Milestones and dashboards (decision 022). Writes are refused after the policy (a date outside the promotion: 422; the final deposit by hand: 409), so the world does not change.
  { route: 'GET /api/cohorts/{id}/milestones', path: (w) => `/api/cohorts/${w.cohortX.id}/milestones`, allow: COHORT_READERS_X },
  { route: 'PUT /api/cohorts/{id}/milestones', path: (w) => `/api/cohorts/${w.cohortX.id}/milestones`, body: () => ({ items: [{ kind: 'plan', dueOn: '1990-01-01' }] }), allow: MANAGE_X },
  {
    route: 'PUT /api/cohorts/{id}/milestones/learners/{learnerId}/done',
    path: (w) => `/api/cohorts/${w.cohortX.id}/milestones/learners/${w.people.learnerOwn.user.id}/done`,
    body: () => ({ kind: 'final_deposit', done: true }),
    allow: [...MANAGE_X, 'learnerOwn', 'teacher'],
  },
  {
    route: 'PUT /api/cohorts/{id}/milestones/learners/{learnerId}/due',
    path: (w) => `/api/cohorts/${w.cohortX.id}/milestones/learners/${w.people.learnerOwn.user.id}/due`,
    body: () => ({ kind: 'plan', dueOn: '1990-01-01' }),
    allow: MANAGE_X,
  },
  {
    route: 'PUT /api/cohorts/{id}/milestones/learners/{learnerId}/due',
    case: 'one’s own due date',
    path: (w) => `/api/cohorts/${w.cohortX.id}/milestones/learners/${w.people.candidateStaff.user.id}/due`,
    body: () => ({ kind: 'plan', dueOn: '1990-01-01' }),
    allow: without(MANAGE_X, 'candidateStaff'),
  },
  { route: 'GET /api/me/memoire/teaching', path: () => '/api/me/memoire/teaching', allow: ['responsable', 'teacher', 'teacherOther', 'staffOtherCentre', 'candidateStaff'] },
  { route: 'GET /api/me/memoire', path: () => '/api/me/memoire', allow: AUDITEURS },
  // Ateliers mémoire (decision 020): staff of X with atelier:manage (admin, responsable, candidate-staff) manage;
  // staff with thesis:read:any read every group, the teacher the groups they lead, a learner their own; the
  // candidate-staff (a learner of X) neither accepts X's groups nor moves themself. Writes end in 409/422.
  { route: 'GET /api/cohorts/{id}/ateliers', path: (w) => `/api/cohorts/${w.cohortX.id}/ateliers`, allow: [...MANAGE_X, 'teacher', 'learnerOwn', 'learnerOther'] },
  { route: 'GET /api/cohorts/{id}/ateliers/declarations', path: (w) => `/api/cohorts/${w.cohortX.id}/ateliers/declarations`, allow: [...ATELIER_X, 'learnerOwn', 'learnerOther'] },
  { route: 'PUT /api/cohorts/{id}/ateliers/wishes', case: 'a learner’s wish: staff or the learner', path: (w) => `/api/cohorts/${w.cohortX.id}/ateliers/wishes`, body: (w) => ({ learnerId: w.people.learnerOwn.user.id, wishedLeaderId: null, wishedTheme: 'Gouvernance' }), allow: [...ATELIER_X, 'learnerOwn'] },
  { route: 'PUT /api/cohorts/{id}/ateliers/wishes', case: 'one’s own wish', path: (w) => `/api/cohorts/${w.cohortX.id}/ateliers/wishes`, body: () => ({ wishedLeaderId: null, wishedTheme: null }), allow: LEARNERS_X },
  { route: 'PUT /api/cohorts/{id}/ateliers/leaders', path: (w) => `/api/cohorts/${w.cohortX.id}/ateliers/leaders`, body: (w) => ({ leaderId: w.people.teacher.user.id, maxGroups: 1, themes: [] }), allow: ATELIER_X },
  { route: 'POST /api/cohorts/{id}/ateliers/pairs', case: '« ensemble »: staff or the two learners (exists: 409)', path: (w) => `/api/cohorts/${w.cohortX.id}/ateliers/pairs`, body: (w) => ({ kind: 'together', learnerIds: [w.people.learnerOwn.user.id, w.people.learnerOther.user.id] }), allow: [...ATELIER_X, 'learnerOwn', 'learnerOther'] },
  { route: 'POST /api/cohorts/{id}/ateliers/pairs', case: '« pas ensemble » naming oneself', path: (w) => `/api/cohorts/${w.cohortX.id}/ateliers/pairs`, body: (w) => ({ kind: 'apart', learnerIds: [w.people.candidateStaff.user.id, w.people.learnerOther.user.id] }), allow: ['admin', 'responsable'] },
  { route: 'POST /api/cohorts/{id}/ateliers/proposals', path: (w) => `/api/cohorts/${w.cohortX.id}/ateliers/proposals`, body: () => ({ timeLimitSeconds: 5 }), allow: ATELIER_X },
  { route: 'GET /api/cohorts/{id}/ateliers/proposals', path: (w) => `/api/cohorts/${w.cohortX.id}/ateliers/proposals`, allow: ATELIER_X },
  { route: 'GET /api/atelier-proposals/{id}', path: (w) => `/api/atelier-proposals/${w.atelierProposalId}`, allow: ATELIER_X },
  { route: 'POST /api/atelier-proposals/{id}/accept', case: 'impossible: 409', path: (w) => `/api/atelier-proposals/${w.atelierProposalId}/accept`, body: () => ({ confirm: true }), allow: ['admin', 'responsable'] },
  { route: 'GET /api/cohorts/{id}/ateliers/moves/preview', path: (w) => `/api/cohorts/${w.cohortX.id}/ateliers/moves/preview?learnerId=${w.people.learnerOther.user.id}&toGroupId=${w.atelierGroupId}`, allow: ATELIER_X },
  { route: 'GET /api/cohorts/{id}/ateliers/moves/preview', case: 'oneself', path: (w) => `/api/cohorts/${w.cohortX.id}/ateliers/moves/preview?learnerId=${w.people.candidateStaff.user.id}&toGroupId=${w.atelierGroupId}`, allow: ['admin', 'responsable'] },
  { route: 'POST /api/cohorts/{id}/ateliers/moves', case: 'already there: 409', path: (w) => `/api/cohorts/${w.cohortX.id}/ateliers/moves`, body: (w) => ({ learnerId: w.people.learnerOwn.user.id, toGroupId: w.atelierGroupId, reason: 'Essai' }), allow: ATELIER_X },
  { route: 'POST /api/cohorts/{id}/ateliers/moves', case: 'oneself (unconfirmed: 409)', path: (w) => `/api/cohorts/${w.cohortX.id}/ateliers/moves`, body: (w) => ({ learnerId: w.people.candidateStaff.user.id, toGroupId: w.atelierGroupId, reason: 'Essai' }), allow: ['admin', 'responsable'] },
  { route: 'GET /api/cohorts/{id}/ateliers/changes', path: (w) => `/api/cohorts/${w.cohortX.id}/ateliers/changes`, allow: ATELIER_X },
  { route: 'DELETE /api/atelier-pairs/{id}', path: (w) => `/api/atelier-pairs/${w.atelierPairOwn}`, allow: [...ATELIER_X, 'learnerOwn', 'learnerOther'] },
  // Individual follow-up and the learner's workspace (decision 023). A request to a past time (422) writes nothing;
  // the teacher's answer to a time never proposed is a 422; an answer to a counter-proposal never made is a 409 for
  // either party; notes go on held meetings only (409); deleting a shared entry is a 409.
  { route: 'GET /api/me/followup', path: () => '/api/me/followup', allow: AUDITEURS },
  { route: 'GET /api/me/mentoring', path: () => '/api/me/mentoring', allow: MENTORS_ROLE },
  { route: 'POST /api/cohorts/{id}/meetings', path: (w) => `/api/cohorts/${w.cohortX.id}/meetings`, body: (w) => ({ teacherId: w.people.teacher.user.id, proposedTimes: ['2020-01-01T10:00:00.000Z'], mode: 'phone', subject: 'Essai' }), allow: LEARNERS_X_OWN },
  { route: 'GET /api/meetings/{id}', path: (w) => `/api/meetings/${w.meetingOwn}`, allow: [...MANAGE_X, 'learnerOwn', 'teacher'] },
  { route: 'POST /api/meetings/{id}/transitions', case: 'the teacher answers', path: (w) => `/api/meetings/${w.meetingOwn}/transitions`, body: () => ({ action: 'accept', at: '2027-02-01T10:00:00.000Z' }), allow: ['teacher'] },
  { route: 'POST /api/meetings/{id}/transitions', case: 'the two parties', path: (w) => `/api/meetings/${w.meetingOwn}/transitions`, body: () => ({ action: 'refuse_counter', proposedTimes: ['2027-02-01T10:00:00.000Z'] }), allow: ['learnerOwn', 'teacher'] },
  { route: 'POST /api/meetings/{id}/notes', path: (w) => `/api/meetings/${w.meetingOwn}/notes`, body: () => ({ body: 'Note', visibility: 'private' }), allow: ['teacher'] },
  { route: 'GET /api/cohorts/{id}/mentoring-hours', path: (w) => `/api/cohorts/${w.cohortX.id}/mentoring-hours`, allow: MANAGE_X },
  { route: 'GET /api/cohorts/{id}/learners/{learnerId}/followup', path: (w) => `/api/cohorts/${w.cohortX.id}/learners/${w.people.learnerOwn.user.id}/followup`, allow: [...MANAGE_X, 'learnerOwn', 'teacher'] },
  { route: 'GET /api/me/journal', path: () => '/api/me/journal', allow: AUDITEURS },
  { route: 'POST /api/cohorts/{id}/journal', path: (w) => `/api/cohorts/${w.cohortX.id}/journal`, body: () => ({ title: 'Entrée', body: 'Texte' }), allow: LEARNERS_X_OWN },
  { route: 'PATCH /api/journal/{id}', path: (w) => `/api/journal/${w.journalOwn}`, body: () => ({ title: 'Privée' }), allow: ['learnerOwn'] },
  { route: 'POST /api/journal/{id}/share', path: (w) => `/api/journal/${w.journalOwn}/share`, body: () => ({ shared: false }), allow: ['learnerOwn'] },
  { route: 'DELETE /api/journal/{id}', path: (w) => `/api/journal/${w.journalShared}`, allow: ['learnerOwn'] },
  { route: 'GET /api/cohorts/{id}/time-log', path: (w) => `/api/cohorts/${w.cohortX.id}/time-log`, allow: LEARNERS_X_OWN },
  { route: 'POST /api/cohorts/{id}/time-log', path: (w) => `/api/cohorts/${w.cohortX.id}/time-log`, body: () => ({ workedOn: '2026-03-03', minutes: 30, activity: 'Essai' }), allow: LEARNERS_X_OWN },
  { route: 'DELETE /api/time-log/{id}', path: (w) => `/api/time-log/${w.timeLogOwn}`, allow: ['learnerOwn'] },
  // Versions of a mémoire (decision 021): the learner deposits (a JSON body: the allowed get 415, nothing
  // written), the supervisor answers (an empty answer: 422), the learner marks (a no-op) and makes the final
  // deposit (in « projet »: 409); the learner, the supervisor and the promotion's staff read.
  { route: 'GET /api/theses/{id}/versions', path: (w) => `/api/theses/${w.thesisOwn}/versions`, allow: [...MANAGE_X, 'learnerOwn', 'teacher'] },
  { route: 'POST /api/theses/{id}/versions', path: (w) => `/api/theses/${w.thesisOwn}/versions`, body: () => ({}), allow: ['learnerOwn'] },
  { route: 'POST /api/theses/{id}/annexes', path: (w) => `/api/theses/${w.thesisOwn}/annexes`, body: () => ({}), allow: ['learnerOwn'] },
  { route: 'POST /api/thesis-files/{id}/annexes', path: (w) => `/api/thesis-files/${w.thesisVersionOwn}/annexes`, body: () => ({}), allow: ['learnerOwn'] },
  { route: 'GET /api/thesis-files/{id}/content', path: (w) => `/api/thesis-files/${w.thesisVersionOwn}/content`, allow: [...MANAGE_X, 'learnerOwn', 'teacher'] },
  { route: 'POST /api/thesis-files/{id}/feedback', path: (w) => `/api/thesis-files/${w.thesisVersionOwn}/feedback`, body: () => ({ comment: '', changes: [] }), allow: ['teacher'] },
  { route: 'POST /api/thesis-changes/{id}/mark', path: (w) => `/api/thesis-changes/${w.thesisChangeOwn}/mark`, body: () => ({ done: false }), allow: ['learnerOwn'] },
  { route: 'POST /api/thesis-files/{id}/final-deposit', path: (w) => `/api/thesis-files/${w.thesisVersionOwn}/final-deposit`, allow: ['learnerOwn'] },
  // Evaluations (decision 024): the plan is read by everyone signed in; a bloc rule is changed by evaluations:manage
  // (an unknown bloc: 404). X's grid and histories are read by its team with evaluations:read:any and its markers
  // (the teacher); markers are named and marks released by its team with evaluations:manage (an unknown
  // assessment: 404); a mark out of range is a 422 for its marker only, and nobody marks their own file.
  { route: 'GET /api/certifications/{code}/evaluation-plan', path: () => '/api/certifications/RNCP41336/evaluation-plan', allow: SIGNED_IN },
  { route: 'PUT /api/certifications/{code}/evaluation-plan/blocs/{blocCode}/rule', path: () => '/api/certifications/RNCP41336/evaluation-plan/blocs/INCONNU/rule', body: () => ({ rule: { kind: 'all_passed' }, reason: 'Essai' }), allow: REFERENTIEL_IMPORT },
  { route: 'GET /api/cohorts/{id}/evaluations', path: (w) => `/api/cohorts/${w.cohortX.id}/evaluations`, allow: [...MANAGE_X, 'teacher'] },
  { route: 'GET /api/cohorts/{id}/evaluations/learners/{learnerId}/assessments/{assessmentId}/history', path: (w) => `/api/cohorts/${w.cohortX.id}/evaluations/learners/${w.people.learnerOwn.user.id}/assessments/cas-pratiques-1/history`, allow: [...MANAGE_X, 'teacher'] },
  { route: 'PUT /api/cohorts/{id}/evaluations/markers', path: (w) => `/api/cohorts/${w.cohortX.id}/evaluations/markers`, body: () => ({ assessmentId: 'inconnue', markers: [] }), allow: ATELIER_X },
  { route: 'POST /api/cohorts/{id}/evaluations/releases', path: (w) => `/api/cohorts/${w.cohortX.id}/evaluations/releases`, body: () => ({ assessmentId: 'inconnue' }), allow: ATELIER_X },
  { route: 'POST /api/cohorts/{id}/evaluations/marks', case: 'a marker of the assessment (25/20: 422)', path: (w) => `/api/cohorts/${w.cohortX.id}/evaluations/marks`, body: (w) => ({ cells: [{ learnerId: w.people.learnerOther.user.id, assessmentId: 'cas-pratiques-1', reading: 1, mark: 25 }] }), allow: ['teacher'] },
  { route: 'POST /api/cohorts/{id}/evaluations/marks', case: 'another marker, one’s own file refused', path: (w) => `/api/cohorts/${w.cohortX.id}/evaluations/marks`, body: (w) => ({ cells: [{ learnerId: w.people.learnerOther.user.id, assessmentId: 'cas-pratiques-2', reading: 1, mark: 25 }, { learnerId: w.people.candidateStaff.user.id, assessmentId: 'cas-pratiques-2', reading: 1, mark: 25 }] }), allow: [] },
  { route: 'POST /api/cohorts/{id}/evaluations/marks', case: 'another marker, another’s file (25/20: 422)', path: (w) => `/api/cohorts/${w.cohortX.id}/evaluations/marks`, body: (w) => ({ cells: [{ learnerId: w.people.learnerOther.user.id, assessmentId: 'cas-pratiques-2', reading: 1, mark: 25 }] }), allow: ['candidateStaff'] },
  { route: 'GET /api/me/evaluations', path: () => '/api/me/evaluations', allow: AUDITEURS },
  // Juries (decision 026): the registry and the juries are kept by jury:manage (administrateur, responsable); a
  // promotion's juries by its team holding it, never by a learner of it (the candidate-staff). A case's file is opened
  // by the members seated on it, whatever their role; « Mes jurys » by whoever may hold a seat.
  { route: 'GET /api/jury-members', path: () => '/api/jury-members', allow: REFERENTIEL_IMPORT },
  { route: 'PUT /api/jury-members/{id}', case: 'an unknown account: 422', path: () => '/api/jury-members/compte-inconnu', body: () => ({ kind: 'professional', organisation: null }), allow: REFERENTIEL_IMPORT },
  { route: 'POST /api/jury-members/invitations', case: 'an address already used: 409', path: () => '/api/jury-members/invitations', body: (w) => ({ name: 'Déjà Là', email: w.people.teacher.user.email, kind: 'professional', organisation: null }), allow: REFERENTIEL_IMPORT },
  { route: 'GET /api/cohorts/{id}/juries', path: (w) => `/api/cohorts/${w.cohortX.id}/juries`, allow: ['admin', 'responsable'] },
  { route: 'POST /api/cohorts/{id}/juries', path: (w) => `/api/cohorts/${w.cohortX.id}/juries`, body: () => ({ label: 'Jury de la matrice', route: 'training' }), allow: ['admin', 'responsable'] },
  { route: 'GET /api/juries/{id}', path: (w) => `/api/juries/${w.juryX}`, allow: ['admin', 'responsable'] },
  { route: 'PATCH /api/juries/{id}', path: (w) => `/api/juries/${w.juryX}`, body: () => ({ label: 'Soutenances de X' }), allow: ['admin', 'responsable'] },
  { route: 'POST /api/juries/{id}/seats', case: 'an account not on the list: 422', path: (w) => `/api/juries/${w.juryX}/seats`, body: (w) => ({ userId: w.people.gestionnaire.user.id }), allow: ['admin', 'responsable'] },
  { route: 'DELETE /api/juries/{id}/seats/{userId}', case: 'nobody of that id: 404', path: (w) => `/api/juries/${w.juryX}/seats/personne`, allow: ['admin', 'responsable'] },
  { route: 'POST /api/juries/{id}/cases', case: 'not a learner of X: 422', path: (w) => `/api/juries/${w.juryX}/cases`, body: (w) => ({ learnerId: w.people.learnerOtherPromotion.user.id }), allow: ['admin', 'responsable'] },
  { route: 'DELETE /api/juries/{id}/cases/{learnerId}', case: 'not a case: 404', path: (w) => `/api/juries/${w.juryX}/cases/personne`, allow: ['admin', 'responsable'] },
  { route: 'POST /api/juries/{id}/conflicts', case: 'not a learner of X: 422', path: (w) => `/api/juries/${w.juryX}/conflicts`, body: (w) => ({ userId: w.people.jury.user.id, learnerId: w.people.learnerOtherPromotion.user.id, nature: 'colleague' }), allow: ['admin', 'responsable'] },
  { route: 'POST /api/juries/{id}/constitute', case: 'incomplete: 422', path: (w) => `/api/juries/${w.juryX}/constitute`, allow: ['admin', 'responsable'] },
  { route: 'GET /api/me/juries', path: () => '/api/me/juries', allow: ['admin', 'jury', ...MENTORS_ROLE] },
  { route: 'GET /api/jury-cases/{id}', path: (w) => `/api/jury-cases/${w.juryCaseOwn}`, allow: ['jury'] },
  { route: 'GET /api/jury-cases/{id}/memoire', path: (w) => `/api/jury-cases/${w.juryCaseOwn}/memoire`, allow: ['jury'] },
  // The jury's space beyond the file (decision 026, « The oral's marking form »): a case's marks by whoever opens it; the
  // oral's mark by a voting member, and X's jury is not constituted: 409 for its member, 403 for everyone else.
  { route: 'GET /api/jury-cases/{id}/evaluations', path: (w) => `/api/jury-cases/${w.juryCaseOwn}/evaluations`, allow: ['jury'] },
  { route: 'POST /api/jury-cases/{id}/oral-marks', case: 'an unconstituted jury: 409', path: (w) => `/api/jury-cases/${w.juryCaseOwn}/oral-marks`, body: () => ({ assessmentId: 'soutenance', mark: 12 }), allow: ['jury'] },
  // Soutenances (decision 027): sessions, runs and the timetable are kept by jury:manage with access to the
  // promotion; a convocation is read by the learner convened, the members convened, and the managers.
  { route: 'GET /api/cohorts/{id}/soutenance-sessions', path: (w) => `/api/cohorts/${w.cohortX.id}/soutenance-sessions`, allow: ['admin', 'responsable'] },
  { route: 'POST /api/cohorts/{id}/soutenance-sessions', path: (w) => `/api/cohorts/${w.cohortX.id}/soutenance-sessions`, body: () => ({ label: 'Session de la matrice', place: 'Paris', days: [{ date: '2027-06-15', slots: [{ start: '09:00', end: '10:00' }] }], rooms: [{ label: 'Salle 2' }], juryIds: [] }), allow: ['admin', 'responsable'] },
  { route: 'GET /api/soutenance-sessions/{id}', path: (w) => `/api/soutenance-sessions/${w.sessionX}`, allow: ['admin', 'responsable'] },
  { route: 'PUT /api/soutenance-sessions/{id}', case: 'a day twice: 422', path: (w) => `/api/soutenance-sessions/${w.sessionX}`, body: () => ({ label: 'Soutenances de X', place: 'Paris', days: [{ date: '2027-06-14', slots: [{ start: '09:00', end: '10:00' }] }, { date: '2027-06-14', slots: [{ start: '09:00', end: '10:00' }] }], rooms: [{ label: 'Salle 1' }], juryIds: [] }), allow: ['admin', 'responsable'] },
  { route: 'POST /api/soutenance-sessions/{id}/plans', case: 'jury not constituted: 422', path: (w) => `/api/soutenance-sessions/${w.sessionX}/plans`, body: () => ({ timeLimitSeconds: 5 }), allow: ['admin', 'responsable'] },
  { route: 'GET /api/soutenance-plans/{id}', path: (w) => `/api/soutenance-plans/${w.planRunX}`, allow: ['admin', 'responsable'] },
  { route: 'POST /api/soutenance-plans/{id}/accept', case: 'no plan to accept: 409', path: (w) => `/api/soutenance-plans/${w.planRunX}/accept`, allow: ['admin', 'responsable'] },
  { route: 'PATCH /api/soutenances/{id}', case: 'an unknown room: 422', path: (w) => `/api/soutenances/${w.soutenanceOwn}`, body: () => ({ date: '2027-06-14', slotIndex: 0, roomId: 'salle-inconnue' }), allow: ['admin', 'responsable'] },
  { route: 'POST /api/soutenance-sessions/{id}/convocations', case: 'jury not constituted: 422', path: (w) => `/api/soutenance-sessions/${w.sessionX}/convocations`, allow: ['admin', 'responsable'] },
  { route: 'GET /api/soutenances/{id}/convocation.pdf', path: (w) => `/api/soutenances/${w.soutenanceOwn}/convocation.pdf`, allow: ['admin', 'responsable', 'jury', 'learnerOwn'] },
  { route: 'GET /api/soutenances/{id}/invitation.ics', path: (w) => `/api/soutenances/${w.soutenanceOwn}/invitation.ics`, allow: ['admin', 'responsable', 'jury', 'learnerOwn'] },
  { route: 'GET /api/me/soutenances', path: () => '/api/me/soutenances', allow: without(SIGNED_IN, 'gestionnaire') },
];
