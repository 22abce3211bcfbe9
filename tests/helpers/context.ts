/**
 * A test's world: its own database (or the shared PostgreSQL one), the real app, and factories
 * that create what a test needs through the same services the API uses.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import pg from 'pg';
import { openDatabase, type TDatabase } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { loadReferenceCentres, loadReferenceCertifications } from '../../src/seed/reference.js';
import { createAuth } from '../../src/features/auth/auth.js';
import type { TRole } from '../../src/features/auth/auth.tables.js';
import { SYSTEM_ACTOR } from '../../src/features/audit/audit.service.js';
import { createCentre } from '../../src/features/centres/centres.service.js';
import { createUser } from '../../src/features/users/users.service.js';
import { hc } from 'hono/client';
import { createApp, type TApiRoutes } from '../../src/http/app.js';
import { createLogger, type TLogger } from '../../src/http/logger.js';
import { fixedClock } from '../../src/lib/clock.js';

/** A clock the test moves by hand (`set`, `advance`). */
export type TTestClock = ReturnType<typeof fixedClock>;

export const TEST_PASSWORD = 'mot-de-passe-de-test';

/** The instant every API test runs at unless it sets its own clock: a Tuesday, 10:00 in Paris. */
export const DEFAULT_TEST_NOW = '2026-03-10T09:00:00.000Z';

/**
 * PGlite: a copy of the migrated template, always fresh. PostgreSQL: the run's shared database, or
 * with `fresh`, a database of its own (migrated, reference data loaded) dropped on close.
 */
export async function openTestDatabase(options: { fresh?: boolean } = {}): Promise<TDatabase> {
  const url = inject('databaseUrl');
  if (url && options.fresh) return openFreshPostgres(url);
  if (url) return openDatabase({ url });
  const template = inject('pgliteTemplate');
  if (!template) throw new Error('global-setup did not run');
  const client = new PGlite({ loadDataDir: new Blob([fs.readFileSync(template)]) });
  await client.waitReady;
  return openDatabase({ pglite: client });
}

async function openFreshPostgres(sharedUrl: string): Promise<TDatabase> {
  const name = `movsc_t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: sharedUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(sharedUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  await migrateDatabase(database);
  await loadReferenceCentres(database.db);
  await loadReferenceCertifications(database.db);
  return {
    ...database,
    close: async () => {
      await database.close();
      const client = new pg.Client({ connectionString: sharedUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export type TTestContext = Awaited<ReturnType<typeof createTestContext>>;

export async function createTestContext(
  options: {
    loginRateLimit?: { max: number; windowSeconds: number };
    logger?: TLogger;
    freshDatabase?: boolean;
    clock?: TTestClock;
    webDir?: string;
    /** A database the test opened itself (a restored backup); closed with the context. */
    database?: TDatabase;
  } = {},
) {
  const database = options.database ?? (await openTestDatabase({ fresh: options.freshDatabase }));
  const { db } = database;
  const clock = options.clock ?? fixedClock(DEFAULT_TEST_NOW);
  const auth = createAuth({
    db,
    baseUrl: 'http://localhost:3000',
    secret: 'secret-de-test-secret-de-test-0123456789',
    loginRateLimit: options.loginRateLimit ?? { max: 1000, windowSeconds: 60 },
    clock,
  });
  const app = createApp({ db, auth, logger: options.logger ?? createLogger('silent'), clock, baseUrl: 'http://localhost:3000', webDir: options.webDir });

  /** Calls the API in-process. `ip` sets the client address as the Node server would. */
  async function call(
    method: string,
    path: string,
    init: { body?: unknown; cookie?: string; ip?: string; rawBody?: string } = {},
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const headers: Record<string, string> = { origin: 'http://localhost:3000' };
    if (init.cookie) headers.cookie = init.cookie;
    if (init.body !== undefined || init.rawBody !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(
      path,
      { method, headers, body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)) },
      { incoming: { socket: { remoteAddress: init.ip ?? `10.${rnd()}.${rnd()}.${rnd()}` } } },
    );
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, headers: res.headers };
  }

  /**
   * The API as the SPA sees it: a `hono/client` typed from the routes (params, query, bodies and
   * answers), over the in-process app. `cookie` signs the calls in; `ip` is the client address.
   */
  function client(cookie?: string, ip?: string) {
    const headers: Record<string, string> = { origin: 'http://localhost:3000' };
    if (cookie) headers.cookie = cookie;
    return hc<TApiRoutes>('http://localhost:3000/api', {
      headers,
      fetch: (input: RequestInfo | URL, init?: RequestInit) =>
        app.request(input instanceof Request ? input : String(input), init, {
          incoming: { socket: { remoteAddress: ip ?? `10.${rnd()}.${rnd()}.${rnd()}` } },
        }),
    });
  }

  async function signIn(email: string, password = TEST_PASSWORD): Promise<string> {
    const res = await call('POST', '/api/auth/sign-in/email', { body: { email, password } });
    if (res.status !== 200) throw new Error(`sign-in failed ${res.status} ${JSON.stringify(res.body)}`);
    return cookieOf(res.headers);
  }

  async function createTestUser(o: { roles?: TRole[]; centreIds?: string[]; name?: string } = {}) {
    const email = `u-${randomUUID().slice(0, 8)}@test.movsc`;
    const user = await createUser({
      db,
      actor: SYSTEM_ACTOR,
      input: { name: o.name ?? 'Personne Test', email, password: TEST_PASSWORD, roles: o.roles ?? ['auditeur'], centreIds: o.centreIds ?? [] },
    });
    return user;
  }

  /** A user with these roles, signed in: returns the user and its session cookie. */
  async function as(...roles: TRole[]) {
    const user = await createTestUser({ roles });
    return { user, cookie: await signIn(user.email) };
  }

  /**
   * One signed-in user per role set and test file (created and signed in on first use, then
   * reused), with its typed client: tests that only need "someone with these roles" share it.
   * Tests that change the user (password, roles, centres, sign-out) use `as()` instead.
   */
  const signedIn = new Map<string, Promise<{ user: Awaited<ReturnType<typeof createTestUser>>; cookie: string; api: ReturnType<typeof client> }>>();
  function asRole(...roles: TRole[]) {
    const key = [...roles].sort().join('+');
    let entry = signedIn.get(key);
    if (!entry) {
      entry = as(...roles).then(({ user, cookie }) => ({ user, cookie, api: client(cookie) }));
      signedIn.set(key, entry);
    }
    return entry;
  }

  async function createTestCentre(name = 'Centre de test') {
    return createCentre({
      db,
      actor: SYSTEM_ACTOR,
      input: { code: `T${randomUUID().slice(0, 8).toUpperCase()}`, name, address: '1 rue du Test', postalCode: '75001', city: 'Paris' },
    });
  }

  return { db, database, app, auth, clock, call, client, signIn, as, asRole, createTestUser, createTestCentre, close: () => database.close() };
}

function rnd() {
  return Math.floor(Math.random() * 250) + 1;
}

export function cookieOf(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
