/**
 * `movsc verify-records`: exit code 0 when intact, 1 naming the record otherwise; with a heads file saved
 * earlier, a cut tail (which the chain alone cannot show) is reported too. Runs the command in process
 * (`runMovsc`, as tests/cli/cli.test.ts does) on a database of its own: it tampers with it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMovsc } from '../../src/cli/movsc.js';
import type { TDatabase } from '../../src/db/client.js';
import { openTestDatabase } from '../helpers/context.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-verify-'));
let database: TDatabase;

beforeAll(async () => {
  database = await openTestDatabase({ fresh: true });
  for (const action of ['test.first', 'test.second', 'test.third']) {
    await database.db.execute(sql`insert into audit_events (actor_label, action, entity_type) values ('opérateur', ${action}, 'test')`);
  }
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function movsc(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runMovsc(args, { out: (l) => out.push(l), err: (l) => err.push(l), openDatabase: async () => ({ ...database, close: async () => {} }) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** As the database's owner would, with every trigger of the session off. */
async function asOwner(statement: ReturnType<typeof sql>): Promise<Record<string, string>[]> {
  const result = await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    return tx.execute(statement);
  });
  return (result as { rows: Record<string, string>[] }).rows;
}

describe('movsc verify-records', () => {
  const heads = path.join(dir, 'tetes.json');

  it('an intact database: exit code 0, and the heads are saved for later', async () => {
    const intact = await movsc('verify-records', '--save-heads', heads);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('Résultat : aucune rupture, les registres sont intacts.');
    expect(intact.stdout).toMatch(/audit_events \(journal d'audit\) : \d+ enregistrement\(s\), 1 chaîne\(s\), intact/);
    expect(JSON.parse(fs.readFileSync(heads, 'utf8')).heads).toEqual([expect.objectContaining({ table: 'audit_events', file: '' })]);
  });

  it('a record changed behind the triggers: exit code 1, the record named with its position', async () => {
    const [row] = await asOwner(sql`update audit_events set actor_label = 'quelqu''un d''autre' where action = 'test.second' returning id::text as id, chain_seq::text as seq`);
    const broken = await movsc('verify-records');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`✗ audit_events — enregistrement ${row!.id} (rang ${row!.seq}) : contenu modifié`);
    expect(broken.stdout).toContain('Résultat : 1 rupture(s) détectée(s).');
    await asOwner(sql`update audit_events set actor_label = 'opérateur' where action = 'test.second'`);
    expect((await movsc('verify-records')).code).toBe(0);
  });

  it('the last record cut off: invisible to the chain alone, reported against the saved heads', async () => {
    const [last] = await asOwner(sql`delete from audit_events where chain_seq = (select max(chain_seq) from audit_events) returning chain_seq::text as seq`);
    expect((await movsc('verify-records')).code).toBe(0);
    const checked = await movsc('verify-records', '--check-heads', heads);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain(`la chaîne s'arrête au rang ${Number(last!.seq) - 1} alors que le rang ${last!.seq} avait été relevé`);
  });

  it('a heads file that is not one: exit code 1 and a French message, nothing checked', async () => {
    const bad = path.join(dir, 'mauvais.json');
    fs.writeFileSync(bad, '{"format":"autre"}');
    const res = await movsc('verify-records', '--check-heads', bad);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("ce n'est pas un relevé de têtes de chaînes (movsc-heads-v1)");
  });
});
