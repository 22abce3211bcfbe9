/**
 * Juries (decision 026): the people who may sit (`jury_members`: Cnam teachers, professionals,
 * the administrateur général or their representative), the juries a promotion constitutes for a session
 * and a route (`juries`), who sits on each (`jury_seats`, the member's kind as it was when seated) and
 * which learners' files each examines (`jury_cases`). Conflicts of interest are the declarations of
 * `conflict_declarations` (the conflicts feature), which every policy reads.
 */
import { boolean, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.tables.js';
import { cohorts } from '../cohorts/cohorts.tables.js';
import { JURY_MEMBER_KIND_VALUES, JURY_ROUTE_VALUES, SUPERVISOR_RULE_VALUES } from '../../shared/vocabulary/juries.js';

export const juryMembers = pgTable('jury_members', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'restrict' }),
  kind: text('kind', { enum: JURY_MEMBER_KIND_VALUES }).notNull(),
  /** Where a professional works or worked (002: « organismes à vocation sociale ou culturelle »); a teacher's institution. */
  organisation: text('organisation'),
  /** May stand for the responsable pédagogique of the title (VAE juries must include them, 002). */
  representsResponsable: boolean('represents_responsable').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: text('created_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const juries = pgTable(
  'juries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    /** « Soutenances de juin 2026 ». */
    label: text('label').notNull(),
    route: text('route', { enum: JURY_ROUTE_VALUES }).notNull(),
    supervisorRule: text('supervisor_rule', { enum: SUPERVISOR_RULE_VALUES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** Set when the composition was checked valid for every case; cleared by any change of seats or cases. */
    constitutedAt: timestamp('constituted_at', { withTimezone: true }),
    constitutedBy: text('constituted_by'),
  },
  (t) => [index('juries_cohort_idx').on(t.cohortId)],
);

export const jurySeats = pgTable(
  'jury_seats',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    juryId: uuid('jury_id')
      .notNull()
      .references(() => juries.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: JURY_MEMBER_KIND_VALUES }).notNull(),
    representsResponsable: boolean('represents_responsable').notNull().default(false),
    president: boolean('president').notNull().default(false),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('jury_seats_member_uq').on(t.juryId, t.userId), index('jury_seats_user_idx').on(t.userId)],
);

export const juryCases = pgTable(
  'jury_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    juryId: uuid('jury_id')
      .notNull()
      .references(() => juries.id, { onDelete: 'cascade' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('jury_cases_learner_uq').on(t.juryId, t.learnerId), index('jury_cases_learner_idx').on(t.learnerId)],
);
