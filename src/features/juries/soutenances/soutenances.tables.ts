/**
 * Soutenance sessions (decision 027): the days, slots, rooms and members' unavailability of a
 * promotion's defences (`soutenance_sessions`), the planner's runs over its constituted juries
 * (`soutenance_plan_runs`, like the ateliers' proposals: input snapshot, job, result), and the current
 * timetable (`soutenances`, one row per jury case), whose `sequence` is the iCalendar SEQUENCE that
 * every change of time or room raises, so that a convocation already sent is updated in the calendars.
 */
import { index, integer, jsonb, pgTable, real, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { cohorts } from '../../cohorts/cohorts.tables.js';
import { jobs } from '../../jobs/jobs.tables.js';
import { juries, juryCases } from '../juries.tables.js';
import type { TPlanInput, TPlanResult } from '../planner/planner.service.js';
import { SOUTENANCE_PLAN_STATUS_VALUES } from '../../../shared/vocabulary/juries.js';

export type TSessionDay = { date: string; slots: { start: string; end: string }[] };
export type TSessionRoom = { id: string; label: string; video: boolean };
export type TUnavailability = { userId: string; date: string; /** Indexes of the day's slots; absent: the whole day. */ slots?: number[] };

export const soutenanceSessions = pgTable(
  'soutenance_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    label: text('label').notNull(),
    /** The address given in the convocations. */
    place: text('place').notNull(),
    days: jsonb('days').$type<TSessionDay[]>().notNull(),
    rooms: jsonb('rooms').$type<TSessionRoom[]>().notNull(),
    unavailability: jsonb('unavailability').$type<TUnavailability[]>().notNull(),
    /** The constituted juries whose cases this session plans. */
    juryIds: jsonb('jury_ids').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** Raised by every change of the settings: a run computed on older settings cannot be accepted. */
    revision: integer('revision').notNull().default(0),
  },
  (t) => [index('soutenance_sessions_cohort_idx').on(t.cohortId)],
);

export const soutenancePlanRuns = pgTable(
  'soutenance_plan_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => soutenanceSessions.id, { onDelete: 'cascade' }),
    jobId: uuid('job_id').references(() => jobs.id, { onDelete: 'set null' }),
    status: text('status', { enum: SOUTENANCE_PLAN_STATUS_VALUES }).notNull().default('queued'),
    input: jsonb('input').$type<TPlanInput>().notNull(),
    /** The session's revision the input was taken from. */
    basedOnRevision: integer('based_on_revision').notNull(),
    timeLimitSeconds: integer('time_limit_seconds').notNull(),
    result: jsonb('result').$type<TPlanResult>(),
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
  (t) => [index('soutenance_plan_runs_session_idx').on(t.sessionId, t.requestedAt)],
);

export const soutenances = pgTable(
  'soutenances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => soutenanceSessions.id, { onDelete: 'cascade' }),
    juryId: uuid('jury_id')
      .notNull()
      .references(() => juries.id, { onDelete: 'restrict' }),
    juryCaseId: uuid('jury_case_id')
      .notNull()
      .references(() => juryCases.id, { onDelete: 'cascade' }),
    learnerId: text('learner_id').notNull(),
    date: text('date').notNull(),
    slotIndex: integer('slot_index').notNull(),
    start: text('start').notNull(),
    end: text('end').notNull(),
    roomId: text('room_id').notNull(),
    /** The voting members, then those present without a vote. */
    memberIds: jsonb('member_ids').$type<string[]>().notNull(),
    observerIds: jsonb('observer_ids').$type<string[]>().notNull(),
    /** iCalendar SEQUENCE: raised by every change of date, time or room. */
    sequence: integer('sequence').notNull().default(0),
    /** The sequence last sent in a convocation; null: never convened. */
    convokedSequence: integer('convoked_sequence'),
    convokedAt: timestamp('convoked_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [unique('soutenances_case_uq').on(t.juryCaseId), index('soutenances_session_idx').on(t.sessionId, t.date, t.start)],
);
