/**
 * What a policy answers: allowed, or refused with the reason a person can read. Services enforce a
 * decision (403 with that reason); presenters turn the same decisions into the actions the UI offers,
 * so the UI never offers what the API refuses.
 */
import { forbidden } from '../http/errors.js';

export type TDecision = { allowed: true } | { allowed: false; reason: string };

export const allow = (): TDecision => ({ allowed: true });
export const deny = (reason: string): TDecision => ({ allowed: false, reason });

/** The first refusal among the checks, in order; allowed when every check allows. */
export function allOf(...checks: TDecision[]): TDecision {
  return checks.find((d) => !d.allowed) ?? allow();
}

/** Allowed when one of the checks allows; otherwise the last refusal (the most specific, by convention). */
export function anyOf(...checks: TDecision[]): TDecision {
  return checks.find((d) => d.allowed) ?? checks.at(-1) ?? deny('aucune règle ne le permet.');
}

/** Throws the 403 AppError carrying the reason of a refusal. */
export function enforce(decision: TDecision): void {
  if (!decision.allowed) throw forbidden(`Accès refusé : ${decision.reason}`);
}
