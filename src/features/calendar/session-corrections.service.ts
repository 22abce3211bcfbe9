/**
 * A session with attendance keeps its times (trigger movsc_session_times_frozen); a mistake in them
 * is corrected by this path only: a reason, recorded, dated, attributed, audited, and visible in the
 * session's history (docs/decisions/012-signed-session-corrections.md).
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, notFound, validationError } from '../../http/errors.js';
import type { TActor } from '../../policies/policies.js';
import { getCohortFor } from '../../policies/cohort-access.js';
import { canCorrectSessionTimes, canReadCohortAsStaff } from '../../policies/cohorts.policy.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { parisClockOf, parisDateOf, parisTime } from './calendar.dates.js';
import { calendarSessions, sessionTimeCorrections } from './calendar.tables.js';
import { hoursOf } from './sessions.rules.js';

export const MIN_REASON_LENGTH = 10;

async function loadSession(db: TDbOrTx, id: string) {
  const [row] = await db.select().from(calendarSessions).where(eq(calendarSessions.id, id));
  if (!row) throw notFound('Séance introuvable.');
  return row;
}

/** Learners with attendance for the session (0: not signed), from the database function of migration 0008. */
export async function attendanceLearnersOf(db: TDbOrTx, sessionId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`movsc_session_attendance_learners(${sessionId}::uuid)` }).from(sql`(select 1) as one`);
  return Number(row?.n ?? 0);
}

const presentCorrection = (c: typeof sessionTimeCorrections.$inferSelect) => ({
  id: c.id,
  sessionId: c.sessionId,
  date: parisDateOf(c.afterStartsAt),
  before: { startTime: parisClockOf(c.beforeStartsAt), endTime: parisClockOf(c.beforeEndsAt), hours: hoursOf({ startsAt: c.beforeStartsAt, endsAt: c.beforeEndsAt }) },
  after: { startTime: parisClockOf(c.afterStartsAt), endTime: parisClockOf(c.afterEndsAt), hours: hoursOf({ startsAt: c.afterStartsAt, endsAt: c.afterEndsAt }) },
  reason: c.reason,
  correctedBy: { userId: c.correctedBy, name: c.correctedByName },
  correctedAt: c.correctedAt.toISOString(),
});

export async function correctSessionTimes(o: {
  db: TDb;
  actor: TActor;
  audit: TAuditActor;
  now: Date;
  id: string;
  input: { startTime: string; endTime: string; reason: string };
}) {
  const reason = o.input.reason.trim();
  if (reason.length < MIN_REASON_LENGTH) {
    throw validationError([{ path: 'reason', message: `Le motif de la correction est obligatoire (${MIN_REASON_LENGTH} caractères au moins).` }]);
  }
  return o.db.transaction(async (tx) => {
    const session = await loadSession(tx, o.id);
    await getCohortFor(tx, o.actor, session.cohortId, canCorrectSessionTimes);
    const learners = await attendanceLearnersOf(tx, session.id);
    if (learners === 0) throw conflict('Cette séance n’a pas d’émargement : modifiez-la directement, sans correction.');
    const day = parisDateOf(session.startsAt);
    const startsAt = parisTime(day, o.input.startTime);
    const endsAt = parisTime(day, o.input.endTime);
    if (endsAt <= startsAt) throw validationError([{ path: 'endTime', message: 'L’heure de fin doit suivre l’heure de début.' }]);
    if (startsAt.getTime() === session.startsAt.getTime() && endsAt.getTime() === session.endsAt.getTime()) {
      throw validationError([{ path: 'startTime', message: 'Les horaires corrigés sont ceux de la séance : rien à corriger.' }]);
    }
    const [correction] = await tx
      .insert(sessionTimeCorrections)
      .values({
        sessionId: session.id,
        beforeStartsAt: session.startsAt,
        beforeEndsAt: session.endsAt,
        afterStartsAt: startsAt,
        afterEndsAt: endsAt,
        reason,
        correctedBy: o.actor.userId,
        correctedByName: o.audit.label,
        correctedAt: o.now,
      })
      .returning();
    // The trigger lets this update through: this transaction recorded a correction to exactly these times.
    await tx.update(calendarSessions).set({ startsAt, endsAt, sequence: session.sequence + 1, updatedAt: o.now }).where(eq(calendarSessions.id, session.id));
    const presented = presentCorrection(correction!);
    await recordAudit(tx, o.audit, {
      action: 'session.times_corrected',
      entityType: 'session',
      entityId: session.id,
      before: presented.before,
      after: { ...presented.after, reason, learnersWithAttendance: learners },
    });
    return { ...presented, learnersWithAttendance: learners };
  });
}

/** The corrections of a session, oldest first: its history. */
export async function findSessionCorrections(o: { db: TDbOrTx; actor: TActor; id: string }) {
  const session = await loadSession(o.db, o.id);
  await getCohortFor(o.db, o.actor, session.cohortId, canReadCohortAsStaff);
  const rows = await o.db.select().from(sessionTimeCorrections).where(eq(sessionTimeCorrections.sessionId, session.id)).orderBy(asc(sessionTimeCorrections.correctedAt));
  return { items: rows.map(presentCorrection), learnersWithAttendance: await attendanceLearnersOf(o.db, session.id) };
}
