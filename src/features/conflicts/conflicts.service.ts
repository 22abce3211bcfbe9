/**
 * Declaring a conflict of interest on an application's person: the declarant then no longer reads,
 * instructs, decides or funds that person's files (see src/policies/applications.policy.ts). A
 * declaration is final: it is never withdrawn by its author alone.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, validationError } from '../../http/errors.js';
import { canDeclareConflict } from '../../policies/applications.policy.js';
import { enforce } from '../../policies/decision.js';
import type { TActor } from '../../policies/policies.js';
import { getApplicationRow } from '../admissions/admissions.access.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { users } from '../auth/auth.tables.js';
import { conflictDeclarations } from './conflicts.tables.js';

export async function declareConflictOnApplication(o: { db: TDb; actor: TActor; audit: TAuditActor; applicationId: string; reason: string; now: Date }) {
  const reason = o.reason.trim();
  if (reason.length < 3) throw validationError([{ path: 'reason', message: 'Indiquez le motif du conflit d’intérêts (au moins 3 caractères).' }]);
  return o.db.transaction(async (tx) => {
    const app = await getApplicationRow(tx, o.applicationId);
    enforce(canDeclareConflict(o.actor, app));
    const [row] = await tx
      .insert(conflictDeclarations)
      .values({ declarantId: o.actor.userId, subjectUserId: app.userId, reason, declaredAt: o.now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict('Vous avez déjà déclaré un conflit d’intérêts avec cette personne.');
    await recordAudit(tx, o.audit, { action: 'conflict.declared', entityType: 'application', entityId: app.id, after: { subjectUserId: app.userId, reason } });
    return { id: row.id, subjectName: `${app.firstName} ${app.lastName}`, reason: row.reason, declaredAt: row.declaredAt.toISOString() };
  });
}

/** The actor's own declarations. */
export async function findMyConflicts(o: { db: TDbOrTx; actor: TActor }) {
  const rows = await o.db
    .select({ id: conflictDeclarations.id, subjectName: users.name, reason: conflictDeclarations.reason, declaredAt: conflictDeclarations.declaredAt })
    .from(conflictDeclarations)
    .innerJoin(users, eq(users.id, conflictDeclarations.subjectUserId))
    .where(and(eq(conflictDeclarations.declarantId, o.actor.userId)))
    .orderBy(asc(conflictDeclarations.declaredAt));
  return rows.map((r) => ({ ...r, declaredAt: r.declaredAt.toISOString() }));
}
