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
  fs.mkdirSync(dir, { recursive: true });
  const release = takeLock(path.join(dir, 'movsc.lock'));
  try {
    const client = await PGlite.create(path.join(dir, 'pglite'));
    return wrapPglite(client, async () => {
      await client.close();
      release();
    });
  } catch (error) {
    release();
    throw error;
  }
}

function wrapPglite(client: PGlite, close: () => Promise<void>): TDatabase {
  const db = drizzlePglite(client, { schema }) as unknown as TDb;
  return {
    db,
    kind: 'pglite',
    close,
    exec: async (sql) => {
      await client.exec(sql);
    },
  };
}

/**
 * PGlite is a single-process database: two processes opening one data folder corrupt it.
 * A lock file with our pid refuses the second one; a lock left by a dead process is taken over.
 */
function takeLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(lockPath, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new DatabaseLockedError(lockPath, pid);
      }
      fs.unlinkSync(lockPath);
    }
  }
  throw new Error(`Impossible de verrouiller ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DatabaseLockedError extends Error {
  constructor(lockPath: string, pid: number) {
    super(
      `La base embarquée est déjà ouverte par un autre processus (pid ${pid}, verrou ${lockPath}). ` +
        `Arrêtez-le, ou utilisez PostgreSQL (DATABASE_URL) pour faire tourner plusieurs processus.`,
    );
    this.name = 'DatabaseLockedError';
  }
}
