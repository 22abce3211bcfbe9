/**
 * Who may do what: the one place that says it. The API enforces these abilities (403 with a
 * French message) and sends the caller's abilities to the UI, which shows only what is allowed.
 * Later capabilities add their abilities here (`admissions:decide:any`, `thesis:read:own`…).
 */
import type { TRole } from '../features/auth/auth.tables.js';
import { forbidden } from '../http/errors.js';

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
