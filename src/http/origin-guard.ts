/**
 * Our own writes come from our own pages (issue 9, item 15; decision 016). The session cookie is
 * SameSite=Lax, which already keeps it off another site's POST; this check does not rely on it alone
 * (a browser without SameSite, a sibling sub-domain, a Lax exception): a POST, PUT, PATCH or DELETE
 * under /api whose `Origin` is not one of the platform's is refused 403 before its body is read.
 * Without `Origin`, `Sec-Fetch-Site` says whether a browser sent it from another site.
 * A request with neither header is not a browser's (the CLI, curl, a script holding a session): it
 * passes, and cookies still decide who it is. better-auth's routes (/api/auth/*) make the same check
 * themselves, against the same list: better-auth's trusted origins (BASE_URL, and without one the
 * local addresses of a development machine).
 */
import type { MiddlewareHandler } from 'hono';
import type { TAppEnv } from './context.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const FOREIGN_ORIGIN_MESSAGE =
  'Requête refusée : elle vient d’un autre site que la plateforme MOVSC. Ouvrez la plateforme à son adresse habituelle et recommencez.';

/** `https://movsc.example/app` → `https://movsc.example`; null for what is not an http(s) URL. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** Whether a write with these headers may reach our handlers. */
export function isSameOriginWrite(headers: { origin?: string; secFetchSite?: string }, allowed: ReadonlySet<string>): boolean {
  if (headers.origin !== undefined) {
    // « null » (a sandboxed frame, a privacy redirect) names no origin: not ours.
    const origin = originOf(headers.origin.trim());
    return origin !== null && allowed.has(origin);
  }
  const site = headers.secFetchSite?.trim().toLowerCase();
  // same-site is a sibling sub-domain, another origin all the same.
  return site !== 'cross-site' && site !== 'same-site';
}

function allowedOriginsOf(trusted: unknown): Set<string> {
  const list = Array.isArray(trusted) ? trusted.filter((o): o is string => typeof o === 'string') : [];
  return new Set(list.map(originOf).filter((o): o is string => o !== null));
}

export const originGuard: MiddlewareHandler<TAppEnv> = async (c, next) => {
  if (!WRITES.has(c.req.method) || !c.req.path.startsWith('/api/') || c.req.path.startsWith('/api/auth/')) return next();
  const allowed = allowedOriginsOf(c.get('deps').auth.options.trustedOrigins);
  if (isSameOriginWrite({ origin: c.req.header('origin'), secFetchSite: c.req.header('sec-fetch-site') }, allowed)) return next();
  c.get('deps').logger.warn('write refused: foreign origin', {
    requestId: c.get('requestId'),
    method: c.req.method,
    origin: c.req.header('origin')?.slice(0, 200) ?? null,
    secFetchSite: c.req.header('sec-fetch-site') ?? null,
  });
  return c.json({ message: FOREIGN_ORIGIN_MESSAGE }, 403);
};
