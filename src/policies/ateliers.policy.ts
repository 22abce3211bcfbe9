/**
 * Who may do what with the ateliers mémoire of a promotion (decision 020).
 * - The promotion's staff holding `atelier:manage` (administrator, responsable pédagogique) declare
 *   wishes and constraints, ask for proposals, accept one and move a learner by hand.
 * - Staff holding `thesis:read:any` read every group; a teacher of the promotion (named on its staff or
 *   teaching in it) or a leader reads the groups they lead; a learner reads their own group.
 * - A learner declares their own wish (leader, theme) and their own « ensemble » requests; never a
 *   « pas ensemble » constraint, which is staff's (a hard constraint naming someone else).
 * - Nobody decides on their own file: a member of staff who is also a learner of the promotion does not
 *   move themself, declare a constraint about themself as staff, nor accept a proposal that places them.
 */
import { staffAccess, type TCohortFacts } from './cohorts.policy.js';
import { allOf, allow, anyOf, deny, type TDecision } from './decision.js';
import type { TCohortRelation } from './facts.js';
import { hasAbility, type TActor } from './policies.js';

export type TAtelierScope = 'all' | 'led' | 'own';

export function canManageAteliers(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  return allOf(hasAbility(actor, 'atelier:manage'), staffAccess(actor, cohort, rel));
}

/** Which groups the actor reads: all of them (staff), those they lead, or their own. */
export function atelierReadScope(
  actor: TActor,
  cohort: TCohortFacts,
  rel: TCohortRelation,
  leadsAGroup: boolean,
): { scope: TAtelierScope } | { scope: null; reason: string } {
  const staff = allOf(anyOf(hasAbility(actor, 'thesis:read:any'), hasAbility(actor, 'atelier:manage')), staffAccess(actor, cohort, rel));
  if (staff.allowed) return { scope: 'all' };
  if (leadsAGroup) return { scope: 'led' };
  if (actor.roles.includes('enseignant') && (rel.assigned || rel.teaches)) return { scope: 'led' };
  if (rel.learner) return { scope: 'own' };
  return { scope: null, reason: 'vous n’êtes ni de l’équipe ni des enseignant·es ou auditeur·rices de cette promotion.' };
}

/** A learner's wish for a leader or a theme: the learner themself, or the promotion's staff (not for themself). */
export function canDeclareWish(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, learnerId: string): TDecision {
  if (learnerId === actor.userId) return allOf(hasAbility(actor, 'thesis:edit:own'), rel.learner ? allow() : deny('vous n’êtes pas inscrit·e dans cette promotion.'));
  return canManageAteliers(actor, cohort, rel);
}

/**
 * A pair: staff declare any pair except one naming themself; a learner declares (or withdraws) only a
 * « souhaitent être ensemble » request naming themself.
 */
export function canDeclarePair(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, pair: { kind: 'apart' | 'together'; learnerA: string; learnerB: string }): TDecision {
  const names = pair.learnerA === actor.userId || pair.learnerB === actor.userId;
  const manage = canManageAteliers(actor, cohort, rel);
  if (manage.allowed && !names) return manage;
  if (names && pair.kind === 'together' && rel.learner) return hasAbility(actor, 'thesis:edit:own');
  if (names && pair.kind === 'apart') return deny('une contrainte « ne doivent pas être ensemble » vous concernant est déclarée par un·e autre membre de l’équipe.');
  return manage.allowed ? deny('on ne déclare pas de contrainte sur son propre groupe.') : manage;
}

/** Accepting a proposal: staff who manage the ateliers and are not placed by it themself. */
export function canAcceptProposal(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  return allOf(canManageAteliers(actor, cohort, rel), rel.learner ? deny('vous êtes auditeur·rice de cette promotion : un·e autre membre de l’équipe accepte ses groupes.') : allow());
}

/** Moving a learner by hand: staff who manage the ateliers, never for themself. */
export function canMoveLearner(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, learnerId: string): TDecision {
  return allOf(canManageAteliers(actor, cohort, rel), learnerId === actor.userId ? deny('on ne change pas soi-même de groupe.') : allow());
}

/** What the UI offers, from the decisions the API enforces. */
export function atelierPermissions(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation) {
  return {
    manage: canManageAteliers(actor, cohort, rel).allowed,
    accept: canAcceptProposal(actor, cohort, rel).allowed,
    declareOwn: rel.learner && hasAbility(actor, 'thesis:edit:own').allowed,
  };
}
