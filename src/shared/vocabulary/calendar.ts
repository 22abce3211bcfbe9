/** Session (séance) types and residency (regroupement) kinds, with their French labels. */
export const SESSION_TYPE_VALUES = ['theoretical', 'technical', 'monographic', 'methodological', 'thesis_workshop'] as const;
export type TSessionType = (typeof SESSION_TYPE_VALUES)[number];
export const SESSION_TYPE_LABELS: Record<TSessionType, string> = {
  theoretical: 'Séminaire théorique et thématique',
  technical: 'Séminaire technique',
  monographic: 'Séminaire monographique (visite)',
  methodological: 'Séminaire méthodologique',
  thesis_workshop: 'Atelier mémoire',
};

export const RESIDENCY_KIND_VALUES = ['on_site', 'remote', 'defense'] as const;
export type TResidencyKind = (typeof RESIDENCY_KIND_VALUES)[number];
export const RESIDENCY_KIND_LABELS: Record<TResidencyKind, string> = {
  on_site: 'Regroupement',
  remote: 'À distance',
  defense: 'Soutenances',
};
