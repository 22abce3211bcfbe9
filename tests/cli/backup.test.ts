/**
 * `movsc db dump` / `movsc db restore` (issue 9, item 7; decision 015). The demo data is dumped, then
 * restored in a fresh place; the app opened on the restored copy serves the same data (rows per table,
 * lists and a file read through the API) and its record chains verify. A restore over data needs
 * --remplacer; a bad file is refused in French and changes nothing. PGlite without TEST_DATABASE_URL;
 * PostgreSQL with it (throwaway databases, created and dropped here). Runs the command in process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createHash, randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runMovsc } from '../../src/cli/movsc.js';
import { readEnv } from '../../src/config/env.js';
import { openDatabase, processStartOf, type TDatabase } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.js';
import { loadReferenceCentres, loadReferenceCertifications } from '../../src/seed/reference.js';
import { DEFAULT_TEST_NOW, createTestContext, openTestDatabase } from '../helpers/context.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-backup-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The command on the database `env` names, or on one the test holds open (`TDatabase`). */
async function movsc(on: Record<string, string> | TDatabase, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const held = typeof on.close === 'function' ? (on as TDatabase) : null;
  const where = held ? { openDatabase: async () => ({ ...held, close: async () => {} }) } : { env: readEnv({ NODE_ENV: 'test', ...(on as Record<string, string>) }) };
  const code = await runMovsc(args, { out: (l) => out.push(l), err: (l) => err.push(l), ...where });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

type TRows = (text: string) => Promise<Record<string, unknown>[]>;
const rowsOf = (database: TDatabase): TRows => async (text) => {
  const result = (await database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] };
  return result.rows;
};

/** Rows per table of the application, counted here rather than by the code under test. */
async function tableCounts(rows: TRows): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table_name: name } of await rows(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)) {
    const [row] = await rows(`select count(*)::int as n from public."${String(name)}"`);
    counts[String(name)] = Number(row?.n);
  }
  return counts;
}

/**
 * What an administrator sees through the API: lists, one application in full, the record chains.
 * The audit chain is left out of the comparison: signing in to look adds an event to it.
 */
async function seenThroughApi(database: TDatabase) {
  const t = await createTestContext({ database });
  const cookie = await t.signIn('admin@movsc.demo', DEMO_PASSWORD);
  const get = async (url: string) => {
    const res = await t.call('GET', url, { cookie });
    expect(res.status, url).toBe(200);
    return res.body;
  };
  const applications = await get('/api/applications');
  const first = (applications.items ?? applications)[0];
  const integrity = await get('/api/records/integrity');
  return {
    applications,
    firstApplication: await get(`/api/applications/${first.id}`),
    cohorts: await get('/api/cohorts'),
    users: await get('/api/users'),
    breaks: integrity.breaks,
    chains: integrity.chains.filter((c: { table: string }) => c.table !== 'audit_events'),
  };
}

function listing(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

/** Every file of a folder with its size and modification time: any write shows. */
function snapshot(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .sort()
    .map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return `${name} ${stat.size} ${stat.mtimeMs}`;
    });
}

const initStart = processStartOf(1);
const baseUrl = process.env.TEST_DATABASE_URL;

