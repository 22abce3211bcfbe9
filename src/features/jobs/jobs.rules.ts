/** Pure rules of the job runner: when a failed job is tried again, when a lease has expired. */

export type TBackoff = { baseMs: number; maxMs: number };

export const DEFAULT_BACKOFF: TBackoff = { baseMs: 30_000, maxMs: 60 * 60_000 };

/**
 * Exponential back-off: after the n-th failed attempt (n ≥ 1) wait base × 2^(n-1), capped. No jitter:
 * runners claim with SKIP LOCKED, so a herd of retries is spread over the runners anyway, and tests
 * can state the exact instant.
 */
export function backoffDelayMs(failedAttempts: number, backoff: TBackoff = DEFAULT_BACKOFF): number {
  const n = Math.max(1, failedAttempts);
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** (n - 1));
}

/** What becomes of a job whose attempt failed. */
export function afterFailure(
  job: { attempts: number; maxAttempts: number },
  now: Date,
  backoff: TBackoff = DEFAULT_BACKOFF,
  permanent = false,
): { status: 'pending'; runAt: Date } | { status: 'dead' } {
  if (permanent || job.attempts >= job.maxAttempts) return { status: 'dead' };
  return { status: 'pending', runAt: new Date(now.getTime() + backoffDelayMs(job.attempts, backoff)) };
}

/** The key of the slot a recurring job occupies at `now` (one job per slot, ever). */
export function recurringSlot(kind: string, everyMs: number, now: Date): { key: string; runAt: Date } {
  const slot = Math.floor(now.getTime() / everyMs);
  return { key: `recurring:${kind}:${slot}`, runAt: new Date(slot * everyMs) };
}

/** A short, single-line error text for the job list (stack traces go to the log). */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 1000) || 'Erreur sans message';
}
