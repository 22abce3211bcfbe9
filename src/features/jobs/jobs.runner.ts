/**
 * The job runner: claims due jobs with `FOR UPDATE SKIP LOCKED` (several processes on one
 * PostgreSQL never take the same job; on PGlite, one process, the same query is simply serialised),
 * holds each under a lease that another runner takes over if this process dies, retries failures
 * with exponential back-off and abandons a job ("dead") after its last attempt.
 * Time comes from the clock only, so tests drive every instant (`runDueJobs({ db, clock, … })`).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { and, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import type { TLogger } from '../../http/logger.js';
import type { TClock } from '../../lib/clock.js';
import type { TJobKind } from '../../shared/vocabulary/jobs.js';
import { enqueueJob } from './jobs.service.js';
import { afterFailure, errorText, recurringSlot, type TBackoff } from './jobs.rules.js';
import { jobs } from './jobs.tables.js';

/** What a handler receives besides its payload. */
export type TJobContext = {
  db: TDb;
  clock: TClock;
  logger: TLogger;
  /** Public URL of the platform, for the links of e-mails. */
  baseUrl: string;
  jobId: string;
  attempt: number;
};

export type TJobDefinition = {
  run: (payload: unknown, ctx: TJobContext) => Promise<unknown>;
  backoff?: TBackoff;
};

export type TJobHandlers = Partial<Record<TJobKind, TJobDefinition>>;

/** A job scheduled by the runner itself, once per period. */
export type TRecurringJob = { kind: TJobKind; everyMs: number; payload?: Record<string, unknown> };

/** Thrown by a handler when trying again cannot help (a malformed payload, a deleted user). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export type TRunnerOptions = {
  db: TDb;
  clock: TClock;
  handlers: TJobHandlers;
  logger: TLogger;
  baseUrl: string;
  recurring?: TRecurringJob[];
  /** Identifies this runner in `locked_by` (host, pid, random). */
  workerId?: string;
  /** A running job whose lock is older than this is taken again by another runner. */
  leaseMs?: number;
  /** Jobs run side by side by this runner (each lane claims one at a time). */
  concurrency?: number;
  /** Stop after this many jobs in one call (a call never runs forever). */
  limit?: number;
};

export const DEFAULT_LEASE_MS = 5 * 60_000;

export const defaultWorkerId = () => `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 6)}`;

type TJobRow = typeof jobs.$inferSelect;

/** Takes one due job (or one whose lease expired) and marks it running under our lease. */
export async function claimNextJob(o: { db: TDb; now: Date; workerId: string; leaseMs?: number }): Promise<TJobRow | null> {
  const leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
  for (;;) {
    const outcome = await o.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(jobs)
        .where(
          or(
            and(eq(jobs.status, 'pending'), or(isNull(jobs.runAt), lte(jobs.runAt, o.now))),
            and(eq(jobs.status, 'running'), lt(jobs.lockedAt, new Date(o.now.getTime() - leaseMs))),
          ),
        )
        .orderBy(sql`${jobs.runAt} asc nulls first`, asc(jobs.createdAt), asc(jobs.id))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!row) return { kind: 'none' as const };
      if (row.status === 'running' && row.attempts >= row.maxAttempts) {
        // Its holder died during the last allowed attempt: nobody will finish it.
        await tx
          .update(jobs)
          .set({ status: 'dead', finishedAt: o.now, lockedBy: null, lockedAt: null, lastError: `Processus ${row.lockedBy ?? '?'} arrêté pendant la dernière tentative (bail expiré).` })
          .where(eq(jobs.id, row.id));
        return { kind: 'again' as const };
      }
      const [claimed] = await tx
        .update(jobs)
        .set({ status: 'running', attempts: row.attempts + 1, lockedBy: o.workerId, lockedAt: o.now })
        .where(eq(jobs.id, row.id))
        .returning();
      return { kind: 'claimed' as const, row: claimed! };
    });
    if (outcome.kind === 'none') return null;
    if (outcome.kind === 'claimed') return outcome.row;
  }
}

export type TRunSummary = { succeeded: number; retried: number; dead: number };

/** Runs every job due at the clock's now (up to `limit`), then returns what happened. */
export async function runDueJobs(o: TRunnerOptions): Promise<TRunSummary> {
  const workerId = o.workerId ?? defaultWorkerId();
  const limit = o.limit ?? 100;
  const summary: TRunSummary = { succeeded: 0, retried: 0, dead: 0 };
  if (o.recurring?.length) await scheduleRecurring(o.db, o.clock.now(), o.recurring);
  let taken = 0;
  const lane = async () => {
    while (taken < limit) {
      const job = await claimNextJob({ db: o.db, now: o.clock.now(), workerId, leaseMs: o.leaseMs });
      if (!job) return;
      taken++;
      summary[await runOne(o, workerId, job)]++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 1) }, lane));
  return summary;
}

async function runOne(o: TRunnerOptions, workerId: string, job: TJobRow): Promise<keyof TRunSummary> {
  const definition = o.handlers[job.kind as TJobKind];
  const leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
  // A long job (a solver) renews its lease so that no other runner takes it while it is alive.
  const heartbeat = setInterval(() => {
    void o.db
      .update(jobs)
      .set({ lockedAt: o.clock.now() })
      .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)))
      .catch(() => {});
  }, Math.max(1000, leaseMs / 3));
  heartbeat.unref();
  try {
    if (!definition) throw new PermanentJobError(`Type de tâche inconnu : ${job.kind}`);
    const result = await definition.run(job.payload, {
      db: o.db,
      clock: o.clock,
      logger: o.logger,
      baseUrl: o.baseUrl,
      jobId: job.id,
      attempt: job.attempts,
    });
    await o.db
      .update(jobs)
      .set({ status: 'succeeded', finishedAt: o.clock.now(), result: result ?? null, lockedBy: null, lockedAt: null })
      .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
    return 'succeeded';
  } catch (error) {
    const now = o.clock.now();
    const next = afterFailure(job, now, definition?.backoff, error instanceof PermanentJobError);
    o.logger.warn('job failed', { jobId: job.id, kind: job.kind, attempt: job.attempts, error: errorText(error), next: next.status });
    await o.db
      .update(jobs)
      .set({
        status: next.status,
        lastError: errorText(error),
        lockedBy: null,
        lockedAt: null,
        ...(next.status === 'pending' ? { runAt: next.runAt } : { finishedAt: now }),
      })
      .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
    return next.status === 'dead' ? 'dead' : 'retried';
  } finally {
    clearInterval(heartbeat);
  }
}

/** One job per period and kind, whatever the number of runners (the slot is the dedupe key). */
export async function scheduleRecurring(db: TDb, now: Date, recurring: TRecurringJob[]) {
  for (const r of recurring) {
    const slot = recurringSlot(r.kind, r.everyMs, now);
    await enqueueJob(db, { kind: r.kind, payload: r.payload ?? {}, runAt: slot.runAt, dedupeKey: slot.key, maxAttempts: 3 });
  }
}

/**
 * The loop of a server process: run what is due, sleep `pollMs`, again. `stop()` lets the jobs in
 * hand finish (a job cut mid-way would be taken again after its lease anyway) and resolves.
 */
export function startJobRunner(o: TRunnerOptions & { pollMs?: number }) {
  const workerId = o.workerId ?? defaultWorkerId();
  const pollMs = o.pollMs ?? 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      try {
        await runDueJobs({ ...o, workerId });
      } catch (error) {
        o.logger.error('job runner error', { error: errorText(error) });
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, pollMs);
      });
    }
  })();
  return {
    workerId,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wakeUp?.();
      await loop;
    },
  };
}
