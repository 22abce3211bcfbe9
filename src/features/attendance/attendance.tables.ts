/**
 * Attendance (émargement): append-only records per session (a half-day) and learner. A correction is
 * a new record pointing at the one it supersedes, with its author and reason; nothing is updated
 * (database triggers refuse UPDATE, DELETE and TRUNCATE). Records are hash-chained per learner and
 * teachers' signatures per session (docs/decisions/006-record-chain.md).
 */
import { sql } from 'drizzle-orm';
import { date, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.tables.js';
import { calendarSessions } from '../calendar/calendar.tables.js';
import { cohorts } from '../cohorts/cohorts.tables.js';
import { documents } from '../documents/documents.tables.js';
import { recordChainColumns } from '../../db/record-chain.js';
import { ATTENDANCE_STATUS_VALUES, JUSTIFICATION_STATUS_VALUES } from '../../shared/vocabulary/attendance.js';

export const ATTENDANCE_STATUSES = ATTENDANCE_STATUS_VALUES;
export type TAttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const ATTENDANCE_METHODS = ['self', 'teacher', 'correction', 'justification'] as const;
export type TAttendanceMethod = (typeof ATTENDANCE_METHODS)[number];

export const attendanceRecords = pgTable(
  'attendance_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => calendarSessions.id, { onDelete: 'restrict' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    status: text('status', { enum: ATTENDANCE_STATUSES }).notNull(),
    method: text('method', { enum: ATTENDANCE_METHODS }).notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    reason: text('reason'),
    /** The record this one corrects; each record is corrected at most once (a linear history). */
    supersedesId: uuid('supersedes_id').references((): AnyPgColumn => attendanceRecords.id, { onDelete: 'restrict' }),
    /** Where a self-signature came from (address, browser), for an audit. */
    clientInfo: text('client_info'),
    ...recordChainColumns(),
  },
  (t) => [
    uniqueIndex('attendance_first_record_uq').on(t.sessionId, t.learnerId).where(sql`${t.supersedesId} is null`),
    uniqueIndex('attendance_supersedes_uq').on(t.supersedesId).where(sql`${t.supersedesId} is not null`),
    index('attendance_learner_idx').on(t.learnerId),
    uniqueIndex('attendance_records_chain_uq').on(t.learnerId, t.chainSeq),
  ],
);

/** The teacher's signature of a session's attendance list. */
export const attendanceTeacherSignatures = pgTable(
  'attendance_teacher_signatures',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => calendarSessions.id, { onDelete: 'restrict' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
    ...recordChainColumns(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), uniqueIndex('attendance_teacher_signatures_chain_uq').on(t.sessionId, t.chainSeq)],
);

export const JUSTIFICATION_STATUSES = JUSTIFICATION_STATUS_VALUES;
export type TJustificationStatus = (typeof JUSTIFICATION_STATUSES)[number];

export const absenceJustifications = pgTable(
  'absence_justifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date').notNull(),
    note: text('note').notNull().default(''),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'restrict' }),
    status: text('status', { enum: JUSTIFICATION_STATUSES }).notNull().default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('absence_justifications_cohort_idx').on(t.cohortId, t.learnerId)],
);
