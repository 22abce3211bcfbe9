/**
 * The public application form creates accounts: it is limited per client address, like sign-in, with
 * counters in the database (shared by every app process) — better-auth's own `rate_limits` table.
 */
import { sql } from 'drizzle-orm';
import type { TDbOrTx } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import { rateLimits } from '../auth/auth.tables.js';

export const START_LIMIT = { max: 10, windowSeconds: 600 };

export async function checkStartRateLimit(db: TDbOrTx, address: string | undefined, at: Date, limit = START_LIMIT): Promise<void> {
  const now = at.getTime();
  const key = `admissions-start:${address ?? 'inconnue'}`;
  const windowStart = now - limit.windowSeconds * 1000;
  // One statement: reset the window when it has passed, otherwise count one more attempt.
  const [row] = await db
    .insert(rateLimits)
    .values({ id: key, key, count: 1, lastRequest: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.lastRequest} < ${windowStart} then 1 else ${rateLimits.count} + 1 end`,
        lastRequest: sql`case when ${rateLimits.lastRequest} < ${windowStart} then ${now} else ${rateLimits.lastRequest} end`,
      },
    })
    .returning({ count: rateLimits.count });
  if ((row?.count ?? 0) > limit.max) {
    throw new AppError('RATE_LIMITED', 'Trop de candidatures envoyées depuis cette adresse : réessayez dans quelques minutes.');
  }
}


