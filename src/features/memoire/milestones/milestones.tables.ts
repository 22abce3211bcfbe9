/**
 * Milestones of the mémoire (decision 022): a due date per promotion and kind (set by its team), a row per
 * learner and kind when something is theirs (a due date of their own, done — when and by whom), and the
 * reminders sent, one row each, whose unique key makes each reminder go out once whatever the number of
 * runners.
 */
import { date, foreignKey, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { cohortLearners, cohorts } from '../../cohorts/cohorts.tables.js';
import { MILESTONE_KIND_VALUES } from '../../../shared/vocabulary/memoire-milestones.js';

export const thesisMilestones = pgTable(
  'thesis_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MILESTONE_KIND_VALUES }).notNull(),
    /** A calendar day (Europe/Paris): the milestone is due at the end of it. */
    dueOn: date('due_on').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('thesis_milestones_cohort_kind_uq').on(t.cohortId, t.kind)],
);

export const learnerMilestones = pgTable(
  'learner_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id').notNull(),
    learnerId: text('learner_id').notNull(),
    kind: text('kind', { enum: MILESTONE_KIND_VALUES }).notNull(),
    /** The learner's own due date, set by the team (an adjustment); null: the promotion's. */
    dueOn: date('due_on'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: text('done_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('learner_milestones_uq').on(t.cohortId, t.learnerId, t.kind),
    foreignKey({ name: 'learner_milestones_cohort_learner_fk', columns: [t.cohortId, t.learnerId], foreignColumns: [cohortLearners.cohortId, cohortLearners.userId] }).onDelete('cascade'),
  ],
);

export const milestoneReminders = pgTable(
  'milestone_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id').notNull(),
    learnerId: text('learner_id').notNull(),
    kind: text('kind', { enum: MILESTONE_KIND_VALUES }).notNull(),
    /** Which reminder (7 = a week before, 1 = the day before…). */
    daysBefore: integer('days_before').notNull(),
    /** The due date it announced: a milestone moved later gets its reminders again. */
    dueOn: date('due_on').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('milestone_reminders_once_uq').on(t.cohortId, t.learnerId, t.kind, t.daysBefore, t.dueOn),
    foreignKey({ name: 'milestone_reminders_cohort_learner_fk', columns: [t.cohortId, t.learnerId], foreignColumns: [cohortLearners.cohortId, cohortLearners.userId] }).onDelete('cascade'),
    index('milestone_reminders_learner_idx').on(t.learnerId),
  ],
);
