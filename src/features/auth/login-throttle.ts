/**
 * Sign-in failures counted per account as well as per address (issue 9, item 11): eight attempts on
 * one account from eight addresses used to pass. After FREE_FAILURES failures in a row, each new
 * attempt on that account waits a delay that doubles with every failure (15 s, 30 s, 1 min… at most
 * 15 min): guessing slows to a crawl, yet the owner is never locked out by someone else for long. A
 * success clears the count. Stored in better-auth's rate_limits table under a key of our own (the
 * address is hashed: no e-mail in that table).
 */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '../../db/client.js';
import { rateLimits } from './auth.tables.js';

export const FREE_FAILURES = 5;
export const FIRST_DELAY_SECONDS = 15;
export const MAX_DELAY_SECONDS = 15 * 60;

/** Seconds an account waits before its next attempt, after `failures` failures in a row. */
export function accountDelaySeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

const keyOf = (email: string) => `account-sign-in:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;

/** Seconds left before this account may try again (0: now). */
export async function accountWaitSeconds(db: TDbOrTx, email: string, nowMs: number): Promise<number> {
  const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, keyOf(email)));
  if (!row) return 0;
  const until = row.lastRequest + accountDelaySeconds(row.count) * 1000;
  return until > nowMs ? Math.ceil((until - nowMs) / 1000) : 0;
}

export async function recordSignInFailure(db: TDbOrTx, email: string, nowMs: number): Promise<void> {
  const key = keyOf(email);
  await db
    .insert(rateLimits)
    .values({ id: key, key, count: 1, lastRequest: nowMs })
    .onConflictDoUpdate({ target: rateLimits.key, set: { count: sql`${rateLimits.count} + 1`, lastRequest: nowMs } });
}

export async function clearSignInFailures(db: TDbOrTx, email: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, keyOf(email)));
}

/** « 15 s », « 2 min », « 15 min ». */
export function waitWords(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}
