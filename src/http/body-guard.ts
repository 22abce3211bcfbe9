/**
 * What every write route refuses before its schema sees the body (issue 9, item 10):
 * - a body larger than the route can need: 413, before it is read (bodies are counted as they arrive);
 * - a JSON body that is not JSON, or not sent as JSON: 422 / 415, in French;
 * - a string PostgreSQL cannot store — a NUL character, a lone UTF-16 surrogate: 422 naming the field;
 * - a body nested deeper than any of ours (32 levels): 422 naming the field, before anything recurses into it.
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

/**
 * Routes that stream a multipart file themselves (decision 021): they count its bytes as they read
 * it (50 MB), so neither guard reads or limits their body.
 */
const STREAMED_UPLOAD_ROUTES = [/^\/api\/theses\/[^/]+\/(versions|annexes)$/, /^\/api\/thesis-files\/[^/]+\/annexes$/];
export const STREAMED_UPLOAD_LIMIT = 50 * 1024 * 1024;
const streamsItsBody = (path: string) => STREAMED_UPLOAD_ROUTES.some((r) => r.test(path));

const mebibytes = (n: number) => `${Math.round(n / 1024 / 1024)} Mo`;

/** The largest body a path accepts (the fuzz test sends one byte more). */
export function bodyLimitOf(path: string): number {
  if (streamsItsBody(path)) return STREAMED_UPLOAD_LIMIT;
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

/** No body of ours nests deeper than a few levels; a deeper one is refused before anything walks it. */
export const MAX_BODY_DEPTH = 32;

/** The path of the first value nested deeper than `max` (walked without recursion), or null. */
export function findTooDeep(value: unknown, max = MAX_BODY_DEPTH): string | null {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (stack.length) {
    const { value: node, path } = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (path.length >= max) return formatPath(path);
    const entries: [PropertyKey, unknown][] = Array.isArray(node) ? node.map((item, i) => [i, item]) : Object.entries(node);
    for (const [key, item] of entries) if (item && typeof item === 'object') stack.push({ value: item, path: [...path, key] });
  }
  return null;
}

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

/**
 * A JSON media type, tested as @hono/zod-openapi tests a request's (and stricter than Hono's
 * validator): a type this guard let through but the validator did not take for JSON
 * (`application/json-x`, `application/json; charset`) would skip the route's schema.
 */
const JSON_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

const applies = (method: string, path: string) => hasBody(method) && path.startsWith('/api/') && !path.startsWith('/api/auth/') && !streamsItsBody(path);

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
  if (!JSON_TYPE.test(type)) {
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
  const deep = findTooDeep(parsed);
  if (deep !== null) {
    const message = `${fieldLabelOf(deep) ?? 'Le corps de la requête'} : trop de niveaux imbriqués (au plus ${MAX_BODY_DEPTH}).`;
    return c.json({ message, issues: [{ path: deep, message }] }, 422);
  }
  const bad = findUnstorableString(parsed);
  if (bad) {
    const label = fieldLabelOf(bad.path) ?? (bad.path || 'Le corps de la requête');
    const message = `${label} ${bad.reason} : retirez-le.`;
    return c.json({ message, issues: [{ path: bad.path, message }] }, 422);
  }
  return next();
};
