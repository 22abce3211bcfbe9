/**
 * Candidatures: the application file, its documents, and its append-only history (every transition,
 * decision with its reason, private note and registration step is one dated event row).
 */
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.tables.js';
import { centres } from '../centres/centres.tables.js';
import { cohorts } from '../cohorts/cohorts.tables.js';
import { documents } from '../documents/documents.tables.js';
import { certificationVersions } from '../referentiel/referentiel.tables.js';
import { recordChainColumns } from '../../db/record-chain.js';
import type { TDiploma, TEligibility, TExperience } from './admissions.rules.js';
import { APPLICATION_STATUS_VALUES } from '../../shared/vocabulary/admissions.js';
import { FUNDING_KIND_VALUES } from '../../shared/vocabulary/funding.js';

/** Démarches simplifiées' states, plus « à corriger » when the file goes back to the applicant. */
export const APPLICATION_STATUSES = APPLICATION_STATUS_VALUES;
export type TApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const SITUATIONS = ['employee', 'self_employed', 'job_seeker', 'volunteer'] as const;
export type TSituation = (typeof SITUATIONS)[number];

export const FUNDING_INTENTS = FUNDING_KIND_VALUES;
export type TFundingIntent = (typeof FUNDING_INTENTS)[number];

/** After acceptance: none → form sent (pending) → complete (learner) or waiting (promotion full). */
export const REGISTRATION_STATUSES = ['none', 'pending', 'waiting', 'complete'] as const;
export type TRegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export type TRegistrationForm = {
  address: string;
  postalCode: string;
  city: string;
  phone: string;
  employerName?: string | null;
  jobSeeker: boolean;
  acceptsRules: boolean;
};

export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human reference, e.g. C-2026-00042. */
    reference: text('reference').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    centreId: uuid('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'restrict' }),
    certificationVersionId: uuid('certification_version_id')
      .notNull()
      .references(() => certificationVersions.id, { onDelete: 'restrict' }),
    /**
     * The diploma (certification family) and the intake of the one-application rule: the year the
     * promotion applied for starts (docs/decisions/011-one-application-per-intake.md), not the year of filing.
     */
    family: text('family').notNull(),
    intakeYear: integer('intake_year').notNull(),
    identityKey: text('identity_key').notNull(),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('draft'),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    birthDate: date('birth_date').notNull(),
    email: text('email').notNull(),
    phone: text('phone').notNull().default(''),
    address: text('address').notNull().default(''),
    situation: text('situation', { enum: SITUATIONS }),
    fundingIntent: text('funding_intent', { enum: FUNDING_INTENTS }),
    project: text('project').notNull().default(''),
    diplomas: jsonb('diplomas').$type<TDiploma[]>().notNull().default([]),
    experiences: jsonb('experiences').$type<TExperience[]>().notNull().default([]),
    /** Computed by checkEligibility at every save; the verdict is a column for the commission's filter. */
    eligibility: jsonb('eligibility').$type<TEligibility>().notNull(),
    eligibilityVerdict: text('eligibility_verdict').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    registrationStatus: text('registration_status', { enum: REGISTRATION_STATUSES }).notNull().default('none'),
    registrationForm: jsonb('registration_form').$type<TRegistrationForm>(),
    /** Order on the promotion's waiting list (when its registration came back once the promotion was full). */
    waitingSince: timestamp('waiting_since', { withTimezone: true }),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One application per person, per diploma, per intake — enforced by the database too.
    unique('applications_identity_family_intake_uq').on(t.identityKey, t.family, t.intakeYear),
    index('applications_status_idx').on(t.status),
    index('applications_centre_idx').on(t.centreId),
    index('applications_cohort_idx').on(t.cohortId),
    index('applications_user_idx').on(t.userId),
    index('applications_filed_at_idx').on(t.filedAt),
  ],
);

export const APPLICATION_EVENT_KINDS = [
  'created',
  'filed',
  'review_started',
  'correction_requested',
  'accepted',
  'refused',
  'closed',
  'note',
  'registration_completed',
  'registration_waiting',
  'promoted_from_waiting_list',
] as const;
export type TApplicationEventKind = (typeof APPLICATION_EVENT_KINDS)[number];

/**
 * Append-only: never updated nor deleted (database triggers refuse it). A correction is a new event.
 * Chained per application (record_hash / prev_hash, computed by the database).
 */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'restrict' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    kind: text('kind', { enum: APPLICATION_EVENT_KINDS }).notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    /** The written reason of a decision, the text of a note or of a correction request. */
    text: text('text'),
    /** Private notes are for the staff; the applicant never sees them. */
    private: boolean('private').notNull().default(false),
    ...recordChainColumns(),
  },
  (t) => [
    index('application_events_application_idx').on(t.applicationId, t.at),
    uniqueIndex('application_events_chain_uq').on(t.applicationId, t.chainSeq),
  ],
);

export const APPLICATION_DOCUMENT_TYPES = ['cv', 'diploma', 'letter', 'other'] as const;
export type TApplicationDocumentType = (typeof APPLICATION_DOCUMENT_TYPES)[number];

export const applicationDocuments = pgTable(
  'application_documents',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'restrict' }),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'restrict' }),
    type: text('type', { enum: APPLICATION_DOCUMENT_TYPES }).notNull(),
    /** Removed from the file by the applicant (the document itself stays, for the history). */
    removed: boolean('removed').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('application_documents_uq').on(t.applicationId, t.documentId)],
);