// The PGlite block never reads TEST_DATABASE_URL: the PostgreSQL pass of CI would run it a second time,
// identically (about 30 s of a worker), so it runs in the PGlite pass only (decision 010).
describe.skipIf(baseUrl)('PGlite: movsc db dump / restore', () => {
  const source = path.join(root, 'source');
  const restored = path.join(root, 'restauree');
  const backup = path.join(root, 'sauvegarde.movsc');
  let expectedCounts: Record<string, number>;
  let expectedApi: Awaited<ReturnType<typeof seenThroughApi>>;

  beforeAll(async () => {
    // The source folder: the migrated template when there is one (fast), else migrated here.
    const template = inject('pgliteTemplate');
    fs.mkdirSync(source);
    const engine = template
      ? await PGlite.create(path.join(source, 'pglite'), { loadDataDir: new Blob([fs.readFileSync(template)]) })
      : await PGlite.create(path.join(source, 'pglite'));
    const database = await openDatabase({ pglite: engine });
    if (!template) {
      await migrateDatabase(database);
      await loadReferenceCentres(database.db);
      await loadReferenceCertifications(database.db);
    }
    await seedDemo(database.db, new Date(DEFAULT_TEST_NOW));
    expectedApi = await seenThroughApi(database);
    expectedCounts = await tableCounts(rowsOf(database));
    await database.close();
  }, 120_000);

  it.runIf(initStart !== null)('refuses to dump while a live server holds the folder, and says to stop it', async () => {
    const lock = path.join(source, 'movsc.lock');
    fs.writeFileSync(lock, JSON.stringify({ pid: 1, start: initStart }));
    try {
      const res = await movsc({ DATA_DIR: source }, 'db', 'dump', backup);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('Le serveur MOVSC (pid 1) a ouvert la base embarquée');
      expect(res.stderr).toContain('arrêtez-le le temps de la sauvegarde');
      expect(fs.existsSync(backup)).toBe(false);
    } finally {
      fs.rmSync(lock, { force: true });
    }
  });

  it('dumps, restores into a fresh folder, and the restored copy serves the same data', async () => {
    const dumped = await movsc({ DATA_DIR: source }, 'db', 'dump', backup);
    expect(dumped.stderr).toBe('');
    expect(dumped.code).toBe(0);
    expect(dumped.stdout).toMatch(new RegExp(String.raw`^Sauvegarde PGlite écrite dans .+ \(\d+,\d Mo\) : \d+ tables, [\d\s\u202f]+ lignes \(${expectedCounts.users} compte\(s\)`));
    expect(listing(root).filter((n) => n.includes('partiel'))).toEqual([]);

    const res = await movsc({ DATA_DIR: restored }, 'db', 'restore', backup);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Base PGlite restaurée depuis ${backup}`);
    expect(res.stdout).toContain(`dans ${path.join(restored, 'pglite')}`);
    expect(res.stdout).toContain(`${expectedCounts.users} compte(s), ${expectedCounts.applications} candidature(s)`);
    expect(listing(restored)).toEqual(['pglite']);

    const database = await openDatabase({ dataDir: restored });
    try {
      expect(await tableCounts(rowsOf(database))).toEqual(expectedCounts);
      const seen = await seenThroughApi(database);
      expect(seen.breaks).toEqual([]);
      expect(seen).toEqual(expectedApi);
      const verified = await movsc(database, 'verify-records');
      expect(verified.code).toBe(0);
      expect(verified.stdout).toContain('Résultat : aucune rupture, les registres sont intacts.');
    } finally {
      await database.close();
    }
  });

  it('refuses a restore over an existing database without --remplacer, and an existing file for a dump', async () => {
    const before = snapshot(path.join(restored, 'pglite'));
    const res = await movsc({ DATA_DIR: restored }, 'db', 'restore', backup);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("contient déjà une base : rien n'a été changé. Ajoutez --remplacer");
    expect(listing(restored)).toEqual(['pglite']);
    expect(snapshot(path.join(restored, 'pglite'))).toEqual(before);

    const again = await movsc({ DATA_DIR: source }, 'db', 'dump', backup);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('existe déjà : choisissez un autre nom, ou ajoutez --remplacer');
  });

  it('refuses a damaged file in French and changes nothing', async () => {
    const content = fs.readFileSync(backup);
    const headerEnd = content.indexOf(0x0a, content.indexOf(0x0a) + 1) + 1;
    const header = JSON.parse(content.subarray(content.indexOf(0x0a) + 1, headerEnd - 1).toString('utf8'));
    const truncated = path.join(root, 'tronquee.movsc');
    fs.writeFileSync(truncated, content.subarray(0, Math.floor(content.length / 2)));
    const flipped = path.join(root, 'abimee.movsc');
    const copy = Buffer.from(content);
    copy[headerEnd + 1000] = copy[headerEnd + 1000]! ^ 0xff;
    fs.writeFileSync(flipped, copy);
    const magic = content.subarray(0, content.indexOf(0x0a) + 1);
    const payload = content.subarray(headerEnd);
    /** A file whose header vouches for its payload (right size and SHA-256): only what is inside can betray it. */
    const forge = (name: string, body: Buffer, changes: Record<string, unknown> = {}) => {
      const file = path.join(root, name);
      const vouched = { ...header, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex'), ...changes };
      fs.writeFileSync(file, Buffer.concat([magic, Buffer.from(`${JSON.stringify(vouched)}\n`), body]));
      return file;
    };
    const notADatabase = forge('pas-une-base.movsc', zlib.gzipSync(Buffer.from('ceci n’est pas une base de données\n'.repeat(100))));
    const otherCounts = forge('autres-comptes.movsc', payload, { counts: { ...header.counts, 'public.users': header.counts['public.users'] + 1 } });
    const text = path.join(root, 'texte.movsc');
    fs.writeFileSync(text, 'bonjour\n');

    const before = snapshot(path.join(restored, 'pglite'));
    const cases: [string, string][] = [
      [truncated, 'fichier tronqué ou complété'],
      [flipped, 'son empreinte SHA-256 ne correspond plus'],
      [notADatabase, 'ses données ne sont pas une copie de base PGlite'],
      [otherCounts, 'ses tables ne contiennent pas les lignes relevées à la sauvegarde (public.users)'],
      [text, 'il ne commence pas comme une sauvegarde de la base embarquée'],
    ];
    for (const [file, reason] of cases) {
      const res = await movsc({ DATA_DIR: restored }, 'db', 'restore', '--remplacer', file);
      expect(res.code, file).toBe(1);
      expect(res.stderr, file).toContain(reason);
      expect(res.stderr, file).toContain("Rien n'a été changé.");
      expect(listing(restored), file).toEqual(['pglite']);
      expect(snapshot(path.join(restored, 'pglite')), file).toEqual(before);
    }
  });

  it('with --remplacer, replaces the database and keeps the previous one aside', async () => {
    const res = await movsc({ DATA_DIR: restored }, 'db', 'restore', '--remplacer', backup);
    expect(res.code).toBe(0);
    const kept = listing(restored).filter((n) => n !== 'pglite');
    expect(kept).toEqual([expect.stringMatching(/^pglite\.avant-restauration-/)]);
    expect(res.stdout).toContain(`L'ancienne base est gardée dans ${path.join(restored, kept[0]!)}`);
  });
});

