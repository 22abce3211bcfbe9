import { boolean, date, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { TCertificationVersion, TSkillBlock } from './referentiel.schema.js';

/**
 * One row per registered version of a certification. The whole validated file is kept in
 * `document` (the rule set is data); the columns repeat what lists sort and filter on.
 */
export const certificationVersions = pgTable('certification_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  family: text('family').notNull(),
  rncpNumber: text('rncp_number'),
  title: text('title').notNull(),
  registeredOn: date('registered_on').notNull(),
  expiresOn: date('expires_on').notNull(),
  accessClosed: boolean('access_closed').notNull().default(false),
  document: jsonb('document').$type<TCertificationVersion>().notNull(),
  contentHash: text('content_hash').notNull(),
  sourceFile: text('source_file').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  importedBy: text('imported_by'),
});

/** Blocs get their own rows (stable ids) because evaluations and validations will point at them. */
export const skillBlocks = pgTable(
  'skill_blocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => certificationVersions.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    franceCompetencesCode: text('france_competences_code'),
    title: text('title').notNull(),
    position: integer('position').notNull(),
    content: jsonb('content').$type<TSkillBlock>().notNull(),
  },
  (t) => [unique('skill_blocks_version_code_uq').on(t.versionId, t.code)],
);
