import { describe, expect, it } from 'vitest';
import { THESIS_STATE_VALUES, type TThesisState } from '../../shared/vocabulary/memoire.js';
import { checkTransition, contentEditable, THESIS_TRANSITIONS } from './memoire.rules.js';

describe('mémoire transitions', () => {
  it('allow exactly the programme’s path and abandonment before the soutenance', () => {
    const allowed = THESIS_STATE_VALUES.flatMap((from) => THESIS_STATE_VALUES.filter((to) => checkTransition(from, to).allowed).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      ['project→writing', 'writing→deposited', 'deposited→defended', 'defended→evaluated', 'project→abandoned', 'writing→abandoned', 'deposited→abandoned'].sort(),
    );
  });

  it('every state is reached from « projet », and every path ends in « évalué » or « abandon »', () => {
    const seen = new Set<TThesisState>(['project']);
    const queue: TThesisState[] = ['project'];
    while (queue.length) for (const next of THESIS_TRANSITIONS[queue.shift()!]) if (!seen.has(next) && seen.add(next)) queue.push(next);
    expect([...seen].sort()).toEqual([...THESIS_STATE_VALUES].sort());
    const finals = THESIS_STATE_VALUES.filter((s) => THESIS_TRANSITIONS[s].length === 0);
    expect(finals.sort()).toEqual(['abandoned', 'evaluated']);
  });

  it('a refusal says where the record is and where it may go, in French', () => {
    expect(checkTransition('writing', 'project')).toEqual({
      allowed: false,
      reason: 'Le mémoire est à l’état « Rédaction » : il ne peut pas passer à « Projet » (seulement « Déposé » ou « Abandon »).',
    });
    expect(contentEditable('deposited')).toBe(false);
    expect(contentEditable('writing')).toBe(true);
  });
});