describe('PostgreSQL tools: missing or too old, said in French', () => {
  it('a missing pg_dump names the package and PG_BIN_DIR', async () => {
    const empty = fs.mkdtempSync(path.join(root, 'bin-'));
    const res = await movsc({ DATABASE_URL: 'postgres://movsc@127.0.0.1:1/absente', PG_BIN_DIR: empty }, 'db', 'dump', path.join(root, 'x.dump'));
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`pg_dump est introuvable dans PG_BIN_DIR (${empty}) : installez le client PostgreSQL`);
    expect(fs.existsSync(path.join(root, 'x.dump'))).toBe(false);
  });

  it('a backup of the other engine is named as such', async () => {
    const file = path.join(root, 'faux.dump');
    fs.writeFileSync(file, 'PGDMP\u0001\u000e\u0000');
    const res = await movsc({ DATA_DIR: path.join(root, 'autre') }, 'db', 'restore', file);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('est une sauvegarde PostgreSQL (pg_dump) : restaurez-la sur PostgreSQL');
  });
});

describe.runIf(baseUrl)('PostgreSQL: movsc db dump / restore (pg_dump, pg_restore)', () => {
  const backup = path.join(root, 'sauvegarde.dump');
  const targetName = `movsc_restore_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let source: TDatabase;
  let targetUrl: string;
  let expectedCounts: Record<string, number>;
  let expectedApi: Awaited<ReturnType<typeof seenThroughApi>>;

  async function admin(statement: string) {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    source = await openTestDatabase({ fresh: true });
    await seedDemo(source.db, new Date(DEFAULT_TEST_NOW));
    expectedApi = await seenThroughApi({ ...source, close: async () => {} });
    expectedCounts = await tableCounts(rowsOf(source));
    await admin(`create database ${targetName}`);
    const url = new URL(baseUrl!);
    url.pathname = `/${targetName}`;
    targetUrl = url.toString();
  }, 120_000);
  afterAll(async () => {
    await source?.close();
    await admin(`drop database if exists ${targetName} with (force)`);
  });

  it('dumps, restores into an empty database, and the restored copy serves the same data', async () => {
    const dumped = await movsc({ DATABASE_URL: source.url! }, 'db', 'dump', backup);
    expect(dumped.stderr).toBe('');
    expect(dumped.code).toBe(0);
    expect(dumped.stdout).toMatch(new RegExp(String.raw`^Sauvegarde PostgreSQL écrite dans .+ : \d+ tables, [\d\s\u202f]+ lignes \(${expectedCounts.users} compte\(s\)`));

    const res = await movsc({ DATABASE_URL: targetUrl }, 'db', 'restore', backup);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Base PostgreSQL restaurée depuis ${backup} dans ${targetUrl}`);

    const database = await openDatabase({ url: targetUrl });
    try {
      expect(await tableCounts(rowsOf(database))).toEqual(expectedCounts);
      const seen = await seenThroughApi({ ...database, close: async () => {} });
      expect(seen.breaks).toEqual([]);
      expect(seen).toEqual(expectedApi);
      const verified = await movsc(database, 'verify-records');
      expect(verified.code).toBe(0);
      expect(verified.stdout).toContain('Résultat : aucune rupture, les registres sont intacts.');
    } finally {
      await database.close();
    }
  });

  it('refuses a non-empty database without --remplacer, and a damaged file changes nothing (one transaction)', async () => {
    const database = await openDatabase({ url: targetUrl });
    try {
      const before = await tableCounts(rowsOf(database));
      const refused = await movsc({ DATABASE_URL: targetUrl }, 'db', 'restore', backup);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("n'est pas vide");
      expect(refused.stderr).toContain('ajoutez --remplacer');

      const content = fs.readFileSync(backup);
      const truncated = path.join(root, 'tronquee.dump');
      fs.writeFileSync(truncated, content.subarray(0, Math.floor(content.length * 0.6)));
      const broken = await movsc({ DATABASE_URL: targetUrl }, 'db', 'restore', '--remplacer', truncated);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain("le fichier s'arrête avant la fin (tronqué)");
      expect(broken.stderr).toContain('annulée : la base');
      expect(await tableCounts(rowsOf(database))).toEqual(before);

      const replaced = await movsc({ DATABASE_URL: targetUrl }, 'db', 'restore', '--remplacer', backup);
      expect(replaced.code).toBe(0);
      expect(await tableCounts(rowsOf(database))).toEqual(expectedCounts);
    } finally {
      await database.close();
    }
  });

  it('a pg_dump older than the server says which client to install', async () => {
    const bin = fs.mkdtempSync(path.join(root, 'bin-'));
    fs.writeFileSync(path.join(bin, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 9"\n', { mode: 0o755 });
    const res = await movsc({ DATABASE_URL: source.url!, PG_BIN_DIR: bin }, 'db', 'dump', path.join(root, 'vieux.dump'));
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/pg_dump 9 ne sait pas lire ce que produit PostgreSQL \d+ : installez le client PostgreSQL \d+/);
  });
});
