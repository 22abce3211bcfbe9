/**
 * Columns of an append-only, hash-chained table (see docs/decisions/006-record-chain.md).
 * The database fills them: the BEFORE INSERT trigger `movsc_chain_record` overwrites whatever a caller
 * sends, so no code path can forget or forge them. The defaults only let Drizzle's insert types omit them
 * (a row written with the triggers disabled keeps them and is reported by `movsc verify-records`).
 */
import { integer, text } from 'drizzle-orm/pg-core';

export const recordChainColumns = () => ({
  /** Position of the record in its file's chain: 1, 2, 3… */
  chainSeq: integer('chain_seq').notNull().default(0),
  /** `record_hash` of the previous record of the same file; null for the first one. */
  prevHash: text('prev_hash'),
  /** SHA-256 (hex) of the record's canonical content, its position and `prev_hash`. */
  recordHash: text('record_hash').notNull().default(''),
});
