/**
 * Losing the database (issue 9, item 1): the process survives, answers 503 in French while the
 * database is away, reconnects by itself, and /api/health says so while /api/health/live does not.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { isDatabaseUnavailable } from '../../src/db/errors.js';
import { createAuth } from '../../src/features/auth/auth.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/http/logger.js';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestContext, DEFAULT_TEST_NOW, type TTestContext } from '../helpers/context.js';

const UNAVAILABLE = 'Service momentanément indisponible : la base de données ne répond pas. Réessayez dans quelques instants.';

describe('a database that cannot be reached', () => {
  // Nothing listens on port 1: every connection is refused at once, as during a server restart.
  const database = openDatabase({ url: 'postgres://postgres@127.0.0.1:1/absente' });
  afterAll(async () => (await database).close());

  async function outageApp() {
    const { db } = await database;
    const auth = createAuth({ db, baseUrl: 'http://localhost:3000', secret: 'secret-de-test-secret-de-test-0123456789', loginRateLimit: { max: 1000, windowSeconds: 60 } });
    return createApp({ db, auth, logger: createLogger('silent'), clock: fixedClock(DEFAULT_TEST_NOW) });
  }

  it('health is 503, liveness is 200, and a request needing the database is a French 503 with Retry-After', async () => {
    const app = await outageApp();
    const health = await app.request('/api/health');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', database: 'unavailable' });
    const live = await app.request('/api/health/live');
    expect(live.status).toBe(200);

    const read = await app.request('/api/admissions/open-cohorts');
    expect(read.status).toBe(503);
    expect(read.headers.get('retry-after')).toBe('5');
    expect((await read.json()).message).toBe(UNAVAILABLE);
    // A real session cookie (signed with the same secret), whose session cannot be looked up: not a 401
    // (the SPA would send the person to the sign-in page), but the same 503.
    const live_ = await createTestContext();
    try {
      const { cookie } = await live_.as('gestionnaire');
      const signedIn = await app.request('/api/me', { headers: { cookie } });
      expect(signedIn.status).toBe(503);
      expect((await signedIn.json()).message).toBe(UNAVAILABLE);
    } finally {
      await live_.close();
    }
  });

  it('recognises the errors of a lost connection, and only those', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
  });
});

// Terminating backends needs a real server: this part runs in the PostgreSQL pass of the tests.
describe.runIf(Boolean(inject('databaseUrl')))('PostgreSQL: the app’s connections are cut', () => {
  let t: TTestContext;
  afterAll(() => t?.close());

  async function terminateBackendsOf(url: string) {
    const name = new URL(url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: inject('databaseUrl')! });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      return rowCount ?? 0;
    } finally {
      await admin.end();
    }
  }

  it('a transaction whose connection is cut fails (the process lives on), and the next requests are served again', async () => {
    t = await createTestContext({ freshDatabase: true });
    const admin = await t.as('administrateur');
    expect((await t.call('GET', '/api/me', { cookie: admin.cookie })).status).toBe(200);

    // A client lent to a transaction when its backend is terminated: node-postgres emits 'error' on
    // it; without a listener that event would end the process (and this test run).
    let failure: unknown = null;
    await t.db
      .transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        expect(await terminateBackendsOf(t.database.url!)).toBeGreaterThan(0);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await tx.execute(sql`select 1`);
      })
      .catch((error: unknown) => {
        failure = error;
      });
    expect(failure).not.toBeNull();
    expect(isDatabaseUnavailable(failure)).toBe(true);

    // The pool dropped the broken clients: new connections serve the next requests.
    let status = 0;
    for (let attempt = 0; attempt < 5 && status !== 200; attempt++) {
      status = (await t.call('GET', '/api/me', { cookie: admin.cookie })).status;
      expect([200, 503]).toContain(status);
    }
    expect(status).toBe(200);
    expect((await t.call('GET', '/api/health')).status).toBe(200);

    // Cut again while idle: the next answers are 200 or a French 503, never a 500, and service comes back.
    await terminateBackendsOf(t.database.url!);
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.call('GET', '/api/me', { cookie: admin.cookie })));
    for (const a of answers) {
      expect([200, 503]).toContain(a.status);
      if (a.status === 503) expect(a.body.message).toBe(UNAVAILABLE);
    }
    expect((await t.call('GET', '/api/me', { cookie: admin.cookie })).status).toBe(200);
  });
});
