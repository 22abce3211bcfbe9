/**
 * `verifyRecords`: walks every hash chain (records.chains.ts) and reports each break — a record whose
 * content no longer matches its hash, a record missing or inserted, a wrong link — in French, with the
 * table, the file and the record. Hashes are recomputed here (node:crypto), not read from the trigger.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { canonicalRecord, canonicalTimestamp, recordHash } from './records.canonical.js';
import { RECORD_CHAINS, type TRecordChain } from './records.chains.js';

export type TRecordBreakKind = 'content' | 'missing' | 'out_of_order' | 'link' | 'anchor';

/** The last record of one file at some instant: saved outside the database, it makes a cut tail visible. */
export type TChainHead = { table: string; file: string; seq: number; hash: string };

export type TRecordBreak = {
  table: string;
  tableLabel: string;
  /** The file (application, learner, session) whose chain breaks; null for a one-chain register. */
  file: string | null;
  recordId: string;
  chainSeq: number;
  kind: TRecordBreakKind;
  message: string;
};

export type TChainSummary = {
  table: string;
  label: string;
  records: number;
  files: number;
  breaks: number;
  /** SHA-256 over every file's last position and hash: keep it elsewhere to detect a cut tail later. */
  headDigest: string;
};

export type TRecordsReport = { records: number; breaks: TRecordBreak[]; chains: TChainSummary[]; heads: TChainHead[] };

const PAGE = 2000;
const short = (h: string | null) => (h ? `${h.slice(0, 12)}…` : 'aucune');

type TRow = Record<string, string | null>;

function fieldExpression(column: string, kind: TRecordChain['fields'][number][1]): string {
  // Everything travels as text, so that neither driver parses (and rounds) a value before we hash it.
  if (kind === 'timestamp') return `(extract(epoch from "${column}") * 1000000)::bigint::text`;
  return `"${column}"::text`;
}

async function readPage(db: TDbOrTx, chain: TRecordChain, after: { file: string; seq: number } | null): Promise<TRow[]> {
  const columns = [
    `${chain.fileColumn ? `"${chain.fileColumn}"::text` : "''"} as "file"`,
    'chain_seq::text as "seq"',
    'prev_hash as "prev"',
    'record_hash as "hash"',
    `concat_ws('/', ${chain.idColumns.map((c) => `"${c}"::text`).join(', ')}) as "record_id"`,
    ...chain.fields.map(([name, kind], i) => `${fieldExpression(name, kind)} as "f${i}"`),
  ];
  const order = chain.fileColumn ? `"${chain.fileColumn}", chain_seq` : 'chain_seq';
  const where = !after ? sql`` : chain.fileColumn
    ? sql` where (${sql.identifier(chain.fileColumn)}, chain_seq) > (${after.file}, ${after.seq})`
    : sql` where chain_seq > ${after.seq}`;
  const result = await db.execute(sql`select ${sql.raw(columns.join(', '))} from ${sql.identifier(chain.table)}${where} order by ${sql.raw(order)} limit ${PAGE}`);
  return rowsOf(result);
}

/** PGlite and node-postgres both answer raw SQL with `{ rows }`. */
function rowsOf(result: unknown): TRow[] {
  if (result && typeof result === 'object' && 'rows' in result && Array.isArray(result.rows)) return result.rows as TRow[];
  throw new Error('Réponse inattendue de la base de données (pas de lignes).');
}

function rebuildHash(chain: TRecordChain, row: TRow): string {
  const fields = chain.fields.map(([name, kind], i): [string, string | null] => {
    const raw = row[`f${i}`] ?? null;
    if (raw === null) return [name, null];
    if (kind === 'timestamp') return [name, canonicalTimestamp(raw)];
    if (kind === 'json' && raw === 'null') return [name, null];
    return [name, raw];
  });
  return recordHash(canonicalRecord(chain.table, fields, Number(row.seq), row.prev ?? null));
}

