/**
 * Migrates once, then hands each test file a database of its own (PGlite: a copy of a migrated
 * template) or a shared fresh PostgreSQL database (TEST_DATABASE_URL). Reference data (centres,
 * certification versions) is loaded once; tests create their own users and centres.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { loadReferenceCentres, loadReferenceCertifications } from '../../src/seed/reference.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null;
    pgliteTemplate: string | null;
  }
}

export default async function setup(project: TestProject) {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const name = `movsc_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString() });
    await migrateDatabase(database);
    await loadReferenceCentres(database.db);
    await loadReferenceCertifications(database.db);
    await database.close();
    project.provide('databaseUrl', url.toString());
    project.provide('pgliteTemplate', null);
    return async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  const client = new PGlite();
  const database = await openDatabase({ pglite: client });
  await migrateDatabase(database);
  await loadReferenceCentres(database.db);
  await loadReferenceCertifications(database.db);
  const dump = await client.dumpDataDir('none');
  await database.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-test-'));
  const file = path.join(dir, 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('databaseUrl', null);
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
