/**
 * The platform's own records: accounts. Role-level screens with no owner (centres, référentiel
 * import, audit log, jobs) are decided by the abilities alone (`policies.ts`).
 */
import { allOf, allow, deny, type TDecision } from './decision.js';
import { hasAbility, type TActor } from './policies.js';

/** Changing an account: an administrator, who cannot lock themself out (disable, or drop their role). */
export function canUpdateUser(actor: TActor, targetUserId: string, patch: { disabled?: boolean; roles?: readonly string[] }): TDecision {
  const lockout = targetUserId === actor.userId && (patch.disabled === true || (patch.roles !== undefined && !patch.roles.includes('administrateur')));
  return allOf(
    hasAbility(actor, 'users:manage'),
    lockout ? deny("vous ne pouvez ni désactiver votre propre compte ni retirer votre rôle d'administrateur·rice.") : allow(),
  );
}
