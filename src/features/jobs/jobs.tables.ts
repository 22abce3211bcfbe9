import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { JOB_STATUS_VALUES } from '../../shared/vocabulary/jobs.js';

/**
 * Background jobs, in the database itself so that a job enqueued inside a use case's transaction
 * (an outbox) commits or rolls back with it, and several app processes on one PostgreSQL share the
 * queue (`FOR UPDATE SKIP LOCKED`). See docs/decisions/008-job-runner.md.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    status: text('status', { enum: JOB_STATUS_VALUES }).notNull().default('pending'),
    /** Not before this instant; null = as soon as possible (an enqueuer needs no clock for that). */
    runAt: timestamp('run_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lastError: text('last_error'),
    /** The runner holding the job, and since when: a lease that another runner takes over once expired. */
    lockedBy: text('locked_by'),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    result: jsonb('result').$type<unknown>(),
    /** At most one job per key, ever (recurring slots, "send this once"). */
    dedupeKey: text('dedupe_key').unique('jobs_dedupe_key_unique'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The claim query reads only unfinished jobs.
    index('jobs_due_idx').on(t.runAt).where(sql`status in ('pending', 'running')`),
    index('jobs_list_idx').on(t.status, t.kind, t.createdAt),
  ],
);
