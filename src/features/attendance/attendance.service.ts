/**
 * Émargement: learners sign their own half-day within its window, teachers mark the others, staff
 * correct with a reason. Every write is a new row; nothing is updated in place.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, forbidden, notFound, validationError } from '../../http/errors.js';
import { getCohortFor } from '../../policies/cohort-access.js';
import {
  canAmendOwnMark,
  canCorrectAttendance,
  canReadLearnerAttendance,
  canReadSessionAttendance,
  canRecordAttendanceOf,
  canSignOwnAttendance,
  canSignSessionSheet,
  canTakeAttendance,
} from '../../policies/cohorts.policy.js';
import { anyOf, enforce } from '../../policies/decision.js';
import { teachesSession } from '../../policies/facts.js';
import { formatDateTimeFr } from '../../lib/format.js';
import type { TActor } from '../../policies/policies.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { users } from '../auth/auth.tables.js';
import { loadSessions, presentSession } from '../calendar/calendar.service.js';
import { calendarSessions } from '../calendar/calendar.tables.js';
import { cohortLearners } from '../cohorts/cohorts.tables.js';
import { currentRecords, keyOf, selfSignedStatus, selfSigningRefusal, signingWindow } from './attendance.rules.js';
import { attendanceRecords, attendanceTeacherSignatures, type TAttendanceStatus } from './attendance.tables.js';

export async function loadSessionRow(db: TDbOrTx, id: string) {
  const [row] = await db.select().from(calendarSessions).where(eq(calendarSessions.id, id));
  if (!row) throw notFound('Séance introuvable.');
  return row;
}

export async function recordsOf(db: TDbOrTx, sessionIds: string[], learnerId?: string) {
  if (!sessionIds.length) return [];
  const where = [inArray(attendanceRecords.sessionId, sessionIds)];
  if (learnerId) where.push(eq(attendanceRecords.learnerId, learnerId));
  return db
    .select({ r: attendanceRecords, recordedByName: users.name })
    .from(attendanceRecords)
    .innerJoin(users, eq(users.id, attendanceRecords.recordedBy))
    .where(and(...where))
    // Per learner, the chain's sequence is the writing order (records may share one instant).
    .orderBy(asc(attendanceRecords.recordedAt), asc(attendanceRecords.chainSeq))
    .then((rows) => rows.map((x) => ({ ...x.r, recordedByName: x.recordedByName })));
}

export const presentRecord = (r: Awaited<ReturnType<typeof recordsOf>>[number]) => ({
  id: r.id,
  status: r.status,
  method: r.method,
  recordedAt: r.recordedAt.toISOString(),
  recordedBy: r.recordedByName,
  reason: r.reason,
  supersedesId: r.supersedesId,
});

export async function enrolledLearners(db: TDbOrTx, cohortId: string) {
  return db
    .select({ userId: cohortLearners.userId, name: users.name, funderLabel: cohortLearners.funderLabel, enrolledAt: cohortLearners.enrolledAt })
    .from(cohortLearners)
    .innerJoin(users, eq(users.id, cohortLearners.userId))
    .where(and(eq(cohortLearners.cohortId, cohortId), eq(cohortLearners.status, 'enrolled')))
    .orderBy(asc(users.name));
}

/** The attendance list of one session: each learner's current status and history, the teachers' signatures. */
export async function getSessionAttendance(o: { db: TDbOrTx; actor: TActor; sessionId: string; now: Date }) {
  const row = await loadSessionRow(o.db, o.sessionId);
  const { cohort, rel } = await getCohortFor(o.db, o.actor, row.cohortId, canReadSessionAttendance);
  const teaches = await teachesSession(o.db, o.actor, row.id);
  const [session] = await loadSessions(o.db, { ids: [row.id] });
  const learners = await enrolledLearners(o.db, row.cohortId);
  const records = await recordsOf(o.db, [row.id]);
  const current = currentRecords(records);
  const signatures = await o.db
    .select({ userId: attendanceTeacherSignatures.userId, name: users.name, signedAt: attendanceTeacherSignatures.signedAt })
    .from(attendanceTeacherSignatures)
    .innerJoin(users, eq(users.id, attendanceTeacherSignatures.userId))
    .where(eq(attendanceTeacherSignatures.sessionId, row.id));
  const window = signingWindow(row);
  const signedByMe = signatures.some((s) => s.userId === o.actor.userId);
  return {
    session: presentSession(session!),
    window: { opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString(), open: o.now >= window.opensAt && o.now <= window.closesAt },
    learners: learners.map((l) => {
      const cur = current.get(keyOf(row.id, l.userId));
      return {
        userId: l.userId,
        name: l.name,
        current: cur ? presentRecord(cur) : null,
        // Staff who correct, or the teacher rectifying their own roll call before signing the sheet.
        canCorrect:
          canCorrectAttendance(o.actor, cohort, rel, l.userId).allowed ||
          (cur !== undefined && canAmendOwnMark(o.actor, cohort, rel, teaches, cur, signedByMe).allowed),
        history: records.filter((r) => r.learnerId === l.userId).map(presentRecord),
      };
    }),
    teacherSignatures: signatures.map((s) => ({ userId: s.userId, name: s.name, signedAt: s.signedAt.toISOString() })),
    /** What the UI offers this actor on the session, from the policies the API enforces. */
    permissions: {
      mark: canTakeAttendance(o.actor, cohort, rel, teaches).allowed,
      sign: canSignSessionSheet(o.actor, cohort, rel, teaches).allowed,
      correct: canCorrectAttendance(o.actor, cohort, rel, '').allowed,
    },
  };
}

