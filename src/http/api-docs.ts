/**
 * The API's documentation page (/api/docs), with Scalar's standalone bundle served from our own
 * server (decision 016): no script from a CDN, so the page works offline and under our
 * Content-Security-Policy, which allows no inline script. The page is plain HTML naming two scripts
 * of ours: the bundle (from the @scalar/api-reference package in node_modules, its URL named by its
 * content so that it is cached for good) and a few lines that start it with our settings.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context } from 'hono';
import type { TAppEnv } from './context.js';
import { acceptedEncodings, IMMUTABLE, REVALIDATE } from './web.js';

const gzipAsync = promisify(gzip);

export const DOCS_PATH = '/api/docs';
const START_PATH = `${DOCS_PATH}/start.js`;

/**
 * Scalar's settings: nothing fetched from Scalar's servers (fonts, request proxy, telemetry, the
 * sharing and assistant tools that upload the document), the API called from the page itself.
 */
export const SCALAR_CONFIGURATION = {
  url: '/api/openapi.json',
  withDefaultFonts: false,
  telemetry: false,
  showDeveloperTools: 'never',
  agent: { disabled: true },
  hideClientButton: false,
  documentDownloadType: 'json',
} as const;

const START_SCRIPT = `// Starts Scalar's API reference on #app (served by MOVSC: no inline script under its CSP).\nwindow.Scalar.createApiReference('#app', ${JSON.stringify(SCALAR_CONFIGURATION)});\n`;

type TBundle = { path: string; bytes: Buffer; gzipped: Promise<Buffer> };

let bundle: Promise<TBundle | null> | null = null;

/** The bundle, read once per process (3.5 Mo, gzipped on first use, kept in memory). */
function loadBundle(): Promise<TBundle | null> {
  bundle ??= (async () => {
    let file: string;
    try {
      file = createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js');
    } catch {
      return null;
    }
    const bytes = await fs.readFile(file).catch(() => null);
    if (!bytes) return null;
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const gzipped = gzipAsync(bytes, { level: 9 });
    gzipped.catch(() => undefined);
    return { path: `${DOCS_PATH}/scalar-${hash}.js`, bytes, gzipped };
  })();
  return bundle;
}

const PAGE = (scriptPath: string) => `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>MOVSC — documentation de l’API</title>
  </head>
  <body>
    <div id="app"></div>
    <script src="${scriptPath}"></script>
    <script src="${START_PATH}"></script>
  </body>
</html>
`;

const unavailable = (c: Context<TAppEnv>) =>
  c.json(
    {
      message:
        'Documentation indisponible : le paquet @scalar/api-reference est absent. Lancez « npm install » dans le dossier de MOVSC, puis redémarrez le serveur.',
    },
    503,
  );

type TRouter = { get: (path: string, handler: (c: Context<TAppEnv>) => Promise<Response> | Response) => unknown };

export function mountApiDocs(app: TRouter) {
  app.get(DOCS_PATH, async (c) => {
    const found = await loadBundle();
    if (!found) return unavailable(c);
    return c.html(PAGE(found.path), 200, { 'Cache-Control': REVALIDATE });
  });
  app.get(START_PATH, (c) => c.body(START_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': REVALIDATE }));
  app.get(`${DOCS_PATH}/:file{scalar-[0-9a-f]+\\.js}`, async (c) => {
    const found = await loadBundle();
    if (!found) return unavailable(c);
    if (c.req.path !== found.path) return c.json({ message: `Fichier introuvable : ${c.req.path}` }, 404);
    const headers: Record<string, string> = { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': IMMUTABLE, Vary: 'Accept-Encoding' };
    let body = found.bytes;
    if (acceptedEncodings(c.req.header('accept-encoding')).has('gzip')) {
      body = await found.gzipped;
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = String(body.length);
    return c.body(new Uint8Array(body), 200, headers);
  });
}
