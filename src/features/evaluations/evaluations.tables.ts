/**
 * Marks (decision 024). A mark is never changed: every entry or correction is a new dated, attributed
 * row with its reason, the current reading is the latest (`seq`) of its learner × assessment × reading,
 * and the database refuses UPDATE, DELETE and TRUNCATE on the marks, the releases and the bloc-rule
 * settings (migration 0016). Markers are assigned per promotion and assessment by its responsable.
 */
import { boolean, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.tables.js';
import { cohortLearners, cohorts } from '../cohorts/cohorts.tables.js';
import { certificationVersions } from '../referentiel/referentiel.tables.js';
import type { TBlocRule } from '../referentiel/evaluation-plan.schema.js';

export const MARKER_ROLE_VALUES = ['marker', 'third_reader'] as const;
export type TMarkerRole = (typeof MARKER_ROLE_VALUES)[number];

/** Who marks an assessment in a promotion: markers (first and second readings) and third readers. */
export const evaluationMarkers = pgTable(
  'evaluation_markers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    /** Id of the assessment in the promotion's version plan. */
    assessmentId: text('assessment_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    role: text('role', { enum: MARKER_ROLE_VALUES }).notNull(),
    assignedBy: text('assigned_by').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('evaluation_markers_uq').on(t.cohortId, t.assessmentId, t.userId, t.role)],
);

/** One reading of one learner's assessment, as entered: append-only. */
export const evaluationMarks = pgTable(
  'evaluation_marks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id').notNull(),
    learnerId: text('learner_id').notNull(),
    assessmentId: text('assessment_id').notNull(),
    /** 1 (single marking, or first reader), 2 (second reader), 3 (third reading). */
    reading: integer('reading').notNull(),
    /** 1, 2… per learner × assessment × reading: the latest is the current reading; two writers race on its unique key. */
    seq: integer('seq').notNull(),
    /** Hundredths of a point out of 20 (12,5/20 = 1250); null on an acquis / non acquis scale. */
    markCenti: integer('mark_centi'),
    passed: boolean('passed'),
    /** The rubric's level per criterion, when the assessment has one. */
    levels: jsonb('levels').$type<Record<string, string>>(),
    /** Why the reading changed (required from the second entry on). */
    reason: text('reason'),
    /** The marker's remarks on this reading (a jury member's on the soutenance). */
    comment: text('comment'),
    /**
     * The jury case whose voting seat authorised this reading, when it was entered from the jury's space
     * (decision 026); null for an assigned marker's. Not a foreign key: evaluations does not depend on juries.
     */
    juryCaseId: uuid('jury_case_id'),
    supersedesId: uuid('supersedes_id'),
    enteredBy: text('entered_by').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('evaluation_marks_seq_uq').on(t.cohortId, t.learnerId, t.assessmentId, t.reading, t.seq),
    index('evaluation_marks_cohort_idx').on(t.cohortId, t.assessmentId),
    foreignKey({ name: 'evaluation_marks_cohort_learner_fk', columns: [t.cohortId, t.learnerId], foreignColumns: [cohortLearners.cohortId, cohortLearners.userId] }),
  ],
);

/** An assessment's marks released to the promotion's learners, once: append-only. */
export const evaluationReleases = pgTable(
  'evaluation_releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    assessmentId: text('assessment_id').notNull(),
    releasedBy: text('released_by').notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('evaluation_releases_uq').on(t.cohortId, t.assessmentId)],
);

/** A responsable's setting of a bloc's rule (the version file gives the default): append-only, the latest holds. */
export const blocRuleSettings = pgTable(
  'bloc_rule_settings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => certificationVersions.id, { onDelete: 'restrict' }),
    blocCode: text('bloc_code').notNull(),
    seq: integer('seq').notNull(),
    rule: jsonb('rule').$type<TBlocRule>().notNull(),
    reason: text('reason').notNull(),
    setBy: text('set_by').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('bloc_rule_settings_seq_uq').on(t.versionId, t.blocCode, t.seq)],
);
