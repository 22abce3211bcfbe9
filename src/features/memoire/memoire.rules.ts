/**
 * The life of a mémoire record, as pure rules: which state may follow which, and what may still be
 * edited. projet → rédaction → déposé → soutenu → évalué, or abandon before the soutenance.
 * Decision 019 says who moves it.
 */
import { THESIS_STATE_LABELS, type TThesisState } from '../../shared/vocabulary/memoire.js';

export const THESIS_TRANSITIONS: Record<TThesisState, readonly TThesisState[]> = {
  project: ['writing', 'abandoned'],
  writing: ['deposited', 'abandoned'],
  deposited: ['defended', 'abandoned'],
  defended: ['evaluated'],
  evaluated: [],
  abandoned: [],
};

export type TTransitionVerdict = { allowed: true } | { allowed: false; reason: string };

/** Whether the record may go from `from` to `to`, with the French reason when not. */
export function checkTransition(from: TThesisState, to: TThesisState): TTransitionVerdict {
  if (THESIS_TRANSITIONS[from].includes(to)) return { allowed: true };
  if (from === to) return { allowed: false, reason: `Le mémoire est déjà à l’état « ${THESIS_STATE_LABELS[from]} ».` };
  const next = THESIS_TRANSITIONS[from].map((s) => `« ${THESIS_STATE_LABELS[s]} »`);
  return {
    allowed: false,
    reason: `Le mémoire est à l’état « ${THESIS_STATE_LABELS[from]} » : il ne peut pas passer à « ${THESIS_STATE_LABELS[to]} »${next.length ? ` (seulement ${next.join(' ou ')})` : ' (plus aucun changement possible)'}.`,
  };
}

/** A change of state that needs a written reason. */
export const needsNote = (to: TThesisState) => to === 'abandoned';

/** The content (type, genre, title, question, organisation) is the learner's until the deposit freezes it. */
export const contentEditable = (state: TThesisState) => state === 'project' || state === 'writing';

/** A supervisor can be named or changed until the soutenance. */
export const supervisorEditable = (state: TThesisState) => state === 'project' || state === 'writing' || state === 'deposited';
