import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { projectRoot } from '../config/env.js';
import type { TDatabase } from './client.js';

export const migrationsFolder = path.join(projectRoot, 'drizzle');

/**
 * Applies the committed drizzle-kit migrations. On PostgreSQL, several app processes may start
 * together: an advisory lock held on one dedicated connection lets one migrate while others wait.
 */
export async function migrateDatabase(database: TDatabase): Promise<void> {
  if (database.kind === 'pglite') {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migratePglite(database.db as any, { migrationsFolder });
    return;
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(804211)');
    await migratePg(drizzle(client), { migrationsFolder });
    await client.query('select pg_advisory_unlock(804211)');
  } finally {
    await client.end();
  }
}
