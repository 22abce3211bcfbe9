/**
 * The canonical content of a chained record and its hash, rebuilt in TypeScript from the stored values
 * (the database computes the same in `movsc_record_canonical`; see docs/decisions/006-record-chain.md):
 *
 *   movsc-record-v1
 *   table=<table>
 *   <field>=<UTF-8 byte length>:<value>   or   <field>=~   (null)
 *   … every hashed field in order, then chain_seq and prev_hash; lines joined by "\n", no final newline.
 *
 * Timestamps are UTC with microseconds (2026-03-10T09:00:00.000000Z); jsonb is PostgreSQL's normal
 * text form (JSON null counts as null); booleans are true/false; record_hash is hex SHA-256 of the text.
 */
import { createHash } from 'node:crypto';

/** A timestamp from its microseconds since the epoch (as text, to keep every digit). */
export function canonicalTimestamp(epochMicros: string): string {
  const micros = BigInt(epochMicros);
  const millis = micros / 1000n;
  const rest = micros % 1000n;
  // Before 1970 the remainder is negative; the dates we keep are all later, but stay exact anyway.
  const [ms, us] = rest < 0n ? [millis - 1n, rest + 1000n] : [millis, rest];
  const iso = new Date(Number(ms)).toISOString(); // 2026-03-10T09:00:00.123Z
  return `${iso.slice(0, -1)}${us.toString().padStart(3, '0')}Z`;
}

export function canonicalRecord(table: string, fields: [name: string, value: string | null][], chainSeq: number, prevHash: string | null): string {
  const line = (name: string, value: string | null) =>
    value === null ? `${name}=~` : `${name}=${Buffer.byteLength(value, 'utf8')}:${value}`;
  return ['movsc-record-v1', `table=${table}`, ...fields.map(([n, v]) => line(n, v)), line('chain_seq', String(chainSeq)), line('prev_hash', prevHash)].join('\n');
}

export function recordHash(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
