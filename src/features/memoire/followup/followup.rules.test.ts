import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEETING_ACTION_VALUES, MEETING_STATE_VALUES, type TMeetingState } from '../../../shared/vocabulary/followup.js';
import { availableMeetingActions, checkHeldMeeting, checkMeetingAction, checkProposedTimes, FINAL_MEETING_STATES, MEETING_TRANSITIONS } from './followup.rules.js';

describe('meeting states', () => {
  it('as a table: who answers what', () => {
    expect(availableMeetingActions('requested', 'teacher')).toEqual(['accept', 'counter', 'decline']);
    expect(availableMeetingActions('requested', 'learner')).toEqual(['cancel']);
    expect(availableMeetingActions('counter_proposed', 'learner')).toEqual(['accept_counter', 'refuse_counter', 'cancel']);
    expect(availableMeetingActions('counter_proposed', 'teacher')).toEqual([]);
    expect(availableMeetingActions('accepted', 'teacher')).toEqual(['hold', 'cancel']);
    expect(availableMeetingActions('accepted', 'learner')).toEqual(['cancel']);
    expect(checkMeetingAction('requested', 'accept', 'learner')).toMatchObject({ allowed: false, refusal: 'side' });
    expect(checkMeetingAction('held', 'cancel', 'learner')).toMatchObject({ allowed: false, refusal: 'state', reason: expect.stringContaining('« Tenu »') });
  });

  it('any sequence of allowed actions ends in a final state or can still reach « held », and a final state allows nothing', () => {
    const reachable = (from: TMeetingState): Set<TMeetingState> => {
      const seen = new Set<TMeetingState>([from]);
      const todo = [from];
      while (todo.length) {
        for (const s of Object.values(MEETING_TRANSITIONS[todo.pop()!])) {
          if (!seen.has(s.to)) {
            seen.add(s.to);
            todo.push(s.to);
          }
        }
      }
      return seen;
    };
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...MEETING_ACTION_VALUES), fc.constantFrom('learner' as const, 'teacher' as const)), { maxLength: 12 }), (steps) => {
        let state: TMeetingState = 'requested';
        for (const [action, side] of steps) {
          const v = checkMeetingAction(state, action, side);
          if (v.allowed) state = v.to;
          else expect(v.reason.length).toBeGreaterThan(10);
        }
        if (FINAL_MEETING_STATES.includes(state)) expect(Object.keys(MEETING_TRANSITIONS[state])).toEqual([]);
        else expect(reachable(state).has('held')).toBe(true);
      }),
    );
    for (const s of MEETING_STATE_VALUES) expect(reachable('requested').has(s)).toBe(true);
  });

  it('proposed times: 1 to 3, distinct, in the future; a held meeting is in the past and lasts 5 min to 8 h', () => {
    const now = new Date('2026-03-10T09:00:00Z');
    const at = (iso: string) => new Date(iso);
    expect(checkProposedTimes([], now)).toEqual([{ path: 'proposedTimes', message: 'Proposez de un à trois créneaux.' }]);
    expect(checkProposedTimes([at('2026-03-11T09:00Z'), at('2026-03-11T09:00Z')], now)[0]!.message).toMatch(/différents/);
    expect(checkProposedTimes([at('2026-03-11T09:00Z'), now], now)).toEqual([{ path: 'proposedTimes.1', message: 'Ce créneau est déjà passé : proposez une date à venir.' }]);
    expect(checkProposedTimes([at('2026-03-10T09:00:01Z')], now)).toEqual([]);
    expect(checkHeldMeeting(now, 5, now)).toEqual([]);
    expect(checkHeldMeeting(at('2026-03-10T09:00:01Z'), 4, now).map((i) => i.path)).toEqual(['heldAt', 'durationMinutes']);
    expect(checkHeldMeeting(now, 481, now).map((i) => i.path)).toEqual(['durationMinutes']);
  });
});
