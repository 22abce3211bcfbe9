/** Application (candidature) statuses and instruction actions, with their French labels. */
export const APPLICATION_STATUS_VALUES = ['draft', 'correction', 'filed', 'in_review', 'accepted', 'refused', 'closed'] as const;
export type TApplicationStatus = (typeof APPLICATION_STATUS_VALUES)[number];
export const APPLICATION_STATUS_LABELS: Record<TApplicationStatus, string> = {
  draft: 'Brouillon',
  correction: 'À corriger',
  filed: 'Déposée',
  in_review: 'En instruction',
  accepted: 'Acceptée',
  refused: 'Refusée',
  closed: 'Classée sans suite',
};

export const APPLICATION_ACTION_VALUES = ['start_review', 'request_correction', 'accept', 'refuse', 'close'] as const;
export type TApplicationAction = (typeof APPLICATION_ACTION_VALUES)[number];
export const APPLICATION_ACTION_LABELS: Record<TApplicationAction, string> = {
  start_review: 'Passer en instruction',
  request_correction: 'Demander une correction',
  accept: 'Accepter',
  refuse: 'Refuser',
  close: 'Classer sans suite',
};
