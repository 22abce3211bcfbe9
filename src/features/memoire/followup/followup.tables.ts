/**
 * Individual follow-up between residencies (decision 023): a learner's meeting requests to a teacher
 * who leads their atelier or supervises their mémoire (`mentoring_meetings`), the history of each
 * meeting's states (`mentoring_meeting_events`, append-only: the database refuses changes), and the
 * teacher's notes (`mentoring_notes`), each shared with the learner or private to its author.
 */
import { sql } from 'drizzle-orm';
import { bigserial, check, foreignKey, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../auth/auth.tables.js';
import { cohortLearners, cohorts } from '../../cohorts/cohorts.tables.js';
import { MEETING_ACTION_VALUES, MEETING_MODE_VALUES, MEETING_STATE_VALUES, NOTE_VISIBILITY_VALUES } from '../../../shared/vocabulary/followup.js';

export const mentoringMeetings = pgTable(
  'mentoring_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    learnerId: text('learner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    teacherId: text('teacher_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    subject: text('subject').notNull(),
    /** The mode asked for; `held_mode` is the one the meeting took. */
    mode: text('mode', { enum: MEETING_MODE_VALUES }).notNull(),
    /** ISO instants the learner proposed (1 to 3), latest round. */
    proposedTimes: jsonb('proposed_times').$type<string[]>().notNull(),
    state: text('state', { enum: MEETING_STATE_VALUES }).notNull(),
    /** The teacher's other time, while the learner has not answered it. */
    counterAt: timestamp('counter_at', { withTimezone: true }),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
    heldAt: timestamp('held_at', { withTimezone: true }),
    durationMinutes: integer('duration_minutes'),
    heldMode: text('held_mode', { enum: MEETING_MODE_VALUES }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    foreignKey({ name: 'mentoring_meetings_cohort_learner_fk', columns: [t.cohortId, t.learnerId], foreignColumns: [cohortLearners.cohortId, cohortLearners.userId] }).onDelete('restrict'),
    index('mentoring_meetings_teacher_idx').on(t.teacherId, t.state),
    index('mentoring_meetings_learner_idx').on(t.learnerId, t.cohortId),
    check('mentoring_meetings_held_ck', sql`${t.state} <> 'held' OR (${t.heldAt} IS NOT NULL AND ${t.durationMinutes} > 0 AND ${t.heldMode} IS NOT NULL)`),
  ],
);

export const mentoringMeetingEvents = pgTable(
  'mentoring_meeting_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order of writing: rows written in one act share their timestamp. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => mentoringMeetings.id, { onDelete: 'restrict' }),
    /** The application clock's instant. */
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: text('actor_id').notNull(),
    actorLabel: text('actor_label').notNull(),
    /** Null for the request itself. */
    action: text('action', { enum: MEETING_ACTION_VALUES }),
    fromState: text('from_state', { enum: MEETING_STATE_VALUES }),
    toState: text('to_state', { enum: MEETING_STATE_VALUES }).notNull(),
    /** A reason or a time, as shown to both parties (never a private note). */
    detail: text('detail'),
  },
  (t) => [index('mentoring_meeting_events_meeting_idx').on(t.meetingId, t.at)],
);

export const mentoringNotes = pgTable(
  'mentoring_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order of writing: rows written in one act share their timestamp. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => mentoringMeetings.id, { onDelete: 'restrict' }),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    visibility: text('visibility', { enum: NOTE_VISIBILITY_VALUES }).notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('mentoring_notes_meeting_idx').on(t.meetingId, t.createdAt)],
);
