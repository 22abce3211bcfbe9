/**
 * Versions of a mémoire, their feedback and the frozen final deposit (issue 10, item 3; decision 021).
 *
 * Files are kept in the database in chunks of about 1 MB (`file_blobs` + `file_chunks`): every app
 * process on one PostgreSQL reads them, they survive restarts, a backup of the database holds them,
 * and an upload written in one transaction leaves nothing when it is refused or cut. Chunks are
 * append-only (migration 0011's triggers): a stored file never changes, so its SHA-256 stays true.
 */
import { sql } from 'drizzle-orm';
import { bigint, customType, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { theses } from '../memoire.tables.js';
import { THESIS_FILE_FORMAT_VALUES, THESIS_FILE_KIND_VALUES } from '../../../shared/vocabulary/memoire-versions.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** A stored file: its size, fingerprint and type, the content being in `file_chunks`. */
export const fileBlobs = pgTable('file_blobs', {
  id: uuid('id').primaryKey().defaultRandom(),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  sha256: text('sha256').notNull(),
  contentType: text('content_type').notNull(),
  chunkCount: integer('chunk_count').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** The content of a file, in order (`seq` from 0), about 1 MB a row. */
export const fileChunks = pgTable(
  'file_chunks',
  {
    blobId: uuid('blob_id')
      .notNull()
      .references(() => fileBlobs.id, { onDelete: 'restrict' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ name: 'file_chunks_pk', columns: [t.blobId, t.seq] })],
);

/**
 * A file deposited on a mémoire record: a numbered version (PDF, DOCX, ODT) or an annex (any office
 * format or PDF), the latter attached to a version or to the record itself.
 */
export const thesisFiles = pgTable(
  'thesis_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    thesisId: uuid('thesis_id')
      .notNull()
      .references(() => theses.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: THESIS_FILE_KIND_VALUES }).notNull(),
    /** 1, 2, 3… for versions; null for annexes. */
    number: integer('number'),
    /** The version an annex goes with (null: the annex belongs to the record). */
    versionId: uuid('version_id'),
    fileName: text('file_name').notNull(),
    /** Read from the content, never from the name. */
    format: text('format', { enum: THESIS_FILE_FORMAT_VALUES }).notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** PDFs: pages counted while the file streamed in (the final deposit counts them again with pdf-lib). */
    pageCount: integer('page_count'),
    blobId: uuid('blob_id')
      .notNull()
      .references(() => fileBlobs.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    foreignKey({ name: 'thesis_files_version_fk', columns: [t.versionId], foreignColumns: [t.id] }).onDelete('restrict'),
    uniqueIndex('thesis_files_number_uq').on(t.thesisId, t.number).where(sql`${t.kind} = 'version'`),
    index('thesis_files_thesis_idx').on(t.thesisId, t.createdAt),
  ],
);

/** An answer to a version: a comment and, in `thesis_change_requests`, the changes asked for. */
export const thesisFeedback = pgTable(
  'thesis_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    thesisId: uuid('thesis_id')
      .notNull()
      .references(() => theses.id, { onDelete: 'restrict' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => thesisFiles.id, { onDelete: 'restrict' }),
    authorId: text('author_id').notNull(),
    authorLabel: text('author_label').notNull(),
    comment: text('comment').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('thesis_feedback_version_idx').on(t.versionId, t.at)],
);

/** One change the supervisor asks for; the learner marks it done (and may undo). */
export const thesisChangeRequests = pgTable(
  'thesis_change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    feedbackId: uuid('feedback_id')
      .notNull()
      .references(() => thesisFeedback.id, { onDelete: 'restrict' }),
    thesisId: uuid('thesis_id')
      .notNull()
      .references(() => theses.id, { onDelete: 'restrict' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: text('done_by'),
  },
  (t) => [index('thesis_change_requests_feedback_idx').on(t.feedbackId, t.position)],
);

/**
 * The final deposit: one per record, never changed (migration 0011's trigger). Its version, instant,
 * fingerprint and page count are what the jury's file reads.
 */
export const thesisFinalDeposits = pgTable('thesis_final_deposits', {
  thesisId: uuid('thesis_id')
    .primaryKey()
    .references(() => theses.id, { onDelete: 'restrict' }),
  versionId: uuid('version_id')
    .notNull()
    .unique('thesis_final_deposits_version_uq')
    .references(() => thesisFiles.id, { onDelete: 'restrict' }),
  at: timestamp('at', { withTimezone: true }).notNull(),
  actorId: text('actor_id').notNull(),
  sha256: text('sha256').notNull(),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  pageCount: integer('page_count').notNull(),
  /** The French warning shown when the page count is far from the ~150 expected; null otherwise. */
  pageWarning: text('page_warning'),
});
