/**
 * Who may do what with juries (decision 026). The promotion's staff holding `jury:manage` constitute its
 * juries, keep the list of people who may sit and record their declared conflicts. A member of a jury
 * opens only the files of the cases they sit on: never a learner with whom they declared a conflict of
 * interest, never their own file, and not a mémoire they supervise when the jury's rule keeps the
 * supervisor out. Nobody seats themself on a jury that judges them.
 */
import { staffAccess, type TCohortFacts } from './cohorts.policy.js';
import { allOf, allow, deny, type TDecision } from './decision.js';
import type { TCohortRelation } from './facts.js';
import { hasAbility, type TActor } from './policies.js';
import type { TSupervisorRule } from '../shared/vocabulary/juries.js';

export function canManageJuries(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  return allOf(hasAbility(actor, 'jury:manage'), staffAccess(actor, cohort, rel), rel.learner ? deny('vous êtes inscrit·e dans cette promotion : ses jurys sont constitués par une autre personne.') : allow());
}

/** The registry of people who may sit is kept by whoever constitutes juries. */
export function canManageJuryMembers(actor: TActor): TDecision {
  return hasAbility(actor, 'jury:manage');
}

export type TCaseAccessFacts = { seated: boolean; learnerId: string; conflicted: boolean; supervisorId: string | null; supervisorRule: TSupervisorRule };

/** A jury member reading one case's file. */
export function canReadJuryCase(actor: TActor, f: TCaseAccessFacts): TDecision {
  if (!f.seated) return deny('vous ne siégez pas dans ce jury.');
  if (f.learnerId === actor.userId) return deny('on ne siège pas sur son propre dossier.');
  if (f.conflicted) return deny('vous avez déclaré un conflit d’intérêts avec cette personne : vous ne siégez pas sur son dossier.');
  if (f.supervisorId === actor.userId && f.supervisorRule === 'may_not_sit') return deny('vous dirigez ce mémoire et ce jury ne fait pas siéger la direction du mémoire.');
  return hasAbility(actor, 'jury:sit');
}

export type TConvocationFacts = { learnerId: string; attendeeIds: readonly string[]; manages: TDecision };

/**
 * A soutenance's convocation (PDF, invitation): the learner convened, a member convened to sit on it
 * (voting or not), or whoever manages the promotion's juries.
 */
export function canReadConvocation(actor: TActor, f: TConvocationFacts): TDecision {
  if (f.learnerId === actor.userId) return allow();
  if (f.attendeeIds.includes(actor.userId)) return hasAbility(actor, 'jury:sit');
  return f.manages.allowed ? f.manages : deny('cette convocation ne vous est pas adressée.');
}
