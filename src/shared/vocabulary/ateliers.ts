/**
 * Ateliers mémoire (thesis workshops): the words of declarations, proposals and group changes
 * (docs/decisions/018 and 020). Pure module: the SPA shows the same words.
 */
export const ATELIER_PAIR_KIND_VALUES = ['apart', 'together'] as const;
export type TAtelierPairKind = (typeof ATELIER_PAIR_KIND_VALUES)[number];
export const ATELIER_PAIR_KIND_LABELS: Record<TAtelierPairKind, string> = {
  apart: 'Ne doivent pas être ensemble',
  together: 'Souhaitent être ensemble',
};

/** A proposal's life: queued → solving → ready (a grouping) / infeasible / failed; a ready one may be accepted, or become outdated. */
export const ATELIER_PROPOSAL_STATUS_VALUES = ['queued', 'solving', 'ready', 'infeasible', 'failed', 'accepted', 'outdated'] as const;
export type TAtelierProposalStatus = (typeof ATELIER_PROPOSAL_STATUS_VALUES)[number];
export const ATELIER_PROPOSAL_STATUS_LABELS: Record<TAtelierProposalStatus, string> = {
  queued: 'En attente',
  solving: 'Calcul en cours',
  ready: 'Prête',
  infeasible: 'Impossible',
  failed: 'Échec du calcul',
  accepted: 'Acceptée',
  outdated: 'Dépassée',
};

/** Why a learner's group changed: an accepted proposal, or a move by hand. */
export const ATELIER_CHANGE_KIND_VALUES = ['proposal', 'manual'] as const;
export type TAtelierChangeKind = (typeof ATELIER_CHANGE_KIND_VALUES)[number];
export const ATELIER_CHANGE_KIND_LABELS: Record<TAtelierChangeKind, string> = {
  proposal: 'Proposition acceptée',
  manual: 'Changement manuel',
};

/** The calendar's title of a group's atelier session (several numbers: a leader of several groups). */
export const atelierSessionTitle = (groupNumbers: number[], leaderName: string | null) =>
  `Atelier mémoire — ${groupNumbers.length > 1 ? `groupes ${groupNumbers.join(', ')}` : `groupe ${groupNumbers[0]}`}${leaderName ? ` (animé par ${leaderName})` : ''}`;
