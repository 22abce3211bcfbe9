/**
 * The browser's defences (issue 9, item 15; decision 016): the headers on the SPA, the API docs page
 * and the API's answers, no-store on personal data, the docs page shipped with its script (no CDN),
 * the Origin check on our own writes, and the journal entry when a person changes their own name.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOREIGN_ORIGIN_MESSAGE, isSameOriginWrite } from '../../src/http/origin-guard.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

let t: TTestContext;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="fr"><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-Ab12Cd34.js'), 'export {};');
  t = await createTestContext({ webDir: dir });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `script-src 'self'` → { 'script-src': ["'self'"] } */
function directives(csp: string | null): Record<string, string[]> {
  expect(csp, 'Content-Security-Policy header').toBeTruthy();
  return Object.fromEntries(
    csp!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectBrowserHeaders(res: Response) {
  const csp = directives(res.headers.get('content-security-policy'));
  expect(csp['default-src']).toEqual(["'self'"]);
  // No inline script, no eval, no other host: an injected <script> or onerror= runs nothing.
  expect(csp['script-src']).toEqual(["'self'"]);
  expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
  expect(csp['connect-src']).toEqual(["'self'"]);
  expect(csp['object-src']).toEqual(["'none'"]);
  expect(csp['base-uri']).toEqual(["'none'"]);
  expect(csp['frame-ancestors']).toEqual(["'none'"]);
  expect(csp['form-action']).toEqual(["'self'"]);
  const permissions = res.headers.get('permissions-policy') ?? '';
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'display-capture']) expect(permissions).toContain(`${feature}=()`);
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
}

const OURS = 'http://localhost:3000';

/** A write with exactly these headers (no Origin unless given): what a browser, curl or the CLI sends. */
function rename(cookie: string, name: string, headers: Record<string, string> = {}) {
  return t.app.request('/api/me', { method: 'PATCH', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name }) });
}

const nameOf = async (cookie: string) => (await t.call('GET', '/api/me', { cookie })).body.user.name as string;

