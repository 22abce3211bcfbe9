/**
 * What every write route refuses before its schema sees the body (issue 9, item 10):
 * - a body larger than the route can need: 413, before it is read (bodies are counted as they arrive);
 * - a JSON body that is not JSON, or not sent as JSON: 422 / 415, in French;
 * - a string PostgreSQL cannot store — a NUL character, a lone UTF-16 surrogate: 422 naming the field.
 * Uploads still travel as base64 inside JSON (10 MB of file is about 13.4 MB of text): only the routes
 * that take a file get the large limit.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { formatPath } from '../lib/paths.js';
import { fieldLabelOf } from '../shared/vocabulary/fields.js';
import type { TAppEnv } from './context.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_BODY_LIMIT = 15 * 1024 * 1024;

/** Routes that carry a file (as base64): a document, a justification, a référentiel file. */
const UPLOAD_ROUTES = [/^\/api\/applications\/[^/]+\/documents$/, /^\/api\/cohorts\/[^/]+\/justifications$/, /^\/api\/certifications\/(validate|import)$/, /^\/api\/school-holidays\/import$/];

const mebibytes = (n: number) => `${Math.round(n / 1024 / 1024)} Mo`;

/** The largest body a path accepts (the fuzz test sends one byte more). */
export function bodyLimitOf(path: string): number {
  return UPLOAD_ROUTES.some((r) => r.test(path)) ? UPLOAD_BODY_LIMIT : DEFAULT_BODY_LIMIT;
}

const limits = new Map<number, MiddlewareHandler<TAppEnv>>(
  [DEFAULT_BODY_LIMIT, UPLOAD_BODY_LIMIT].map((max) => [
    max,
    bodyLimit({
      maxSize: max,
      onError: (c) => c.json({ message: `Requête trop volumineuse : au plus ${mebibytes(max)} pour cette action.`, issues: [] }, 413),
    }),
  ]),
);

const hasBody = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

type TBadString = { path: string; reason: string };

/** Half of a UTF-16 pair without its other half: JSON can carry it (\\ud800), UTF-8 cannot. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string (value or key) PostgreSQL's text type cannot hold, with its path. */
export function findUnstorableString(value: unknown, path: PropertyKey[] = []): TBadString | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { path: formatPath(path), reason: 'contient un caractère nul (U+0000)' };
    if (LONE_SURROGATE.test(value)) return { path: formatPath(path), reason: 'contient un caractère Unicode incomplet' };
    return null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const bad = findUnstorableString(item, [...path, i]);
      if (bad) return bad;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyBad = findUnstorableString(key, path);
      if (keyBad) return { path: formatPath([...path, key]), reason: 'a un nom de champ invalide' };
      const bad = findUnstorableString(item, [...path, key]);
      if (bad) return bad;
    }
  }
  return null;
}

const applies = (method: string, path: string) => hasBody(method) && path.startsWith('/api/') && !path.startsWith('/api/auth/');

/** 413 before reading: a known Content-Length at once, a streamed body as soon as it passes the limit. */
export const bodySizeGuard: MiddlewareHandler<TAppEnv> = async (c, next) => {
  if (!applies(c.req.method, c.req.path)) return next();
  return limits.get(bodyLimitOf(c.req.path))!(c, next);
};

/** The body is JSON, sent as JSON, with strings PostgreSQL can store. */
export const jsonBodyGuard: MiddlewareHandler<TAppEnv> = async (c, next) => {
  if (!applies(c.req.method, c.req.path)) return next();
  const type = c.req.header('content-type') ?? '';
  const length = c.req.header('content-length');
  // HTTP: a request has a body only with a Content-Length (not 0) or a Transfer-Encoding. Browsers send
  // a DELETE or a bodiless POST with neither, and no Content-Type.
  const chunked = Boolean(c.req.header('transfer-encoding'));
  if (length === '0' || (!length && !chunked && !type)) return next();
  if (!/^application\/json\b/i.test(type)) {
    // Our write routes take JSON; forms and files arrive as JSON too (see the API documentation).
    return c.json({ message: 'Format de requête non pris en charge : envoyez du JSON (Content-Type: application/json).', issues: [] }, 415);
  }
  const text = await c.req.text();
  if (text.trim() === '') return next();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return c.json({ message: 'Requête illisible : le corps doit être un JSON valide.', issues: [{ path: '', message: 'JSON invalide.' }] }, 422);
  }
  const bad = findUnstorableString(parsed);
  if (bad) {
    const label = fieldLabelOf(bad.path) ?? (bad.path || 'Le corps de la requête');
    const message = `${label} ${bad.reason} : retirez-le.`;
    return c.json({ message, issues: [{ path: bad.path, message }] }, 422);
  }
  return next();
};
