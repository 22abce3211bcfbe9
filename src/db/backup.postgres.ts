/**
 * PostgreSQL's backup: pg_dump's custom format (-Fc), restored by pg_restore in one transaction
 * (--single-transaction --exit-on-error), so a file that breaks midway leaves the database as it was.
 * The binaries are the PATH's, or PG_BIN_DIR's; a missing one or one older than the server is said in
 * French with what to install. The password goes to them through PGPASSWORD, never in their arguments
 * (which every user of the machine can read).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { BackupError, countRows, partialPathOf, type TDumpSummary, type TRestoreSummary, type TTableCounts } from './backup.shared.js';

/** `full` for this process's own client; `url`, without the password, for the programs' arguments and messages. */
type TConnection = { full: string; url: string; password: string | null };

function connectionOf(url: string): TConnection {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : null;
  parsed.password = '';
  return { full: url, url: parsed.toString(), password };
}

type TRun = { code: number; stdout: string; stderr: string };

function binaryOf(name: 'pg_dump' | 'pg_restore', pgBinDir: string | undefined): string {
  return pgBinDir ? path.join(pgBinDir, name) : name;
}

function missingBinary(name: string, pgBinDir: string | undefined): BackupError {
  const where = pgBinDir ? `dans PG_BIN_DIR (${pgBinDir})` : 'dans le PATH';
  return new BackupError(
    `${name} est introuvable ${where} : installez le client PostgreSQL de la même version majeure que le serveur ` +
      `(paquet postgresql-client), ou indiquez le dossier qui contient ${name} par PG_BIN_DIR.`,
  );
}

function run(name: 'pg_dump' | 'pg_restore', args: string[], options: { pgBinDir?: string; password?: string | null }): Promise<TRun> {
  return new Promise((resolve, reject) => {
    // Messages in English whatever the machine's locale: they are read below, then said in French.
    const env = { ...process.env, LC_ALL: 'C', ...(options.password ? { PGPASSWORD: options.password } : {}) };
    const child = spawn(binaryOf(name, options.pgBinDir), args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' || error.code === 'EACCES' ? missingBinary(name, options.pgBinDir) : error);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** « pg_dump (PostgreSQL) 15.20 (Debian …) » → 15. */
async function majorOf(name: 'pg_dump' | 'pg_restore', pgBinDir: string | undefined): Promise<number> {
  const res = await run(name, ['--version'], { pgBinDir });
  const major = /\(PostgreSQL\)\s+(\d+)/.exec(res.stdout)?.[1];
  if (res.code !== 0 || !major) throw missingBinary(name, pgBinDir);
  return Number(major);
}

/** The known causes said in French, then the first lines the program wrote, without its prefix. */
function explain(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.replace(/^pg_(dump|restore): /, '').trim())
    .filter((l) => l && !l.startsWith('warning'));
  const detail = lines.slice(0, 3).join(' — ') || 'aucun message';
  const causes: [RegExp, string][] = [
    [/end of file/, "le fichier s'arrête avant la fin (tronqué)"],
    [/does not appear to be a valid archive|did not find magic string/, "ce n'est pas une archive de pg_dump"],
    [/could not uncompress|invalid (stored block|distance|code)|incorrect (data|header) check/, 'ses données compressées sont abîmées'],
    [/No space left on device/i, 'le disque est plein'],
    [/password authentication failed|no pg_hba.conf entry/, 'PostgreSQL a refusé la connexion (utilisateur ou mot de passe de DATABASE_URL)'],
  ];
  const cause = causes.find(([pattern]) => pattern.test(stderr))?.[1];
  return cause ? `${cause} (${detail})` : detail;
}

function tooOld(name: 'pg_dump' | 'pg_restore', tool: number | string, server: number | string): BackupError {
  return new BackupError(
    `${name} ${tool} ne sait pas lire ce que produit PostgreSQL ${server} : installez le client PostgreSQL ${server} ` +
      `(paquet postgresql-client-${server}) et indiquez le dossier de ses programmes par PG_BIN_DIR (ou mettez-le en tête du PATH).`,
  );
}

async function connect(connection: TConnection): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: connection.full, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {
    /* a connection cut while we wait on pg_dump: the next query fails and says so */
  });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`PostgreSQL ne répond pas à ${connection.url} : ${(error as Error).message}. Vérifiez DATABASE_URL et que le serveur tourne.`);
  }
  return client;
}

