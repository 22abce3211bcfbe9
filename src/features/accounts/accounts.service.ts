/**
 * Accounts people can recover: an invitation link to set one's password (the administrator never
 * types it), "mot de passe oublié" with an expiring single-use link, resending an invitation.
 * Links are issued by the `account.send_link` job (accounts.jobs.ts); only their SHA-256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { hashPassword } from 'better-auth/crypto';
import { randomUUID } from 'node:crypto';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, notFound, validationError } from '../../http/errors.js';
import { recurringSlot } from '../jobs/jobs.rules.js';
import { enqueueJob } from '../jobs/jobs.service.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { accounts, sessions, users } from '../auth/auth.tables.js';
import { accountTokens, type TAccountTokenPurpose } from './accounts.tables.js';
import { passwordProblem } from '../auth/password.policy.js';

export const LINK_VALIDITY_MS: Record<TAccountTokenPurpose, number> = {
  invitation: 7 * 24 * 3600_000,
  password_reset: 3600_000,
};

/** One reset e-mail per person per window, however often the form is sent (no mailbox flooding). */
const RESET_WINDOW_MS = 5 * 60_000;

export const SET_PASSWORD_PATH = '/mot-de-passe';

const INVALID_LINK = 'Ce lien n’est plus valable : il a expiré, a déjà servi ou a été remplacé par un plus récent. Demandez-en un nouveau.';

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Queues the invitation e-mail of a new account (call it in the transaction that creates it). */
export async function enqueueInvitation(tx: TDbOrTx, userId: string): Promise<void> {
  await enqueueJob(tx, { kind: 'account.send_link', payload: { userId, purpose: 'invitation' }, maxAttempts: 8 });
}

export async function hasPassword(db: TDbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ password: accounts.password })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')));
  return Boolean(row?.password);
}

export async function resendInvitation(o: { db: TDb; actor: TAuditActor; userId: string }) {
  await o.db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, disabled: users.disabled }).from(users).where(eq(users.id, o.userId));
    if (!user) throw notFound('Utilisateur introuvable.');
    if (user.disabled) throw conflict('Ce compte est désactivé : réactivez-le avant de renvoyer une invitation.');
    if (await hasPassword(tx, o.userId)) {
      throw conflict('Cette personne a déjà choisi son mot de passe : elle peut utiliser « Mot de passe oublié » sur la page de connexion.');
    }
    await enqueueInvitation(tx, o.userId);
    await recordAudit(tx, o.actor, { action: 'user.invitation_resent', entityType: 'user', entityId: o.userId });
  });
}

/**
 * "Mot de passe oublié": queues a reset link when an active account has this address. The caller
 * answers the same thing whether or not it does, so the form reveals no account.
 */
export async function requestPasswordReset(o: { db: TDb; email: string; now: Date }): Promise<void> {
  const email = o.email.trim().toLowerCase();
  const [user] = await o.db.select({ id: users.id, disabled: users.disabled }).from(users).where(eq(users.email, email));
  if (!user || user.disabled) return;
  const slot = recurringSlot(`reset:${user.id}`, RESET_WINDOW_MS, o.now);
  await o.db.transaction(async (tx) => {
    const id = await enqueueJob(tx, { kind: 'account.send_link', payload: { userId: user.id, purpose: 'password_reset' }, dedupeKey: slot.key, maxAttempts: 5 });
    if (id) {
      await recordAudit(tx, { userId: null, label: 'formulaire « Mot de passe oublié »' }, { action: 'account.password_reset_requested', entityType: 'user', entityId: user.id });
    }
  });
}

/** Creates a fresh link (older unused ones of the same purpose die) and returns the token, once. */
export async function issueAccountToken(o: { db: TDbOrTx; userId: string; purpose: TAccountTokenPurpose; now: Date }): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(o.now.getTime() + LINK_VALIDITY_MS[o.purpose]);
  await o.db
    .update(accountTokens)
    .set({ usedAt: o.now })
    .where(and(eq(accountTokens.userId, o.userId), eq(accountTokens.purpose, o.purpose), isNull(accountTokens.usedAt)));
  await o.db.insert(accountTokens).values({ userId: o.userId, purpose: o.purpose, tokenHash: hashToken(token), expiresAt, createdAt: o.now });
  return { token, expiresAt };
}

async function findValidToken(db: TDbOrTx, token: string, now: Date, lock = false) {
  const query = db.select().from(accountTokens).where(eq(accountTokens.tokenHash, hashToken(token)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || row.usedAt || row.expiresAt.getTime() <= now.getTime()) return null;
  const [user] = await db.select().from(users).where(eq(users.id, row.userId));
  if (!user || user.disabled) return null;
  return { row, user };
}

/** What the "set your password" page shows before the person types (or an invalid-link error). */
export async function checkAccountLink(o: { db: TDbOrTx; token: string; now: Date }) {
  const found = await findValidToken(o.db, o.token, o.now);
  if (!found) throw validationError([{ path: 'token', message: INVALID_LINK }], INVALID_LINK);
  return { purpose: found.row.purpose, name: found.user.name, email: found.user.email, expiresAt: found.row.expiresAt.toISOString() };
}

/** Sets the password through a link: single use, every other link and every session of the person end. */
export async function setPasswordWithLink(o: { db: TDb; token: string; password: string; now: Date }): Promise<{ email: string }> {
  const problem = passwordProblem(o.password);
  if (problem) throw validationError([{ path: 'password', message: problem }]);
  // Hashing (scrypt) takes tens of milliseconds: done before the transaction holds any lock.
  const passwordHash = await hashPassword(o.password);
  return o.db.transaction(async (tx) => {
    const found = await findValidToken(tx, o.token, o.now, true);
    if (!found) throw validationError([{ path: 'token', message: INVALID_LINK }], INVALID_LINK);
    const { row, user } = found;
    const [account] = await tx.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.userId, user.id), eq(accounts.providerId, 'credential')));
    if (account) await tx.update(accounts).set({ password: passwordHash, updatedAt: o.now }).where(eq(accounts.id, account.id));
    else await tx.insert(accounts).values({ id: randomUUID(), accountId: user.id, providerId: 'credential', userId: user.id, password: passwordHash });
    await tx.update(accountTokens).set({ usedAt: o.now }).where(and(eq(accountTokens.userId, user.id), isNull(accountTokens.usedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await recordAudit(tx, { userId: user.id, label: `${user.name} <${user.email}>` }, {
      action: 'account.password_set',
      entityType: 'user',
      entityId: user.id,
      after: { through: row.purpose },
    });
    return { email: user.email };
  });
}

/** Links dead for a month are of no use, even as evidence: they are deleted. */
export async function purgeStaleTokens(db: TDbOrTx, now: Date): Promise<number> {
  const rows = await db
    .delete(accountTokens)
    .where(lt(accountTokens.expiresAt, new Date(now.getTime() - 30 * 24 * 3600_000)))
    .returning({ id: accountTokens.id });
  return rows.length;
}
