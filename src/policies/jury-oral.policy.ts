/**
 * The oral's marking form in the jury's space (decision 026, « The oral's marking form »). A member
 * enters the mark of a case they may open (a seat on its jury, not their own file, no declared conflict,
 * not a mémoire they supervise when the jury keeps the supervisor out) and on which they vote: the
 * supervisor who sits without a vote reads the file but does not mark. The evaluations policy takes this
 * decision as the authority of the reading (`canEnterDelegatedReading`), in place of a marker assignment.
 */
import { allow, deny, type TDecision } from './decision.js';
import { canReadJuryCase, type TCaseAccessFacts } from './juries.policy.js';
import type { TActor } from './policies.js';

export type TOralMarkFacts = TCaseAccessFacts & {
  /** The actor is on the case's voting bench (`caseBench(...).voting`). */
  votes: boolean;
};

export function canMarkJuryOral(actor: TActor, f: TOralMarkFacts): TDecision {
  const read = canReadJuryCase(actor, f);
  if (!read.allowed) return read;
  return f.votes ? allow() : deny('vous siégez sans voix délibérative sur ce dossier : la note revient aux membres qui votent.');
}
