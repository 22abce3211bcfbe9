/** `npm start`: boot, listen, run the background jobs, print the URL and the demo logins. */
import { serve } from '@hono/node-server';
import { baseUrlOf } from './config/env.js';
import { boot } from './boot.js';
import { demoLoginLines } from './seed/demo.js';
import { startJobRunner } from './features/jobs/jobs.runner.js';
import { JOB_HANDLERS, RECURRING_JOBS } from './job-handlers.js';

const started = performance.now();
const booted = await boot().catch((error: Error) => {
  console.error(`\nDémarrage impossible : ${error.message}\n`);
  process.exit(1);
});
const { env, app, database, clock, logger } = booted;

// E-mails and other background work: every server process runs a runner; on one PostgreSQL they
// share the queue (SKIP LOCKED), with PGlite there is one process anyway.
const runner = startJobRunner({
  db: database.db,
  clock,
  logger,
  handlers: JOB_HANDLERS,
  recurring: RECURRING_JOBS,
  baseUrl: baseUrlOf(env),
  concurrency: 2,
});

const onServerError = (error: NodeJS.ErrnoException) => {
  const what =
    error.code === 'EADDRINUSE'
      ? `le port ${env.PORT} est déjà utilisé (un autre serveur MOVSC tourne-t-il ?) : arrêtez-le, ou choisissez un autre port avec PORT.`
      : error.code === 'EACCES'
        ? `le port ${env.PORT} est réservé : choisissez un port au-dessus de 1024 avec PORT.`
        : error.message;
  console.error(`\nDémarrage impossible : ${what}\n`);
  void database.close().finally(() => process.exit(1));
};

// While draining (see below), the readiness check says so; everything else is served as usual.
const fetchOrDrain = (request: Request, env: unknown) =>
  stopping && new URL(request.url).pathname === '/api/health'
    ? Response.json({ status: 'stopping', message: 'Ce serveur s’arrête : les nouvelles requêtes vont aux autres.' }, { status: 503 })
    : app.fetch(request, env as never);

// Behind a declared proxy, only the proxy should reach us: listen on the loopback unless told otherwise.
const hostname = env.HOST ?? (env.TRUSTED_PROXIES.length ? '127.0.0.1' : '0.0.0.0');
const server = serve({ fetch: fetchOrDrain, port: env.PORT, hostname }, () => {
  const url = baseUrlOf(env);
  const where = database.kind === 'pglite' ? `base embarquée PGlite (${env.DATA_DIR})` : 'PostgreSQL (DATABASE_URL)';
  console.log(
    [
      '',
      `MOVSC est prêt en ${Math.round(performance.now() - started)} ms : ${url}`,
      `  Base de données : ${where}`,
      `  Documentation de l'API : ${url}/api/docs`,
      '',
      // Without the demo (DEMO_SEED=false) there are no demo accounts to announce.
      ...(env.DEMO_SEED ? ['Comptes de démonstration (rôle, e-mail, mot de passe) :', ...demoLoginLines(), ''] : []),
    ].join('\n'),
  );
});

/**
 * Stopping (SIGTERM from a supervisor, Ctrl-C) drains the process before closing it:
 * 1. /api/health answers 503 at once, so a proxy sends new traffic to the other processes;
 * 2. every request already sent (in flight, or still in a socket's buffer) is served, each answer
 *    closing its connection; draining ends after QUIET_MS with no request running (at most GRACE_MS);
 * 3. then the server stops listening, the jobs in hand finish, and the database is closed.
 * A request is never cut halfway, and nobody is told « erreur » for something saved.
 */
const GRACE_MS = 10_000;
const QUIET_MS = 500;
let stopping = false;
let inFlight = 0;
let lastActivity = 0;
const http = server as import('node:http').Server;
http.on('error', onServerError);
// Started by `npm start` (scripts/start.mjs) with an IPC channel: if that wrapper dies, even by
// SIGKILL, the channel closes and the server stops too, instead of holding the port and the lock.
if (process.send) process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
// A connection just accepted will carry a request: draining waits for it as for a request.
http.on('connection', () => {
  lastActivity = performance.now();
});
http.on('request', (_req, res: import('node:http').ServerResponse) => {
  inFlight += 1;
  lastActivity = performance.now();
  // While stopping, every answer closes its connection, so that keep-alive clients go elsewhere.
  if (stopping) res.shouldKeepAlive = false;
  res.once('close', () => {
    inFlight -= 1;
    lastActivity = performance.now();
  });
});

async function drain() {
  const deadline = performance.now() + GRACE_MS;
  while (performance.now() < deadline && (inFlight > 0 || performance.now() - lastActivity < QUIET_MS)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (inFlight > 0) logger.warn('shutdown: requests still running after the grace period', { inFlight, graceMs: GRACE_MS });
  await new Promise<void>((resolve) => {
    http.close(() => resolve());
    http.closeAllConnections();
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    lastActivity = performance.now();
    drain()
      .then(() => runner.stop())
      .catch(() => {})
      .then(() => database.close())
      .catch(() => {})
      .finally(() => process.exit(0));
  });
}
