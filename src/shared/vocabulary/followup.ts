/**
 * Individual follow-up (suivi individuel) and the learner's workspace (decision 023): the French labels
 * of meeting modes, states and note visibility, shared by the API's messages and the SPA.
 */
export const MEETING_MODE_VALUES = ['on_site', 'phone', 'video'] as const;
export type TMeetingMode = (typeof MEETING_MODE_VALUES)[number];
export const MEETING_MODE_LABELS: Record<TMeetingMode, string> = { on_site: 'Sur place', phone: 'Téléphone', video: 'Visio' };

export const MEETING_STATE_VALUES = ['requested', 'counter_proposed', 'accepted', 'declined', 'held', 'cancelled'] as const;
export type TMeetingState = (typeof MEETING_STATE_VALUES)[number];
export const MEETING_STATE_LABELS: Record<TMeetingState, string> = {
  requested: 'Demandé',
  counter_proposed: 'Autre horaire proposé',
  accepted: 'Accepté',
  declined: 'Refusé',
  held: 'Tenu',
  cancelled: 'Annulé',
};

export const MEETING_ACTION_VALUES = ['accept', 'counter', 'decline', 'accept_counter', 'refuse_counter', 'cancel', 'hold'] as const;
export type TMeetingAction = (typeof MEETING_ACTION_VALUES)[number];
export const MEETING_ACTION_LABELS: Record<TMeetingAction, string> = {
  accept: 'Accepter',
  counter: 'Proposer un autre horaire',
  decline: 'Refuser',
  accept_counter: 'Accepter l’horaire proposé',
  refuse_counter: 'Refuser l’horaire et proposer d’autres créneaux',
  cancel: 'Annuler',
  hold: 'Consigner l’entretien',
};

export const NOTE_VISIBILITY_VALUES = ['shared', 'private'] as const;
export type TNoteVisibility = (typeof NOTE_VISIBILITY_VALUES)[number];
export const NOTE_VISIBILITY_LABELS: Record<TNoteVisibility, string> = {
  shared: 'Partagée avec l’auditeur·rice',
  private: 'Privée (vous seul·e)',
};

/** How a day of personal work converts to hours (decision 023: the maquette's 490 h over 70 days). */
export const HOURS_PER_WORK_DAY = 7;
/** The expected personal work on the mémoire: 2 to 4 days a month (seed 001). */
export const EXPECTED_DAYS_PER_MONTH = { min: 2, max: 4 } as const;
