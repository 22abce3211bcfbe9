/**
 * The facts a resource policy needs about the actor's relation to a resource, read from the database.
 * Services load them, then ask a policy (`src/policies/*.policy.ts`), which decides without I/O.
 */
import { and, eq } from 'drizzle-orm';
import type { TDbOrTx } from '../db/client.js';
import { calendarSessions, sessionTeachers } from '../features/calendar/calendar.tables.js';
import { cohortLearners, cohortStaff } from '../features/cohorts/cohorts.tables.js';
import { conflictDeclarations } from '../features/conflicts/conflicts.tables.js';
import type { TActor } from './policies.js';

/** How the actor relates to one promotion. */
export type TCohortRelation = {
  /** Named on the promotion's staff (possibly from another centre). */
  assigned: boolean;
  /** Teaches at least one of its sessions. */
  teaches: boolean;
  /** Enrolled in it as a learner. */
  learner: boolean;
};

export const NO_RELATION: TCohortRelation = { assigned: false, teaches: false, learner: false };

export async function loadCohortRelation(db: TDbOrTx, actor: Pick<TActor, 'userId'>, cohortId: string): Promise<TCohortRelation> {
  const [assigned, teaches, learner] = await Promise.all([
    db
      .select({ userId: cohortStaff.userId })
      .from(cohortStaff)
      .where(and(eq(cohortStaff.cohortId, cohortId), eq(cohortStaff.userId, actor.userId)))
      .limit(1),
    db
      .select({ id: calendarSessions.id })
      .from(calendarSessions)
      .innerJoin(sessionTeachers, eq(sessionTeachers.sessionId, calendarSessions.id))
      .where(and(eq(calendarSessions.cohortId, cohortId), eq(sessionTeachers.userId, actor.userId)))
      .limit(1),
    db
      .select({ id: cohortLearners.id })
      .from(cohortLearners)
      .where(and(eq(cohortLearners.cohortId, cohortId), eq(cohortLearners.userId, actor.userId)))
      .limit(1),
  ]);
  return { assigned: assigned.length > 0, teaches: teaches.length > 0, learner: learner.length > 0 };
}

/** Whether the actor teaches this very session. */
export async function teachesSession(db: TDbOrTx, actor: Pick<TActor, 'userId'>, sessionId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: sessionTeachers.userId })
    .from(sessionTeachers)
    .where(and(eq(sessionTeachers.sessionId, sessionId), eq(sessionTeachers.userId, actor.userId)))
    .limit(1);
  return Boolean(row);
}

/** Whether the actor declared a conflict of interest with the person whose file this is. */
export async function hasDeclaredConflict(db: TDbOrTx, actor: Pick<TActor, 'userId'>, subjectUserId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: conflictDeclarations.id })
    .from(conflictDeclarations)
    .where(and(eq(conflictDeclarations.declarantId, actor.userId), eq(conflictDeclarations.subjectUserId, subjectUserId)))
    .limit(1);
  return Boolean(row);
}
