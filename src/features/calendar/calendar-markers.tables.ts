/**
 * All-day markers of a promotion's calendar written by other features (the mémoire's milestones:
 * decision 022): the calendar and its iCalendar feeds show them without importing those features. The
 * writer keeps its markers in step in its own transaction (one row per `source` and `sourceId`).
 */
import { date, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { cohorts } from '../cohorts/cohorts.tables.js';

export const calendarMarkers = pgTable(
  'calendar_markers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    /** Who writes it, e.g. `thesis_milestone`. */
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    on: date('on').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('calendar_markers_source_uq').on(t.source, t.sourceId), index('calendar_markers_cohort_idx').on(t.cohortId, t.on)],
);
