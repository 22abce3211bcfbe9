/**
 * better-auth, configured for MOVSC: e-mail + password only (no self sign-up: an administrator
 * creates accounts), sessions and rate-limit counters in the database (no process state), scrypt
 * password hashes (better-auth's default, memory-hard), HttpOnly SameSite=Lax cookies, Secure when
 * the public URL is HTTPS. Our roles and centres live beside it (auth.tables.ts).
 */
import { APIError, betterAuth } from 'better-auth';
import { createAuthMiddleware } from 'better-auth/api';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { hashPassword, verifyPassword } from 'better-auth/crypto';
import { eq } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { safeLogArgument } from '../../http/log-safety.js';
import { systemClock, type TClock } from '../../lib/clock.js';
import { accountWaitSeconds, clearSignInFailures, recordSignInFailure, waitWords } from './login-throttle.js';
import { recordAudit } from '../audit/audit.service.js';
import { isCommonPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.policy.js';
import { accounts, rateLimits, sessions, users, verifications } from './auth.tables.js';

/** Header our server sets from the socket address (never trusted from the client). */
export const CLIENT_IP_HEADER = 'x-movsc-client-ip';

export type TAuthOptions = {
  db: TDb;
  baseUrl: string;
  /** Other origins the browser may use (e.g. 127.0.0.1 beside localhost when no BASE_URL is set). */
  extraOrigins?: string[];
  secret: string;
  loginRateLimit: { max: number; windowSeconds: number };
  /** The platform's clock (the per-account sign-in delay reads it). */
  clock?: TClock;
};

const signInEmailOf = (body: unknown): string | null =>
  body && typeof body === 'object' && 'email' in body && typeof body.email === 'string' && body.email.trim() ? body.email : null;

export function createAuth({ db, baseUrl, extraOrigins = [], secret, loginRateLimit, clock = systemClock }: TAuthOptions) {
  const actorOf = async (userId: string) => {
    const [u] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
    return { userId, label: u ? `${u.name} <${u.email}>` : userId };
  };
  return betterAuth({
    appName: 'MOVSC',
    // Failed sign-ins are answered and counted; they are not server errors worth a log line each.
    logger: {
      level: 'error',
      // One JSON line like ours, its errors without their query parameters (tokens, password hashes).
      log: (level, message, ...args) => {
        const line = { time: systemClock.now().toISOString(), level, message: `better-auth: ${safeLogArgument(message)}`, args: args.map(safeLogArgument) };
        process.stderr.write(`${JSON.stringify(line)}\n`);
      },
    },
    baseURL: baseUrl,
    basePath: '/api/auth',
    // A name is changed through PATCH /api/me, which validates it and writes it to the journal;
    // better-auth's own route stored any value (null answered 500) and recorded nothing.
    disabledPaths: ['/update-user'],
    secret,
    trustedOrigins: [baseUrl, ...extraOrigins],
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications, rateLimit: rateLimits },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      // ASVS 5.0 V6 (src/features/auth/password.policy.ts): 8 minimum, no composition rule.
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      revokeSessionsOnPasswordReset: true,
      // better-auth's own scrypt, named here so that createUser and sign-in share one import: the
      // test suite aliases 'better-auth/crypto' to a low-cost hasher (vitest.config.ts only).
      password: { hash: hashPassword, verify: verifyPassword },
    },
    user: {
      additionalFields: { disabled: { type: 'boolean', required: false, defaultValue: false, input: false } },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 200,
      customRules: {
        '/sign-in/email': { window: loginRateLimit.windowSeconds, max: loginRateLimit.max },
        '/change-password': { window: 60, max: 10 },
      },
    },
    advanced: {
      useSecureCookies: baseUrl.startsWith('https:'),
      // better-auth skips its Origin check when it believes it runs under a test runner: the tests
      // check the production behaviour (a write with a cookie from another site is refused).
      disableOriginCheck: false,
      cookiePrefix: 'movsc',
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    hooks: {
      // The same common-password list as our own password routes, for the change on the account page.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === '/sign-in/email') {
          const email = signInEmailOf(ctx.body);
          if (!email) return;
          const wait = await accountWaitSeconds(db, email, clock.now().getTime());
          if (wait > 0) {
            const message = `Trop de tentatives pour ce compte : réessayez dans ${waitWords(wait)}.`;
            throw new APIError('TOO_MANY_REQUESTS', { code: 'ACCOUNT_THROTTLED', message }, { 'Retry-After': String(wait) });
          }
          return;
        }
        if (ctx.path !== '/change-password') return;
        const body: unknown = ctx.body;
        const next = body && typeof body === 'object' && 'newPassword' in body ? body.newPassword : undefined;
        if (typeof next === 'string' && isCommonPassword(next)) {
          const message = 'Ce mot de passe fait partie des plus courants : choisissez-en un autre.';
          throw new APIError('UNPROCESSABLE_ENTITY', { code: 'PASSWORD_COMMON', message, issues: [{ path: 'newPassword', message }] });
        }
      }),
      // Failures are counted per account; a success clears them.
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const email = signInEmailOf(ctx.body);
        if (!email) return;
        const returned: unknown = ctx.context.returned;
        const status = returned instanceof APIError ? returned.statusCode : 200;
        if (status === 401) await recordSignInFailure(db, email, clock.now().getTime());
        else if (status < 400) await clearSignInFailures(db, email);
      }),
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const [u] = await db.select({ disabled: users.disabled }).from(users).where(eq(users.id, session.userId));
            if (!u || u.disabled) {
              throw new APIError('FORBIDDEN', { code: 'ACCOUNT_DISABLED', message: 'Ce compte est désactivé.' });
            }
          },
          after: async (session) => {
            await recordAudit(db, await actorOf(session.userId), {
              action: 'auth.sign_in',
              entityType: 'session',
              entityId: session.id,
              after: { ipAddress: session.ipAddress ?? null, userAgent: session.userAgent ?? null },
            });
          },
        },
        delete: {
          after: async (session) => {
            await recordAudit(db, await actorOf(session.userId), {
              action: 'auth.sign_out',
              entityType: 'session',
              entityId: session.id,
            });
          },
        },
      },
      account: {
        update: {
          after: async (account) => {
            await recordAudit(db, await actorOf(account.userId), {
              action: 'auth.password_changed',
              entityType: 'user',
              entityId: account.userId,
            });
          },
        },
      },
    },
  });
}

