/**
 * The mémoire record of a learner in a promotion (`theses`) and the append-only history of its states
 * (`thesis_events`, hash-chained per record like the other registers: decision 006). The database
 * refuses any change to the history (migration 0009's triggers), so a state is never silently rewritten.
 */
import { foreignKey, index, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordChainColumns } from '../../db/record-chain.js';
import { users } from '../auth/auth.tables.js';
import { cohortLearners, cohorts } from '../cohorts/cohorts.tables.js';
import { THESIS_GENRE_VALUES, THESIS_KIND_VALUES, THESIS_STATE_VALUES } from '../../shared/vocabulary/memoire.js';

export const theses = pgTable(
  'theses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** Null until the learner chooses. */
    kind: text('kind', { enum: THESIS_KIND_VALUES }),
    genre: text('genre', { enum: THESIS_GENRE_VALUES }),
    /** Working title. */
    title: text('title'),
    question: text('question'),
    /** The organisation the mémoire is about (where one works, or the one planned). */
    organisation: text('organisation'),
    /** A teacher of the promotion, named by its staff. */
    supervisorId: text('supervisor_id').references(() => users.id, { onDelete: 'restrict' }),
    state: text('state', { enum: THESIS_STATE_VALUES }).notNull().default('project'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One record per learner and promotion, and only for a learner enrolled in it.
    unique('theses_cohort_learner_uq').on(t.cohortId, t.learnerId),
    foreignKey({ name: 'theses_cohort_learner_fk', columns: [t.cohortId, t.learnerId], foreignColumns: [cohortLearners.cohortId, cohortLearners.userId] }).onDelete('restrict'),
    index('theses_supervisor_idx').on(t.supervisorId),
  ],
);

export const thesisEvents = pgTable(
  'thesis_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    thesisId: uuid('thesis_id')
      .notNull()
      .references(() => theses.id, { onDelete: 'restrict' }),
    /** The application clock's instant, not the database's. */
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: text('actor_id').notNull(),
    actorLabel: text('actor_label').notNull(),
    /** Null for the record's creation. */
    fromState: text('from_state', { enum: THESIS_STATE_VALUES }),
    toState: text('to_state', { enum: THESIS_STATE_VALUES }).notNull(),
    note: text('note'),
    ...recordChainColumns(),
  },
  (t) => [index('thesis_events_thesis_idx').on(t.thesisId, t.at), uniqueIndex('thesis_events_chain_uq').on(t.thesisId, t.chainSeq)],
);
