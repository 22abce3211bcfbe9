/**
 * Ateliers mémoire of a promotion (docs/decisions/020-atelier-groups.md): what was declared (wishes,
 * pairs, leaders' capacities), the optimiser's proposals, the current groups and their members, and the
 * append-only, hash-chained history of every change of group (migration 0010's triggers refuse any
 * change to it: a change of group is an explicit act, dated, attributed and with a reason).
 */
import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordChainColumns } from '../../../db/record-chain.js';
import { users } from '../../auth/auth.tables.js';
import { cohortLearners, cohorts } from '../../cohorts/cohorts.tables.js';
import { jobs } from '../../jobs/jobs.tables.js';
import { ATELIER_CHANGE_KIND_VALUES, ATELIER_PAIR_KIND_VALUES, ATELIER_PROPOSAL_STATUS_VALUES } from '../../../shared/vocabulary/ateliers.js';
import type { TGroupingInput, TGroupingResult } from './ateliers.input.js';

/** A learner's wish for a leader and/or a theme (one row per learner and promotion). */
export const atelierWishes = pgTable(
  'atelier_wishes',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** A teacher of the promotion. */
    wishedLeaderId: text('wished_leader_id').references(() => users.id, { onDelete: 'restrict' }),
    wishedTheme: text('wished_theme'),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'atelier_wishes_pk', columns: [t.cohortId, t.learnerId] }),
    foreignKey({ name: 'atelier_wishes_cohort_learner_fk', columns: [t.cohortId, t.learnerId], foreignColumns: [cohortLearners.cohortId, cohortLearners.userId] }).onDelete('restrict'),
  ],
);

/** Two learners who must not share a group (colleagues of one organisation), or who asked to be together. Stored with learnerA < learnerB. */
export const atelierPairs = pgTable(
  'atelier_pairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: ATELIER_PAIR_KIND_VALUES }).notNull(),
    learnerA: text('learner_a').notNull(),
    learnerB: text('learner_b').notNull(),
    reason: text('reason'),
    declaredBy: text('declared_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('atelier_pairs_uq').on(t.cohortId, t.learnerA, t.learnerB),
    check('atelier_pairs_ordered', sql`${t.learnerA} < ${t.learnerB}`),
    foreignKey({ name: 'atelier_pairs_a_fk', columns: [t.cohortId, t.learnerA], foreignColumns: [cohortLearners.cohortId, cohortLearners.userId] }).onDelete('restrict'),
    foreignKey({ name: 'atelier_pairs_b_fk', columns: [t.cohortId, t.learnerB], foreignColumns: [cohortLearners.cohortId, cohortLearners.userId] }).onDelete('restrict'),
  ],
);

/**
 * A leader's capacity and themes in a promotion. The leaders available are the teachers of the
 * promotion (cohort_staff, role enseignant); one without a row here leads at most one group.
 */
export const atelierLeaders = pgTable(
  'atelier_leaders',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    leaderId: text('leader_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    maxGroups: integer('max_groups').notNull().default(1),
    themes: jsonb('themes').$type<string[]>().notNull().default([]),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'atelier_leaders_pk', columns: [t.cohortId, t.leaderId] }), check('atelier_leaders_max_groups', sql`${t.maxGroups} between 0 and 50`)],
);

/** A run of the optimiser for a promotion: the inputs as they were, the job, then the result. */
export const atelierProposals = pgTable(
  'atelier_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    jobId: uuid('job_id').references(() => jobs.id, { onDelete: 'set null' }),
    status: text('status', { enum: ATELIER_PROPOSAL_STATUS_VALUES }).notNull().default('queued'),
    /** The optimiser's input, built from the declarations and the current groups when asked. */
    input: jsonb('input').$type<TGroupingInput>().notNull(),
    timeLimitSeconds: integer('time_limit_seconds').notNull(),
    /** How many group changes the promotion had when the input was taken: accepting needs it unchanged. */
    basedOnChanges: integer('based_on_changes').notNull(),
    result: jsonb('result').$type<TGroupingResult>(),
    objective: real('objective'),
    bound: real('bound'),
    gap: real('gap'),
    solveMs: integer('solve_ms'),
    error: text('error'),
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    acceptedBy: text('accepted_by'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [index('atelier_proposals_cohort_idx').on(t.cohortId, t.requestedAt)],
);

/** A current atelier group of a promotion; a group no longer continued has `endedAt` set. */
export const atelierGroups = pgTable(
  'atelier_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    /** Groupe 1, 2…: unique among the promotion's groups, never reused. */
    number: integer('number').notNull(),
    leaderId: text('leader_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    proposalId: uuid('proposal_id').references(() => atelierProposals.id, { onDelete: 'restrict' }),
    since: timestamp('since', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [unique('atelier_groups_cohort_number_uq').on(t.cohortId, t.number), index('atelier_groups_leader_idx').on(t.leaderId)],
);

/** Who is in which current group: a learner is in at most one group of a promotion. */
export const atelierMembers = pgTable(
  'atelier_members',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    learnerId: text('learner_id').notNull(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => atelierGroups.id, { onDelete: 'restrict' }),
    since: timestamp('since', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'atelier_members_pk', columns: [t.cohortId, t.learnerId] }),
    index('atelier_members_group_idx').on(t.groupId),
    foreignKey({ name: 'atelier_members_cohort_learner_fk', columns: [t.cohortId, t.learnerId], foreignColumns: [cohortLearners.cohortId, cohortLearners.userId] }).onDelete('restrict'),
  ],
);

/** Every change of group, append-only and chained per promotion (decision 006). */
export const atelierMembershipEvents = pgTable(
  'atelier_membership_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    learnerId: text('learner_id').notNull(),
    /** Null: the learner had no group. */
    fromGroupId: uuid('from_group_id'),
    /** Null: the learner leaves the groups (withdrawn from the promotion). */
    toGroupId: uuid('to_group_id'),
    kind: text('kind', { enum: ATELIER_CHANGE_KIND_VALUES }).notNull(),
    proposalId: uuid('proposal_id'),
    reason: text('reason').notNull(),
    /** The application clock's instant. */
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: text('actor_id').notNull(),
    actorLabel: text('actor_label').notNull(),
    ...recordChainColumns(),
  },
  (t) => [
    index('atelier_membership_events_learner_idx').on(t.cohortId, t.learnerId, t.at),
    uniqueIndex('atelier_membership_events_chain_uq').on(t.cohortId, t.chainSeq),
  ],
);
