/**
 * The learner's workspace (decision 023): the journal of the autobiographie raisonnée
 * (`journal_entries`, private until shared, `read_at` set when a teacher first reads a shared entry)
 * and the log of time spent on the mémoire (`thesis_time_logs`).
 */
import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../auth/auth.tables.js';
import { cohortLearners, cohorts } from '../../cohorts/cohorts.tables.js';

export const journalEntries = pgTable(
  'journal_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Null while private to the learner. */
    sharedAt: timestamp('shared_at', { withTimezone: true }),
    /** When a teacher first read it once shared: from then on it stays shared and unchanged. */
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    foreignKey({ name: 'journal_entries_cohort_learner_fk', columns: [t.cohortId, t.learnerId], foreignColumns: [cohortLearners.cohortId, cohortLearners.userId] }).onDelete('restrict'),
    index('journal_entries_learner_idx').on(t.learnerId, t.cohortId, t.createdAt),
    check('journal_entries_read_shared_ck', sql`${t.readAt} IS NULL OR ${t.sharedAt} IS NOT NULL`),
  ],
);

export const thesisTimeLogs = pgTable(
  'thesis_time_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** A calendar day (Paris). */
    workedOn: date('worked_on').notNull(),
    minutes: integer('minutes').notNull(),
    activity: text('activity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    foreignKey({ name: 'thesis_time_logs_cohort_learner_fk', columns: [t.cohortId, t.learnerId], foreignColumns: [cohortLearners.cohortId, cohortLearners.userId] }).onDelete('restrict'),
    index('thesis_time_logs_learner_idx').on(t.learnerId, t.cohortId, t.workedOn),
    check('thesis_time_logs_minutes_ck', sql`${t.minutes} > 0 AND ${t.minutes} <= 1440`),
  ],
);
