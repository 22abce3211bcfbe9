/** `npm start`: boot, listen, run the background jobs, print the URL and the demo logins. */
import net from 'node:net';
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
 * 1. /api/health answers 503 at once, so a proxy sends new traffic to the other processes, and every
 *    answer from now on closes its connection, so that keep-alive clients leave;
 * 2. connections keep being accepted while clients are still arriving (requests already on their
 *    way, in a socket's buffer or the listen queue, are served), until QUIET_MS without a new one and
 *    without a request running, or ACCEPT_MS at most; then the server stops listening (a newcomer is refused at connection
 *    time, which a client or a proxy knows it may retry);
 * 3. every request accepted is served to its end; an idle keep-alive connection is closed by node's
 *    own timer (keepAliveTimeout, QUIET_MS from now on); after GRACE_MS at most, what is left is cut;
 * 4. then the jobs in hand finish, and the database is closed.
 * A request is never cut halfway under the grace period, and nobody is told « erreur » for something saved.
 */
const GRACE_MS = 15_000;
const ACCEPT_MS = 8_000;
const QUIET_MS = 500;
let stopping = false;
let lastConnection = 0;
const http = server as import('node:http').Server;
http.on('error', onServerError);
// Started by `npm start` (scripts/start.mjs) with an IPC channel: if that wrapper dies, even by
// SIGKILL, the channel closes and the server stops too, instead of holding the port and the lock.
if (process.send) process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));

/** Open connections, and how many requests each is serving. */
const connections = new Map<import('node:net').Socket, { busy: number }>();
http.on('connection', (socket: import('node:net').Socket) => {
  lastConnection = performance.now();
  connections.set(socket, { busy: 0 });
  socket.once('close', () => connections.delete(socket));
});
http.on('request', (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
  const state = connections.get(req.socket);
  if (state) state.busy += 1;
  // While stopping, every answer closes its connection, so that keep-alive clients go elsewhere.
  if (stopping) res.shouldKeepAlive = false;
  res.once('close', () => {
    if (state) state.busy -= 1;
  });
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(() => setImmediate(resolve), ms));

async function drain() {
  const started = performance.now();
  const deadline = started + GRACE_MS;
  // A busy process accepts late (its event loop is taken): while requests run, clients may still be
  // in the listen queue, so the listener stays open until it is quiet, or ACCEPT_MS at most.
  const busy = () => [...connections.values()].some((s) => s.busy > 0);
  while (performance.now() - started < ACCEPT_MS && (busy() || performance.now() - lastConnection < QUIET_MS)) await wait(25);
  // Stop listening without closing the idle connections at once (node's Server.close would): a
  // request may be on its way on one of them.
  const closed = new Promise<void>((resolve) => (net.Server.prototype.close as (cb: () => void) => void).call(http, () => resolve()));
  // Idle keep-alive connections are left to node's own timer (keepAliveTimeout, short from now on):
  // it knows when a request is being read, which the process cannot see from outside the parser.
  while (performance.now() < deadline && connections.size > 0) await wait(25);
  const running = [...connections.values()].filter((s) => s.busy > 0).length;
  if (running > 0) logger.warn('shutdown: requests still running after the grace period', { connections: running, graceMs: GRACE_MS });
  http.closeAllConnections();
  for (const socket of connections.keys()) socket.destroy();
  await closed;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    lastConnection = performance.now();
    http.keepAliveTimeout = QUIET_MS;
    drain()
      .then(() => runner.stop())
      .catch(() => {})
      .then(() => database.close())
      .catch(() => {})
      .finally(() => process.exit(0));
  });
}
