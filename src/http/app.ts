/**
 * The HTTP application: request id, logging, session → actor, the feature routers under /api,
 * the OpenAPI document and its docs page, the SPA, and the one error table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { requestId } from 'hono/request-id';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import { sql } from 'drizzle-orm';
import { AUTH_MESSAGES_FR } from '../features/auth/auth.js';
import { admissionsRouter } from '../features/admissions/admissions.handlers.js';
import { attendanceRouter } from '../features/attendance/attendance.handlers.js';
import { auditRouter } from '../features/audit/audit.handlers.js';
import { calendarRouter } from '../features/calendar/calendar.handlers.js';
import { cohortsRouter } from '../features/cohorts/cohorts.handlers.js';
import { conflictsRouter } from '../features/conflicts/conflicts.handlers.js';
import { fundingRouter } from '../features/funding/funding.handlers.js';
import { centresRouter } from '../features/centres/centres.handlers.js';
import { referentielRouter } from '../features/referentiel/referentiel.handlers.js';
import { registrationRouter } from '../features/registration/registration.handlers.js';
import { usersRouter } from '../features/users/users.handlers.js';
import { accountsRouter } from '../features/accounts/accounts.handlers.js';
import { jobsRouter } from '../features/jobs/jobs.handlers.js';
import { homeRouter } from '../features/home/home.handlers.js';
import { notificationsRouter } from '../features/notifications/notifications.handlers.js';
import { memoireRouter } from '../features/memoire/memoire.handlers.js';
import { followupRouter } from '../features/memoire/followup/followup.handlers.js';
import { journalRouter } from '../features/memoire/journal/journal.handlers.js';
import { milestonesRouter } from '../features/memoire/milestones/milestones.handlers.js';
import { memoireDashboardRouter } from '../features/memoire/dashboard/dashboard.handlers.js';
import { ateliersRouter } from '../features/memoire/ateliers/ateliers.handlers.js';
import { versionsRouter } from '../features/memoire/versions/versions.handlers.js';
import { evaluationsRouter } from '../features/evaluations/evaluations.handlers.js';
import { juriesRouter } from '../features/juries/juries.handlers.js';
import { juryOralRouter } from '../features/juries/jury-oral.handlers.js';
import { soutenancesRouter } from '../features/juries/soutenances/soutenances.handlers.js';
import { registerSessionLens } from '../features/calendar/session-lenses.js';
import { ledAtelierSessionIds, withAtelierTitles } from '../features/memoire/ateliers/ateliers.calendar.js';
import type { TAppEnv, TDeps } from './context.js';
import { AppError } from './errors.js';
import { appendOnlyConflict } from '../features/records/records.errors.js';
import { bodySizeGuard, jsonBodyGuard } from './body-guard.js';
import { safeError } from './log-safety.js';
import { databaseCodeOf, duplicateMessage } from './database-errors.js';
import { DISK_FULL, findDatabaseError, findDatabaseErrorOfClass, isDatabaseUnavailable, UNIQUE_VIOLATION } from '../db/errors.js';
import { recordsRouter } from '../features/records/records.handlers.js';
import { createRouter } from './openapi.js';
import { sessionMiddleware, withClientAddress } from './session.js';
import { mountWeb } from './web.js';
import { mountApiDocs } from './api-docs.js';
import { originGuard } from './origin-guard.js';
import { noStoreOnApi, securityHeaders } from './security-headers.js';

// The calendar shows each learner and leader their own atelier group (decision 020); the calendar imports nothing of the mémoire.
registerSessionLens('ateliers', { extraSessionIds: ledAtelierSessionIds, retitle: withAtelierTitles });

function buildApi() {
  return createRouter()
    .route('/', usersRouter)
    .route('/', centresRouter)
    .route('/', referentielRouter)
    .route('/', auditRouter)
    .route('/', recordsRouter)
    .route('/', admissionsRouter)
    .route('/', registrationRouter)
    .route('/', fundingRouter)
    .route('/', conflictsRouter)
    .route('/', cohortsRouter)
    .route('/', calendarRouter)
    .route('/', attendanceRouter)
    .route('/', accountsRouter)
    .route('/', jobsRouter)
    .route('/', notificationsRouter)
    .route('/', memoireRouter)
    .route('/', followupRouter)
    .route('/', journalRouter)
    .route('/', milestonesRouter)
    .route('/', memoireDashboardRouter)
    .route('/', ateliersRouter)
    .route('/', versionsRouter)
    .route('/', evaluationsRouter)
    .route('/', juriesRouter)
    .route('/', juryOralRouter)
    .route('/', soutenancesRouter)
    .route('/', homeRouter);
}

export type TApiRoutes = ReturnType<typeof buildApi>;

export function createApp(deps: TDeps) {
  const app = createRouter();

  app.use('*', requestId());
  // CSP, Permissions-Policy and the rest on every answer; no-store on the API's (decision 016).
  app.use('*', securityHeaders);
  app.use('*', noStoreOnApi);
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('actor', null);
    const started = performance.now();
    await next();
    if (c.req.path.startsWith('/api/')) {
      deps.logger.info('request', {
        requestId: c.get('requestId'),
        method: c.req.method,
        // Secret feed URLs carry their token in the path: never write it to the log.
        path: c.req.path.replace(/\/feeds\/[^/]+/, '/feeds/[secret]'),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    }
  });

  // A write from another site's page is refused before its body is read.
  app.use('/api/*', originGuard);
  app.use('*', bodySizeGuard);
  app.use('*', jsonBodyGuard);

  // Liveness: the process answers (a supervisor restarts it otherwise). Readiness: it can serve, so
  // the database answers too; a proxy sends no traffic to a process whose database is unreachable.
  app.get('/api/health/live', (c) => c.json({ status: 'ok' }));
  app.get('/api/health', async (c) => {
    const started = performance.now();
    try {
      await withTimeout(deps.db.execute(sql`select 1`), HEALTH_TIMEOUT_MS);
      return c.json({ status: 'ok', database: 'ok', ms: Math.round(performance.now() - started) });
    } catch (error) {
      deps.logger.warn('health check: database unavailable', { code: databaseCodeOf(error), error: error instanceof Error ? error.message : String(error) });
      c.header('Retry-After', '5');
      return c.json({ status: 'unavailable', database: 'unavailable', message: 'Service momentanément indisponible : la base de données ne répond pas.' }, 503);
    }
  });

  // better-auth owns /api/auth/*: sign-in, sign-out, session, password change.
  app.on(['GET', 'POST'], '/api/auth/*', async (c) => frenchAuthResponse(await deps.auth.handler(withClientAddress(c))));

  app.use('/api/*', sessionMiddleware);
  const api = buildApi();
  app.route('/api', api);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'MOVSC — API',
      version: '0.1.0',
      description:
        "API du système d'information du titre RNCP « Manager d'organismes à vocation sociale et culturelle en ESS » (Cnam-CESTES). " +
        "L'authentification passe par les routes /api/auth (cookie de session). Les erreurs de saisie renvoient 422 { issues: [{ path, message }] }.",
    },
  });
  // Scalar's bundle is served from node_modules, never from a CDN: no inline script, works offline.
  mountApiDocs(app);

  app.all('/api/*', (c) => c.json({ message: `Route inconnue : ${c.req.method} ${c.req.path}` }, 404));

  // The SPA: hashed assets cached for a year, index.html revalidated, .br/.gz by Accept-Encoding.
  if (deps.webDir && fs.existsSync(path.join(deps.webDir, 'index.html'))) mountWeb(app, deps.webDir);

  app.notFound((c) => c.json({ message: `Route inconnue : ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => handleError(error, c, deps));
  return app;
}

export type TApp = ReturnType<typeof createApp>;

const HEALTH_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`database did not answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function handleError(error: Error, c: Context<TAppEnv>, deps: TDeps) {
  if (error instanceof AppError) {
    const body = error.issues ? { message: error.message, issues: error.issues } : { message: error.message };
    return c.json(body, error.status);
  }
  if (error instanceof HTTPException) {
    if (error.status === 400) {
      return c.json({ message: 'Requête illisible : le corps doit être un JSON valide.', issues: [{ path: '', message: 'JSON invalide.' }] }, 422);
    }
    return c.json({ message: error.message || 'Requête refusée.' }, error.status);
  }
  const id = c.get('requestId');
  const refused = appendOnlyConflict(error);
  if (refused) {
    deps.logger.warn('register write refused by the database', { requestId: id, path: c.req.path, error: refused.message });
    return c.json({ message: refused.message }, 409);
  }
  if (isDatabaseUnavailable(error)) {
    // The connection was lost (restart, failover, terminated backend): the pool reconnects by itself.
    // A write cut before its commit was rolled back; one cut during its commit may have landed, and
    // sent again it meets the services' checks and unique indexes (409), never a second copy.
    deps.logger.warn('database unavailable', { requestId: id, path: c.req.path, code: databaseCodeOf(error) });
    c.header('Retry-After', '5');
    return c.json({ message: 'Service momentanément indisponible : la base de données ne répond pas. Réessayez dans quelques instants.', requestId: id }, 503);
  }
  if (findDatabaseError(error, DISK_FULL)) {
    // The transaction was rolled back: nothing of this request is written, and reads go on.
    deps.logger.error('database disk full', { requestId: id, path: c.req.path, error: safeError(error) });
    return c.json(
      {
        message: "Enregistrement impossible : l'espace disque du serveur est plein. Rien n'a été enregistré ; la consultation reste possible. Prévenez l'administrateur de la plateforme.",
        requestId: id,
      },
      507,
    );
  }
  const duplicate = findDatabaseError(error, UNIQUE_VIOLATION);
  if (duplicate) {
    // The services check first; a unique index answers the race between two requests doing the same.
    deps.logger.warn('unique violation answered 409', { requestId: id, path: c.req.path, constraint: duplicate.constraint });
    return c.json({ message: duplicateMessage(duplicate.constraint), issues: [] }, 409);
  }
  const badValue = findDatabaseErrorOfClass(error, '22');
  if (badValue) {
    // A value the schemas let through but the column cannot hold (an out-of-range number, an
    // impossible date): the request's fault, said as such; the schema deserves a precise rule.
    deps.logger.warn('value refused by the database', { requestId: id, path: c.req.path, code: badValue.code });
    return c.json({ message: 'Une valeur envoyée ne peut pas être enregistrée (date inexistante, nombre hors limites ou texte invalide).', issues: [] }, 422);
  }
  deps.logger.error('unhandled error', { requestId: id, path: c.req.path, error: safeError(error) });
  return c.json({ message: 'Erreur interne du serveur. Communiquez cet identifiant au support.', requestId: id }, 500);
}

/** better-auth answers in English; our users read French. */
async function frenchAuthResponse(res: Response): Promise<Response> {
  if (res.status === 200 && res.headers.get('content-type')?.includes('application/json')) {
    // The session token travels in the HttpOnly cookie only; page scripts never need to read it.
    const body = (await res.clone().json().catch(() => null)) as Record<string, unknown> | null;
    if (body && typeof body === 'object' && 'token' in body) {
      const { token: _token, ...rest } = body;
      const headers = new Headers(res.headers);
      headers.delete('content-length');
      return new Response(JSON.stringify(rest), { status: 200, headers });
    }
    return res;
  }
  if (res.status < 400 || !res.headers.get('content-type')?.includes('application/json')) return res;
  const body = (await res.clone().json().catch(() => null)) as { code?: string; message?: string } | null;
  if (!body) return res;
  const code = body.code ?? (res.status === 429 ? 'TOO_MANY_REQUESTS' : undefined);
  if (code === 'UNSUPPORTED_MEDIA_TYPE' || (res.status === 400 && code === 'BAD_REQUEST' && /json/i.test(body.message ?? ''))) {
    // Said as the body guard says it on our own routes (better-auth's routes are not guarded: it reads the body itself).
    const refusal =
      code === 'UNSUPPORTED_MEDIA_TYPE'
        ? { status: 415, message: 'Format de requête non pris en charge : envoyez du JSON (Content-Type: application/json).', issues: [] }
        : { status: 422, message: 'Requête illisible : le corps doit être un JSON valide.', issues: [{ path: '', message: 'JSON invalide.' }] };
    return rewritten(res, refusal.status, { message: refusal.message, code, issues: refusal.issues });
  }
  if (code === 'VALIDATION_ERROR') {
    // better-auth joins its schema's issues, already French (our Zod messages): « [body.email] Adresse e-mail : texte attendu. ».
    const issues = (body.message ?? '').split('; ').flatMap((part) => {
      const m = /^\[body\.?([^\]]*)\] (.*)$/s.exec(part);
      return m ? [{ path: m[1]!, message: m[2]! }] : [];
    });
    return rewritten(res, 422, { message: AUTH_MESSAGES_FR.VALIDATION_ERROR, code, issues });
  }
  // The per-account delay says how long to wait, in French already.
  const message = code === 'ACCOUNT_THROTTLED' ? body.message : ((code && AUTH_MESSAGES_FR[code]) ?? (res.status === 429 ? AUTH_MESSAGES_FR.TOO_MANY_REQUESTS : undefined));
  if (!message) return res;
  return rewritten(res, res.status, { ...body, code, message });
}

/** better-auth's answer with another status and body, its headers (cookies) kept. */
function rewritten(res: Response, status: number, body: unknown): Response {
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status, headers });
}
