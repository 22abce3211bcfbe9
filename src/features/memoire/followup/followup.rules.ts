/**
 * The states of a follow-up meeting and who moves them (decision 023). Pure: no database, no clock
 * (the caller passes `now`).
 *
 *   requested ──accept──▶ accepted ──hold──▶ held
 *       │  ╲──counter──▶ counter_proposed ──accept_counter──▶ accepted
 *       │                       └──refuse_counter (new times)──▶ requested
 *       └──decline (reason)──▶ declined
 *   requested | counter_proposed | accepted ──cancel──▶ cancelled
 */
import { MEETING_ACTION_LABELS, MEETING_STATE_LABELS, type TMeetingAction, type TMeetingState } from '../../../shared/vocabulary/followup.js';

export type TSide = 'learner' | 'teacher';

type TStep = { to: TMeetingState; by: readonly TSide[] };

export const MEETING_TRANSITIONS: Record<TMeetingState, Partial<Record<TMeetingAction, TStep>>> = {
  requested: {
    accept: { to: 'accepted', by: ['teacher'] },
    counter: { to: 'counter_proposed', by: ['teacher'] },
    decline: { to: 'declined', by: ['teacher'] },
    cancel: { to: 'cancelled', by: ['learner'] },
  },
  counter_proposed: {
    accept_counter: { to: 'accepted', by: ['learner'] },
    refuse_counter: { to: 'requested', by: ['learner'] },
    cancel: { to: 'cancelled', by: ['learner'] },
  },
  accepted: {
    hold: { to: 'held', by: ['teacher'] },
    cancel: { to: 'cancelled', by: ['learner', 'teacher'] },
  },
  declined: {},
  held: {},
  cancelled: {},
};

export const FINAL_MEETING_STATES: readonly TMeetingState[] = ['declined', 'held', 'cancelled'];

/** `refusal`: 'state' when the meeting is past this step (409), 'side' when it belongs to the other party (403). */
export type TVerdict = { allowed: true; to: TMeetingState } | { allowed: false; refusal: 'state' | 'side'; reason: string };

/** Whether `side` may take `action` on a meeting in `state`, and the state it leads to. */
export function checkMeetingAction(state: TMeetingState, action: TMeetingAction, side: TSide): TVerdict {
  const step = MEETING_TRANSITIONS[state][action];
  const label = MEETING_STATE_LABELS[state];
  if (!step) {
    const possible = Object.keys(MEETING_TRANSITIONS[state]) as TMeetingAction[];
    const list = possible.map((a) => `« ${MEETING_ACTION_LABELS[a]} »`).join(', ');
    return { allowed: false, refusal: 'state', reason: `Cet entretien est à l’état « ${label} » : « ${MEETING_ACTION_LABELS[action]} » n’est plus possible${list ? ` (possible : ${list})` : ''}.` };
  }
  if (!step.by.includes(side)) {
    return { allowed: false, refusal: 'side', reason: side === 'learner' ? `« ${MEETING_ACTION_LABELS[action]} » revient à l’enseignant·e.` : `« ${MEETING_ACTION_LABELS[action]} » revient à l’auditeur·rice.` };
  }
  return { allowed: true, to: step.to };
}

/** The actions `side` may take now (what the UI offers). */
export function availableMeetingActions(state: TMeetingState, side: TSide): TMeetingAction[] {
  return (Object.entries(MEETING_TRANSITIONS[state]) as [TMeetingAction, TStep][]).filter(([, s]) => s.by.includes(side)).map(([a]) => a);
}

export type TIssue = { path: string; message: string };

/** Proposed times: 1 to 3, distinct, each after `now`. */
export function checkProposedTimes(times: readonly Date[], now: Date, path = 'proposedTimes'): TIssue[] {
  if (times.length < 1 || times.length > 3) return [{ path, message: 'Proposez de un à trois créneaux.' }];
  if (new Set(times.map((d) => d.getTime())).size !== times.length) return [{ path, message: 'Les créneaux proposés doivent être différents.' }];
  const past = times.findIndex((d) => d.getTime() <= now.getTime());
  if (past >= 0) return [{ path: `${path}.${past}`, message: 'Ce créneau est déjà passé : proposez une date à venir.' }];
  return [];
}

export const MIN_MEETING_MINUTES = 5;
export const MAX_MEETING_MINUTES = 480;

/** A held meeting is logged after it happened (not in the future) with a duration of 5 min to 8 h. */
export function checkHeldMeeting(heldAt: Date, durationMinutes: number, now: Date): TIssue[] {
  const issues: TIssue[] = [];
  if (heldAt.getTime() > now.getTime()) issues.push({ path: 'heldAt', message: 'Un entretien se consigne une fois tenu : la date ne peut pas être à venir.' });
  if (!Number.isInteger(durationMinutes) || durationMinutes < MIN_MEETING_MINUTES || durationMinutes > MAX_MEETING_MINUTES) {
    issues.push({ path: 'durationMinutes', message: `Durée en minutes, de ${MIN_MEETING_MINUTES} à ${MAX_MEETING_MINUTES}.` });
  }
  return issues;
}
