/**
 * Who may do what with individual follow-up and the learner's workspace (decision 023). Pure: the
 * services load the facts (the promotion relation, the mentor relation of `memoire-relations.ts`).
 *
 * - A learner asks the teacher who leads their atelier group or supervises their mémoire for a meeting,
 *   answers a counter-proposal, cancels; they read their own meetings with the shared notes only.
 * - The teacher a meeting was asked of answers it, holds and logs it, writes notes; a private note is
 *   read by its author only — not by the learner, not by staff.
 * - A teacher reads the follow-up of the learners they lead or supervise (meetings, hours, pace) and
 *   their shared journal entries; staff of the promotion (`thesis:read:any`) read meetings and hours,
 *   never a private note nor a journal entry.
 * - The journal and the time log are the learner's: only they write them.
 */
import type { TMentorRelation } from './memoire-relations.js';
import { canReadThesesAsStaff } from './memoire.policy.js';
import type { TCohortFacts } from './cohorts.policy.js';
import { allOf, allow, deny, type TDecision } from './decision.js';
import type { TCohortRelation } from './facts.js';
import { hasAbility, type TActor } from './policies.js';

export type TMeetingFacts = { learnerId: string; teacherId: string };
export type TNoteFacts = { authorId: string; visibility: 'shared' | 'private' };

/** The learner's own workspace and requests: a learner enrolled in the promotion. */
export function canWriteOwnFollowup(actor: TActor, rel: TCohortRelation): TDecision {
  return allOf(hasAbility(actor, 'followup:own'), rel.learner ? allow() : deny('vous n’êtes pas inscrit·e dans cette promotion.'));
}

/** Whether the teacher leads the learner's atelier group or supervises their mémoire (who a meeting may be asked of). */
export const isMentor = (m: TMentorRelation) => m.leadsGroup || m.supervises;

/** The side the actor takes on a meeting: the learner who asked it, the teacher it was asked of. */
export function meetingSide(actor: TActor, m: TMeetingFacts): 'learner' | 'teacher' | null {
  if (m.learnerId === actor.userId) return 'learner';
  if (m.teacherId === actor.userId && hasAbility(actor, 'followup:mentor').allowed) return 'teacher';
  return null;
}

/** Reading one meeting: its two parties, or the promotion's staff (without the private notes). */
export function readMeetingAs(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, m: TMeetingFacts): { as: 'learner' | 'teacher' | 'staff' } | { as: null; reason: string } {
  const side = meetingSide(actor, m);
  if (side) return { as: side };
  if (canReadThesesAsStaff(actor, cohort, rel).allowed) return { as: 'staff' };
  return { as: null, reason: 'cet entretien n’est ni le vôtre ni celui d’un·e auditeur·rice de votre promotion.' };
}

export function canActOnMeeting(actor: TActor, m: TMeetingFacts): TDecision {
  return meetingSide(actor, m) ? allow() : deny('seul·es l’auditeur·rice et l’enseignant·e de cet entretien y répondent.');
}

/** Notes are written by the teacher of the meeting. */
export function canWriteMeetingNote(actor: TActor, m: TMeetingFacts): TDecision {
  return meetingSide(actor, m) === 'teacher' ? allow() : deny('seul·e l’enseignant·e de l’entretien y écrit des notes.');
}

/** A shared note is read by whoever reads the meeting; a private one by its author only. */
export const canSeeNote = (actor: Pick<TActor, 'userId'>, note: TNoteFacts) => note.visibility === 'shared' || note.authorId === actor.userId;

/** A learner's follow-up as a whole (meetings, hours, pace): themself, their leader or supervisor, the promotion's staff. */
export function readLearnerFollowupAs(
  actor: TActor,
  cohort: TCohortFacts,
  rel: TCohortRelation,
  learnerId: string,
  mentor: TMentorRelation,
): { as: 'learner' | 'mentor' | 'staff' } | { as: null; reason: string } {
  if (learnerId === actor.userId) return { as: 'learner' };
  if (isMentor(mentor) && hasAbility(actor, 'followup:mentor').allowed) return { as: 'mentor' };
  if (canReadThesesAsStaff(actor, cohort, rel).allowed) return { as: 'staff' };
  return { as: null, reason: 'vous n’animez pas l’atelier de cet·te auditeur·rice et ne dirigez pas son mémoire.' };
}

/** Shared journal entries: the leader or supervisor only (staff never read the journal). */
export const readsSharedJournal = (as: 'learner' | 'mentor' | 'staff') => as === 'mentor';
