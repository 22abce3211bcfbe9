/**
 * `npm run chaos`: the faults of issue 9, repeated against real server processes on the loopback,
 * with figures printed at the end (acknowledged, lost, duplicated, 5xx, the process's fate).
 *
 *   1. SIGKILL under write load, N cycles per engine: every write answered 201 must be there after
 *      the restart, and none twice.
 *   2. PostgreSQL connection loss under write load: the app's own backends are terminated again and
 *      again; the process must live on, answer 503 meanwhile, and lose nothing it acknowledged.
 *   3. SIGTERM with requests in flight: every request accepted before the signal gets its answer,
 *      and the process exits 0.
 *   4. Races, 20 parallel attempts each, over HTTP: one winner, the others 409, no 5xx, no duplicate.
 *
 * Options: --cycles N (SIGKILL cycles per engine, default 30), --engines pglite,postgres,
 * --pg-url URL (an administrator URL of a PostgreSQL on this machine; default the local one),
 * --minutes M (a bound on the whole run, default 20). The PostgreSQL part uses a database of its
 * own, created and dropped here. Loopback only: the URL's host must be 127.0.0.1, ::1 or localhost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_ADMIN = { email: 'admin@movsc.demo', password: 'movsc-demo-2026' };

// ---------------------------------------------------------------------------------------------
// Options

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const CYCLES = Number(option('cycles', '30'));
const ENGINES = option('engines', 'pglite,postgres').split(',');
const PG_URL = option('pg-url', process.env.CHAOS_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const DEADLINE = Date.now() + Number(option('minutes', '20')) * 60_000;
const RACE_ATTEMPTS = 20;

if (!['127.0.0.1', '::1', '[::1]', 'localhost'].includes(new URL(PG_URL).hostname)) {
  console.error('chaos : la base PostgreSQL doit être sur cette machine (127.0.0.1, ::1 ou localhost).');
  process.exit(2);
}

function timeLeft() {
  return DEADLINE - Date.now();
}

// ---------------------------------------------------------------------------------------------
// Figures

type TFigures = {
  attempted: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
  committedWithoutAnswer: number;
  status5xx: Record<string, number>;
  cut: number;
  refused: number;
  deaths: number;
  notes: string[];
};
const newFigures = (): TFigures => ({
  attempted: 0,
  acknowledged: 0,
  lost: 0,
  duplicated: 0,
  committedWithoutAnswer: 0,
  status5xx: {},
  cut: 0,
  refused: 0,
  deaths: 0,
  notes: [],
});
const report: { scenario: string; engine: string; figures: TFigures }[] = [];

// ---------------------------------------------------------------------------------------------
// Server processes

type TServer = { child: ChildProcess; port: number; base: string; exited: Promise<number | null>; log: string[] };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function startServer(port: number, engineEnv: Record<string, string>): TServer {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'server.ts')], {
    cwd: root,
    env: { ...process.env, ...engineEnv, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development', DEMO_SEED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, port, base: `http://127.0.0.1:${port}`, exited, log };
}

async function waitReady(server: TServer, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let dead = false;
  void server.exited.then(() => (dead = true));
  while (Date.now() < until) {
    if (dead) throw new Error(`le serveur s'est arrêté au démarrage :\n${server.log.join('').slice(-2000)}`);
    try {
      const res = await fetch(`${server.base}/api/health`);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error(`le serveur n'a pas démarré en ${timeoutMs / 1000} s :\n${server.log.join('').slice(-2000)}`);
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// HTTP

type TAnswer = { status: number; body: unknown } | { error: 'refused' | 'cut'; code: string };

async function send(base: string, method: string, route: string, cookie: string | null, body?: unknown): Promise<TAnswer> {
  const headers: Record<string, string> = { origin: base.replace('127.0.0.1', 'localhost') };
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(`${base}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const code = cause?.code ?? (error as Error).name;
    // Refused: the request never reached a process (nobody listening). Cut: it was sent, and the
    // connection closed before an answer: its fate is unknown to the client.
    return { error: code === 'ECONNREFUSED' ? 'refused' : 'cut', code };
  }
}

async function signIn(base: string): Promise<string> {
  const headers = { 'content-type': 'application/json', origin: `http://localhost:${new URL(base).port}` };
  const res = await fetch(`${base}/api/auth/sign-in/email`, { method: 'POST', headers, body: JSON.stringify(DEMO_ADMIN) });
  if (res.status !== 200) throw new Error(`connexion de l'administrateur de démonstration refusée : ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

function count5xx(figures: TFigures, answer: TAnswer) {
  if ('status' in answer && answer.status >= 500) figures.status5xx[answer.status] = (figures.status5xx[answer.status] ?? 0) + 1;
  if ('error' in answer) figures[answer.error]++;
}

/**
 * Write load: `workers` loops, each creating accounts with e-mails of its own, until `stop()`.
 * The e-mail is the write's identity: acknowledged ones must exist, exactly once.
 */
