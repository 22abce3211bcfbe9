/**
 * Which roles hold which ability: the role level of the policies. Per-resource decisions (own file,
 * centre, promotion, conflicts) are in the *.policy.ts files beside this one, and call hasAbility.
 * Later capabilities add their abilities here (`admissions:decide:any`, `thesis:read:own`…).
 */
import type { TRole } from '../features/auth/auth.tables.js';
import { forbidden } from '../http/errors.js';
import { ABILITY_LABELS, type TAbility } from '../shared/vocabulary/abilities.js';
import { allow, deny, type TDecision } from './decision.js';

export type { TAbility };

/** Which roles hold each ability (the labels are the shared vocabulary's, which the SPA shows too). */
export const ABILITIES = {
  'referentiel:read': { roles: 'all' },
  'referentiel:import': { roles: ['administrateur', 'responsable_pedagogique'] },
  'centres:read': { roles: 'all' },
  'centres:manage': { roles: ['administrateur'] },
  'holidays:import': { roles: ['administrateur'] },
  'users:manage': { roles: ['administrateur'] },
  'audit:read': { roles: ['administrateur'] },
  'account:manage:own': { roles: 'all' },
  'cohorts:read': { roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique', 'enseignant'] },
  'cohorts:manage': { roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique'] },
  'calendar:manage': { roles: ['administrateur', 'responsable_pedagogique'] },
  'calendar:read:own': { roles: ['auditeur', 'enseignant'] },
  'atelier:manage': { roles: ['administrateur', 'responsable_pedagogique'] },
  'attendance:sign:own': { roles: ['auditeur'] },
  'attendance:take': { roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique', 'enseignant'] },
  'attendance:correct': { roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique'] },
  'attendance:justifications:decide': { roles: ['administrateur', 'gestionnaire'] },
  'attendance:reports': { roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique'] },
  'admissions:apply:own': { roles: ['auditeur'] },
  'admissions:read:any': { roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique'] },
  'admissions:instruct': { roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique'] },
  'admissions:decide': { roles: ['administrateur', 'responsable_pedagogique'] },
  'funding:manage': { roles: ['administrateur', 'gestionnaire'] },
  'jobs:manage': { roles: ['administrateur'] },
  'thesis:edit:own': { roles: ['auditeur'] },
  'thesis:read:any': { roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique'] },
  'thesis:manage': { roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique'] },
  'followup:own': { roles: ['auditeur'] },
  'followup:mentor': { roles: ['enseignant', 'responsable_pedagogique'] },
  'jury:manage': { roles: ['administrateur', 'responsable_pedagogique'] },
  // A seat is what opens a file: the role only lets one look for one's seats (decision 026).
  'jury:sit': { roles: ['jury', 'enseignant', 'responsable_pedagogique', 'administrateur'] },
  'soutenances:read:own': { roles: ['auditeur', 'jury', 'enseignant', 'responsable_pedagogique', 'administrateur'] },
  'evaluations:manage': { roles: ['administrateur', 'responsable_pedagogique'] },
  'evaluations:mark': { roles: ['enseignant', 'responsable_pedagogique'] },
  'evaluations:read:any': { roles: ['administrateur', 'gestionnaire', 'responsable_pedagogique'] },
  'evaluations:read:own': { roles: ['auditeur'] },
} as const satisfies Record<TAbility, { roles: 'all' | readonly TRole[] }>;

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
    throw forbidden(`Accès refusé : il faut le droit « ${ABILITY_LABELS[ability]} ».`);
  }
}

/** The role-level check as a decision, for the resource policies to combine. */
export function hasAbility(actor: Pick<TActor, 'roles'>, ability: TAbility): TDecision {
  return can(actor, ability) ? allow() : deny(`il faut le droit « ${ABILITY_LABELS[ability]} ».`);
}
