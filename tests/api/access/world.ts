/**
 * The world the access matrix walks: two centres, promotions, staff of every role, learners of the
 * same and of another promotion, applicants, and the same-centre "candidate-staff" — a responsable
 * pédagogique of the centre who is also an applicant and a learner there.
 */
import { randomUUID } from 'node:crypto';
import { cohortLearners } from '../../../src/features/cohorts/cohorts.tables.js';
import { attendanceRecords } from '../../../src/features/attendance/attendance.tables.js';
import { residencies } from '../../../src/features/calendar/calendar.tables.js';
import { parisDateOf } from '../../../src/features/calendar/calendar.dates.js';
import type { TRole } from '../../../src/features/auth/auth.tables.js';
import { COMPLETE_DRAFT, createApplicant, createTestCohort, pdfBase64 } from '../../helpers/admissions.js';
import type { TTestContext } from '../../helpers/context.js';
import { sessionAround } from '../cohorts-fixtures.js';
import { atelierGroups, atelierMembers, atelierPairs } from '../../../src/features/memoire/ateliers/ateliers.tables.js';
import { multipartBody, pdfkitPdf } from '../../helpers/memoire-files.js';
import { juries, juryCases, juryMembers, jurySeats } from '../../../src/features/juries/juries.tables.js';
import { soutenancePlanRuns, soutenances, soutenanceSessions } from '../../../src/features/juries/soutenances/soutenances.tables.js';
import { DEFAULT_COMPOSITIONS, DEFAULT_PLAN_WEIGHTS } from '../../../src/features/juries/planner/planner.input.js';
import { evaluationMarkers } from '../../../src/features/evaluations/evaluations.tables.js';

export const ACTORS = [
  'anonymous',
  'admin',
  'gestionnaire',
  'responsable',
  'teacher',
  'teacherOther',
  'jury',
  'staffOtherCentre',
  'learnerOwn',
  'learnerOther',
  'learnerOtherPromotion',
  'applicant',
  'candidateStaff',
] as const;
export type TActorKind = (typeof ACTORS)[number];

