/**
 * What both engines' backups share (backup.ts dispatches): the error every failure becomes (its
 * message is the French sentence the administrator reads, with what to do), the files, the counts.
 */
import fs from 'node:fs';

export type TBackupTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string; pgBinDir?: string };

/** Rows per table (`schema.table`), the tables of the application and of its migrations. */
export type TTableCounts = Record<string, number>;

export type TDumpSummary = { engine: TBackupTarget['kind']; file: string; bytes: number; tables: number; counts: TTableCounts | null };

export type TRestoreSummary = {
  engine: TBackupTarget['kind'];
  file: string;
  /** Where the data went: the database folder, or the PostgreSQL URL without its password. */
  target: string;
  counts: TTableCounts;
  /** When the backup was taken, if the file says so (PGlite's header). */
  takenAt: Date | null;
  /** The database folder that was replaced, kept aside (PGlite with --remplacer). */
  previousKeptIn: string | null;
};

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** The first bytes of each kind of file, so a backup given to the other engine is named, not called corrupt. */
export const PGLITE_MAGIC = 'MOVSC-SAUVEGARDE-PGLITE 1\n';
const PG_DUMP_MAGIC = 'PGDMP';

export function sniffBackupKind(file: string): 'pglite' | 'postgres' | 'unknown' {
  const head = Buffer.alloc(PGLITE_MAGIC.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const text = head.toString('latin1');
  if (text === PGLITE_MAGIC) return 'pglite';
  if (text.startsWith(PG_DUMP_MAGIC)) return 'postgres';
  return 'unknown';
}

/** A file to read: exists, is a file; said in French otherwise. */
export function assertReadableBackup(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new BackupError(`Le fichier de sauvegarde ${file} est introuvable.`);
  }
  if (!stat.isFile()) throw new BackupError(`${file} n'est pas un fichier de sauvegarde (c'est un dossier).`);
  if (stat.size === 0) throw new BackupError(`Le fichier de sauvegarde ${file} est vide : rien n'a été restauré.`);
}

/** The backup's own file: never over an existing one unless asked, never a half-written one left behind. */
export function assertWritableBackup(file: string, replace: boolean): void {
  if (fs.existsSync(file) && !replace) {
    throw new BackupError(`Le fichier ${file} existe déjà : choisissez un autre nom, ou ajoutez --remplacer pour l'écraser.`);
  }
}

/** Next to the final file, then renamed: a dump that fails midway leaves no file that looks like a backup. */
export function partialPathOf(file: string): string {
  return `${file}.${process.pid}.partiel`;
}

type TQuery = (text: string) => Promise<Record<string, unknown>[]>;

/** The tables MOVSC owns (public) and drizzle's list of applied migrations. */
const TABLES_SQL = `select table_schema as s, table_name as t from information_schema.tables
  where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1, 2`;

export async function countRows(query: TQuery): Promise<TTableCounts> {
  const counts: TTableCounts = {};
  for (const row of await query(TABLES_SQL)) {
    const name = `${String(row.s)}.${String(row.t)}`;
    const [result] = await query(`select count(*)::int as n from "${String(row.s)}"."${String(row.t)}"`);
    counts[name] = Number(result?.n ?? 0);
  }
  return counts;
}

const integer = new Intl.NumberFormat('fr-FR');
const megabytes = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** « 45 tables, 1 234 lignes (14 comptes, 6 candidatures, 120 événements d'audit) » */
export function describeCounts(counts: TTableCounts): string {
  const tables = Object.keys(counts).filter((t) => t.startsWith('public.'));
  const rows = tables.reduce((sum, t) => sum + (counts[t] ?? 0), 0);
  const named: [string, string][] = [
    ['public.users', 'compte(s)'],
    ['public.applications', 'candidature(s)'],
    ['public.cohorts', 'promotion(s)'],
    ['public.attendance_records', 'émargement(s)'],
    ['public.audit_events', "événement(s) d'audit"],
  ];
  const details = named.filter(([t]) => t in counts).map(([t, label]) => `${integer.format(counts[t] ?? 0)} ${label}`);
  return `${tables.length} tables, ${integer.format(rows)} lignes${details.length ? ` (${details.join(', ')})` : ''}`;
}

export function formatMegabytes(bytes: number): string {
  return `${megabytes.format(bytes / 1_000_000)} Mo`;
}