async function verifyChain(db: TDbOrTx, chain: TRecordChain, breaks: TRecordBreak[], anchors: TChainHead[], headsOut: TChainHead[]): Promise<TChainSummary> {
  const anchorOf = new Map(anchors.filter((a) => a.table === chain.table).map((a) => [a.file, a]));
  let records = 0;
  let files = 0;
  let found = 0;
  const heads = createHash('sha256');
  let file: string | null = null;
  let expected = 1;
  let previous: { hash: string; id: string } | null = null;
  const closeFile = () => {
    if (file === null || !previous) return;
    heads.update(`${file}\n${expected - 1}\n${previous.hash}\n`);
    headsOut.push({ table: chain.table, file, seq: expected - 1, hash: previous.hash });
    const anchor = anchorOf.get(file);
    anchorOf.delete(file);
    if (anchor && anchor.seq > expected - 1) {
      found++;
      breaks.push({ table: chain.table, tableLabel: chain.label, file: chain.fileColumn ? file : null, recordId: previous.id, chainSeq: expected - 1, kind: 'anchor',
        message: `fin de chaîne coupée : la chaîne s'arrête au rang ${expected - 1} alors que le rang ${anchor.seq} avait été relevé (enregistrements supprimés en fin de chaîne)` });
    }
  };
  const report = (row: TRow, kind: TRecordBreakKind, message: string) => {
    found++;
    breaks.push({ table: chain.table, tableLabel: chain.label, file: chain.fileColumn ? (row.file ?? null) : null, recordId: row.record_id ?? '', chainSeq: Number(row.seq), kind, message });
  };
  let after: { file: string; seq: number } | null = null;
  for (;;) {
    const rows = await readPage(db, chain, after);
    for (const row of rows) {
      records++;
      const seq = Number(row.seq);
      if (row.file !== file) {
        closeFile();
        file = row.file ?? '';
        files++;
        expected = 1;
        previous = null;
      }
      const recomputed = rebuildHash(chain, row);
      if (recomputed !== row.hash) {
        report(row, 'content', `contenu modifié : l'empreinte enregistrée (${short(row.hash ?? null)}) ne correspond plus au contenu (recalculée : ${short(recomputed)})`);
      }
      if (seq > expected) {
        const n = seq - expected;
        report(row, 'missing', `${n} enregistrement${n > 1 ? 's' : ''} manquant${n > 1 ? 's' : ''} avant celui-ci (rang ${seq}, attendu ${expected})${previous ? `, après l'enregistrement ${previous.id}` : ', en tête de la chaîne'}`);
      } else if (seq < expected) {
        report(row, 'out_of_order', `rang ${seq} en double ou hors d'ordre (attendu ${expected}) : enregistrement ajouté hors de la chaîne`);
      } else if ((row.prev ?? null) !== (previous?.hash ?? null)) {
        report(row, 'link', `lien rompu : l'empreinte précédente indiquée (${short(row.prev ?? null)}) n'est pas celle de l'enregistrement précédent (${previous ? `${previous.id}, ${short(previous.hash)}` : 'aucun, premier de la chaîne'})`);
      }
      const anchor = anchorOf.get(row.file ?? '');
      if (anchor && anchor.seq === seq && anchor.hash !== row.hash) {
        report(row, 'anchor', `chaîne réécrite : l'empreinte de ce rang (${short(row.hash ?? null)}) n'est plus celle relevée (${short(anchor.hash)})`);
      }
      expected = Math.max(expected, seq) + 1;
      previous = { hash: row.hash ?? '', id: row.record_id ?? '' };
    }
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1]!;
    after = { file: last.file ?? '', seq: Number(last.seq) };
  }
  closeFile();
  for (const gone of anchorOf.values()) {
    found++;
    breaks.push({ table: chain.table, tableLabel: chain.label, file: chain.fileColumn ? gone.file : null, recordId: '', chainSeq: gone.seq, kind: 'anchor',
      message: `chaîne disparue : elle comptait ${gone.seq} enregistrement(s) au relevé, il n'en reste aucun` });
  }
  return { table: chain.table, label: chain.label, records, files, breaks: found, headDigest: heads.digest('hex') };
}

/**
 * Reads every chain in one read-only snapshot (records written meanwhile are simply not seen).
 * `anchors`: heads saved earlier (`heads` of a previous report); a chain now shorter than its saved head,
 * or with another hash at that position, or gone, is reported too.
 */
export async function verifyRecords(o: { db: TDb; chains?: readonly TRecordChain[]; anchors?: TChainHead[] }): Promise<TRecordsReport> {
  // One snapshot for the whole walk: records written meanwhile are not half-seen, and nothing is locked.
  return o.db.transaction(
    async (tx) => {
      const breaks: TRecordBreak[] = [];
      const chains: TChainSummary[] = [];
      const heads: TChainHead[] = [];
      for (const chain of o.chains ?? RECORD_CHAINS) chains.push(await verifyChain(tx, chain, breaks, o.anchors ?? [], heads));
      return { records: chains.reduce((n, c) => n + c.records, 0), breaks, chains, heads };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** The report as the command prints it (French, one line per break). */
export function formatRecordsReport(report: TRecordsReport): string {
  const lines = [`Vérification des registres en ajout seul : ${report.records} enregistrement(s) dans ${report.chains.length} registre(s).`];
  for (const c of report.chains) {
    lines.push(`  ${c.table} (${c.label}) : ${c.records} enregistrement(s), ${c.files} chaîne(s), ${c.breaks === 0 ? 'intact' : `${c.breaks} rupture(s)`} — empreinte de tête ${c.headDigest.slice(0, 16)}`);
  }
  for (const b of report.breaks) {
    const chain = RECORD_CHAINS.find((c) => c.table === b.table);
    const file = b.file === null ? '' : ` — ${chain?.fileLabel ?? 'dossier'} ${b.file}`;
    const record = b.recordId ? `enregistrement ${b.recordId} (rang ${b.chainSeq})` : `rang ${b.chainSeq}`;
    lines.push(`✗ ${b.table}${file} — ${record} : ${b.message}`);
  }
  lines.push(report.breaks.length === 0 ? 'Résultat : aucune rupture, les registres sont intacts.' : `Résultat : ${report.breaks.length} rupture(s) détectée(s).`);
  return lines.join('\n');
}