/** A learner signs their own presence. Refused outside the window, for someone else, or twice. */
export async function signOwnAttendance(o: { db: TDb; actor: TActor; audit: TAuditActor; sessionId: string; learnerId?: string; now: Date; clientInfo: string }) {
  if (o.learnerId && o.learnerId !== o.actor.userId) {
    throw forbidden('Vous ne pouvez émarger que pour vous-même.');
  }
  return o.db.transaction(async (tx) => {
    const session = await loadSessionRow(tx, o.sessionId);
    await getCohortFor(tx, o.actor, session.cohortId, (a, _c, rel) => canSignOwnAttendance(a, rel));
    const refusal = selfSigningRefusal(o.now, session, formatDateTimeFr);
    if (refusal) throw conflict(refusal);
    const [existing] = await tx
      .select({ id: attendanceRecords.id })
      .from(attendanceRecords)
      .where(and(eq(attendanceRecords.sessionId, session.id), eq(attendanceRecords.learnerId, o.actor.userId)))
      .limit(1);
    if (existing) throw conflict('Votre présence à cette séance est déjà enregistrée.');
    const status = selfSignedStatus(o.now, session);
    const [row] = await tx
      .insert(attendanceRecords)
      .values({ sessionId: session.id, learnerId: o.actor.userId, status, method: 'self', recordedBy: o.actor.userId, recordedAt: o.now, clientInfo: o.clientInfo.slice(0, 300) })
      .onConflictDoNothing()
      .returning();
    // Two devices of the same learner in the same instant: the unique index keeps one.
    if (!row) throw conflict('Votre présence à cette séance est déjà enregistrée.');
    await recordAudit(tx, o.audit, { action: 'attendance.signed', entityType: 'attendance_record', entityId: row.id, after: { sessionId: session.id, learnerId: o.actor.userId, status } });
    return { id: row.id, status, recordedAt: row.recordedAt.toISOString() };
  });
}

/** A teacher (or staff) records the status of learners who have no record yet. All or nothing. */
export async function markAttendance(o: { db: TDb; actor: TActor; audit: TAuditActor; sessionId: string; entries: { learnerId: string; status: TAttendanceStatus }[]; now: Date }) {
  await o.db.transaction(async (tx) => {
    const session = await loadSessionRow(tx, o.sessionId);
    const teaches = await teachesSession(tx, o.actor, session.id);
    await getCohortFor(tx, o.actor, session.cohortId, (a, c, rel) => canTakeAttendance(a, c, rel, teaches));
    o.entries.forEach((e) => enforce(canRecordAttendanceOf(o.actor, e.learnerId)));
    if (o.now < signingWindow(session).opensAt) throw conflict('La séance n’a pas encore commencé : l’appel ouvre 15 minutes avant son début.');
    const learners = await enrolledLearners(tx, session.cohortId);
    const issues = o.entries
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => !learners.some((l) => l.userId === e.learnerId))
      .map(({ i }) => ({ path: `entries[${i}].learnerId`, message: 'Cette personne n’est pas inscrite dans la promotion.' }));
    if (issues.length) throw validationError(issues);
    const existing = await tx
      .select({ learnerId: attendanceRecords.learnerId })
      .from(attendanceRecords)
      .where(and(eq(attendanceRecords.sessionId, session.id), inArray(attendanceRecords.learnerId, o.entries.map((e) => e.learnerId))));
    if (existing.length) {
      const names = learners.filter((l) => existing.some((e) => e.learnerId === l.userId)).map((l) => l.name);
      throw conflict(`Déjà enregistré pour ${names.join(', ')} : un enregistrement signé ne se modifie pas, faites une correction motivée.`, o.entries
        .map((e, i) => ({ e, i }))
        .filter(({ e }) => existing.some((x) => x.learnerId === e.learnerId))
        .map(({ i }) => ({ path: `entries[${i}].learnerId`, message: 'Déjà enregistré : faites une correction motivée.' })));
    }
    if (!o.entries.length) return;
    const rows = await tx
      .insert(attendanceRecords)
      .values(o.entries.map((e) => ({ sessionId: session.id, learnerId: e.learnerId, status: e.status, method: 'teacher' as const, recordedBy: o.actor.userId, recordedAt: o.now })))
      .returning({ id: attendanceRecords.id, learnerId: attendanceRecords.learnerId, status: attendanceRecords.status });
    await recordAudit(tx, o.audit, { action: 'attendance.marked', entityType: 'session', entityId: session.id, after: rows });
  });
  return getSessionAttendance({ db: o.db, actor: o.actor, sessionId: o.sessionId, now: o.now });
}