export type TAuth = ReturnType<typeof createAuth>;

/** French wording of better-auth's error codes, so every message the UI shows is French. */
export const AUTH_MESSAGES_FR: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: 'Adresse e-mail ou mot de passe incorrect.',
  INVALID_PASSWORD: 'Mot de passe actuel incorrect.',
  PASSWORD_TOO_SHORT: 'Le nouveau mot de passe doit compter au moins 8 caractères.',
  PASSWORD_COMMON: 'Ce mot de passe fait partie des plus courants : choisissez-en un autre.',
  PASSWORD_TOO_LONG: 'Le nouveau mot de passe ne doit pas dépasser 128 caractères.',
  INVALID_EMAIL: 'Adresse e-mail invalide.',
  ACCOUNT_DISABLED: 'Ce compte est désactivé.',
  USER_NOT_FOUND: 'Utilisateur introuvable.',
  SESSION_EXPIRED: 'Votre session a expiré : reconnectez-vous.',
  UNAUTHORIZED: 'Vous devez être connecté·e.',
  FAILED_TO_GET_SESSION: 'Session introuvable : reconnectez-vous.',
  EMAIL_NOT_VERIFIED: 'Adresse e-mail non vérifiée.',
  VALIDATION_ERROR: 'Certaines données sont invalides.',
  TOO_MANY_REQUESTS: 'Trop de tentatives : réessayez dans une minute.',
};