export async function buildWorld(t: TTestContext) {
  const centreA = await t.createTestCentre(`Centre A ${randomUUID().slice(0, 4)}`);
  const centreB = await t.createTestCentre(`Centre B ${randomUUID().slice(0, 4)}`);
  const person = async (roles: TRole[], centreIds: string[], name: string) => {
    const user = await t.createTestUser({ roles, centreIds, name });
    return { user, cookie: await t.signIn(user.email) };
  };
  const admin = await person(['administrateur'], [], 'Admin Matrice');
  const gestionnaire = await person(['gestionnaire'], [centreA.id], 'Gestion Matrice');
  const responsable = await person(['responsable_pedagogique'], [centreA.id], 'Resp Matrice');
  const teacher = await person(['enseignant'], [centreA.id], 'Enseignante Matrice');
  const teacherOther = await person(['enseignant'], [centreA.id], 'Enseignant Autre');
  const jury = await person(['jury'], [centreA.id], 'Jury Matrice');
  const staffOtherCentre = await person(['responsable_pedagogique', 'gestionnaire'], [centreB.id], 'Resp Lille');
  const candidateStaff = await person(['responsable_pedagogique', 'auditeur'], [centreA.id], 'Resp Candidate');
  const learnerOwn = await person(['auditeur'], [centreA.id], 'Alice Matrice');
  const learnerOther = await person(['auditeur'], [centreA.id], 'Bruno Matrice');
  const learnerOtherPromotion = await person(['auditeur'], [centreA.id], 'Chloé Matrice');

  // Promotions X and Y of centre A (X has the session), O open to applications.
  const cohortX = await createTestCohort(t.db, { centreId: centreA.id, startsOn: '2025-11-03', endsOn: '2027-10-29' });
  const cohortY = await createTestCohort(t.db, { centreId: centreA.id, startsOn: '2025-11-03', endsOn: '2027-10-29' });
  const cohortO = await createTestCohort(t.db, { centreId: centreA.id });
  const enrolled = [
    { cohortId: cohortX.id, userId: learnerOwn.user.id },
    { cohortId: cohortX.id, userId: learnerOther.user.id },
    { cohortId: cohortX.id, userId: candidateStaff.user.id },
    { cohortId: cohortY.id, userId: learnerOtherPromotion.user.id },
  ];
  await t.db.insert(cohortLearners).values(enrolled);

  const now = t.clock.now().getTime();
  const session = await sessionAround(t, cohortX.id, { startsAt: new Date(now - 10 * 60_000), endsAt: new Date(now + 3 * 3600_000), teacherIds: [teacher.user.id] });
  const day = parisDateOf(session.startsAt);
  const [spare] = await t.db.insert(residencies).values({ cohortId: cohortX.id, kind: 'on_site', label: 'À supprimer', days: ['2027-01-12'], startsOn: '2027-01-12', endsOn: '2027-01-12' }).returning();
  const [recordOwn, recordCandidate] = await t.db
    .insert(attendanceRecords)
    .values([
      { sessionId: session.id, learnerId: learnerOwn.user.id, status: 'absent', method: 'teacher', recordedBy: teacher.user.id, recordedAt: t.clock.now() },
      { sessionId: session.id, learnerId: candidateStaff.user.id, status: 'absent', method: 'teacher', recordedBy: teacher.user.id, recordedAt: t.clock.now() },
    ])
    .returning();

  const justify = async (cookie: string) => {
    const res = await t.call('POST', `/api/cohorts/${cohortX.id}/justifications`, {
      cookie,
      body: { fromDate: day, toDate: day, note: 'Certificat', fileName: 'certificat.pdf', contentBase64: pdfBase64 },
    });
    if (res.status !== 201) throw new Error(`justification ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const justificationOwn = await justify(learnerOwn.cookie);

  // Mémoire records: the learner's own (supervised by the teacher) and the candidate-staff's own.
  const thesisOf = async (cookie: string) => {
    const res = await t.call('POST', `/api/cohorts/${cohortX.id}/theses`, { cookie, body: { title: 'Mémoire' } });
    if (res.status !== 201) throw new Error(`thesis ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const thesisOwn = await thesisOf(learnerOwn.cookie);
  const thesisCandidate = await thesisOf(candidateStaff.cookie);
  const supervised = await t.call('PATCH', `/api/theses/${thesisOwn}`, { cookie: responsable.cookie, body: { supervisorId: teacher.user.id } });
  if (supervised.status !== 200) throw new Error(`supervisor ${supervised.status} ${JSON.stringify(supervised.body)}`);
  // Marks (decision 024): in X the teacher marks the first case study, the candidate-staff the second.
  await t.db.insert(evaluationMarkers).values([
    { cohortId: cohortX.id, assessmentId: 'cas-pratiques-1', userId: teacher.user.id, role: 'marker', assignedBy: responsable.user.id, assignedAt: t.clock.now() },
    { cohortId: cohortX.id, assessmentId: 'cas-pratiques-2', userId: candidateStaff.user.id, role: 'marker', assignedBy: responsable.user.id, assignedAt: t.clock.now() },
  ]);
  // Ateliers mémoire (decision 020): group 1 of X led by the teacher with the learner in it, the two learners'
  // « ensemble » request, a « pas ensemble » constraint naming the candidate-staff, an impossible proposal (3 learners).
  const [atelierGroup] = await t.db.insert(atelierGroups).values({ cohortId: cohortX.id, number: 1, leaderId: teacher.user.id, since: t.clock.now() }).returning();
  await t.db.insert(atelierMembers).values({ cohortId: cohortX.id, learnerId: learnerOwn.user.id, groupId: atelierGroup!.id, since: t.clock.now() });
  const pairOf = async (kind: 'apart' | 'together', x: string, y: string) => {
    const [learnerA, learnerB] = x < y ? [x, y] : [y, x];
    const [row] = await t.db.insert(atelierPairs).values({ cohortId: cohortX.id, kind, learnerA: learnerA!, learnerB: learnerB!, declaredBy: responsable.user.id, createdAt: t.clock.now() }).returning();
    return row!.id;
  };
  const atelierPairOwn = await pairOf('together', learnerOwn.user.id, learnerOther.user.id);
  await pairOf('apart', candidateStaff.user.id, learnerOther.user.id);
  const proposal = await t.call('POST', `/api/cohorts/${cohortX.id}/ateliers/proposals`, { cookie: responsable.cookie, body: { timeLimitSeconds: 5 } });
  if (proposal.status !== 202) throw new Error(`atelier proposal ${proposal.status} ${JSON.stringify(proposal.body)}`);
  // A version of the learner's mémoire (multipart, as the browser sends it) and the supervisor's feedback on it.
  const versionForm = multipartBody({ fileName: 'v1.pdf', content: await pdfkitPdf(1) });
  const version = await t.app.request(`/api/theses/${thesisOwn}/versions`, { method: 'POST', headers: { origin: 'http://localhost:3000', cookie: learnerOwn.cookie, 'content-type': versionForm.contentType }, body: versionForm.body, duplex: 'half' } as RequestInit);
  if (version.status !== 201) throw new Error(`version ${version.status} ${await version.text()}`);
  const thesisVersionOwn = ((await version.json()) as { id: string }).id;
  const feedback = await t.call('POST', `/api/thesis-files/${thesisVersionOwn}/feedback`, { cookie: teacher.cookie, body: { comment: 'Retour', changes: ['Reprendre le plan'] } });
  if (feedback.status !== 201) throw new Error(`feedback ${feedback.status} ${JSON.stringify(feedback.body)}`);
  const thesisChangeOwn = feedback.body.versions[0].feedback[0].changes[0].id as string;

  const feed = await t.call('POST', '/api/calendar/feeds', { cookie: learnerOwn.cookie, body: { scope: 'learner' } });
  if (feed.status !== 201) throw new Error(`feed ${feed.status} ${JSON.stringify(feed.body)}`);
  // Follow-up (decision 023): the learner's meeting request to their supervisor, a private and a shared journal entry, a time log.
  const meeting = await t.call('POST', `/api/cohorts/${cohortX.id}/meetings`, { cookie: learnerOwn.cookie, body: { teacherId: teacher.user.id, proposedTimes: ['2027-01-12T10:00:00.000Z'], mode: 'video', subject: 'Plan' } });
  if (meeting.status !== 201) throw new Error(`meeting ${meeting.status} ${JSON.stringify(meeting.body)}`);
  const journalOf = async (title: string) => {
    const res = await t.call('POST', `/api/cohorts/${cohortX.id}/journal`, { cookie: learnerOwn.cookie, body: { title, body: 'Mon parcours' } });
    if (res.status !== 201) throw new Error(`journal ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const journalOwn = await journalOf('Privée');
  const journalShared = await journalOf('Partagée');
  await t.call('POST', `/api/journal/${journalShared}/share`, { cookie: learnerOwn.cookie, body: { shared: true } });
  const timeLog = await t.call('POST', `/api/cohorts/${cohortX.id}/time-log`, { cookie: learnerOwn.cookie, body: { workedOn: '2026-03-02', minutes: 120, activity: 'Lectures' } });
  if (timeLog.status !== 201) throw new Error(`time log ${timeLog.status} ${JSON.stringify(timeLog.body)}`);

  // Applications in O: the applicant's (filed), the candidate-staff's own (filed), and one more for conflicts.
  const app = await createApplicant(t, cohortO.id, { file: true });
  const applicant = { user: { id: (await t.call('GET', '/api/me', { cookie: app.cookie })).body.user.id as string }, cookie: app.cookie };
  const appConflict = await createApplicant(t, cohortO.id, { file: true });
  const own = await t.call('POST', '/api/applications', {
    cookie: candidateStaff.cookie,
    body: { cohortId: cohortO.id, lastName: 'Candidate', firstName: 'Resp', birthDate: '1980-05-05' },
  });
  if (own.status !== 201) throw new Error(`own application ${own.status} ${JSON.stringify(own.body)}`);
  const ownAppId = own.body.id as string;
  await t.call('PATCH', `/api/applications/${ownAppId}`, { cookie: candidateStaff.cookie, body: COMPLETE_DRAFT });
  for (const type of ['cv', 'letter'] as const) {
    await t.call('POST', `/api/applications/${ownAppId}/documents`, { cookie: candidateStaff.cookie, body: { type, fileName: `${type}.pdf`, contentBase64: pdfBase64 } });
  }
  const filed = await t.call('POST', `/api/applications/${ownAppId}/file`, { cookie: candidateStaff.cookie });
  if (filed.status !== 200) throw new Error(`own filing ${filed.status} ${JSON.stringify(filed.body)}`);
  const appView = await t.call('GET', `/api/applications/${app.id}`, { cookie: admin.cookie });
  const documentId = appView.body.documents[0].id as string;

  const people = { admin, gestionnaire, responsable, teacher, teacherOther, jury, staffOtherCentre, learnerOwn, learnerOther, learnerOtherPromotion, applicant, candidateStaff };
  // Juries (decision 026): a jury of X where the jury member sits, examining the learner's file.
  await t.db.insert(juryMembers).values({ userId: jury.user.id, kind: 'professional', organisation: 'Fédération des centres sociaux', createdAt: t.clock.now(), createdBy: responsable.user.id, updatedAt: t.clock.now() });
  const [juryX] = await t.db.insert(juries).values({ cohortId: cohortX.id, label: 'Soutenances de X', route: 'training', supervisorRule: 'may_sit', createdAt: t.clock.now(), createdBy: responsable.user.id, updatedAt: t.clock.now() }).returning();
  await t.db.insert(jurySeats).values({ juryId: juryX!.id, userId: jury.user.id, kind: 'professional', addedAt: t.clock.now() });
  const [juryCaseOwn] = await t.db.insert(juryCases).values({ juryId: juryX!.id, learnerId: learnerOwn.user.id, addedAt: t.clock.now() }).returning();
  // Soutenances (decision 027): a session of X planning that jury, the learner's defence convened, an infeasible run.
  const [sessionX] = await t.db
    .insert(soutenanceSessions)
    .values({ cohortId: cohortX.id, label: 'Soutenances de X', place: '292 rue Saint-Martin, Paris', days: [{ date: '2027-06-14', slots: [{ start: '09:00', end: '10:00' }] }], rooms: [{ id: 'salle-1', label: 'Salle 1', video: false }], unavailability: [], juryIds: [juryX!.id], createdAt: t.clock.now(), createdBy: responsable.user.id, updatedAt: t.clock.now() })
    .returning();
  const [soutenanceOwn] = await t.db
    .insert(soutenances)
    .values({ sessionId: sessionX!.id, juryId: juryX!.id, juryCaseId: juryCaseOwn!.id, learnerId: learnerOwn.user.id, date: '2027-06-14', slotIndex: 0, start: '09:00', end: '10:00', roomId: 'salle-1', memberIds: [jury.user.id], observerIds: [], convokedSequence: 0, convokedAt: t.clock.now(), updatedAt: t.clock.now(), updatedBy: responsable.user.id })
    .returning();
  const [planRunX] = await t.db
    .insert(soutenancePlanRuns)
    .values({
      sessionId: sessionX!.id,
      status: 'infeasible',
      input: { defences: [], days: [{ id: '2027-06-14', slots: [{ start: '09:00', end: '10:00' }] }], rooms: [{ id: 'salle-1', video: false }], members: [], compositions: DEFAULT_COMPOSITIONS, supervisorRule: 'may_not_sit', weights: DEFAULT_PLAN_WEIGHTS },
      basedOnRevision: 0,
      timeLimitSeconds: 5,
      requestedBy: responsable.user.id,
      requestedAt: t.clock.now(),
    })
    .returning();
  const cookieOf = (kind: TActorKind) => (kind === 'anonymous' ? undefined : people[kind].cookie);
  return {
    people,
    cookieOf,
    centreA,
    centreB,
    cohortX,
    cohortY,
    cohortO,
    session,
    day,
    spareResidencyId: spare!.id,
    recordOwnId: recordOwn!.id,
    recordCandidateId: recordCandidate!.id,
    justificationOwn,
    thesisOwn,
    thesisCandidate,
    atelierGroupId: atelierGroup!.id,
    atelierPairOwn,
    atelierProposalId: proposal.body.id as string,
    thesisVersionOwn,
    thesisChangeOwn,
    feedId: feed.body.id as string,
    meetingOwn: meeting.body.id as string,
    journalOwn,
    journalShared,
    timeLogOwn: timeLog.body.id as string,
    juryX: juryX!.id,
    juryCaseOwn: juryCaseOwn!.id,
    sessionX: sessionX!.id,
    soutenanceOwn: soutenanceOwn!.id,
    planRunX: planRunX!.id,
    appId: app.id,
    appConflictId: appConflict.id,
    ownAppId,
    documentId,
  };
}

export type TWorld = Awaited<ReturnType<typeof buildWorld>>;
