/**
 * Migrates once, then hands each test file a database of its own (PGlite: a copy of a migrated
 * template) or a shared fresh PostgreSQL database (TEST_DATABASE_URL). Reference data (centres,
 * certification versions) is loaded once; tests create their own users and centres.
 * The PGlite template is kept between runs in the temp folder, named by a hash of what it is
 * built from (migrations, reference data, the code that loads them): a run whose sources did
 * not change skips initdb and the migrations (about 10 s idle, 20–30 s on a busy machine). Each
 * run reads its own copy, so replacing the cached template never disturbs a run in progress.
 */
import { createHash } from 'node:crypto';
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
  const cached = path.join(os.tmpdir(), `movsc-test-template-${templateKey()}.tar`);
  if (!fs.existsSync(cached)) {
    const client = new PGlite();
    const database = await openDatabase({ pglite: client });
    await migrateDatabase(database);
    await loadReferenceCentres(database.db);
    await loadReferenceCertifications(database.db);
    const dump = await client.dumpDataDir('none');
    await database.close();
    // Written aside then renamed: a run starting meanwhile never reads half a template.
    const partial = `${cached}.${process.pid}.partial`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, cached);
    removeOtherTemplates(cached);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-test-'));
  const file = path.join(dir, 'template.tar');
  fs.copyFileSync(cached, file);
  project.provide('databaseUrl', null);
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

/** Hash of every file the template depends on: any change to them builds a new template. */
function templateKey(): string {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const hash = createHash('sha256');
  const add = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) add(path.join(p, name));
    } else if (!p.endsWith('.test.ts')) {
      hash.update(path.relative(root, p));
      hash.update(fs.readFileSync(p));
    }
  };
  // The migrations, the reference files and the code that writes them into the template.
  const inputs = ['drizzle', 'data/centres.json', 'data/certifications', 'package-lock.json', 'src/db', 'src/seed/reference.ts'];
  for (const feature of ['referentiel', 'centres', 'audit', 'records']) inputs.push(`src/features/${feature}`);
  for (const p of inputs) if (fs.existsSync(path.join(root, p))) add(path.join(root, p));
  return hash.digest('hex').slice(0, 16);
}

/** Only the newest template is kept (42 MB each); runs in progress read their own copy. */
function removeOtherTemplates(current: string) {
  const dir = path.dirname(current);
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (name.startsWith('movsc-test-template-') && name.endsWith('.tar') && p !== current) fs.rmSync(p, { force: true });
  }
}
