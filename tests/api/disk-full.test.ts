/**
 * A full disk (issue 9, item 9): a write the database cannot store is a French 507 saying so, with
 * nothing of it written, and reads go on. The database itself raises SQLSTATE 53100 (disk_full),
 * from a trigger, on both engines: the same code PGlite and PostgreSQL raise when a file cannot be
 * extended (« could not extend file …: No space left on device »).
 */
import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { users } from '../../src/features/auth/auth.tables.js';
import type { TLogger } from '../../src/http/logger.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
const capture = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
const logger: TLogger = { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') };

let t: TTestContext;
beforeAll(async () => {
  // A database of its own: the trigger must not reach the other files of the PostgreSQL pass.
  t = await createTestContext({ logger, freshDatabase: true });
});
afterAll(() => t?.close());

async function fillTheDisk() {
  await t.db.execute(sql.raw(`create function movsc_test_disk_full() returns trigger language plpgsql as $$
    begin
      raise exception 'could not extend file "base/5/17095": No space left on device' using errcode = 'disk_full';
    end $$`));
  await t.db.execute(sql.raw('create trigger movsc_test_disk_full before insert on audit_events for each row execute function movsc_test_disk_full()'));
}
async function freeTheDisk() {
  await t.db.execute(sql.raw('drop trigger movsc_test_disk_full on audit_events'));
  await t.db.execute(sql.raw('drop function movsc_test_disk_full()'));
}
async function userCount() {
  const [row] = await t.db.select({ n: count() }).from(users);
  return row!.n;
}

it('a write is a French 507 with nothing written, reads go on, and writes resume once space is freed', async () => {
  const { cookie } = await t.as('administrateur');
  const before = await userCount();
  await fillTheDisk();

  // The user row is inserted first, then its audit event meets the full disk: the whole transaction goes.
  const refused = await t.call('POST', '/api/users', { cookie, body: { name: 'Camille Disque', email: 'camille.disque@example.org', roles: ['enseignant'] } });
  expect(refused.status).toBe(507);
  expect(refused.body.message).toBe(
    "Enregistrement impossible : l'espace disque du serveur est plein. Rien n'a été enregistré ; la consultation reste possible. Prévenez l'administrateur de la plateforme.",
  );
  expect(refused.body.requestId).toEqual(expect.any(String));
  expect(await userCount()).toBe(before);
  // The cause reaches the log, by its code, for whoever must free the space.
  const logged = lines.find((l) => l.message === 'database disk full');
  expect(JSON.stringify(logged?.fields)).toContain('53100');

  const read = await t.call('GET', '/api/users?pageSize=5', { cookie });
  expect(read.status).toBe(200);
  const health = await t.call('GET', '/api/health');
  expect(health.status).toBe(200);

  await freeTheDisk();
  const accepted = await t.call('POST', '/api/users', { cookie, body: { name: 'Camille Disque', email: 'camille.disque@example.org', roles: ['enseignant'] } });
  expect(accepted.status).toBe(201);
  expect(await userCount()).toBe(before + 1);
});
