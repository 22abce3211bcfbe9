/** What every bench case shares: percentiles and a migrated database with the reference data. */
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type TDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { loadReferenceCentres, loadReferenceCertifications } from '../src/seed/reference.js';

/** Nearest-rank percentile of an ascending-sorted list. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

/** In-memory PGlite, or PostgreSQL when BENCH_DATABASE_URL is set; migrated, with centres and versions loaded. */
export async function openBenchDatabase(): Promise<TDatabase> {
  const database = process.env.BENCH_DATABASE_URL ? await openDatabase({ url: process.env.BENCH_DATABASE_URL }) : await openDatabase({ pglite: new PGlite() });
  await migrateDatabase(database);
  await loadReferenceCentres(database.db);
  await loadReferenceCertifications(database.db);
  return database;
}
