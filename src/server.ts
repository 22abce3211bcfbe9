/** `npm start`: boot, listen, print the URL and the demo logins. */
import { serve } from '@hono/node-server';
import { baseUrlOf } from './config/env.js';
import { boot } from './boot.js';
import { demoLoginLines } from './seed/demo.js';

const started = performance.now();
const booted = await boot().catch((error: Error) => {
  console.error(`\nDémarrage impossible : ${error.message}\n`);
  process.exit(1);
});
const { env, app, database } = booted;

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
    database.close().finally(() => process.exit(0));
  });
}
