/**
 * Who may do what with the versions of a mémoire, their feedback and the final deposit (decision 021).
 * The learner deposits versions and annexes, marks requested changes done and makes the final deposit;
 * their supervisor (and their atelier leader, once that relation is known) answers a version with
 * comments and requested changes; the promotion's staff holding `thesis:read:any` read. Nobody else
 * reads them: another learner never, a teacher only for the learners they supervise or lead.
 */
import { canReadThesesAsStaff, type TThesisFacts } from './memoire.policy.js';
import type { TCohortFacts } from './cohorts.policy.js';
import { allOf, allow, deny, type TDecision } from './decision.js';
import type { TCohortRelation } from './facts.js';
import { hasAbility, type TActor } from './policies.js';

/** The actor's relation to the learner of a record: supervisor (theses.supervisorId) or atelier leader. */
export type TMentorFacts = { supervises: boolean; leads: boolean };

export function mentorFactsOf(actor: TActor, thesis: TThesisFacts, leads = false): TMentorFacts {
  return { supervises: thesis.supervisorId === actor.userId, leads };
}

const isOwn = (actor: TActor, thesis: TThesisFacts) => thesis.learnerId === actor.userId;

export function canReadVersions(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, thesis: TThesisFacts, mentor: TMentorFacts): TDecision {
  if (isOwn(actor, thesis) || mentor.supervises || mentor.leads) return allow();
  const staff = canReadThesesAsStaff(actor, cohort, rel);
  return staff.allowed ? staff : deny('ces versions ne sont ni les vôtres ni celles d’un·e auditeur·rice que vous accompagnez.');
}

/** Depositing a version or an annex, marking a change done, the final deposit: the learner, on their own record. */
export function canDepositVersion(actor: TActor, thesis: TThesisFacts): TDecision {
  return allOf(isOwn(actor, thesis) ? allow() : deny('seul·e l’auditeur·rice dépose les versions de son mémoire.'), hasAbility(actor, 'thesis:edit:own'));
}

export function canMarkChange(actor: TActor, thesis: TThesisFacts): TDecision {
  return allOf(isOwn(actor, thesis) ? allow() : deny('seul·e l’auditeur·rice marque les modifications demandées comme faites.'), hasAbility(actor, 'thesis:edit:own'));
}

/** Feedback: the supervisor or the atelier leader, never on their own mémoire. */
export function canGiveFeedback(actor: TActor, thesis: TThesisFacts, mentor: TMentorFacts): TDecision {
  if (isOwn(actor, thesis)) return deny('on ne commente pas son propre mémoire.');
  return mentor.supervises || mentor.leads ? allow() : deny('seul·e le·la directeur·rice du mémoire (ou le·la responsable de l’atelier) répond à une version.');
}

/** What the UI offers on the versions panel, from the same decisions the API enforces. */
export function versionsPermissions(actor: TActor, thesis: TThesisFacts, mentor: TMentorFacts) {
  return {
    deposit: canDepositVersion(actor, thesis).allowed,
    feedback: canGiveFeedback(actor, thesis, mentor).allowed,
    markChanges: canMarkChange(actor, thesis).allowed,
  };
}
