/**
 * The built SPA (dist/web): files under /assets carry a content hash in their name, so they are cached
 * for a year and never asked for again; index.html names those files, so it is revalidated on every
 * visit (`no-cache`) and a new build reaches the browser at once. The build writes a .br and a .gz
 * beside each text file (vite.config.ts): the one the browser accepts is sent as it is, nothing is
 * compressed while a request waits. Every other path that is not the API gets index.html (the SPA's
 * router takes it from there); a missing asset is a 404, never index.html served as JavaScript.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import type { TAppEnv } from './context.js';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

type TEncoding = { name: 'br' | 'gzip'; suffix: '.br' | '.gz' };
const ENCODINGS: TEncoding[] = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
];

/** Codings the client accepts (q > 0), from an Accept-Encoding header; `*` accepts any. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  const refused = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [rawName, ...params] = part.trim().toLowerCase().split(';');
    const name = rawName?.trim();
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    (weight > 0 ? accepted : refused).add(name);
  }
  if (accepted.has('*')) for (const e of ENCODINGS) if (!refused.has(e.name)) accepted.add(e.name);
  return accepted;
}

async function isFile(file: string) {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Answers with `file` (or its precompressed sibling the client accepts), or null when it does not exist. */
async function sendFile(c: Context<TAppEnv>, file: string, cacheControl: string): Promise<Response | null> {
  if (!(await isFile(file))) return null;
  const type = getMimeType(file) ?? 'application/octet-stream';
  const accepted = acceptedEncodings(c.req.header('accept-encoding'));
  const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': cacheControl, Vary: 'Accept-Encoding' };
  let body = file;
  for (const encoding of ENCODINGS) {
    if (accepted.has(encoding.name) && (await isFile(file + encoding.suffix))) {
      body = file + encoding.suffix;
      headers['Content-Encoding'] = encoding.name;
      break;
    }
  }
  const bytes = await fs.readFile(body);
  headers['Content-Length'] = String(bytes.length);
  return c.body(new Uint8Array(bytes), 200, headers);
}

/** A path of the request inside `dir`, or null when it would leave it (`..`, encoded or not). */
function inside(dir: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  const full = path.resolve(dir, `.${path.posix.normalize(`/${decoded}`)}`);
  return full.startsWith(path.resolve(dir) + path.sep) ? full : null;
}

type TRouter = { get: (path: string, handler: (c: Context<TAppEnv>) => Promise<Response> | Response) => unknown };

export function mountWeb(app: TRouter, webDir: string) {
  const notFound = (c: Context<TAppEnv>) => c.json({ message: `Fichier introuvable : ${c.req.path}` }, 404);

  app.get('/assets/*', async (c) => {
    const file = inside(path.join(webDir, 'assets'), c.req.path.slice('/assets'.length));
    return (file && (await sendFile(c, file, IMMUTABLE))) || notFound(c);
  });
  // Files of web/public keep their name from one build to the next: a day, then asked again.
  app.get('/favicon.svg', async (c) => (await sendFile(c, path.join(webDir, 'favicon.svg'), 'public, max-age=86400')) || notFound(c));
  // Read on each request (a small file) so that a rebuild of the SPA is served without a restart.
  app.get('*', async (c) => (await sendFile(c, path.join(webDir, 'index.html'), REVALIDATE)) || notFound(c));
}
