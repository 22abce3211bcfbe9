/**
 * Declared conflicts of interest: a member of staff states that they cannot act impartially on the
 * files of one person (a relative, a colleague of the same organisation…). From then on no policy lets
 * them instruct, decide, fund, grade, deliberate or sit on a jury for that person.
 */
import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.tables.js';

export const conflictDeclarations = pgTable(
  'conflict_declarations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The person who steps aside. */
    declarantId: text('declarant_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** The person whose files the declarant no longer acts on. */
    subjectUserId: text('subject_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    reason: text('reason').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('conflict_declarations_pair_uq').on(t.declarantId, t.subjectUserId), index('conflict_declarations_subject_idx').on(t.subjectUserId)],
);
