/**
 * first-load: builds the SPA into a temporary folder and sums what the sign-in page downloads before
 * it can show anything: the entry script of index.html, its modulepreloads and every module they
 * import statically (dynamic imports, the other pages, are left out), in bytes as served gzip (the
 * .gz written by the build) and brotli. Budget: 250 kB gzip of JavaScript.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET_GZIP_BYTES = 250_000;

/** The JS files index.html makes the browser fetch at once, with their static imports, as paths under the build. */
export function initialScripts(outDir: string): string[] {
  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const tags = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)];
  const seen = new Set<string>();
  const queue = tags.map((m) => m[1]!.replace(/^\//, ''));
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = fs.readFileSync(path.join(outDir, file), 'utf8');
    // Static imports only: `from"./x.js"` and `import"./x.js"`, never `import("./x.js")`.
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      queue.push(path.posix.join(path.posix.dirname(file), m[1]!));
    }
  }
  return [...seen];
}

const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;

export async function benchFirstLoad() {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-bench-web-'));
  try {
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    const files = initialScripts(outDir);
    let raw = 0;
    let gzip = 0;
    let brotli = 0;
    for (const file of files) {
      const full = path.join(outDir, file);
      const body = fs.readFileSync(full);
      raw += body.length;
      gzip += fs.existsSync(`${full}.gz`) ? fs.statSync(`${full}.gz`).size : zlib.gzipSync(body, { level: 9 }).length;
      brotli += fs.existsSync(`${full}.br`) ? fs.statSync(`${full}.br`).size : zlib.brotliCompressSync(body).length;
    }
    const all = fs.readdirSync(path.join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    const allRaw = all.reduce((n, f) => n + fs.statSync(path.join(outDir, 'assets', f)).size, 0);
    console.log(
      `first-load (sign-in page): ${files.length} JS files, ${kB(raw)} raw, ${kB(gzip)} gzip, ${kB(brotli)} brotli ` +
        `(budget ${kB(BUDGET_GZIP_BYTES)} gzip: ${gzip <= BUDGET_GZIP_BYTES ? 'within' : 'OVER'}); whole SPA ${all.length} JS files, ${kB(allRaw)} raw`,
    );
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
