/**
 * The calendar of a promotion: residencies (regroupements: blocks of days on site, remote days,
 * soutenance days), the sessions inside them with their teachers, and the secret iCalendar feeds.
 */
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, date } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../auth/auth.tables.js';
import { cohorts } from '../cohorts/cohorts.tables.js';
import { RESIDENCY_KIND_VALUES, SESSION_TYPE_VALUES } from '../../shared/vocabulary/calendar.js';
import { SCHOOL_ZONE_VALUES } from '../../shared/vocabulary/centres.js';

export const RESIDENCY_KINDS = RESIDENCY_KIND_VALUES;
export type TResidencyKind = (typeof RESIDENCY_KINDS)[number];

export const residencies = pgTable(
  'residencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: RESIDENCY_KINDS }).notNull(),
    label: text('label').notNull(),
    /** The calendar dates (YYYY-MM-DD), sorted; not always consecutive once edited (split, added day). */
    days: jsonb('days').$type<string[]>().notNull(),
    /** First and last day, kept with `days` for ordering and range queries. */
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('residencies_cohort_idx').on(t.cohortId, t.startsOn)],
);

export const SESSION_TYPES = SESSION_TYPE_VALUES;
export type TSessionType = (typeof SESSION_TYPES)[number];

export const calendarSessions = pgTable(
  'calendar_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    residencyId: uuid('residency_id')
      .notNull()
      .references(() => residencies.id, { onDelete: 'restrict' }),
    type: text('type', { enum: SESSION_TYPES }).notNull(),
    title: text('title').notNull(),
    room: text('room'),
    remoteUrl: text('remote_url'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** iCalendar SEQUENCE: incremented on every change so subscribed calendars update the event. */
    sequence: integer('sequence').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('calendar_sessions_cohort_idx').on(t.cohortId, t.startsAt), index('calendar_sessions_starts_idx').on(t.startsAt)],
);

export const sessionTeachers = pgTable(
  'calendar_session_teachers',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => calendarSessions.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('calendar_session_teachers_user_idx').on(t.userId)],
);

export const FEED_SCOPES = ['cohort', 'learner', 'teacher'] as const;
export type TFeedScope = (typeof FEED_SCOPES)[number];

/** A secret feed URL. Only the SHA-256 of the token is kept; revoking sets `revokedAt`. */
export const calendarFeeds = pgTable('calendar_feeds', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  scope: text('scope', { enum: FEED_SCOPES }).notNull(),
  cohortId: uuid('cohort_id').references(() => cohorts.id, { onDelete: 'cascade' }),
  /** The learner or teacher the feed follows (null for a promotion feed). */
  userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/**
 * School holidays per zone, from the Education ministry's calendar (dataset fr-en-calendrier-scolaire):
 * the initial load (1990 to the 2025/2026 school year, migration 0006) and what an administrator
 * imports since. `firstDay`/`lastDay` are the first and last days off (Paris calendar dates); an
 * import replaces the school years it covers, zone by zone.
 */
export const schoolHolidays = pgTable(
  'school_holidays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    zone: text('zone', { enum: SCHOOL_ZONE_VALUES }).notNull(),
    name: text('name').notNull(),
    firstDay: date('first_day').notNull(),
    lastDay: date('last_day').notNull(),
    /** « 2026-2027 »: the school year the period belongs to. */
    schoolYear: text('school_year').notNull(),
    /** Where the period comes from: « chargement initial » or the imported file's name. */
    source: text('source').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('school_holidays_zone_first_day_idx').on(t.zone, t.firstDay),
    index('school_holidays_zone_year_idx').on(t.zone, t.schoolYear),
    check('school_holidays_zone_check', sql`${t.zone} IN ('A', 'B', 'C')`),
    check('school_holidays_days_check', sql`${t.lastDay} >= ${t.firstDay}`),
  ],
);

/**
 * Corrections of a signed session's times (docs/decisions/012-signed-session-corrections.md): who,
 * when, why, from what to what. The only path by which the times of a session with attendance
 * change: the trigger movsc_session_times_frozen lets an update through when a correction to exactly
 * those times was recorded in the same transaction (`txid`). Append-only (movsc_refuse_change).
 */
export const sessionTimeCorrections = pgTable(
  'session_time_corrections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => calendarSessions.id, { onDelete: 'restrict' }),
    beforeStartsAt: timestamp('before_starts_at', { withTimezone: true }).notNull(),
    beforeEndsAt: timestamp('before_ends_at', { withTimezone: true }).notNull(),
    afterStartsAt: timestamp('after_starts_at', { withTimezone: true }).notNull(),
    afterEndsAt: timestamp('after_ends_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    correctedBy: text('corrected_by').notNull(),
    correctedByName: text('corrected_by_name').notNull(),
    correctedAt: timestamp('corrected_at', { withTimezone: true }).notNull(),
    /** The transaction that recorded it: the trigger accepts the new times only from that transaction. */
    txid: bigint('txid', { mode: 'number' }).notNull().default(sql`txid_current()`),
  },
  (t) => [index('session_time_corrections_session_idx').on(t.sessionId, t.correctedAt), check('session_time_corrections_reason_check', sql`length(trim(${t.reason})) >= 10`)],
);
