/**
 * Resolves the caller: better-auth session → our actor (roles and centres). Also stamps the
 * client address header that better-auth's rate limiter reads.
 */
import { eq } from 'drizzle-orm';
import type { MiddlewareHandler, Context } from 'hono';
import type { TDb } from '../db/client.js';
import { CLIENT_IP_HEADER } from '../features/auth/auth.js';
import { userCentres, userRoles, users } from '../features/auth/auth.tables.js';
import type { TActor } from '../policies/policies.js';
import type { TAppEnv } from './context.js';
import { unauthenticated } from './errors.js';

export async function loadActor(db: TDb, userId: string): Promise<TActor | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.disabled) return null;
  const [roles, centres] = await Promise.all([
    db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)),
    db.select({ centreId: userCentres.centreId }).from(userCentres).where(eq(userCentres.userId, userId)),
  ]);
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    roles: roles.map((r) => r.role),
    centreIds: centres.map((c) => c.centreId),
  };
}

export const sessionMiddleware: MiddlewareHandler<TAppEnv> = async (c, next) => {
  const { auth, db } = c.get('deps');
  const session = await auth.api.getSession({ headers: c.req.raw.headers });
  c.set('actor', session ? await loadActor(db, session.user.id) : null);
  await next();
};

export function requireActor(c: Context<TAppEnv>): TActor {
  const actor = c.get('actor');
  if (!actor) throw unauthenticated();
  return actor;
}

/** The client's address as seen by our socket (or by the trusted proxy in front of us). */
export function clientAddress(c: Context<TAppEnv>): string | undefined {
  if (c.get('deps').trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}

export function withClientAddress(c: Context<TAppEnv>): Request {
  const headers = new Headers(c.req.raw.headers);
  headers.delete(CLIENT_IP_HEADER);
  const ip = clientAddress(c);
  if (ip) headers.set(CLIENT_IP_HEADER, ip);
  return new Request(c.req.raw, { headers });
}
