/** Vocabulary of juries (decision 026), shared by the server and the SPA. */

/** The route a jury judges: the training routes share one composition, VAE has its own (002). */
export const JURY_ROUTE_VALUES = ['training', 'vae'] as const;
export type TJuryRoute = (typeof JURY_ROUTE_VALUES)[number];
export const JURY_ROUTE_LABELS: Record<TJuryRoute, string> = { training: 'Parcours de formation', vae: 'VAE' };

/** The kinds of members the versions' composition rules count (`ZJuryMemberKind` of the référentiel). */
export const JURY_MEMBER_KIND_VALUES = ['cnam_teacher', 'professional', 'cnam_administrator'] as const;
export type TJuryMemberKind = (typeof JURY_MEMBER_KIND_VALUES)[number];
export const JURY_MEMBER_KIND_LABELS: Record<TJuryMemberKind, string> = {
  cnam_teacher: 'Enseignant·e du Cnam',
  professional: 'Professionnel·le',
  cnam_administrator: 'Administrateur général du Cnam ou son représentant',
};
/** Singular and plural, for « il manque 1 professionnel ». */
export const JURY_MEMBER_KIND_NOUNS: Record<TJuryMemberKind, [string, string]> = {
  cnam_teacher: ['enseignant du Cnam', 'enseignants du Cnam'],
  professional: ['professionnel', 'professionnels'],
  cnam_administrator: ['administrateur général du Cnam ou son représentant', 'administrateurs généraux du Cnam ou leurs représentants'],
};

/** May the learner's own supervisor sit on their case? A parameter of the jury (issue 11). */
export const SUPERVISOR_RULE_VALUES = ['may_sit', 'may_not_sit', 'sits_without_vote'] as const;
export type TSupervisorRule = (typeof SUPERVISOR_RULE_VALUES)[number];
export const SUPERVISOR_RULE_LABELS: Record<TSupervisorRule, string> = {
  may_sit: 'Peut siéger',
  may_not_sit: 'Ne siège pas',
  sits_without_vote: 'Siège sans voix délibérative',
};

/** The nature of a declared conflict of interest between a member and a learner. */
export const CONFLICT_NATURE_VALUES = ['employer', 'colleague', 'relative', 'other'] as const;
export type TConflictNature = (typeof CONFLICT_NATURE_VALUES)[number];
export const CONFLICT_NATURE_LABELS: Record<TConflictNature, string> = {
  employer: 'Employeur de l’auditeur·rice',
  colleague: 'Collègue',
  relative: 'Proche ou parent',
  other: 'Autre lien',
};

/** A run of the soutenance planner (decision 027): queued, solving, then the solver's verdict. */
export const SOUTENANCE_PLAN_STATUS_VALUES = ['queued', 'solving', 'optimal', 'feasible', 'time_limit', 'infeasible', 'failed'] as const;
export type TSoutenancePlanStatus = (typeof SOUTENANCE_PLAN_STATUS_VALUES)[number];
export const SOUTENANCE_PLAN_STATUS_LABELS: Record<TSoutenancePlanStatus, string> = {
  queued: 'En attente de calcul',
  solving: 'Calcul en cours',
  optimal: 'Planning optimal',
  feasible: 'Planning trouvé (optimalité non prouvée)',
  time_limit: 'Limite de temps atteinte sans planning',
  infeasible: 'Aucun planning possible',
  failed: 'Échec du calcul',
};
