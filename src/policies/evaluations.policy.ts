/**
 * Who may do what with the evaluation plan and the marks (decision 024). Pure: the services load the
 * facts (the promotion relation, the actor's marker assignments, who entered the other readings).
 *
 * - The bloc rules of a version are changed by whoever holds `evaluations:manage` (a responsable
 *   pédagogique, an administrator); the plan is read by whoever reads the référentiel.
 * - In a promotion, its team holding `evaluations:manage` assigns the markers and releases the marks.
 * - A reading is entered only by a marker assigned to that assessment in that promotion (the third
 *   reading by a third reader, or a marker who gave neither of the first two), never on one's own file,
 *   and in double marking never both readings of one learner by the same person.
 * - The grid is read by the promotion's team (`evaluations:read:any`) and its assigned markers; a learner
 *   reads their own marks, and only those the responsable released.
 */
import { staffAccess, type TCohortFacts } from './cohorts.policy.js';
import { allOf, allow, deny, type TDecision } from './decision.js';
import type { TCohortRelation } from './facts.js';
import { hasAbility, type TActor } from './policies.js';

export type TMarkerFacts = {
  /** The actor's assignments on this assessment in this promotion. */
  roles: ReadonlyArray<'marker' | 'third_reader'>;
};

export function canChangeBlocRules(actor: TActor): TDecision {
  return hasAbility(actor, 'evaluations:manage');
}

export function canManageCohortEvaluations(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  return allOf(hasAbility(actor, 'evaluations:manage'), staffAccess(actor, cohort, rel));
}

/** Reading the promotion's grid: its team, or a teacher assigned to mark at least one of its assessments. */
export function canReadCohortMarks(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, marksSomething: boolean): TDecision {
  const access = staffAccess(actor, cohort, rel);
  if (!access.allowed) return access;
  if (hasAbility(actor, 'evaluations:read:any').allowed) return allow();
  if (marksSomething && hasAbility(actor, 'evaluations:mark').allowed) return allow();
  return deny('vous ne corrigez aucune épreuve de cette promotion.');
}

/**
 * Entering one reading of one learner's assessment. `otherReaders` are who gave the other readings of
 * that learner on that assessment (reading → user), `thirdReadingOpen` whether the first two disagree.
 */
export function canEnterReading(
  actor: TActor,
  o: { learnerId: string; reading: 1 | 2 | 3; double: boolean; marker: TMarkerFacts; otherReaders: ReadonlyMap<number, string>; thirdReadingOpen: boolean; label: string },
): TDecision {
  const ability = hasAbility(actor, 'evaluations:mark');
  if (!ability.allowed) return ability;
  if (o.learnerId === actor.userId) return deny('on ne note pas sa propre copie.');
  if (!o.double && o.reading !== 1) return deny(`« ${o.label} » se corrige une seule fois : lecture 1 seulement.`);
  if (o.reading === 3) {
    if (!o.thirdReadingOpen) return deny(`« ${o.label} » n’appelle pas de troisième lecture pour cet·te auditeur·rice.`);
    const gaveOne = o.otherReaders.get(1) === actor.userId || o.otherReaders.get(2) === actor.userId;
    if (gaveOne) return deny('la troisième lecture revient à une autre personne que les deux premier·es correcteur·rices.');
    if (o.marker.roles.length === 0) return deny(`vous n’êtes pas correcteur·rice de « ${o.label} » dans cette promotion.`);
    return allow();
  }
  if (!o.marker.roles.includes('marker')) return deny(`vous n’êtes pas correcteur·rice de « ${o.label} » dans cette promotion.`);
  const other = o.otherReaders.get(o.reading === 1 ? 2 : 1);
  if (o.double && other === actor.userId) return deny('les deux lectures d’une double correction viennent de deux personnes différentes.');
  return allow();
}

/**
 * Entering a reading on another feature's authority: `authority` is that feature's decision (a jury
 * member's voting seat on the learner's case, decision 026), taken in place of a marker assignment; the
 * rules of the readings still hold — never one's own file, one reading in single marking, two people
 * for the two readings of a double marking, the third reading only past the threshold and by neither.
 */
export function canEnterDelegatedReading(
  actor: TActor,
  o: { authority: TDecision; learnerId: string; reading: 1 | 2 | 3; double: boolean; otherReaders: ReadonlyMap<number, string>; thirdReadingOpen: boolean; label: string },
): TDecision {
  if (!o.authority.allowed) return o.authority;
  if (o.learnerId === actor.userId) return deny('on ne note pas sa propre copie.');
  if (!o.double && o.reading !== 1) return deny(`« ${o.label} » se corrige une seule fois : lecture 1 seulement.`);
  if (o.reading === 3) {
    if (!o.thirdReadingOpen) return deny(`« ${o.label} » n’appelle pas de troisième lecture pour cet·te auditeur·rice.`);
    if (o.otherReaders.get(1) === actor.userId || o.otherReaders.get(2) === actor.userId) return deny('la troisième lecture revient à une autre personne que les deux premier·es correcteur·rices.');
    return allow();
  }
  if (o.double && o.otherReaders.get(o.reading === 1 ? 2 : 1) === actor.userId) return deny('les deux lectures d’une double correction viennent de deux personnes différentes.');
  return allow();
}

/** A learner's own marks: their own file in a promotion they are enrolled in. */
export function canReadOwnMarks(actor: TActor, rel: TCohortRelation): TDecision {
  return allOf(hasAbility(actor, 'evaluations:read:own'), rel.learner ? allow() : deny('vous n’êtes pas inscrit·e dans cette promotion.'));
}
