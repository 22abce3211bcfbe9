/**
 * Promotions (cohorts): a two-year group of learners at one centre, under one certification version.
 * The learners of a promotion are `cohort_learners` rows, created when a registration becomes final
 * (admissions) or by staff.
 */
import { boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.tables.js';
import { centres } from '../centres/centres.tables.js';
import { certificationVersions } from '../referentiel/referentiel.tables.js';
import { COHORT_STAFF_ROLE_VALUES } from '../../shared/vocabulary/roles.js';

/** One line of a promotion's price grid; amounts in integer euro cents. */
export type TPriceLine = {
  label: string;
  payer: 'third_party' | 'cpf' | 'personal' | 'agreement' | 'other';
  amountCents: number;
  period: 'programme' | 'year';
  /** Optional module lines (e.g. the cooperative module) are not part of the programme price. */
  optional?: boolean;
};

export const cohorts = pgTable(
  'cohorts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Promotion number: the 33rd opened in November 2024. */
    number: integer('number').notNull(),
    name: text('name').notNull(),
    centreId: uuid('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'restrict' }),
    certificationVersionId: uuid('certification_version_id')
      .notNull()
      .references(() => certificationVersions.id, { onDelete: 'restrict' }),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    capacity: integer('capacity').notNull(),
    priceGrid: jsonb('price_grid').$type<TPriceLine[]>().notNull().default([]),
    /** Attendance rate (percent) under which a learner is flagged. */
    attendanceAlertThreshold: integer('attendance_alert_threshold').notNull().default(80),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('cohorts_centre_number_uq').on(t.centreId, t.number)],
);

export const COHORT_STAFF_ROLES = COHORT_STAFF_ROLE_VALUES;

export const cohortStaff = pgTable(
  'cohort_staff',
  {
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    role: text('role', { enum: COHORT_STAFF_ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId, t.role] })],
);

export const LEARNER_STATUSES = ['enrolled', 'withdrawn', 'completed'] as const;

export const cohortLearners = pgTable(
  'cohort_learners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    status: text('status', { enum: LEARNER_STATUSES }).notNull().default('enrolled'),
    /** Job seekers must do an internship of at least 8 weeks (rule of the version). */
    jobSeeker: boolean('job_seeker').notNull().default(false),
    /** Main funder's name, for hours-per-funder reports (details live with the funding records). */
    funderLabel: text('funder_label'),
    /** The application that led here, when it came through admissions. */
    applicationId: uuid('application_id'),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('cohort_learners_cohort_user_uq').on(t.cohortId, t.userId)],
);
