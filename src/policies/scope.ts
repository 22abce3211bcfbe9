/**
 * Facts about an actor that every resource policy uses: administrator, staff, centres. Nothing else
 * in the code asks "is this person an administrator" — it asks a policy.
 */
import type { TActor } from './policies.js';

export const isAdministrator = (actor: Pick<TActor, 'roles'>) => actor.roles.includes('administrateur');

/** Any staff role: the learner (auditeur) and jury roles are not staff. */
export const isStaff = (actor: Pick<TActor, 'roles'>) => actor.roles.some((r) => r !== 'auditeur' && r !== 'jury');

/** Administrators act in every centre; others in the centres they belong to. */
export const actsInCentre = (actor: Pick<TActor, 'roles' | 'centreIds'>, centreId: string) =>
  isAdministrator(actor) || actor.centreIds.includes(centreId);

/**
 * The centres an actor's lists are restricted to: `null` means every centre (administrators),
 * an empty list means none.
 */
export const centreScopeOf = (actor: Pick<TActor, 'roles' | 'centreIds'>): string[] | null => (isAdministrator(actor) ? null : actor.centreIds);
