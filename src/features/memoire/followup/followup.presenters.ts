/**
 * A follow-up meeting as one person may see it (decision 023): never a row as-is. Notes are filtered
 * here, once, by `canSeeNote`: a private note reaches its author and nobody else, whatever the route.
 */
import { asc, inArray } from 'drizzle-orm';
import type { TDbOrTx } from '../../../db/client.js';
import { canSeeNote } from '../../../policies/memoire-followup.policy.js';
import type { TActor } from '../../../policies/policies.js';
import { users } from '../../auth/auth.tables.js';
import { availableMeetingActions, type TSide } from './followup.rules.js';
import { mentoringMeetingEvents, mentoringMeetings, mentoringNotes } from './followup.tables.js';

export type TMeetingRow = typeof mentoringMeetings.$inferSelect;

export async function namesOf(db: TDbOrTx, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * The meetings as `actor` sees them; `sideOf` says which party the actor is on each (null: a reader,
 * staff or another mentor, who is offered no action).
 */
export async function presentMeetings(db: TDbOrTx, actor: Pick<TActor, 'userId'>, rows: TMeetingRow[], sideOf: (m: TMeetingRow) => TSide | null) {
  if (rows.length === 0) return [];
  const ids = rows.map((m) => m.id);
  const [events, notes] = await Promise.all([
    db.select().from(mentoringMeetingEvents).where(inArray(mentoringMeetingEvents.meetingId, ids)).orderBy(asc(mentoringMeetingEvents.at), asc(mentoringMeetingEvents.seq)),
    db.select().from(mentoringNotes).where(inArray(mentoringNotes.meetingId, ids)).orderBy(asc(mentoringNotes.createdAt), asc(mentoringNotes.seq)),
  ]);
  const visibleNotes = notes.filter((n) => canSeeNote(actor, n));
  const names = await namesOf(db, [...rows.flatMap((m) => [m.learnerId, m.teacherId]), ...events.map((e) => e.actorId), ...visibleNotes.map((n) => n.authorId)]);
  return rows.map((m) => {
    const side = sideOf(m);
    return {
      id: m.id,
      cohortId: m.cohortId,
      learner: { id: m.learnerId, name: names.get(m.learnerId) ?? '' },
      teacher: { id: m.teacherId, name: names.get(m.teacherId) ?? '' },
      subject: m.subject,
      mode: m.mode,
      proposedTimes: m.proposedTimes,
      state: m.state,
      counterAt: iso(m.counterAt),
      scheduledAt: iso(m.scheduledAt),
      declineReason: m.declineReason,
      heldAt: iso(m.heldAt),
      durationMinutes: m.durationMinutes,
      heldMode: m.heldMode,
      createdAt: m.createdAt.toISOString(),
      updatedAt: m.updatedAt.toISOString(),
      history: events
        .filter((e) => e.meetingId === m.id)
        .map((e) => ({ at: e.at.toISOString(), actor: { id: e.actorId, name: names.get(e.actorId) ?? e.actorLabel }, action: e.action, fromState: e.fromState, toState: e.toState, detail: e.detail })),
      notes: visibleNotes
        .filter((n) => n.meetingId === m.id)
        .map((n) => ({ id: n.id, visibility: n.visibility, body: n.body, createdAt: n.createdAt.toISOString(), author: { id: n.authorId, name: names.get(n.authorId) ?? '' } })),
      side,
      actions: side ? availableMeetingActions(m.state, side) : [],
      canWriteNotes: side === 'teacher' && m.state === 'held',
    };
  });
}

export type TMeetingView = Awaited<ReturnType<typeof presentMeetings>>[number];
