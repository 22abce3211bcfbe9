/**
 * The mémoire record of a learner: its type, genre and state, with their French labels (DOMAIN.md
 * « The mémoire »). Pure module: the SPA shows the same words.
 */
export const THESIS_KIND_VALUES = ['future_project', 'organisation_diagnosis', 'related_organisations', 'critical_reflection'] as const;
export type TThesisKind = (typeof THESIS_KIND_VALUES)[number];
export const THESIS_KIND_LABELS: Record<TThesisKind, string> = {
  future_project: 'Construction du projet futur',
  organisation_diagnosis: 'Diagnostic de l’organisation où l’on travaille ou projette de travailler',
  related_organisations: 'Présentation d’organisations proches de celle envisagée',
  critical_reflection: 'Réflexion critique et théorique sur son activité actuelle',
};

export const THESIS_GENRE_VALUES = ['academic', 'professional', 'both'] as const;
export type TThesisGenre = (typeof THESIS_GENRE_VALUES)[number];
export const THESIS_GENRE_LABELS: Record<TThesisGenre, string> = {
  academic: 'Universitaire',
  professional: 'Professionnel',
  both: 'Universitaire et professionnel',
};

export const THESIS_STATE_VALUES = ['project', 'writing', 'deposited', 'defended', 'evaluated', 'abandoned'] as const;
export type TThesisState = (typeof THESIS_STATE_VALUES)[number];
export const THESIS_STATE_LABELS: Record<TThesisState, string> = {
  project: 'Projet',
  writing: 'Rédaction',
  deposited: 'Déposé',
  defended: 'Soutenu',
  evaluated: 'Évalué',
  abandoned: 'Abandon',
};
