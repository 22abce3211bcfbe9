/**
 * soutenances-http: does the server keep answering while a session of soutenances is planned? A real
 * server process on a data folder prepared beforehand: a responsable, a promotion, a session and a
 * planner run of 60 defences × 3 days × 5 rooms (bench/soutenances.ts's generated session) whose
 * `soutenance.plan` job is due a fixed delay after the preparation. The server's job runner solves it in
 * a worker thread while GET /api/health and GET /api/me are sent open-loop (latency from the scheduled
 * instant) at 10 req/s each. Prints the figures idle (before the job is due) and during the solve, and
 * the run's status, objective, bound, gap and time. Asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { SYSTEM_ACTOR } from '../src/features/audit/audit.service.js';
import { centres } from '../src/features/centres/centres.tables.js';
import { cohortStaff, cohorts } from '../src/features/cohorts/cohorts.tables.js';
import { enqueueJob } from '../src/features/jobs/jobs.service.js';
import { ZPlanInputSchema } from '../src/features/juries/planner/planner.service.js';
import { soutenancePlanRuns, soutenanceSessions } from '../src/features/juries/soutenances/soutenances.tables.js';
import { certificationVersions } from '../src/features/referentiel/referentiel.tables.js';
import { createUser } from '../src/features/users/users.service.js';
import { loadReferenceCentres, loadReferenceCertifications } from '../src/seed/reference.js';
import { line, openLoop, waitForHealth } from './ateliers-http.js';
import { generateSession } from './soutenances.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFENCES = Number(process.env.BENCH_SOUTENANCES_HTTP_DEFENCES ?? 60);
const TIME_LIMIT_SECONDS = Number(process.env.BENCH_SOUTENANCES_TIME_LIMIT ?? 10);
/** The job is due this long after the preparation: the server boots, then the idle figures are taken. */
const DUE_AFTER_MS = Number(process.env.BENCH_SOUTENANCES_HTTP_DELAY_MS ?? 40_000);
const RATE = 10;
const EMAIL = 'responsable.bench@movsc.demo';
const PASSWORD = 'mot-de-passe-du-bench';

async function prepare(dataDir: string) {
  const database = await openDatabase({ dataDir });
  const { db } = database;
  await migrateDatabase(database);
  await loadReferenceCentres(db);
  await loadReferenceCertifications(db);
  const [centre] = await db.select().from(centres).limit(1);
  const [version] = await db.select().from(certificationVersions).limit(1);
  const responsable = await createUser({ db, actor: SYSTEM_ACTOR, input: { name: 'Responsable Bench', email: EMAIL, password: PASSWORD, roles: ['responsable_pedagogique'], centreIds: [centre!.id] } });
  const [cohort] = await db.insert(cohorts).values({ number: 960, name: 'Promotion du bench', centreId: centre!.id, certificationVersionId: version!.id, startsOn: '2025-11-03', endsOn: '2027-10-29', capacity: DEFENCES }).returning();
  await db.insert(cohortStaff).values({ cohortId: cohort!.id, userId: responsable.id, role: 'responsable_pedagogique' });
  const now = new Date();
  const [session] = await db
    .insert(soutenanceSessions)
    .values({ cohortId: cohort!.id, label: 'Session du bench', place: 'Paris', days: [], rooms: [], unavailability: [], juryIds: [], createdAt: now, createdBy: responsable.id, updatedAt: now })
    .returning();
  const input = ZPlanInputSchema.parse(generateSession(DEFENCES, 3));
  const [run] = await db.insert(soutenancePlanRuns).values({ sessionId: session!.id, input, basedOnRevision: 0, timeLimitSeconds: TIME_LIMIT_SECONDS, requestedBy: responsable.id, requestedAt: now }).returning();
  const dueAt = new Date(Date.now() + DUE_AFTER_MS);
  await enqueueJob(db, { kind: 'soutenance.plan', payload: { runId: run!.id }, runAt: dueAt, maxAttempts: 1 });
  await database.close();
  return { runId: run!.id, dueAt, members: input.members.length };
}

export async function benchSoutenancesHttp() {
  console.log(`\nsoutenances-http : latence d’autres routes pendant le calcul d’un planning de ${DEFENCES} soutenances par la file de tâches d’un vrai serveur (limite ${TIME_LIMIT_SECONDS} s, ${RATE} req/s par route, boucle ouverte)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-bench-soutenances-'));
  const port = 3304;
  let child: ChildProcess | null = null;
  try {
    const { runId, dueAt, members } = await prepare(dataDir);
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const args = process.env.BENCH_SERVER_DIRECT ? [...nodeArgs, '--import', 'tsx', path.join(root, 'src', 'server.ts')] : [path.join(root, 'scripts', 'start.mjs')];
    child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'error' }, stdio: 'ignore' });
    const base = `http://localhost:${port}`;
    await waitForHealth(`${base}/api/health`, child);
    if (Date.now() > dueAt.getTime() - 3000) console.log('    (le serveur a démarré trop tard : le calcul avait commencé ; augmentez BENCH_SOUTENANCES_HTTP_DELAY_MS)');
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const loops = (until: () => boolean) => Promise.all([openLoop(`${base}/api/health`, cookie, RATE, until), openLoop(`${base}/api/me`, cookie, RATE, until)]);
    const idleEnd = Math.min(performance.now() + 5000, performance.now() + dueAt.getTime() - Date.now() - 500);
    const idle = await loops(() => performance.now() > idleEnd);

    let final: Record<string, unknown> = {};
    let done = false;
    const deadline = Date.now() + DUE_AFTER_MS + (TIME_LIMIT_SECONDS + 90) * 1000;
    const poll = (async () => {
      while (!done && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        final = (await (await fetch(`${base}/api/soutenance-plans/${runId}`, { headers: { cookie } })).json()) as Record<string, unknown>;
        done = final.status !== 'queued' && final.status !== 'solving';
      }
      done = true;
    })();
    // Waits for the job to start, then measures until it is done.
    while (!done && final.status !== 'solving') await new Promise((r) => setTimeout(r, 100));
    const during = await loops(() => done);
    await poll;
    const gap = typeof final.gap === 'number' ? `${(final.gap * 100).toFixed(2)} %` : '—';
    console.log(`  ${DEFENCES} soutenances, ${members} membres : ${String(final.status)}, objectif ${String(final.objective ?? '—')}, borne ${String(final.bound ?? '—')}, écart ${gap}, résolution ${String(final.solveMs ?? '—')} ms`);
    console.log(line('au repos  /api/health', idle[0]));
    console.log(line('au repos  /api/me', idle[1]));
    console.log(line('pendant   /api/health', during[0]));
    console.log(line('pendant   /api/me', during[1]));
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
