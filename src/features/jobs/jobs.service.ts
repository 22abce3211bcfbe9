/**
 * Jobs as data: enqueue (inside the caller's transaction: an outbox), list for the administrator,
 * retry a failed one. Running them is jobs.runner.ts.
 */
import { and, count, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, notFound } from '../../http/errors.js';
import { JOB_KIND_LABELS, JOB_STATUS_LABELS, JOB_STATUS_VALUES, type TJobKind, type TJobStatus } from '../../shared/vocabulary/jobs.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { jobs } from './jobs.tables.js';

export type TEnqueue = {
  kind: TJobKind;
  payload: Record<string, unknown>;
  /** Not before this instant; omitted: as soon as a runner is free. */
  runAt?: Date;
  maxAttempts?: number;
  /** At most one job with this key, ever: a second enqueue is a no-op. */
  dedupeKey?: string;
};

/**
 * Adds a job. Pass the use case's transaction: the job exists only if the write it follows commits,
 * and the request never waits for the work (an e-mail, a computation).
 * Returns the job's id, or null when a job with the same dedupe key already exists.
 */
export async function enqueueJob(db: TDbOrTx, job: TEnqueue): Promise<string | null> {
  const [row] = await db
    .insert(jobs)
    .values({
      kind: job.kind,
      payload: job.payload,
      runAt: job.runAt ?? null,
      ...(job.maxAttempts ? { maxAttempts: job.maxAttempts } : {}),
      dedupeKey: job.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return row?.id ?? null;
}

type TJobRow = typeof jobs.$inferSelect;

export type TJobView = ReturnType<typeof presentJob>;

const kindLabel = (kind: string) => (kind in JOB_KIND_LABELS ? JOB_KIND_LABELS[kind as TJobKind] : kind);

/** What the administrator reads: never the whole payload (an e-mail's body), a one-line summary. */
export function presentJob(row: TJobRow) {
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: kindLabel(row.kind),
    status: row.status,
    statusLabel: JOB_STATUS_LABELS[row.status],
    summary: summaryOf(row),
    runAt: row.runAt?.toISOString() ?? null,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    lastError: row.lastError,
    lockedBy: row.lockedBy,
    lockedAt: row.lockedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    canRetry: row.status === 'dead' || (row.status === 'pending' && row.lastError !== null),
  };
}

function summaryOf(row: TJobRow): string {
  const p = (row.payload ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (row.kind) {
    case 'mail.send':
      return `À ${str(p.to)} : « ${str(p.subject)} »`;
    case 'account.send_link':
      return p.purpose === 'invitation' ? 'Invitation à définir son mot de passe' : 'Lien de réinitialisation du mot de passe';
    default:
      return '';
  }
}

export type TFindJobsOptions = { db: TDbOrTx; status?: TJobStatus; kind?: string; failedOnly?: boolean; page: number; pageSize: number };

export async function findJobs(o: TFindJobsOptions) {
  const where: SQL[] = [];
  if (o.status) where.push(eq(jobs.status, o.status));
  if (o.kind) where.push(eq(jobs.kind, o.kind));
  if (o.failedOnly) where.push(isNotNull(jobs.lastError));
  const condition = where.length ? and(...where) : undefined;
  const [rows, [{ total } = { total: 0 }], byStatus, kinds] = await Promise.all([
    o.db
      .select()
      .from(jobs)
      .where(condition)
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(o.pageSize)
      .offset((o.page - 1) * o.pageSize),
    o.db.select({ total: sql<number>`count(*)::int` }).from(jobs).where(condition),
    o.db.select({ status: jobs.status, n: count() }).from(jobs).groupBy(jobs.status),
    o.db.selectDistinct({ kind: jobs.kind }).from(jobs).orderBy(jobs.kind),
  ]);
  const counts = Object.fromEntries(JOB_STATUS_VALUES.map((s) => [s, Number(byStatus.find((b) => b.status === s)?.n ?? 0)])) as Record<TJobStatus, number>;
  return {
    items: rows.map(presentJob),
    total,
    counts,
    kinds: kinds.map((k) => ({ kind: k.kind, label: kindLabel(k.kind) })),
  };
}

/** Puts a failed (or abandoned) job back in the queue, for now, with its attempts counted afresh. */
export async function retryJob(o: { db: TDb; actor: TAuditActor; id: string }) {
  return o.db.transaction(async (tx) => {
    const [before] = await tx.select().from(jobs).where(eq(jobs.id, o.id)).for('update');
    if (!before) throw notFound('Tâche introuvable.');
    if (!presentJob(before).canRetry) {
      throw conflict(`Cette tâche ne peut pas être relancée : elle est « ${JOB_STATUS_LABELS[before.status].toLowerCase()} » et n'a pas échoué.`);
    }
    const [after] = await tx
      .update(jobs)
      .set({ status: 'pending', runAt: null, attempts: 0, lockedBy: null, lockedAt: null, finishedAt: null })
      .where(and(eq(jobs.id, o.id), inArray(jobs.status, ['pending', 'dead'])))
      .returning();
    await recordAudit(tx, o.actor, {
      action: 'job.retried',
      entityType: 'job',
      entityId: o.id,
      before: { status: before.status, attempts: before.attempts, lastError: before.lastError },
      after: { status: 'pending' },
    });
    return presentJob(after!);
  });
}

/** Finished jobs are kept for the administrator's list for `keepMs`, then deleted. */
export async function purgeFinishedJobs(db: TDbOrTx, now: Date, keepMs = 30 * 24 * 3600_000): Promise<number> {
  const rows = await db
    .delete(jobs)
    .where(and(eq(jobs.status, 'succeeded'), sql`${jobs.finishedAt} < ${new Date(now.getTime() - keepMs)}`))
    .returning({ id: jobs.id });
  return rows.length;
}
