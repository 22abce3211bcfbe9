/**
 * Who may see one promotion: an administrator; staff of its centre; staff assigned to it; a teacher
 * of one of its sessions; a learner of it (their own data only, enforced by the callers).
 */
import { and, eq } from 'drizzle-orm';
import type { TDbOrTx } from '../../db/client.js';
import { forbidden, notFound } from '../../http/errors.js';
import type { TActor } from '../../policies/policies.js';
import { calendarSessions, sessionTeachers } from '../calendar/calendar.tables.js';
import { cohortLearners, cohorts, cohortStaff } from './cohorts.tables.js';

export type TCohortRow = typeof cohorts.$inferSelect;

export const isAdmin = (actor: TActor) => actor.roles.includes('administrateur');
export const isStaff = (actor: TActor) => actor.roles.some((r) => r !== 'auditeur' && r !== 'jury');

export async function loadCohort(db: TDbOrTx, id: string): Promise<TCohortRow> {
  const [row] = await db.select().from(cohorts).where(eq(cohorts.id, id));
  if (!row) throw notFound('Promotion introuvable.');
  return row;
}

/** Staff access: administrator, staff of the centre, or staff assigned to the promotion. */
export async function canStaffSee(db: TDbOrTx, actor: TActor, cohort: TCohortRow): Promise<boolean> {
  if (isAdmin(actor)) return true;
  if (!isStaff(actor)) return false;
  if (actor.centreIds.includes(cohort.centreId)) return true;
  const [assigned] = await db
    .select({ userId: cohortStaff.userId })
    .from(cohortStaff)
    .where(and(eq(cohortStaff.cohortId, cohort.id), eq(cohortStaff.userId, actor.userId)))
    .limit(1);
  if (assigned) return true;
  const [teaches] = await db
    .select({ id: calendarSessions.id })
    .from(calendarSessions)
    .innerJoin(sessionTeachers, eq(sessionTeachers.sessionId, calendarSessions.id))
    .where(and(eq(calendarSessions.cohortId, cohort.id), eq(sessionTeachers.userId, actor.userId)))
    .limit(1);
  return Boolean(teaches);
}

export async function isLearnerOf(db: TDbOrTx, userId: string, cohortId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: cohortLearners.id })
    .from(cohortLearners)
    .where(and(eq(cohortLearners.cohortId, cohortId), eq(cohortLearners.userId, userId)))
    .limit(1);
  return Boolean(row);
}

/** Loads the promotion and checks staff access (403 naming the centre rule otherwise). */
export async function getCohortForStaff(db: TDbOrTx, actor: TActor, id: string): Promise<TCohortRow> {
  const cohort = await loadCohort(db, id);
  if (!(await canStaffSee(db, actor, cohort))) {
    throw forbidden('Accès refusé : cette promotion relève d’un centre qui n’est pas le vôtre.');
  }
  return cohort;
}

/** Staff of the promotion, or one of its learners. */
export async function getCohortForMember(db: TDbOrTx, actor: TActor, id: string): Promise<{ cohort: TCohortRow; asLearner: boolean }> {
  const cohort = await loadCohort(db, id);
  if (await canStaffSee(db, actor, cohort)) return { cohort, asLearner: false };
  if (await isLearnerOf(db, actor.userId, id)) return { cohort, asLearner: true };
  throw forbidden('Accès refusé : vous ne faites pas partie de cette promotion.');
}
