import { describe, expect, it } from 'vitest';
import { afterFailure, backoffDelayMs, recurringSlot } from './jobs.rules.js';

describe('back-off of a failed job', () => {
  it('waits 30 s, 1 min, 2 min, 4 min… after each failure, never more than an hour', () => {
    // Hard-coded table: base 30 s doubled per failure, capped at 3,600,000 ms.
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffDelayMs(n))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });

  it('abandons the job after its last allowed attempt, and at once for a permanent error', () => {
    const now = new Date('2026-03-10T09:00:00Z');
    expect(afterFailure({ attempts: 2, maxAttempts: 3 }, now)).toEqual({ status: 'pending', runAt: new Date('2026-03-10T09:01:00Z') });
    expect(afterFailure({ attempts: 3, maxAttempts: 3 }, now)).toEqual({ status: 'dead' });
    expect(afterFailure({ attempts: 1, maxAttempts: 3 }, now, undefined, true)).toEqual({ status: 'dead' });
  });

  it('gives one slot per period to a recurring job, the same for every runner', () => {
    const day = 24 * 3600_000;
    const a = recurringSlot('jobs.cleanup', day, new Date('2026-03-10T00:00:01Z'));
    const b = recurringSlot('jobs.cleanup', day, new Date('2026-03-10T23:59:59Z'));
    const c = recurringSlot('jobs.cleanup', day, new Date('2026-03-11T00:00:00Z'));
    expect(a.key).toBe(b.key);
    expect(c.key).not.toBe(a.key);
    expect(a.runAt.toISOString()).toBe('2026-03-10T00:00:00.000Z');
  });
});