function rowsOf(client: pg.Client) {
  return async (text: string) => (await client.query<Record<string, unknown>>(text)).rows;
}

export async function dumpPostgres(options: { url: string; pgBinDir?: string; file: string }): Promise<TDumpSummary> {
  const connection = connectionOf(options.url);
  const toolMajor = await majorOf('pg_dump', options.pgBinDir);
  const client = await connect(connection);
  const partial = partialPathOf(options.file);
  try {
    const serverMajor = Math.floor(Number((await client.query<{ v: string }>(`select current_setting('server_version_num') as v`)).rows[0]?.v ?? 0) / 10000);
    if (serverMajor > toolMajor) throw tooOld('pg_dump', toolMajor, serverMajor);
    // pg_dump reads the snapshot this transaction exported: the counts below are those of the dump itself.
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]!.s;
    const dumped = await run('pg_dump', ['--format=custom', `--file=${partial}`, `--snapshot=${snapshot}`, `--dbname=${connection.url}`], {
      pgBinDir: options.pgBinDir,
      password: connection.password,
    });
    if (dumped.code !== 0) {
      const server = /server version: ([\d.]+)/.exec(dumped.stderr)?.[1];
      if (/server version mismatch/.test(dumped.stderr)) throw tooOld('pg_dump', toolMajor, server ?? serverMajor);
      if (/No space left on device/i.test(dumped.stderr)) throw new BackupError(`Le disque de ${options.file} est plein : libérez de la place ou écrivez la sauvegarde ailleurs. Aucune sauvegarde n'a été écrite.`);
      throw new BackupError(`pg_dump a échoué : ${explain(dumped.stderr)}. Aucune sauvegarde n'a été écrite.`);
    }
    if (!fs.existsSync(partial)) throw new BackupError(`pg_dump s'est arrêté sans écrire de fichier (${explain(dumped.stderr)}). Aucune sauvegarde n'a été écrite.`);
    const counts = await countRows(rowsOf(client));
    await client.query('commit');
    fs.renameSync(partial, options.file);
    return { engine: 'postgres', file: options.file, bytes: fs.statSync(options.file).size, tables: Object.keys(counts).length, counts };
  } finally {
    fs.rmSync(partial, { force: true });
    await client.end().catch(() => {});
  }
}

/** Tables of the target outside PostgreSQL's own schemas: any means the database is not empty. */
async function userTableCount(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg_toast%'`,
  );
  return rows[0]?.n ?? 0;
}

export async function restorePostgres(options: { url: string; pgBinDir?: string; file: string; replace: boolean }): Promise<TRestoreSummary> {
  const connection = connectionOf(options.url);
  const toolMajor = await majorOf('pg_restore', options.pgBinDir);
  const listed = await run('pg_restore', ['--list', options.file], { pgBinDir: options.pgBinDir });
  if (listed.code !== 0) {
    const archive = /unsupported version \(([\d.]+)\) in file header/.exec(listed.stderr);
    if (archive) throw tooOld('pg_restore', toolMajor, `plus récent (format d'archive ${archive[1]})`);
    throw new BackupError(`${options.file} n'est pas une sauvegarde pg_dump lisible : ${explain(listed.stderr)}. Rien n'a été changé.`);
  }
  const client = await connect(connection);
  try {
    const tables = await userTableCount(client);
    if (tables > 0 && !options.replace) {
      throw new BackupError(
        `La base ${connection.url} n'est pas vide (${tables} tables) : rien n'a été changé. Restaurez dans une base vide ` +
          `(createdb), ou ajoutez --remplacer pour remplacer ce qu'elle contient par la sauvegarde.`,
      );
    }
    const args = ['--single-transaction', '--exit-on-error', '--no-owner', '--no-acl', `--dbname=${connection.url}`];
    if (options.replace) args.push('--clean', '--if-exists');
    const restored = await run('pg_restore', [...args, options.file], { pgBinDir: options.pgBinDir, password: connection.password });
    if (restored.code !== 0) {
      throw new BackupError(
        `La restauration de ${options.file} a échoué : ${explain(restored.stderr)}. Elle s'est faite en une seule transaction, ` +
          `annulée : la base ${connection.url} est restée comme avant.`,
      );
    }
    const counts: TTableCounts = await countRows(rowsOf(client));
    return { engine: 'postgres', file: options.file, target: connection.url, counts, takenAt: null, previousKeptIn: null };
  } finally {
    await client.end().catch(() => {});
  }
}
