/** Who may see which application: the applicant their own; staff the applications of their centres; administrators all. */
import { eq } from 'drizzle-orm';
import type { TDbOrTx } from '../../db/client.js';
import { forbidden, notFound } from '../../http/errors.js';
import { can, type TActor } from '../../policies/policies.js';
import { applications } from './admissions.tables.js';

export type TApplicationRow = typeof applications.$inferSelect;

export const isAdministrator = (viewer: Pick<TActor, 'roles'>) => viewer.roles.includes('administrateur');

/** Whether the viewer reads this application as staff (true) or as its applicant (false); throws otherwise. */
export function viewOf(viewer: TActor, row: Pick<TApplicationRow, 'userId' | 'centreId'>): 'staff' | 'applicant' {
  if (can(viewer, 'admissions:read:any') && (isAdministrator(viewer) || viewer.centreIds.includes(row.centreId))) return 'staff';
  if (row.userId === viewer.userId) return 'applicant';
  throw forbidden("Accès refusé : cette candidature relève d'un autre centre ou d'une autre personne.");
}

/** Reads the row (locked for update inside a transaction when `forUpdate`). */
export async function getApplicationRow(db: TDbOrTx, id: string, forUpdate = false): Promise<TApplicationRow> {
  const query = db.select().from(applications).where(eq(applications.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Candidature introuvable.');
  return row;
}
