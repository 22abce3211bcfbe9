import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountTokens } from '../../src/features/accounts/accounts.tables.js';
import { auditEvents } from '../../src/features/audit/audit.tables.js';
import { accounts, sessions } from '../../src/features/auth/auth.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { runJobs } from '../helpers/jobs.js';
import { startSmtpServer } from '../helpers/smtp.js';

let t: TTestContext;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let admin: { cookie: string; user: { id: string } };

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  // A database of its own on PostgreSQL: the runner here must not take (or be taken) other files' jobs.
  t = await createTestContext({ freshDatabase: true });
  admin = await t.as('administrateur');
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await t?.close();
  await smtp?.close();
});

const HOUR = 3600_000;
const RESET_MESSAGE =
  'Si un compte actif correspond à cette adresse, un courriel vient de lui être envoyé avec un lien valable une heure. Pensez à regarder dans les indésirables.';

/** The token of the last link e-mailed to `email` (the e-mail is the only place it exists in clear). */
function lastLinkTo(email: string): { url: string; token: string } {
  const mail = smtp.to(email).at(-1);
  if (!mail) throw new Error(`aucun courriel pour ${email}`);
  const url = /Lien direct : (\S+)/.exec(mail.text)?.[1];
  if (!url) throw new Error(`aucun lien dans « ${mail.text} »`);
  return { url, token: new URL(url).searchParams.get('jeton')! };
}

async function invite(name = 'Inès Invitée') {
  const email = `invite-${Math.random().toString(36).slice(2, 10)}@exemple.fr`;
  const res = await t.call('POST', '/api/users', { cookie: admin.cookie, body: { name, email, roles: ['gestionnaire'] } });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, email };
}

const signInStatus = async (email: string, password: string) =>
  (await t.call('POST', '/api/auth/sign-in/email', { body: { email, password } })).status;

