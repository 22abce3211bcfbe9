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

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => {
  const url = baseUrlOf(env);
  const where = database.kind === 'pglite' ? `base embarquée PGlite (${env.DATA_DIR})` : 'PostgreSQL (DATABASE_URL)';
  console.log(
    [
      '',
      `MOVSC est prêt en ${Math.round(performance.now() - started)} ms : ${url}`,
      `  Base de données : ${where}`,
      `  Documentation de l'API : ${url}/api/docs`,
      '',
      'Comptes de démonstration (rôle, e-mail, mot de passe) :',
      ...demoLoginLines(),
      '',
    ].join('\n'),
  );
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close();
    // Jobs in hand finish first (a job cut short would be taken again after its lease anyway).
    runner
      .stop()
      .catch(() => {})
      .then(() => database.close())
      .finally(() => process.exit(0));
  });
}
