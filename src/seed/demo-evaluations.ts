/**
 * Demo marks (decision 024) in the demo promotion 33 (Paris, RNCP 41336): the demo teacher marks the case
 * studies of the first two blocs and, with the responsable, double-marks the mémoire; the first case study
 * is marked for every learner and released (the demo learner sees it in « Mes évaluations »), one mark was
 * corrected with its reason, and two readings of the mémoire disagree enough to call for a third.
 * The second case study is left to mark. Runs through the same use cases as the API.
 */
import { and, eq } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import type { TAuditActor } from '../features/audit/audit.service.js';
import { users } from '../features/auth/auth.tables.js';
import { cohortLearners, cohorts } from '../features/cohorts/cohorts.tables.js';
import { findCentres } from '../features/centres/centres.service.js';
import { enterMarks, releaseMarks, setAssessmentMarkers } from '../features/evaluations/evaluations.service.js';
import { loadActor } from '../http/session.js';

export async function seedDemoEvaluations(db: TDb, now: Date) {
  const idOf = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id;
  const [responsableId, teacherId, learnerId] = await Promise.all([idOf('responsable@movsc.demo'), idOf('enseignant@movsc.demo'), idOf('auditeur@movsc.demo')]);
  const paris = (await findCentres({ db })).find((c) => c.code === 'PARIS');
  if (!responsableId || !teacherId || !learnerId || !paris) return;
  const [cohort] = await db.select().from(cohorts).where(and(eq(cohorts.centreId, paris.id), eq(cohorts.number, 33)));
  if (!cohort) return;
  const responsable = (await loadActor(db, responsableId))!;
  const teacher = (await loadActor(db, teacherId))!;
  const auditOf = (a: typeof teacher): TAuditActor => ({ userId: a.userId, label: `${a.name} <${a.email}> (démo)` });
  const base = { db, actor: responsable, audit: auditOf(responsable), cohortId: cohort.id, now };
  await setAssessmentMarkers({ ...base, assessmentId: 'cas-pratiques-1', markers: [{ userId: teacherId, role: 'marker' }] });
  await setAssessmentMarkers({ ...base, assessmentId: 'cas-pratiques-2', markers: [{ userId: teacherId, role: 'marker' }] });
  await setAssessmentMarkers({ ...base, assessmentId: 'memoire', markers: [{ userId: teacherId, role: 'marker' }, { userId: responsableId, role: 'marker' }] });

  const learners = (await db.select({ id: cohortLearners.userId }).from(cohortLearners).where(eq(cohortLearners.cohortId, cohort.id))).map((l) => l.id);
  const marks = [14, 11.5, 9, 16, 12.5, 8, 13];
  const asTeacher = { db, actor: teacher, audit: auditOf(teacher), cohortId: cohort.id, now };
  await enterMarks({ ...asTeacher, cells: learners.map((id, i) => ({ learnerId: id, assessmentId: 'cas-pratiques-1', reading: 1 as const, mark: marks[i % marks.length]! })) });
  await enterMarks({ ...asTeacher, cells: [{ learnerId, assessmentId: 'cas-pratiques-1', reading: 1, mark: 15, reason: 'Barème de la deuxième question mal reporté' }] });
  await releaseMarks({ ...base, assessmentId: 'cas-pratiques-1' });
  await enterMarks({ ...asTeacher, cells: [{ learnerId, assessmentId: 'memoire', reading: 1, mark: 12 }] });
  await enterMarks({ db, actor: responsable, audit: auditOf(responsable), cohortId: cohort.id, now, cells: [{ learnerId, assessmentId: 'memoire', reading: 2, mark: 16 }] });
}
