/** Everything a process needs before it answers: database, migrations, reference data, auth. */
import path from 'node:path';
import { projectRoot, readEnv, baseUrlOf, type TEnv } from './config/env.js';
import { openDatabase, type TDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { createAuth } from './features/auth/auth.js';
import { resolveAuthSecret } from './features/auth/auth.secret.js';
import { createApp } from './http/app.js';
import { createLogger, type TLogger } from './http/logger.js';
import { fixedClock, offsetClock, systemClock, type TClock } from './lib/clock.js';
import { loadReferenceCentres, loadReferenceCertifications } from './seed/reference.js';
import { seedDemo } from './seed/demo.js';

export async function openConfiguredDatabase(env: TEnv): Promise<TDatabase> {
  return env.DATABASE_URL ? openDatabase({ url: env.DATABASE_URL }) : openDatabase({ dataDir: env.DATA_DIR });
}

export type TBooted = Awaited<ReturnType<typeof boot>>;

export async function boot(options: { env?: TEnv; logger?: TLogger; seed?: boolean; clock?: TClock } = {}) {
  const env = options.env ?? readEnv();
  const clock = options.clock ?? clockOf(env);
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const database = await openConfiguredDatabase(env);
  try {
    await migrateDatabase(database);
    const { db } = database;
    await loadReferenceCentres(db);
    const imports = await loadReferenceCertifications(db);
    const demoCreated = options.seed !== false && env.DEMO_SEED ? await seedDemo(db, clock.now()) : false;
    const auth = createAuth({
      db,
      baseUrl: baseUrlOf(env),
      // Without a public URL: the same server by 127.0.0.1, and the Vite dev server (npm run dev:web).
      extraOrigins: env.BASE_URL ? [] : [`http://127.0.0.1:${env.PORT}`, 'http://localhost:5173'],
      secret: await resolveAuthSecret(db, env.AUTH_SECRET),
      loginRateLimit: { max: env.LOGIN_RATE_LIMIT_MAX, windowSeconds: env.LOGIN_RATE_LIMIT_WINDOW_SECONDS },
      clock,
    });
    const app = createApp({ db, auth, logger, clock, baseUrl: baseUrlOf(env), webDir: path.join(projectRoot, 'dist', 'web'), trustedProxies: env.TRUSTED_PROXIES });
    return { env, logger, database, auth, app, clock, imports, demoCreated };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The system clock, unless the demo or the e2e server sets the platform's "now" (never in production). */
function clockOf(env: TEnv): TClock {
  if (!env.MOVSC_CLOCK_START) return systemClock;
  return env.MOVSC_CLOCK_MODE === 'fixed' ? fixedClock(env.MOVSC_CLOCK_START) : offsetClock(env.MOVSC_CLOCK_START);
}