function writeLoad(base: string, cookie: string, tag: string, workers: number, figures: TFigures) {
  const acknowledged = new Set<string>();
  const unanswered = new Set<string>();
  let running = true;
  const loops = Array.from({ length: workers }, async (_, w) => {
    for (let n = 0; running; n++) {
      const email = `chaos-${tag}-${w}-${n}@exemple.fr`;
      figures.attempted++;
      const answer = await send(base, 'POST', '/api/users', cookie, { name: `Chaos ${tag} ${w} ${n}`, email, roles: ['enseignant'] });
      count5xx(figures, answer);
      if ('status' in answer && answer.status === 201) acknowledged.add(email);
      else if ('error' in answer && answer.error === 'cut') unanswered.add(email);
      else if ('status' in answer && answer.status >= 500) unanswered.add(email);
      else if ('error' in answer) await sleep(50); // nobody listening: wait for the restart
    }
  });
  return {
    acknowledged,
    unanswered,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Every account of this run, by e-mail, read through the API (PGlite is locked by the server). */
async function accountsOf(base: string, cookie: string, prefix: string): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  for (let page = 1; ; page++) {
    const answer = await send(base, 'GET', `/api/users?q=${encodeURIComponent(prefix)}&pageSize=200&page=${page}&sort=email`, cookie);
    if (!('status' in answer) || answer.status !== 200) throw new Error(`lecture des comptes impossible : ${JSON.stringify(answer)}`);
    const { items, total } = answer.body as { items: { email: string }[]; total: number };
    for (const item of items) seen.set(item.email, (seen.get(item.email) ?? 0) + 1);
    if (page * 200 >= total || items.length === 0) break;
  }
  return seen;
}

function settle(figures: TFigures, load: ReturnType<typeof writeLoad>, found: Map<string, number>) {
  figures.acknowledged += load.acknowledged.size;
  for (const email of load.acknowledged) if (!found.has(email)) figures.lost++;
  for (const [, n] of found) if (n > 1) figures.duplicated += n - 1;
  for (const email of load.unanswered) if (found.has(email)) figures.committedWithoutAnswer++;
}

// ---------------------------------------------------------------------------------------------
// Engines

type TEngine = { name: string; env: Record<string, string>; adminUrl?: string; databaseName?: string; cleanup: () => Promise<void> };

async function pgliteEngine(): Promise<TEngine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-chaos-'));
  return { name: 'PGlite', env: { DATA_DIR: path.join(dir, 'data') }, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function postgresEngine(): Promise<TEngine | null> {
  const name = `movsc_chaos_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL injoignable à ${PG_URL} (${(error as Error).message}) : partie PostgreSQL sautée.`);
    return null;
  }
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    name: 'PostgreSQL',
    env: { DATABASE_URL: url.toString() },
    adminUrl: PG_URL,
    databaseName: name,
    cleanup: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

async function sigkillCycles(engine: TEngine, port: number, cookie: string, first: TServer): Promise<TServer> {
  const figures = newFigures();
  const tag = `k${Date.now().toString(36)}`;
  let server = first;
  let done = 0;
  for (let cycle = 0; cycle < CYCLES && timeLeft() > 60_000; cycle++) {
    const load = writeLoad(server.base, cookie, `${tag}c${cycle}`, 6, figures);
    await sleep(300 + Math.floor(Math.random() * 1200));
    server.child.kill('SIGKILL');
    await server.exited;
    await load.stop();
    server = startServer(port, engine.env);
    await waitReady(server);
    const found = await accountsOf(server.base, cookie, `chaos-${tag}c${cycle}-`);
    settle(figures, load, found);
    done++;
  }
  figures.notes.push(`${done} cycles SIGKILL → redémarrage`);
  report.push({ scenario: 'SIGKILL sous charge', engine: engine.name, figures });
  return server;
}

async function connectionLoss(engine: TEngine, server: TServer, cookie: string) {
  const figures = newFigures();
  const tag = `l${Date.now().toString(36)}`;
  const load = writeLoad(server.base, cookie, tag, 6, figures);
  const admin = new pg.Client({ connectionString: engine.adminUrl! });
  await admin.connect();
  let terminated = 0;
  for (let round = 0; round < 15; round++) {
    await sleep(400);
    const { rowCount } = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [engine.databaseName]);
    terminated += rowCount ?? 0;
  }
  await sleep(1500); // the pool reconnects; the load goes on
  await load.stop();
  await admin.end();
  const alive = server.child.exitCode === null && server.child.signalCode === null;
  if (!alive) figures.deaths++;
  const health = alive ? await send(server.base, 'GET', '/api/health', null) : null;
  const found = await accountsOf(server.base, cookie, `chaos-${tag}-`);
  settle(figures, load, found);
  const served503 = figures.status5xx['503'] ?? 0;
  figures.notes.push(`${terminated} connexions coupées en 15 salves ; processus ${alive ? 'vivant' : 'MORT'} ; santé ensuite ${health && 'status' in health ? health.status : '—'} ; ${served503} réponses 503 pendant les coupures (attendues)`);
  report.push({ scenario: 'Perte des connexions PostgreSQL', engine: engine.name, figures });
}