describe('an invitation instead of a password typed by the administrator', () => {
  it('e-mails a link to choose a password; the person chooses it, then signs in; the link serves once', async () => {
    const person = await invite();
    expect(smtp.to(person.email)).toHaveLength(0); // nothing is sent by the request itself
    expect(await runJobs(t)).toMatchObject({ succeeded: 1 });
    const mail = smtp.to(person.email).at(-1)!;
    expect(mail.subject).toBe('Votre compte MOVSC : choisissez votre mot de passe');
    expect(mail.text).toContain('Bonjour Inès Invitée');
    expect(mail.text).toContain('valable jusqu');
    const { url, token } = lastLinkTo(person.email);
    expect(url.startsWith('http://localhost:3000/mot-de-passe?jeton=')).toBe(true);

    // Only the hash of the token is kept.
    const stored = await t.db.select().from(accountTokens).where(eq(accountTokens.userId, person.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);
    expect(stored[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const check = await t.call('POST', '/api/account/password-link/check', { body: { token } });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ purpose: 'invitation', name: 'Inès Invitée', email: person.email });

    const set = await t.call('POST', '/api/account/password', { body: { token, password: 'une phrase de passe à moi' } });
    expect(set.status).toBe(200);
    expect(set.body.email).toBe(person.email);
    expect(await signInStatus(person.email, 'une phrase de passe à moi')).toBe(200);

    const again = await t.call('POST', '/api/account/password', { body: { token, password: 'une autre phrase de passe' } });
    expect(again.status).toBe(422);
    expect(again.body.issues[0].path).toBe('token');
    expect(again.body.message).toContain('Ce lien n’est plus valable');
    expect(await signInStatus(person.email, 'une autre phrase de passe')).toBe(401);

    const users = await t.call('GET', `/api/users/${person.id}`, { cookie: admin.cookie });
    expect(users.body.passwordSet).toBe(true);
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.password_set'));
    expect(audit).toBeDefined();
  });

  it('expires after seven days', async () => {
    const person = await invite();
    await runJobs(t);
    const { token } = lastLinkTo(person.email);
    const start = t.clock.now().getTime();
    try {
      t.clock.set(new Date(start + 7 * 24 * HOUR + 1000));
      const late = await t.call('POST', '/api/account/password', { body: { token, password: 'une phrase de passe à moi' } });
      expect(late.status).toBe(422);
      expect(late.body.issues[0].path).toBe('token');
    } finally {
      t.clock.set(new Date(start));
    }
  });

  it('the administrator resends it: the old link dies, the new one works; once the password is set, resending is refused', async () => {
    const person = await invite();
    await runJobs(t);
    const first = lastLinkTo(person.email).token;
    const resend = await t.call('POST', `/api/users/${person.id}/invitation`, { cookie: admin.cookie });
    expect(resend.status).toBe(202);
    await runJobs(t);
    const second = lastLinkTo(person.email).token;
    expect(second).not.toBe(first);
    expect((await t.call('POST', '/api/account/password-link/check', { body: { token: first } })).status).toBe(422);
    expect((await t.call('POST', '/api/account/password', { body: { token: second, password: 'une phrase de passe à moi' } })).status).toBe(200);

    const refused = await t.call('POST', `/api/users/${person.id}/invitation`, { cookie: admin.cookie });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('Mot de passe oublié');
    const gestionnaire = await t.as('gestionnaire');
    expect((await t.call('POST', `/api/users/${person.id}/invitation`, { cookie: gestionnaire.cookie })).status).toBe(403);
  });
});

describe('the password policy (ASVS 5.0 V6)', () => {
  it('refuses fewer than 8 characters and the most common passwords, accepts a long phrase of any characters, imposes no composition', async () => {
    const person = await invite();
    await runJobs(t);
    const { token } = lastLinkTo(person.email);
    const attempt = (password: string) => t.call('POST', '/api/account/password', { body: { token, password } });

    const short = await attempt('abc1234');
    expect(short.status).toBe(422);
    expect(short.body.issues).toEqual([{ path: 'password', message: 'Le mot de passe doit compter au moins 8 caractères.' }]);
    // Well-known entries of every breach list, whatever their case.
    for (const common of ['password', '12345678', 'azertyuiop', 'Iloveyou', 'motdepasse']) {
      const res = await attempt(common);
      expect(res.status, common).toBe(422);
      expect(res.body.issues[0].message).toBe('Ce mot de passe fait partie des plus courants : choisissez-en un autre.');
    }
    const tooLong = await attempt('x'.repeat(129));
    expect(tooLong.status).toBe(422);
    // 64 characters are allowed (ASVS asks at least 64), and so are spaces and any letter.
    expect((await t.call('POST', '/api/account/password-link/check', { body: { token } })).status).toBe(200); // still unused
    expect((await attempt('é'.repeat(4) + 'ûñ ç ' + 'a'.repeat(55))).status).toBe(200);
  });

  it('applies to the change of password on the account page too', async () => {
    const { user, cookie } = await t.as('enseignant');
    const res = await t.call('POST', '/api/auth/change-password', { cookie, body: { currentPassword: 'mot-de-passe-de-test', newPassword: 'qwertyuiop' } });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('Ce mot de passe fait partie des plus courants : choisissez-en un autre.');
    expect(res.body.issues).toEqual([{ path: 'newPassword', message: 'Ce mot de passe fait partie des plus courants : choisissez-en un autre.' }]);
    expect(await signInStatus(user.email, 'qwertyuiop')).toBe(401);
  });
});

describe('mot de passe oublié', () => {
  it('answers the same whether or not the address has an account, and e-mails a link only to an existing one', async () => {
    const unknown = `personne-${Date.now()}@exemple.fr`;
    const a = await t.call('POST', '/api/account/password-reset-request', { body: { email: unknown } });
    const { user } = await t.as('responsable_pedagogique');
    const b = await t.call('POST', '/api/account/password-reset-request', { body: { email: user.email.toUpperCase() } });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(a.body).toEqual({ message: RESET_MESSAGE });
    expect(b.body).toEqual(a.body);
    await runJobs(t);
    expect(smtp.to(unknown)).toHaveLength(0);
    expect(smtp.to(user.email).at(-1)!.subject).toBe('MOVSC : réinitialisation de votre mot de passe');

    const bad = await t.call('POST', '/api/account/password-reset-request', { body: { email: 'pas-une-adresse' } });
    expect(bad.status).toBe(422);
    expect(bad.body.issues[0]).toEqual({ path: 'email', message: 'Adresse e-mail invalide.' });
  });

  it('the link resets the password once, within an hour, and closes the open sessions', async () => {
    const { user, cookie } = await t.as('enseignant');
    expect((await t.call('GET', '/api/me', { cookie })).status).toBe(200);
    await t.call('POST', '/api/account/password-reset-request', { body: { email: user.email } });
    await t.call('POST', '/api/account/password-reset-request', { body: { email: user.email } }); // a second click: one e-mail
    await runJobs(t);
    expect(smtp.to(user.email)).toHaveLength(1);
    const { token } = lastLinkTo(user.email);

    const start = t.clock.now().getTime();
    try {
      t.clock.set(new Date(start + HOUR + 1000));
      expect((await t.call('POST', '/api/account/password', { body: { token, password: 'nouvelle phrase de passe' } })).status).toBe(422);
    } finally {
      t.clock.set(new Date(start));
    }
    const ok = await t.call('POST', '/api/account/password', { body: { token, password: 'nouvelle phrase de passe' } });
    expect(ok.status).toBe(200);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect((await t.call('GET', '/api/me', { cookie })).status).toBe(401);
    expect(await signInStatus(user.email, 'mot-de-passe-de-test')).toBe(401);
    expect(await signInStatus(user.email, 'nouvelle phrase de passe')).toBe(200);
    const [credential] = await t.db.select({ password: accounts.password }).from(accounts).where(eq(accounts.userId, user.id));
    expect(credential?.password).not.toContain('nouvelle');
  });

  it('sends nothing to a disabled account', async () => {
    const user = await t.createTestUser({ roles: ['enseignant'] });
    await t.call('PATCH', `/api/users/${user.id}`, { cookie: admin.cookie, body: { disabled: true } });
    await t.call('POST', '/api/account/password-reset-request', { body: { email: user.email } });
    await runJobs(t);
    expect(smtp.to(user.email)).toHaveLength(0);
  });
});
