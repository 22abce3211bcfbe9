/**
 * The calendar's hook for the ateliers mémoire (decision 020): a promotion's « Atelier mémoire »
 * sessions are shown to each learner as their own group's (« Atelier mémoire — groupe N (animé par X) »),
 * and to a leader even when they are not a teacher of the session. No import of the calendar's
 * services: the calendar asks, this module answers with ids and titles.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { TDbOrTx } from '../../../db/client.js';
import { atelierSessionTitle } from '../../../shared/vocabulary/ateliers.js';
import { users } from '../../auth/auth.tables.js';
import { calendarSessions } from '../../calendar/calendar.tables.js';
import { atelierGroups, atelierMembers } from './ateliers.tables.js';

/** The atelier sessions of the promotions where the user leads a current group. */
export async function ledAtelierSessionIds(db: TDbOrTx, userId: string): Promise<string[]> {
  const led = db.select({ cohortId: atelierGroups.cohortId }).from(atelierGroups).where(and(eq(atelierGroups.leaderId, userId), isNull(atelierGroups.endedAt)));
  const rows = await db
    .select({ id: calendarSessions.id })
    .from(calendarSessions)
    .where(and(eq(calendarSessions.type, 'thesis_workshop'), inArray(calendarSessions.cohortId, led)));
  return rows.map((r) => r.id);
}

type TSessionLike = { id: string; cohortId: string; type: string; title: string };

/** Retitles the atelier sessions among `sessions` for this user: their own group as a learner, the groups they lead as a leader. */
export async function withAtelierTitles<T extends TSessionLike>(db: TDbOrTx, userId: string, sessions: T[]): Promise<T[]> {
  const cohortIds = [...new Set(sessions.filter((s) => s.type === 'thesis_workshop').map((s) => s.cohortId))];
  if (cohortIds.length === 0) return sessions;
  const member = await db
    .select({ cohortId: atelierGroups.cohortId, number: atelierGroups.number, leaderName: users.name })
    .from(atelierMembers)
    .innerJoin(atelierGroups, eq(atelierGroups.id, atelierMembers.groupId))
    .innerJoin(users, eq(users.id, atelierGroups.leaderId))
    .where(and(eq(atelierMembers.learnerId, userId), inArray(atelierMembers.cohortId, cohortIds), isNull(atelierGroups.endedAt)));
  const led = await db
    .select({ cohortId: atelierGroups.cohortId, number: atelierGroups.number, leaderName: users.name })
    .from(atelierGroups)
    .innerJoin(users, eq(users.id, atelierGroups.leaderId))
    .where(and(eq(atelierGroups.leaderId, userId), inArray(atelierGroups.cohortId, cohortIds), isNull(atelierGroups.endedAt)))
    .orderBy(atelierGroups.number);
  const titles = new Map<string, string>();
  for (const cohortId of cohortIds) {
    const mine = member.find((m) => m.cohortId === cohortId);
    const leads = led.filter((g) => g.cohortId === cohortId);
    if (mine) titles.set(cohortId, atelierSessionTitle([mine.number], mine.leaderName));
    else if (leads.length > 0) titles.set(cohortId, atelierSessionTitle(leads.map((g) => g.number), leads[0]!.leaderName));
  }
  return sessions.map((s) => (s.type === 'thesis_workshop' && titles.has(s.cohortId) ? { ...s, title: titles.get(s.cohortId)! } : s));
}
