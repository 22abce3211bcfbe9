/**
 * Opens the database: PostgreSQL when a URL is given, otherwise the embedded PGlite under the
 * data folder. Both are used through the same Drizzle PostgreSQL API (type TDb).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { systemClock } from '../lib/clock.js';
import * as schema from './schema.js';

export type TSchema = typeof schema;
export type TDb = PgDatabase<PgQueryResultHKT, TSchema>;
/** A transaction handle has the same query API as the database. */
export type TTx = Parameters<Parameters<TDb['transaction']>[0]>[0];
export type TDbOrTx = TDb | TTx;

export type TDatabase = {
  db: TDb;
  kind: 'pglite' | 'postgres';
  /** PostgreSQL URL, when kind is 'postgres'. */
  url?: string;
  close: () => Promise<void>;
  /** Raw SQL for tooling (migrations, benchmarks). */
  exec: (sql: string) => Promise<void>;
  /** The embedded engine itself, when kind is 'pglite' (its consistent dump: src/db/backup.ts). */
  pglite?: PGlite;
};

export type TOpenDatabaseOptions =
  | { url: string }
  | { dataDir: string }
  | { pglite: PGlite };

export async function openDatabase(options: TOpenDatabaseOptions): Promise<TDatabase> {
  if ('url' in options) {
    // A request waits at most 5 s for a connection: during an outage it answers 503 instead of hanging.
    const pool = new pg.Pool({ connectionString: options.url, max: 10, connectionTimeoutMillis: 5000 });
    // A client lent to a request or a transaction has no listener of the pool's: when its connection
    // is cut (server restart, terminated backend), node-postgres emits 'error' on it, and an 'error'
    // event without a listener kills the process. The query in progress fails on its own (answered
    // 503 by the app), and the pool discards the broken client on release, then opens new ones.
    pool.on('connect', (client) => {
      client.on('error', (error: Error & { code?: string }) => {
        process.stderr.write(`${JSON.stringify({ time: systemClock.now().toISOString(), level: 'warn', message: 'postgres connection lost', code: error.code ?? null, error: error.message })}\n`);
      });
    });
    // An idle connection can be cut by the server (restart, failover, administrator): without a
    // listener, node-postgres turns that into an uncaught exception. The pool replaces the client.
    pool.on('error', (error) => {
      process.stderr.write(`${JSON.stringify({ time: systemClock.now().toISOString(), level: 'warn', message: 'postgres idle client error', error: error.message })}\n`);
    });
    const db = drizzlePg(pool, { schema }) as unknown as TDb;
    return {
      db,
      kind: 'postgres',
      url: options.url,
      close: () => pool.end(),
      exec: async (sql) => {
        await pool.query(sql);
      },
    };
  }
  if ('pglite' in options) {
    return wrapPglite(options.pglite, async () => options.pglite.close());
  }
  const dir = path.resolve(options.dataDir);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw unwritableDataDir(dir, error);
  }
  const release = lockDataDir(dir);
  try {
    const client = await PGlite.create(path.join(dir, 'pglite'));
    return wrapPglite(client, async () => {
      await client.close();
      release();
    });
  } catch (error) {
    release();
    throw unwritableDataDir(dir, error);
  }
}

function wrapPglite(client: PGlite, close: () => Promise<void>): TDatabase {
  const db = drizzlePglite(client, { schema }) as unknown as TDb;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    close,
    exec: async (sql) => {
      await client.exec(sql);
    },
  };
}

/**
 * Takes the data folder's lock without opening the database (a restore replaces the database folder
 * under it); returns its release. Throws DatabaseLockedError while a live process holds it.
 */
export function lockDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw unwritableDataDir(dir, error);
  }
  return takeLock(path.join(dir, 'movsc.lock'));
}

/**
 * PGlite is a single-process database: two processes opening one data folder corrupt it.
 * A lock file names its holder: pid and the start time of that process (Linux's /proc), so that a
 * pid reused by another live process after a crash is recognised as not ours and the lock taken over.
 */
function takeLock(lockPath: string): () => void {
  const me = JSON.stringify({ pid: process.pid, start: processStartOf(process.pid) });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, me);
      fs.closeSync(fd);
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === me) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw unwritableDataDir(path.dirname(lockPath), error);
      const holder = readHolder(lockPath);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid) && isSameProcess(holder)) {
        throw new DatabaseLockedError(lockPath, holder.pid);
      }
      fs.unlinkSync(lockPath);
    }
  }
  throw new Error(`Impossible de verrouiller ${lockPath} : supprimez ce fichier si aucun serveur MOVSC ne tourne, puis relancez.`);
}

type THolder = { pid: number; start: string | null };

/** The lock's holder: `{"pid":…,"start":…}`, or a bare pid (locks written before the start time was kept). */
function readHolder(lockPath: string): THolder | null {
  const text = fs.readFileSync(lockPath, 'utf8').trim();
  try {
    const parsed = JSON.parse(text) as Partial<THolder>;
    if (typeof parsed === 'number') return { pid: parsed, start: null };
    if (typeof parsed.pid === 'number') return { pid: parsed.pid, start: typeof parsed.start === 'string' ? parsed.start : null };
  } catch {
    /* not JSON */
  }
  const pid = Number(text);
  return Number.isInteger(pid) && pid > 0 ? { pid, start: null } : null;
}

/** Start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat), where /proc exists. */
export function processStartOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** The live process with the holder's pid is the holder itself, not a later process given the same pid. */
function isSameProcess(holder: THolder): boolean {
  if (!holder.start) return true;
  const now = processStartOf(holder.pid);
  return now === null || now === holder.start;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A data folder the process cannot write to, said in French with what to do. */
function unwritableDataDir(dir: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new Error(
      `Le dossier de données ${dir} n'est pas accessible en écriture (${code}). ` +
        `Donnez les droits d'écriture à l'utilisateur qui lance MOVSC, ou choisissez un autre dossier avec DATA_DIR.`,
    );
  }
  if (code === 'ENOSPC') return new Error(`Le disque du dossier de données ${dir} est plein : libérez de la place, puis relancez.`);
  return error instanceof Error ? error : new Error(String(error));
}

export class DatabaseLockedError extends Error {
  /** The live process that holds the folder (a backup tells the administrator to stop it). */
  readonly pid: number;
  constructor(lockPath: string, pid: number) {
    super(
      `La base embarquée est déjà ouverte par un autre processus (pid ${pid}, verrou ${lockPath}). ` +
        `Arrêtez-le, ou utilisez PostgreSQL (DATABASE_URL) pour faire tourner plusieurs processus.`,
    );
    this.name = 'DatabaseLockedError';
    this.pid = pid;
  }
}
