/** Runs the background jobs due at the test's clock, with the application's handlers, as the server's runner would. */
import { runDueJobs, type TJobHandlers } from '../../src/features/jobs/jobs.runner.js';
import { createLogger } from '../../src/http/logger.js';
import { JOB_HANDLERS, RECURRING_JOBS } from '../../src/job-handlers.js';
import type { TTestContext } from './context.js';

export const TEST_BASE_URL = 'http://localhost:3000';

export function runJobs(t: Pick<TTestContext, 'db' | 'clock'>, o: { handlers?: TJobHandlers; workerId?: string; recurring?: boolean } = {}) {
  return runDueJobs({
    db: t.db,
    clock: t.clock,
    handlers: o.handlers ?? JOB_HANDLERS,
    recurring: o.recurring ? RECURRING_JOBS : undefined,
    logger: createLogger('silent'),
    baseUrl: TEST_BASE_URL,
    workerId: o.workerId ?? 'test-runner',
  });
}