describe('headers on every answer', () => {
  it('the SPA: CSP, Permissions-Policy and the rest; index.html revalidated and hashed assets cached as before', async () => {
    const page = await t.app.request('/cohorts');
    expect(page.status).toBe(200);
    expectBrowserHeaders(page);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const asset = await t.app.request('/assets/index-Ab12Cd34.js');
    expectBrowserHeaders(asset);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('an API answer carrying personal data is stored by no cache, better-auth’s too', async () => {
    const { cookie } = await t.asRole('auditeur');
    const me = await t.app.request('/api/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expectBrowserHeaders(me);
    expect(me.headers.get('cache-control')).toBe('no-store');
    const session = await t.app.request('/api/auth/get-session', { headers: { cookie } });
    expect(session.status).toBe(200);
    expect(session.headers.get('cache-control')).toBe('no-store');
    const refused = await t.app.request('/api/users');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('a calendar feed (a secret URL, the person’s timetable) is stored by no cache', async () => {
    const { cookie } = await t.as('auditeur');
    const feed = await t.call('POST', '/api/calendar/feeds', { cookie, body: { scope: 'learner' } });
    expect(feed.status).toBe(201);
    const ics = await t.app.request(new URL(feed.body.url).pathname);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(ics.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the API docs page', () => {
  it('names only scripts of our own origin, none inline, none from a CDN, under the same CSP', async () => {
    const page = await t.app.request('/api/docs');
    expect(page.status).toBe(200);
    expectBrowserHeaders(page);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBe(2);
    for (const [, attributes, body] of scripts) {
      expect(body!.trim(), 'inline script').toBe('');
      const src = /\bsrc="([^"]+)"/.exec(attributes!)?.[1];
      expect(src).toMatch(/^\/api\/docs\//);
    }
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/cdn|jsdelivr|unpkg/i);
  });

  it('serves the Scalar bundle of node_modules, named by its content and cached for good, gzipped when accepted', async () => {
    const html = await (await t.app.request('/api/docs')).text();
    const bundlePath = /src="(\/api\/docs\/scalar-[0-9a-f]+\.js)"/.exec(html)?.[1];
    expect(bundlePath).toBeTruthy();
    const shipped = fs.readFileSync(createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js'));
    const plain = await t.app.request(bundlePath!);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await plain.arrayBuffer()).equals(shipped)).toBe(true);
    const gzipped = await t.app.request(bundlePath!, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    const body = Buffer.from(await gzipped.arrayBuffer());
    expect(zlib.gunzipSync(body).equals(shipped)).toBe(true);
    expect(body.length).toBeLessThan(shipped.length / 2);
    // Another name under /api/docs is not the bundle.
    expect((await t.app.request('/api/docs/scalar-0123456789abcdef.js')).status).toBe(404);
  });

  it('starts Scalar on our OpenAPI document with nothing fetched from Scalar’s servers', async () => {
    const start = await t.app.request('/api/docs/start.js');
    expect(start.status).toBe(200);
    expect(start.headers.get('content-type')).toMatch(/^text\/javascript/);
    const text = await start.text();
    expect(text).toContain('createApiReference');
    const config = JSON.parse(/createApiReference\('#app', (\{.*\})\);/.exec(text)![1]!) as Record<string, unknown>;
    expect(config).toMatchObject({ url: '/api/openapi.json', withDefaultFonts: false, telemetry: false, showDeveloperTools: 'never' });
    expect(JSON.stringify(config)).not.toMatch(/https?:/);
  });
});

describe('the Origin check on our own writes', () => {
  it('refuses a write from another site (403, French), lets ours and a header-less client (CLI, curl) through', async () => {
    const { cookie } = await t.as('auditeur');
    const foreign = await rename(cookie, 'Nom Piégé', { origin: 'https://attaquant.example' });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { message: string }).message).toBe(FOREIGN_ORIGIN_MESSAGE);
    expect(foreign.headers.get('cache-control')).toBe('no-store');
    // Another port of our host is another origin.
    expect((await rename(cookie, 'Nom Piégé', { origin: 'http://localhost:4000' })).status).toBe(403);
    expect((await rename(cookie, 'Nom Piégé', { origin: 'null' })).status).toBe(403);
    // Without Origin, the browser's Sec-Fetch-Site says where the request comes from.
    expect((await rename(cookie, 'Nom Piégé', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(await nameOf(cookie)).toBe('Personne Test');

    expect((await rename(cookie, 'Nom Navigateur', { origin: OURS, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect(await nameOf(cookie)).toBe('Nom Navigateur');
    expect((await rename(cookie, 'Nom Sans En-tête')).status).toBe(200);
    expect(await nameOf(cookie)).toBe('Nom Sans En-tête');
    expect((await rename(cookie, 'Nom Même Origine', { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('reads pass from anywhere (links, feeds); better-auth’s routes keep their own check', async () => {
    const { cookie } = await t.asRole('auditeur');
    expect((await t.app.request('/api/me', { headers: { cookie, origin: 'https://attaquant.example' } })).status).toBe(200);
    const signOut = await t.app.request('/api/auth/sign-out', { method: 'POST', headers: { cookie, origin: 'https://attaquant.example', 'content-type': 'application/json' }, body: '{}' });
    expect(signOut.status).toBe(403);
    expect(((await signOut.json()) as { message?: string }).message).not.toBe(FOREIGN_ORIGIN_MESSAGE);
  });

  it('the rule itself', () => {
    const ours = new Set([OURS]);
    expect(isSameOriginWrite({ origin: OURS }, ours)).toBe(true);
    expect(isSameOriginWrite({ origin: `${OURS}/` }, ours)).toBe(true);
    expect(isSameOriginWrite({ origin: 'https://localhost:3000' }, ours)).toBe(false);
    expect(isSameOriginWrite({ origin: 'javascript:alert(1)' }, ours)).toBe(false);
    expect(isSameOriginWrite({ origin: '' }, ours)).toBe(false);
    expect(isSameOriginWrite({ secFetchSite: 'same-site' }, ours)).toBe(false);
    expect(isSameOriginWrite({ secFetchSite: 'none' }, ours)).toBe(true);
    expect(isSameOriginWrite({}, ours)).toBe(true);
  });
});

describe('a person changes their own name', () => {
  it('through PATCH /api/me: the journal keeps the old and the new name, who and when', async () => {
    const { user, cookie } = await t.as('auditeur');
    const res = await t.call('PATCH', '/api/me', { cookie, body: { name: '  Camille Durand  ' } });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: user.id, name: 'Camille Durand', email: user.email });

    const admin = await t.asRole('administrateur');
    const journal = await t.call('GET', `/api/audit?entityType=user&actorId=${user.id}`, { cookie: admin.cookie });
    expect(journal.status).toBe(200);
    const renamed = journal.body.items.filter((e: { action: string; entityId: string }) => e.action === 'user.renamed' && e.entityId === user.id);
    expect(renamed).toHaveLength(1);
    expect(renamed[0]).toMatchObject({ actorId: user.id, before: { name: 'Personne Test' }, after: { name: 'Camille Durand' } });
    expect(renamed[0].actorLabel).toContain(user.email);

    // The same name again changes nothing and records nothing.
    expect((await t.call('PATCH', '/api/me', { cookie, body: { name: 'Camille Durand' } })).status).toBe(200);
    const again = await t.call('GET', `/api/audit?entityType=user&actorId=${user.id}`, { cookie: admin.cookie });
    expect(again.body.items.filter((e: { action: string }) => e.action === 'user.renamed')).toHaveLength(1);
  });

  it('refuses an empty, null or too long name in French, naming the field; nobody signed out cannot', async () => {
    const { cookie } = await t.as('auditeur');
    for (const name of [' ', null, 'x'.repeat(121)]) {
      const res = await t.call('PATCH', '/api/me', { cookie, body: { name } });
      expect(res.status).toBe(422);
      expect(res.body.issues[0].path).toBe('name');
      expect(res.body.issues[0].message).toMatch(/nom|Nom/);
    }
    expect((await t.call('PATCH', '/api/me', { cookie, body: { name: 'Nom', email: 'autre@test.movsc' } })).status).toBe(422);
    expect(await nameOf(cookie)).toBe('Personne Test');
    expect((await t.call('PATCH', '/api/me', { body: { name: 'Anonyme' } })).status).toBe(401);
  });

  it('better-auth’s own update-user route, which recorded nothing, is closed', async () => {
    const { cookie } = await t.as('auditeur');
    const res = await t.call('POST', '/api/auth/update-user', { cookie, body: { name: 'Contournement' } });
    expect(res.status).toBe(404);
    expect(await nameOf(cookie)).toBe('Personne Test');
  });
});
