/** `movsc verify-records`, run as an operator runs it: a separate process, exit code 0 when intact, 1 otherwise. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type TDatabase } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { openTestDatabase } from '../helpers/context.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-verify-'));
const { BASE_URL: _viteBase, ...parentEnv } = process.env;

/** PostgreSQL: a database of its own (this test tampers with it); PGlite: a data folder of its own. */
let postgres: TDatabase | null = null;
let env: NodeJS.ProcessEnv;

async function withDb<T>(fn: (database: TDatabase) => Promise<T>): Promise<T> {
  if (postgres) return fn(postgres);
  const database = await openDatabase({ dataDir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function verify(): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [path.join(root, 'bin', 'movsc.mjs'), 'verify-records'], { cwd: root, env });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

beforeAll(async () => {
  if (process.env.TEST_DATABASE_URL) {
    postgres = await openTestDatabase({ fresh: true });
    env = { ...parentEnv, DATABASE_URL: postgres.url, DEMO_SEED: 'false' };
  } else {
    env = { ...parentEnv, DATA_DIR: dataDir, DEMO_SEED: 'false' };
  }
  await withDb(async (database) => {
    await migrateDatabase(database);
    for (const action of ['test.first', 'test.second', 'test.third']) {
      await database.db.execute(sql`insert into audit_events (actor_label, action, entity_type) values ('opérateur', ${action}, 'test')`);
    }
  });
}, 120_000);
afterAll(async () => {
  await postgres?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('movsc verify-records', () => {
  it('reports an intact database with exit code 0, then a record changed behind the triggers with exit code 1, naming it', async () => {
    const intact = await verify();
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('Résultat : aucune rupture, les registres sont intacts.');
    expect(intact.stdout).toMatch(/audit_events \(journal d'audit\) : \d+ enregistrement\(s\), 1 chaîne\(s\), intact/);

    const tampered = await withDb(async ({ db }) => {
      const result = await db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        return tx.execute(sql`update audit_events set actor_label = 'quelqu''un d''autre' where action = 'test.second' returning id::text as id, chain_seq::text as seq`);
      });
      const rows = (result as { rows: { id: string; seq: string }[] }).rows;
      return rows[0]!;
    });
    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`✗ audit_events — enregistrement ${tampered.id} (rang ${tampered.seq}) : contenu modifié`);
    expect(broken.stdout).toContain('Résultat : 1 rupture(s) détectée(s).');
  }, 120_000);
});
