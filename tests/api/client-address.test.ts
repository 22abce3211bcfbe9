/**
 * Who the client is behind a proxy (issue 9, item 11): only the declared proxies' X-Forwarded-For
 * entries are believed, so a caller cannot lift the sign-in limit by writing the header itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../../src/features/auth/auth.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/http/logger.js';
import { clientAddressOf } from '../../src/http/session.js';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestContext, DEFAULT_TEST_NOW, TEST_PASSWORD, type TTestContext } from '../helpers/context.js';

describe('clientAddressOf', () => {
  const proxies = ['127.0.0.1', '::1'];
  it('believes X-Forwarded-For only when the peer is a declared proxy, and then its rightmost untrusted entry', () => {
    expect(clientAddressOf('203.0.113.7', '1.2.3.4', proxies)).toBe('203.0.113.7');
    expect(clientAddressOf('127.0.0.1', '198.51.100.2', proxies)).toBe('198.51.100.2');
    // The caller wrote « 1.2.3.4 »; the proxy appended the address it saw.
    expect(clientAddressOf('127.0.0.1', '1.2.3.4, 198.51.100.2', proxies)).toBe('198.51.100.2');
    expect(clientAddressOf('::ffff:127.0.0.1', '9.9.9.9, 198.51.100.2, 127.0.0.1', proxies)).toBe('198.51.100.2');
    expect(clientAddressOf('127.0.0.1', '1.2.3.4', [])).toBe('127.0.0.1');
    expect(clientAddressOf('127.0.0.1', undefined, proxies)).toBe('127.0.0.1');
  });
});

describe('the sign-in limit behind a proxy', () => {
  let t: TTestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('eight wrong passwords (on eight accounts) with a new spoofed X-Forwarded-For each, then a right one: still 429', async () => {
    const auth = createAuth({ db: t.db, baseUrl: 'https://movsc.exemple.fr', secret: 'secret-de-test-secret-de-test-0123456789', loginRateLimit: { max: 5, windowSeconds: 60 } });
    const app = createApp({ db: t.db, auth, logger: createLogger('silent'), clock: fixedClock(DEFAULT_TEST_NOW), trustedProxies: ['127.0.0.1'] });
    // One account per attempt: the per-account delay never starts, only the per-address limit can refuse.
    const users = await Promise.all(Array.from({ length: 9 }, () => t.createTestUser({ roles: ['gestionnaire'] })));
    const attempt = (email: string, password: string, spoofed: string) =>
      app.request(
        '/api/auth/sign-in/email',
        {
          method: 'POST',
          headers: { origin: 'https://movsc.exemple.fr', 'content-type': 'application/json', 'x-forwarded-for': `${spoofed}, 198.51.100.77` },
          body: JSON.stringify({ email, password }),
        },
        { incoming: { socket: { remoteAddress: '127.0.0.1' } } },
      );
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await attempt(users[i]!.email, 'pas-le-bon-mot-de-passe', `10.0.0.${i + 1}`)).status);
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect((await attempt(users[8]!.email, TEST_PASSWORD, '10.0.0.99')).status).toBe(429);
  });
});

describe('the sign-in delay per account', () => {
  let t: TTestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  const signIn = (email: string, password: string, ip: string) => t.call('POST', '/api/auth/sign-in/email', { body: { email, password }, ip });

  it('five failures from five addresses, then each attempt waits a delay that doubles; a success clears it', async () => {
    const user = await t.createTestUser({ roles: ['gestionnaire'] });
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, 'mauvais-mot-de-passe', `172.16.0.${i + 1}`)).status).toBe(401);
    // Sixth attempt, from yet another address, even with the right password: wait 15 s.
    const blocked = await signIn(user.email, TEST_PASSWORD, '172.16.1.1');
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toBe('Trop de tentatives pour ce compte : réessayez dans 15 s.');
    expect(blocked.headers.get('retry-after')).toBe('15');
    // Another account is not affected.
    const other = await t.createTestUser({ roles: ['gestionnaire'] });
    expect((await signIn(other.email, TEST_PASSWORD, '172.16.1.2')).status).toBe(200);

    t.clock.advance(16_000);
    expect((await signIn(user.email, 'encore-faux', '172.16.1.3')).status).toBe(401);
    const longer = await signIn(user.email, TEST_PASSWORD, '172.16.1.4');
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('30');

    t.clock.advance(31_000);
    expect((await signIn(user.email, TEST_PASSWORD, '172.16.1.5')).status).toBe(200);
    // Cleared: the next failure is free again.
    expect((await signIn(user.email, 'faux', '172.16.1.6')).status).toBe(401);
    expect((await signIn(user.email, TEST_PASSWORD, '172.16.1.7')).status).toBe(200);
  });
});
