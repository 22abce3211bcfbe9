/**
 * Absence justifications: a learner uploads a document for a period; a gestionnaire accepts it (every
 * absence of the period becomes "excusé" through a new record) or refuses it with a reason.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, notFound, validationError } from '../../http/errors.js';
import { getCohortFor } from '../../policies/cohort-access.js';
import { canDecideJustification, canReadAttendanceReports, canReadJustification, canSubmitJustification } from '../../policies/cohorts.policy.js';
import { anyOf } from '../../policies/decision.js';
import type { TActor } from '../../policies/policies.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { users } from '../auth/auth.tables.js';
import { loadSessions, presentSession } from '../calendar/calendar.service.js';
import { getDocument, storeDocument } from '../documents/documents.service.js';
import { documents } from '../documents/documents.tables.js';
import { currentRecords, keyOf } from './attendance.rules.js';
import { recordsOf } from './attendance.service.js';
import { absenceJustifications, attendanceRecords } from './attendance.tables.js';

export async function createJustification(o: {
  db: TDb;
  actor: TActor;
  audit: TAuditActor;
  cohortId: string;
  input: { fromDate: string; toDate: string; note: string; fileName: string; contentBase64: string };
  now: Date;
}) {
  if (o.input.toDate < o.input.fromDate) throw validationError([{ path: 'toDate', message: 'La fin de la période doit suivre son début.' }]);
  return o.db.transaction(async (tx) => {
    await getCohortFor(tx, o.actor, o.cohortId, (a, _c, rel) => canSubmitJustification(a, rel));
    const doc = await storeDocument({
      db: tx,
      actor: o.audit,
      ownerUserId: o.actor.userId,
      kind: 'absence_justification',
      upload: { fileName: o.input.fileName, bytes: Buffer.from(o.input.contentBase64, 'base64') },
      field: 'contentBase64',
    });
    const [row] = await tx
      .insert(absenceJustifications)
      .values({ cohortId: o.cohortId, learnerId: o.actor.userId, fromDate: o.input.fromDate, toDate: o.input.toDate, note: o.input.note.trim(), documentId: doc.id, createdAt: o.now })
      .returning();
    await recordAudit(tx, o.audit, { action: 'justification.created', entityType: 'absence_justification', entityId: row!.id, after: { fromDate: row!.fromDate, toDate: row!.toDate, documentId: doc.id } });
    return present({ ...row!, learnerName: o.actor.name, fileName: doc.fileName });
  });
}

const present = (j: typeof absenceJustifications.$inferSelect & { learnerName: string; fileName: string }) => ({
  id: j.id,
  cohortId: j.cohortId,
  learnerId: j.learnerId,
  learnerName: j.learnerName,
  fromDate: j.fromDate,
  toDate: j.toDate,
  note: j.note,
  fileName: j.fileName,
  status: j.status,
  decisionReason: j.decisionReason,
  decidedAt: j.decidedAt?.toISOString() ?? null,
  createdAt: j.createdAt.toISOString(),
});

/** Staff who read the promotion's attendance see every justification; a learner sees their own. */
export async function findJustifications(o: { db: TDbOrTx; actor: TActor; cohortId: string }) {
  const { cohort, rel } = await getCohortFor(o.db, o.actor, o.cohortId, (a, c, r) => anyOf(canReadAttendanceReports(a, c, r), canSubmitJustification(a, r)));
  const mine = !canReadAttendanceReports(o.actor, cohort, rel).allowed;
  const rows = await o.db
    .select({ j: absenceJustifications, learnerName: users.name, fileName: documents.fileName })
    .from(absenceJustifications)
    .innerJoin(users, eq(users.id, absenceJustifications.learnerId))
    .innerJoin(documents, eq(documents.id, absenceJustifications.documentId))
    .where(mine ? and(eq(absenceJustifications.cohortId, o.cohortId), eq(absenceJustifications.learnerId, o.actor.userId)) : eq(absenceJustifications.cohortId, o.cohortId))
    .orderBy(asc(absenceJustifications.status), desc(absenceJustifications.createdAt));
  return rows.map((r) => present({ ...r.j, learnerName: r.learnerName, fileName: r.fileName }));
}

export async function decideJustification(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; decision: 'accepted' | 'refused'; reason: string; now: Date }) {
  return o.db.transaction(async (tx) => {
    // Locked: two members of staff deciding at once — the second one finds it decided (409).
    const [j] = await tx.select().from(absenceJustifications).where(eq(absenceJustifications.id, o.id)).for('update');
    if (!j) throw notFound('Justificatif introuvable.');
    await getCohortFor(tx, o.actor, j.cohortId, (a, c, rel) => canDecideJustification(a, c, rel, j.learnerId));
    if (j.status !== 'pending') throw conflict('Ce justificatif a déjà été traité.');
    if (o.decision === 'refused' && !o.reason.trim()) throw validationError([{ path: 'reason', message: 'Indiquez le motif du refus.' }]);
    await tx.update(absenceJustifications).set({ status: o.decision, decidedBy: o.actor.userId, decidedAt: o.now, decisionReason: o.reason.trim() || null }).where(eq(absenceJustifications.id, j.id));
    let excused = 0;
    if (o.decision === 'accepted') {
      const sessions = (await loadSessions(tx, { cohortId: j.cohortId })).filter((s) => {
        const d = presentSession(s).date;
        return d >= j.fromDate && d <= j.toDate && s.startsAt <= o.now;
      });
      const current = currentRecords(await recordsOf(tx, sessions.map((s) => s.id), j.learnerId));
      for (const s of sessions) {
        const cur = current.get(keyOf(s.id, j.learnerId));
        if (cur && cur.status !== 'absent') continue;
        await tx.insert(attendanceRecords).values({
          sessionId: s.id,
          learnerId: j.learnerId,
          status: 'excused',
          method: 'justification',
          recordedBy: o.actor.userId,
          recordedAt: o.now,
          reason: `Justificatif accepté (${j.fromDate} – ${j.toDate})`,
          supersedesId: cur?.id ?? null,
        });
        excused++;
      }
    }
    await recordAudit(tx, o.audit, { action: `justification.${o.decision}`, entityType: 'absence_justification', entityId: j.id, before: { status: j.status }, after: { status: o.decision, reason: o.reason, excusedSessions: excused } });
    return { id: j.id, status: o.decision, excusedSessions: excused };
  });
}

/** The uploaded file: its learner or staff of the promotion. */
export async function getJustificationDocument(o: { db: TDbOrTx; actor: TActor; id: string }) {
  const [j] = await o.db.select().from(absenceJustifications).where(eq(absenceJustifications.id, o.id));
  if (!j) throw notFound('Justificatif introuvable.');
  // Same right as the list of justifications: a teacher of the promotion does not read them.
  await getCohortFor(o.db, o.actor, j.cohortId, (a, c, rel) => canReadJustification(a, c, rel, j.learnerId));
  return getDocument({ db: o.db, id: j.documentId });
}
