/**
 * The milestones of a mémoire (issue 10, item 2; decision 022), in the order a learner meets them, and
 * the status of each for a learner. Pure module: the SPA shows the same words.
 */
export const MILESTONE_KIND_VALUES = ['autobiography', 'question', 'plan', 'chapters', 'full_draft', 'final_deposit'] as const;
export type TMilestoneKind = (typeof MILESTONE_KIND_VALUES)[number];
export const MILESTONE_KIND_LABELS: Record<TMilestoneKind, string> = {
  autobiography: 'Autobiographie raisonnée',
  question: 'Question',
  plan: 'Plan',
  chapters: 'Chapitres',
  full_draft: 'Brouillon complet',
  final_deposit: 'Dépôt final',
};

/** « Late » is not stored: it is « to do » past the due date, read against the clock. */
export const MILESTONE_STATUS_VALUES = ['todo', 'late', 'done'] as const;
export type TMilestoneStatus = (typeof MILESTONE_STATUS_VALUES)[number];
export const MILESTONE_STATUS_LABELS: Record<TMilestoneStatus, string> = {
  todo: 'À faire',
  late: 'En retard',
  done: 'Fait',
};
