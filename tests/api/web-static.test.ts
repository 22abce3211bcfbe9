/**
 * The built SPA as the server sends it (issue 8, item 17), on a folder laid out like a Vite build:
 * hashed assets cached for a year, index.html revalidated, the precompressed file the browser accepts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings } from '../../src/http/web.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

const html = '<!doctype html><html lang="fr"><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';
const js = `export const page = ${JSON.stringify('x'.repeat(2000))};`;
const css = 'body { margin: 0 }';

let t: TTestContext;
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  const write = (name: string, text: string, compressed = true) => {
    fs.writeFileSync(path.join(dir, name), text);
    if (compressed) {
      fs.writeFileSync(path.join(dir, `${name}.gz`), zlib.gzipSync(text));
      fs.writeFileSync(path.join(dir, `${name}.br`), zlib.brotliCompressSync(text));
    }
  };
  write('index.html', html);
  write('assets/index-Ab12Cd34.js', js);
  // A file the build left uncompressed (below the plugin's threshold, or not text).
  write('assets/index-Ef56Gh78.css', css, false);
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'hors du dossier des fichiers');
  t = await createTestContext({ webDir: dir });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) => t.app.request(url, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('the SPA’s files', () => {
  it('a hashed asset is cached for a year, immutable, and varies by Accept-Encoding', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('brotli when accepted, gzip when only gzip is, the plain file otherwise — each decoding to the file', async () => {
    const br = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br, zstd');
    expect(br.headers.get('content-encoding')).toBe('br');
    const brBody = await bytes(br);
    expect(zlib.brotliDecompressSync(brBody).toString()).toBe(js);
    expect(brBody.length).toBeLessThan(Buffer.byteLength(js) / 5);
    expect(br.headers.get('content-length')).toBe(String(brBody.length));

    const gz = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(await bytes(gz)).toString()).toBe(js);

    const refusedBr = await get('/assets/index-Ab12Cd34.js', 'br;q=0, gzip;q=0.8');
    expect(refusedBr.headers.get('content-encoding')).toBe('gzip');

    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await bytes(plain)).toString()).toBe(js);
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
  });

  it('a file the build did not compress is sent as it is, with the same cache header', async () => {
    const res = await get('/assets/index-Ef56Gh78.css', 'br, gzip');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await res.text()).toBe(css);
  });

  it('index.html, at / and at any page of the SPA, is revalidated on every visit (no-cache), compressed too', async () => {
    for (const url of ['/', '/connexion', '/promotions/0b5c0d7e-0000-4000-8000-000000000000']) {
      const res = await get(url, 'gzip, br');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-encoding')).toBe('br');
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(zlib.brotliDecompressSync(await bytes(res)).toString()).toBe(html);
    }
  });

  it('a missing asset is a 404, not index.html served as a script; nothing outside the folder is served', async () => {
    const missing = await get('/assets/index-00000000.js', 'br');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).not.toBe('public, max-age=31536000, immutable');
    // An encoded `..` stays inside /assets (404); a plain one is resolved by the URL itself (index.html).
    expect((await get('/assets/..%2Fsecret.txt')).status).toBe(404);
    for (const url of ['/assets/..%2Fsecret.txt', '/assets/%2e%2e/secret.txt', '/assets/..%5csecret.txt']) {
      expect(await (await get(url)).text()).not.toContain('hors du dossier');
    }
  });

  it('the API is not the SPA: unknown API routes stay JSON 404s', async () => {
    const res = await get('/api/inconnue');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });
});

describe('Accept-Encoding', () => {
  it('reads weights and the wildcard', () => {
    expect([...acceptedEncodings('gzip, deflate, br')].sort()).toEqual(['br', 'deflate', 'gzip']);
    expect(acceptedEncodings('br;q=0, gzip').has('br')).toBe(false);
    expect(acceptedEncodings('*').has('br')).toBe(true);
    expect(acceptedEncodings('*, br;q=0').has('br')).toBe(false);
    expect(acceptedEncodings(undefined).size).toBe(0);
  });
});
