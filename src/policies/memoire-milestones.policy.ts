/**
 * Who may do what with the mémoire's milestones and the dashboards (decision 022). Pure: the services
 * load the facts (the promotion relation; the mentor relation of `memoire-relations.ts`).
 *
 * - The promotion's team holding `thesis:manage` sets its due dates and adjusts one learner's (never
 *   their own, if they are also a learner of it).
 * - A milestone is marked done — or back to do — by the learner (the work is theirs and so is the
 *   declaration), by the teacher who leads their atelier group or supervises their mémoire (a plan shown at
 *   the atelier), or by the team; each mark says who and when. The final deposit is never marked by hand:
 *   the deposit of the final version does it.
 * - The due dates of a promotion are read by whoever reads the promotion (they are in its calendar); a
 *   learner's progress by the learner, their leader or supervisor, and the team (`thesis:read:any`).
 */
import { staffAccess, type TCohortFacts } from './cohorts.policy.js';
import { allOf, allow, deny, type TDecision } from './decision.js';
import type { TCohortRelation } from './facts.js';
import type { TMentorRelation } from './memoire-relations.js';
import { canReadThesesAsStaff } from './memoire.policy.js';
import { hasAbility, type TActor } from './policies.js';

export function canReadCohortMilestones(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  if (rel.learner) return allow();
  return staffAccess(actor, cohort, rel).allowed ? allow() : deny('vous ne faites pas partie de cette promotion.');
}

export function canSetMilestones(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  return allOf(hasAbility(actor, 'thesis:manage'), staffAccess(actor, cohort, rel));
}

export function canAdjustLearnerDueDate(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, learnerId: string): TDecision {
  return allOf(canSetMilestones(actor, cohort, rel), learnerId === actor.userId ? deny('on n’ajuste pas ses propres échéances.') : allow());
}

/** Which learners' progress the actor reads in a promotion: all (its team), their mentees (a teacher), their own (a learner). */
export function progressScope(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): 'all' | 'mentees' | 'own' | null {
  if (canReadThesesAsStaff(actor, cohort, rel).allowed) return 'all';
  if (actor.roles.includes('enseignant') && staffAccess(actor, cohort, rel).allowed) return 'mentees';
  if (rel.learner) return 'own';
  return null;
}

export function canMarkMilestone(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, learnerId: string, mentor: TMentorRelation): TDecision {
  if (learnerId === actor.userId) return allOf(hasAbility(actor, 'thesis:edit:own'), rel.learner ? allow() : deny('vous n’êtes pas inscrit·e dans cette promotion.'));
  if (mentor.leadsGroup || mentor.supervises) return allow();
  const team = canSetMilestones(actor, cohort, rel);
  return team.allowed ? team : deny('seul·es l’auditeur·rice, son·sa responsable d’atelier ou directeur·rice et l’équipe de la promotion marquent ses jalons.');
}

/** What the milestones screen offers this person in this promotion. */
export function milestonePermissions(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation) {
  return { setDueDates: canSetMilestones(actor, cohort, rel).allowed };
}

/**
 * The teacher's dashboard: whoever may lead an atelier or supervise a mémoire (a teacher or responsable
 * pédagogique); what it shows is scoped to the groups they lead and the records they supervise.
 */
export function canSeeTeachingDashboard(actor: TActor): TDecision {
  return hasAbility(actor, 'followup:mentor');
}

/** The learner's dashboard: their own promotions only. */
export function canSeeLearnerDashboard(actor: TActor): TDecision {
  return hasAbility(actor, 'thesis:edit:own');
}
