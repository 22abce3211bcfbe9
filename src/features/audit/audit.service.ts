import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { TDbOrTx } from '../../db/client.js';
import type { TAuditAction } from '../../shared/vocabulary/audit.js';
import { auditEvents } from './audit.tables.js';

export type TAuditActor = { userId: string | null; label: string; requestId?: string | null };

export const SYSTEM_ACTOR: TAuditActor = { userId: null, label: 'système' };

/** Records one write. Call it inside the transaction of the write it describes. */
export async function recordAudit(
  db: TDbOrTx,
  actor: TAuditActor,
  event: { action: TAuditAction; entityType: string; entityId?: string | null; before?: unknown; after?: unknown },
): Promise<void> {
  await db.insert(auditEvents).values({
    actorId: actor.userId,
    actorLabel: actor.label,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    before: event.before === undefined ? null : redact(event.before),
    after: event.after === undefined ? null : redact(event.after),
    requestId: actor.requestId ?? null,
  });
}

/** Never keep secrets in the log, whatever a caller passes. */
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) =>
        /password|token|secret/i.test(k) ? [k, '[masqué]'] : [k, redact(v)],
      ),
    );
  }
  return value;
}

export type TFindAuditOptions = {
  db: TDbOrTx;
  q?: string;
  entityType?: string;
  actorId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
};

export async function findAuditEvents(o: TFindAuditOptions) {
  const where: SQL[] = [];
  if (o.entityType) where.push(eq(auditEvents.entityType, o.entityType));
  if (o.actorId) where.push(eq(auditEvents.actorId, o.actorId));
  if (o.from) where.push(gte(auditEvents.at, new Date(`${o.from}T00:00:00Z`)));
  if (o.to) where.push(lt(auditEvents.at, new Date(new Date(`${o.to}T00:00:00Z`).getTime() + 86_400_000)));
  if (o.q) {
    const like = `%${o.q}%`;
    const match = or(ilike(auditEvents.action, like), ilike(auditEvents.actorLabel, like), ilike(auditEvents.entityId, like));
    if (match) where.push(match);
  }
  const condition = where.length ? and(...where) : undefined;
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    o.db
      .select()
      .from(auditEvents)
      .where(condition)
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(o.pageSize)
      .offset((o.page - 1) * o.pageSize),
    o.db.select({ total: sql<number>`count(*)::int` }).from(auditEvents).where(condition),
  ]);
  return { rows, total };
}
