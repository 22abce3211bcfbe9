import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../../src/features/auth/auth.tables.js';
import { createTestContext, TEST_PASSWORD, cookieOf, type TTestContext } from '../helpers/context.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext({ loginRateLimit: { max: 3, windowSeconds: 60 } });
});
afterAll(() => t.close());

describe('sign-in, session, sign-out', () => {
  it('signs in with e-mail and password and sets an HttpOnly SameSite cookie', async () => {
    const user = await t.createTestUser({ roles: ['gestionnaire'] });
    const res = await t.call('POST', '/api/auth/sign-in/email', { body: { email: user.email, password: TEST_PASSWORD } });
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().find((c) => c.includes('session_token'));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(res.body.token).toBeUndefined();
    const me = await t.call('GET', '/api/me', { cookie: cookieOf(res.headers) });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(user.email);
    expect(me.body.roles).toEqual([{ role: 'gestionnaire', label: 'Gestionnaire de scolarité' }]);
    expect(me.body.abilities).toContain('referentiel:read');
    expect(me.body.abilities).not.toContain('users:manage');
  });

  it('refuses a wrong password with a French message and stores no password in clear', async () => {
    const user = await t.createTestUser();
    const res = await t.call('POST', '/api/auth/sign-in/email', { body: { email: user.email, password: 'pas-le-bon-mot' } });
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Adresse e-mail ou mot de passe incorrect.');
    const [row] = await t.db.select({ password: accounts.password }).from(accounts).where(eq(accounts.userId, user.id));
    const hash = row?.password ?? '';
    expect(hash).not.toContain(TEST_PASSWORD);
    // better-auth's scrypt format: salt:hash in hex
    expect(hash).toMatch(/[0-9a-f]{32}:[0-9a-f]{64,}/);
  });

  it('rate-limits sign-in attempts from one address (429, French message)', async () => {
    const user = await t.createTestUser();
    const ip = '192.0.2.77';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.call('POST', '/api/auth/sign-in/email', { body: { email: user.email, password: 'mauvais-mot' }, ip });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.message).toBe('Trop de tentatives : réessayez dans une minute.');
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    // Another address is not blocked.
    const other = await t.call('POST', '/api/auth/sign-in/email', { body: { email: user.email, password: TEST_PASSWORD }, ip: '192.0.2.78' });
    expect(other.status).toBe(200);
  });

  it('signs out: the cookie no longer opens a session', async () => {
    const { cookie } = await t.as('auditeur');
    expect((await t.call('GET', '/api/me', { cookie })).status).toBe(200);
    const out = await t.call('POST', '/api/auth/sign-out', { cookie, body: {} });
    expect(out.status).toBe(200);
    const me = await t.call('GET', '/api/me', { cookie });
    expect(me.status).toBe(401);
    expect(me.body.message).toBe('Vous devez être connecté·e.');
  });

  it('changes the password: the old one stops working, the new one works', async () => {
    const { user, cookie } = await t.as('enseignant');
    const wrong = await t.call('POST', '/api/auth/change-password', {
      cookie,
      body: { currentPassword: 'pas-le-bon', newPassword: 'nouveau-mot-de-passe' },
    });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(wrong.body.message).toBe('Mot de passe actuel incorrect.');
    const ok = await t.call('POST', '/api/auth/change-password', {
      cookie,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'nouveau-mot-de-passe', revokeOtherSessions: true },
    });
    expect(ok.status).toBe(200);
    expect((await t.call('POST', '/api/auth/sign-in/email', { body: { email: user.email, password: TEST_PASSWORD } })).status).toBe(401);
    expect((await t.call('POST', '/api/auth/sign-in/email', { body: { email: user.email, password: 'nouveau-mot-de-passe' } })).status).toBe(200);
  });

  it('refuses sign-in to a disabled account', async () => {
    const admin = await t.as('administrateur');
    const user = await t.createTestUser();
    const patch = await t.call('PATCH', `/api/users/${user.id}`, { cookie: admin.cookie, body: { disabled: true } });
    expect(patch.status).toBe(200);
    const res = await t.call('POST', '/api/auth/sign-in/email', { body: { email: user.email, password: TEST_PASSWORD } });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Ce compte est désactivé.');
  });
});
