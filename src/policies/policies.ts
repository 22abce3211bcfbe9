/**
 * Who may do what: the one place that says it. The API enforces these abilities (403 with a
 * French message) and sends the caller's abilities to the UI, which shows only what is allowed.
 * Later capabilities add their abilities here (`admissions:decide:any`, `thesis:read:own`…).
 */
import type { TRole } from '../features/auth/auth.tables.js';
import { forbidden } from '../http/errors.js';
import { allow, deny, type TDecision } from './decision.js';

export const ROLE_LABELS: Record<TRole, string> = {
  administrateur: 'Administrateur·rice',
  gestionnaire: 'Gestionnaire de scolarité',
  responsable_pedagogique: 'Responsable pédagogique',
  enseignant: 'Enseignant·e',
  jury: 'Membre de jury',
  auditeur: 'Auditeur·rice / candidat·e',
};

export const ABILITIES = {
  'referentiel:read': { label: 'Consulter le référentiel', roles: 'all' },
  'referentiel:import': { label: 'Vérifier et importer une version du référentiel', roles: ['administrateur', 'responsable_pedagogique'] },
  'centres:read': { label: 'Consulter les centres', roles: 'all' },
  'centres:manage': { label: 'Créer et modifier les centres', roles: ['administrateur'] },
  'users:manage': { label: 'Gérer les utilisateurs, leurs rôles et leurs centres', roles: ['administrateur'] },
  'audit:read': { label: "Consulter le journal d'audit", roles: ['administrateur'] },
  'account:manage:own': { label: 'Gérer son propre compte', roles: 'all' },
  'cohorts:read': { label: 'Consulter les promotions de ses centres', roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique', 'enseignant'] },
  'cohorts:manage': { label: 'Créer et modifier les promotions', roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique'] },
  'calendar:manage': { label: 'Établir le calendrier des regroupements et des séances', roles: ['administrateur', 'responsable_pedagogique'] },
  'calendar:read:own': { label: 'Consulter son calendrier et s’y abonner', roles: ['auditeur', 'enseignant'] },
  'attendance:sign:own': { label: 'Émarger et justifier ses absences', roles: ['auditeur'] },
  'attendance:take': { label: 'Faire l’appel et signer la feuille d’une séance', roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique', 'enseignant'] },
  'attendance:correct': { label: 'Corriger un émargement (nouvel enregistrement motivé)', roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique'] },
  'attendance:justifications:decide': { label: 'Accepter ou refuser les justificatifs d’absence', roles: ['administrateur', 'gestionnaire'] },
  'attendance:reports': { label: 'Consulter et exporter l’assiduité (feuilles, heures, taux)', roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique'] },
  'admissions:apply:own': { label: 'Déposer et suivre sa candidature', roles: ['auditeur'] },
  'admissions:read:any': { label: 'Consulter les candidatures de ses centres', roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique'] },
  'admissions:instruct': { label: 'Instruire les candidatures (instruction, correction, notes)', roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique'] },
  'admissions:decide': { label: 'Décider des candidatures (commission pédagogique)', roles: ['administrateur', 'responsable_pedagogique'] },
  'funding:manage': { label: 'Établir le financement, le devis et la convention', roles: ['administrateur', 'gestionnaire'] },
  'jobs:manage': { label: 'Suivre et relancer les tâches de fond', roles: ['administrateur'] },
} as const satisfies Record<string, { label: string; roles: 'all' | readonly TRole[] }>;

export type TAbility = keyof typeof ABILITIES;

export type TActor = {
  userId: string;
  name: string;
  email: string;
  roles: TRole[];
  centreIds: string[];
};

export function can(actor: Pick<TActor, 'roles'> | null | undefined, ability: TAbility): boolean {
  if (!actor || actor.roles.length === 0) return false;
  const allowed = ABILITIES[ability].roles;
  if (allowed === 'all') return true;
  return actor.roles.some((role) => (allowed as readonly TRole[]).includes(role));
}

export function abilitiesOf(actor: Pick<TActor, 'roles'>): TAbility[] {
  return (Object.keys(ABILITIES) as TAbility[]).filter((a) => can(actor, a));
}

/** Throws the 403 AppError when the actor lacks the ability. */
export function authorize(actor: TActor, ability: TAbility): void {
  if (!can(actor, ability)) {
    throw forbidden(`Accès refusé : il faut le droit « ${ABILITIES[ability].label} ».`);
  }
}

/** The role-level check as a decision, for the resource policies to combine. */
export function hasAbility(actor: Pick<TActor, 'roles'>, ability: TAbility): TDecision {
  return can(actor, ability) ? allow() : deny(`il faut le droit « ${ABILITIES[ability].label} ».`);
}
