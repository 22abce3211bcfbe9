/** Platform roles and their French labels, shown by the server (CLI, /api/me) and the SPA alike. */
export const ROLE_VALUES = ['administrateur', 'gestionnaire', 'responsable_pedagogique', 'enseignant', 'jury', 'auditeur'] as const;
export type TRole = (typeof ROLE_VALUES)[number];
export const ROLE_LABELS: Record<TRole, string> = {
  administrateur: 'Administrateur·rice',
  gestionnaire: 'Gestionnaire de scolarité',
  responsable_pedagogique: 'Responsable pédagogique',
  enseignant: 'Enseignant·e',
  jury: 'Membre de jury',
  auditeur: 'Auditeur·rice / candidat·e',
};

/** Roles a person can hold inside one promotion (cohort staff). */
export const COHORT_STAFF_ROLE_VALUES = ['responsable_pedagogique', 'enseignant', 'gestionnaire'] as const;
export type TCohortStaffRole = (typeof COHORT_STAFF_ROLE_VALUES)[number];
export const COHORT_STAFF_ROLE_LABELS: Record<TCohortStaffRole, string> = {
  responsable_pedagogique: 'Responsable pédagogique',
  enseignant: 'Enseignant·e',
  gestionnaire: 'Gestionnaire',
};
