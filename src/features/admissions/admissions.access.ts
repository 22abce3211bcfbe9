/**
 * Loading an application with what its policies need: the row, and the actor's relation to its
 * person (a declared conflict of interest). The decisions themselves are in
 * `src/policies/applications.policy.ts`.
 */
import { eq } from 'drizzle-orm';
import type { TDbOrTx } from '../../db/client.js';
import { forbidden, notFound } from '../../http/errors.js';
import { readApplication, type TApplicationView, type TFileRelation } from '../../policies/applications.policy.js';
import { hasDeclaredConflict } from '../../policies/facts.js';
import type { TActor } from '../../policies/policies.js';
import { applications } from './admissions.tables.js';

export type TApplicationRow = typeof applications.$inferSelect;

/** Reads the row (locked for update inside a transaction when `forUpdate`). */
export async function getApplicationRow(db: TDbOrTx, id: string, forUpdate = false): Promise<TApplicationRow> {
  const query = db.select().from(applications).where(eq(applications.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Candidature introuvable.');
  return row;
}

export async function fileRelationOf(db: TDbOrTx, actor: TActor, row: Pick<TApplicationRow, 'userId'>): Promise<TFileRelation> {
  if (row.userId === actor.userId) return { conflicted: false };
  return { conflicted: await hasDeclaredConflict(db, actor, row.userId) };
}

/** How the actor reads this application (staff or applicant); 403 with the policy's reason otherwise. */
export async function viewOf(db: TDbOrTx, actor: TActor, row: TApplicationRow): Promise<{ view: TApplicationView; rel: TFileRelation }> {
  const rel = await fileRelationOf(db, actor, row);
  const read = readApplication(actor, row, rel);
  if (!read.view) throw forbidden(`Accès refusé : ${read.reason}`);
  return { view: read.view, rel };
}
