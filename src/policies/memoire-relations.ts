/**
 * The actor's mémoire relations to one learner of a promotion, for the policies of the follow-up
 * meetings, versions and dashboards (decision 020): whether they lead the learner's current atelier
 * group in that promotion, and whether they supervise the learner's mémoire (theses.supervisorId).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { TDbOrTx } from '../db/client.js';
import { atelierGroups, atelierMembers } from '../features/memoire/ateliers/ateliers.tables.js';
import { theses } from '../features/memoire/memoire.tables.js';

export type TMentorRelation = { leadsGroup: boolean; supervises: boolean };

export async function loadMentorRelation(db: TDbOrTx, actorUserId: string, learnerUserId: string, cohortId: string): Promise<TMentorRelation> {
  const [group] = await db
    .select({ leaderId: atelierGroups.leaderId })
    .from(atelierMembers)
    .innerJoin(atelierGroups, eq(atelierGroups.id, atelierMembers.groupId))
    .where(and(eq(atelierMembers.cohortId, cohortId), eq(atelierMembers.learnerId, learnerUserId), isNull(atelierGroups.endedAt)))
    .limit(1);
  const [thesis] = await db
    .select({ supervisorId: theses.supervisorId })
    .from(theses)
    .where(and(eq(theses.cohortId, cohortId), eq(theses.learnerId, learnerUserId)))
    .limit(1);
  return { leadsGroup: group?.leaderId === actorUserId, supervises: thesis?.supervisorId === actorUserId };
}