/** A correction: a new dated record that supersedes the current one, with its author and reason. */
export async function correctAttendance(o: { db: TDb; actor: TActor; audit: TAuditActor; recordId: string; status: TAttendanceStatus; reason: string; now: Date }) {
  const sessionId = await o.db.transaction(async (tx) => {
    const [record] = await tx.select().from(attendanceRecords).where(eq(attendanceRecords.id, o.recordId));
    if (!record) throw notFound('Émargement introuvable.');
    const session = await loadSessionRow(tx, record.sessionId);
    const teaches = await teachesSession(tx, o.actor, session.id);
    const [signed] = await tx
      .select({ userId: attendanceTeacherSignatures.userId })
      .from(attendanceTeacherSignatures)
      .where(and(eq(attendanceTeacherSignatures.sessionId, session.id), eq(attendanceTeacherSignatures.userId, o.actor.userId)));
    await getCohortFor(tx, o.actor, session.cohortId, (a, c, rel) =>
      anyOf(canCorrectAttendance(a, c, rel, record.learnerId), canAmendOwnMark(a, c, rel, teaches, record, Boolean(signed))),
    );
    const [later] = await tx.select({ id: attendanceRecords.id }).from(attendanceRecords).where(eq(attendanceRecords.supersedesId, record.id)).limit(1);
    if (later) throw conflict('Cet enregistrement a déjà été corrigé : corrigez le plus récent.');
    const [row] = await tx
      .insert(attendanceRecords)
      .values({ sessionId: record.sessionId, learnerId: record.learnerId, status: o.status, method: 'correction', recordedBy: o.actor.userId, recordedAt: o.now, reason: o.reason.trim(), supersedesId: record.id })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict('Cet enregistrement a déjà été corrigé : corrigez le plus récent.');
    await recordAudit(tx, o.audit, {
      action: 'attendance.corrected',
      entityType: 'attendance_record',
      entityId: row.id,
      before: { id: record.id, status: record.status },
      after: { id: row.id, status: row.status, reason: row.reason, supersedesId: record.id },
    });
    return record.sessionId;
  });
  return getSessionAttendance({ db: o.db, actor: o.actor, sessionId, now: o.now });
}

/** The teacher signs the session's attendance list (once). */
export async function signAsTeacher(o: { db: TDb; actor: TActor; audit: TAuditActor; sessionId: string; now: Date }) {
  await o.db.transaction(async (tx) => {
    const session = await loadSessionRow(tx, o.sessionId);
    const teaches = await teachesSession(tx, o.actor, session.id);
    await getCohortFor(tx, o.actor, session.cohortId, (a, c, rel) => canSignSessionSheet(a, c, rel, teaches));
    if (o.now < session.startsAt) throw conflict('La feuille se signe une fois la séance commencée.');
    const [row] = await tx.insert(attendanceTeacherSignatures).values({ sessionId: session.id, userId: o.actor.userId, signedAt: o.now }).onConflictDoNothing().returning();
    if (!row) throw conflict('Vous avez déjà signé la feuille de cette séance.');
    await recordAudit(tx, o.audit, { action: 'attendance.teacher_signed', entityType: 'session', entityId: session.id, after: { userId: o.actor.userId } });
  });
  return getSessionAttendance({ db: o.db, actor: o.actor, sessionId: o.sessionId, now: o.now });
}

/** Access check for a learner reading their own data, or staff of the promotion. */
export async function assertCanReadLearner(db: TDbOrTx, actor: TActor, cohortId: string, learnerId: string) {
  const { cohort } = await getCohortFor(db, actor, cohortId, (a, c, rel) => canReadLearnerAttendance(a, c, rel, learnerId));
  return cohort;
}
