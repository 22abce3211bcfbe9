/**
 * Every kind of background job and the function that runs it, plus the jobs the runner schedules
 * itself. The server's runner and the tests use this one table (a new kind is one line here and one
 * in src/shared/vocabulary/jobs.ts).
 */
import { sendAccountLinkJob } from './features/accounts/accounts.jobs.js';
import { purgeStaleTokens } from './features/accounts/accounts.service.js';
import type { TJobHandlers, TRecurringJob } from './features/jobs/jobs.runner.js';
import { purgeFinishedJobs } from './features/jobs/jobs.service.js';
import { mailSendJob } from './features/mail/mail.service.js';
import { milestoneRemindersJob } from './features/memoire/milestones/milestones.service.js';
import { atelierProposeJob } from './features/memoire/ateliers/ateliers.job.js';
import { soutenancePlanJob } from './features/juries/soutenances/soutenances.job.js';

export const JOB_HANDLERS: TJobHandlers = {
  'mail.send': mailSendJob,
  'memoire.milestone_reminders': milestoneRemindersJob,
  'account.send_link': sendAccountLinkJob,
  'atelier.propose': atelierProposeJob,
  'soutenance.plan': soutenancePlanJob,
  'jobs.cleanup': {
    async run(_payload, ctx) {
      const now = ctx.clock.now();
      return { jobs: await purgeFinishedJobs(ctx.db, now), tokens: await purgeStaleTokens(ctx.db, now) };
    },
  },
};

export const RECURRING_JOBS: TRecurringJob[] = [{ kind: 'jobs.cleanup', everyMs: 24 * 3600_000 }, { kind: 'memoire.milestone_reminders', everyMs: 6 * 3600_000, payload: { reminderDays: [7, 1] } }];