async function sigtermInFlight(engine: TEngine, port: number, cookie: string, first: TServer): Promise<TServer> {
  const figures = newFigures();
  let server = first;
  const exits: (number | null)[] = [];
  for (let round = 0; round < 5 && timeLeft() > 60_000; round++) {
    const tag = `t${Date.now().toString(36)}r${round}`;
    const load = writeLoad(server.base, cookie, tag, 12, figures);
    await sleep(600);
    server.child.kill('SIGTERM');
    exits.push(await server.exited);
    await load.stop();
    server = startServer(port, engine.env);
    await waitReady(server);
    settle(figures, load, await accountsOf(server.base, cookie, `chaos-${tag}-`));
  }
  figures.deaths += exits.filter((code) => code !== 0).length;
  figures.notes.push(
    `codes de sortie : ${exits.join(', ')} ; « sans réponse » : connexions remises à zéro, dont celles encore dans la file d'attente du noyau à la fermeture de l'écoute (jamais lues) ; « dont enregistrées » doit être 0`,
  );
  report.push({ scenario: 'SIGTERM, requêtes en cours', engine: engine.name, figures });
  return server;
}

async function races(engine: TEngine, server: TServer, cookie: string) {
  const base = server.base;
  const ok = (answer: TAnswer, status: number, what: string) => {
    if (!('status' in answer) || answer.status !== status) throw new Error(`${what} : ${JSON.stringify(answer).slice(0, 400)}`);
    return answer.body as Record<string, unknown>;
  };
  const centres = ok(await send(base, 'GET', '/api/centres', cookie), 200, 'centres') as { items?: { id: string }[] } | unknown;
  const centreId = (Array.isArray(centres) ? centres : (centres as { items: { id: string }[] }).items)[0]!.id;
  const versions = ok(await send(base, 'GET', '/api/certifications', cookie), 200, 'versions');
  const versionList = (Array.isArray(versions) ? versions : (versions as { items: { code: string }[] }).items) as { code: string }[];
  const versionCode = versionList[0]!.code;
  const newCohort = async (capacity: number) =>
    ok(
      await send(base, 'POST', '/api/cohorts', cookie, {
        number: 100 + Math.floor(Math.random() * 899),
        centreId,
        certificationVersionCode: versionCode,
        startsOn: '2027-09-01',
        endsOn: '2029-06-30',
        capacity,
      }),
      201,
      'création de promotion',
    ).id as string;
  const newLearner = async (label: string) =>
    ok(await send(base, 'POST', '/api/users', cookie, { name: `Course ${label}`, email: `course-${randomUUID().slice(0, 8)}@exemple.fr`, roles: ['auditeur'] }), 201, 'création de compte')
      .id as string;
  const tally = (answers: TAnswer[]) => {
    const by: Record<string, number> = {};
    for (const a of answers) {
      const key = 'status' in a ? String(a.status) : a.error;
      by[key] = (by[key] ?? 0) + 1;
    }
    return by;
  };
  const record = (scenario: string, answers: TAnswer[], rows: number, expectedRows: number) => {
    const figures = newFigures();
    figures.attempted = answers.length;
    for (const a of answers) count5xx(figures, a);
    figures.acknowledged = answers.filter((a) => 'status' in a && a.status < 300).length;
    figures.duplicated = Math.max(0, rows - expectedRows);
    figures.lost = Math.max(0, expectedRows - rows);
    figures.notes.push(`réponses ${JSON.stringify(tally(answers))} ; lignes ${rows} (attendu ${expectedRows})`);
    report.push({ scenario, engine: engine.name, figures });
  };
  const learnersOf = async (cohortId: string) => {
    const body = ok(await send(base, 'GET', `/api/cohorts/${cohortId}/learners?pageSize=200`, cookie), 200, 'inscrits') as { items?: { userId?: string; id?: string }[] } | unknown[];
    return (Array.isArray(body) ? body : (body as { items: unknown[] }).items) as { userId?: string; id?: string }[];
  };

  // The same learner enrolled 20 times at once.
  {
    const cohortId = await newCohort(30);
    const learner = await newLearner('même');
    const answers = await Promise.all(Array.from({ length: RACE_ATTEMPTS }, () => send(base, 'POST', `/api/cohorts/${cohortId}/learners`, cookie, { userId: learner })));
    record(`Course : même inscrit ×${RACE_ATTEMPTS}`, answers, (await learnersOf(cohortId)).length, 1);
  }
  // A promotion of one place, 20 learners at once.
  {
    const cohortId = await newCohort(1);
    const learners = await Promise.all(Array.from({ length: RACE_ATTEMPTS }, (_, i) => newLearner(`place ${i}`)));
    const answers = await Promise.all(learners.map((userId) => send(base, 'POST', `/api/cohorts/${cohortId}/learners`, cookie, { userId })));
    record(`Course : 1 place, ${RACE_ATTEMPTS} inscriptions`, answers, (await learnersOf(cohortId)).length, 1);
  }
  // The public form sent 20 times at once with the same e-mail.
  {
    const cohortId = await newCohort(30);
    const email = `formulaire-${randomUUID().slice(0, 8)}@exemple.fr`;
    const answers = await Promise.all(
      Array.from({ length: RACE_ATTEMPTS }, (_, i) =>
        send(base, 'POST', '/api/admissions/start', null, { lastName: `Durand${i}`, firstName: 'Sam', birthDate: '1984-02-03', email, password: 'mot-de-passe-candidate', cohortId }),
      ),
    );
    const accounts = await accountsOf(base, cookie, email);
    record(`Course : formulaire public ×${RACE_ATTEMPTS}, même e-mail`, answers, accounts.get(email) ?? 0, 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Run

async function runEngine(engine: TEngine) {
  const port = await freePort();
  console.log(`\n— ${engine.name} (port ${port}) —`);
  let server = startServer(port, engine.env);
  try {
    const t0 = Date.now();
    await waitReady(server);
    console.log(`  premier démarrage (migrations et démonstration) : ${Date.now() - t0} ms`);
    const cookie = await signIn(server.base);
    const t1 = Date.now();
    server = await sigkillCycles(engine, port, cookie, server);
    console.log(`  SIGKILL : ${Math.round((Date.now() - t1) / 1000)} s`);
    if (engine.adminUrl) {
      await connectionLoss(engine, server, cookie);
      console.log('  perte des connexions : fait');
    }
    server = await sigtermInFlight(engine, port, cookie, server);
    console.log('  SIGTERM : fait');
    await races(engine, server, cookie);
    console.log('  courses : faites');
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await engine.cleanup();
  }
}

function printReport() {
  const rows = report.map(({ scenario, engine, figures: f }) => ({
    scénario: scenario,
    moteur: engine,
    tentées: f.attempted,
    acquittées: f.acknowledged,
    perdues: f.lost,
    doublées: f.duplicated,
    '5xx': Object.entries(f.status5xx)
      .map(([s, n]) => `${n}×${s}`)
      .join(' ') || '0',
    'sans réponse': f.cut,
    'dont enregistrées': f.committedWithoutAnswer,
    morts: f.deaths,
  }));
  console.log('\nRésultats :');
  console.table(rows);
  for (const { scenario, engine, figures } of report) {
    for (const note of figures.notes) console.log(`  ${engine} · ${scenario} : ${note}`);
  }
}

const started = Date.now();
let failed = false;
for (const name of ENGINES) {
  const engine = name === 'pglite' ? await pgliteEngine() : name === 'postgres' ? await postgresEngine() : null;
  if (!engine) continue;
  try {
    await runEngine(engine);
  } catch (error) {
    failed = true;
    console.error(`\n${engine.name} : ${(error as Error).message}`);
  }
}
printReport();
const bad = report.filter(
  ({ scenario, figures: f }) =>
    f.lost || f.duplicated || f.deaths || (scenario.startsWith('Course') && Object.keys(f.status5xx).length) || (scenario.startsWith('SIGTERM') && (f.committedWithoutAnswer || Object.keys(f.status5xx).length)),
);
console.log(`\nDurée : ${Math.round((Date.now() - started) / 1000)} s. ${bad.length || failed ? 'ÉCHEC : voir les lignes ci-dessus.' : 'Objectifs tenus : 0 perdue, 0 doublée, 0 mort, 0 5xx dans les courses.'}`);
process.exit(bad.length || failed ? 1 : 0);
