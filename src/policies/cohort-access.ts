/**
 * Loading a promotion with the actor's relation to it, then asking one policy: the one way services
 * check access to a promotion and to what hangs on it (calendar, attendance, justifications).
 */
import { eq } from 'drizzle-orm';
import type { TDbOrTx } from '../db/client.js';
import { cohorts } from '../features/cohorts/cohorts.tables.js';
import { notFound } from '../http/errors.js';
import type { TCohortFacts } from './cohorts.policy.js';
import { enforce, type TDecision } from './decision.js';
import { loadCohortRelation, type TCohortRelation } from './facts.js';
import type { TActor } from './policies.js';

export type TCohortRow = typeof cohorts.$inferSelect;

export async function loadCohortRow(db: TDbOrTx, id: string, forUpdate = false): Promise<TCohortRow> {
  const query = db.select().from(cohorts).where(eq(cohorts.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Promotion introuvable.');
  return row;
}

/** The promotion, when `policy` allows the actor; 403 with the policy's reason otherwise. */
export async function getCohortFor(
  db: TDbOrTx,
  actor: TActor,
  id: string,
  policy: (actor: TActor, cohort: TCohortFacts, rel: TCohortRelation) => TDecision,
  options: { forUpdate?: boolean } = {},
): Promise<{ cohort: TCohortRow; rel: TCohortRelation }> {
  const cohort = await loadCohortRow(db, id, options.forUpdate);
  const rel = await loadCohortRelation(db, actor, cohort.id);
  enforce(policy(actor, cohort, rel));
  return { cohort, rel };
}
