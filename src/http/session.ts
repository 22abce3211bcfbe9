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

/** « ::ffff:127.0.0.1 » is 127.0.0.1 reached over IPv6. */
const plainAddress = (a: string) => a.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy (TRUSTED_PROXIES);
 * then the rightmost X-Forwarded-For entry that is not a trusted proxy. Entries to its left were
 * written by the caller and prove nothing: keying a limit on the first one let a client lift it.
 */
export function clientAddressOf(peer: string | undefined, forwardedFor: string | undefined, trusted: readonly string[]): string | undefined {
  const trust = new Set(trusted.map(plainAddress));
  if (!peer || !trust.has(plainAddress(peer)) || !forwardedFor) return peer;
  const chain = forwardedFor.split(',').map(plainAddress).filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) if (!trust.has(chain[i]!)) return chain[i];
  return chain[0] ?? peer;
}

export function clientAddress(c: Context<TAppEnv>): string | undefined {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return clientAddressOf(incoming?.socket?.remoteAddress, c.req.header('x-forwarded-for'), c.get('deps').trustedProxies ?? []);
}

export function withClientAddress(c: Context<TAppEnv>): Request {
  const headers = new Headers(c.req.raw.headers);
  headers.delete(CLIENT_IP_HEADER);
  const ip = clientAddress(c);
  if (ip) headers.set(CLIENT_IP_HEADER, ip);
  return new Request(c.req.raw, { headers });
}
