/**
 * ateliers-http: does the server keep answering while a promotion's groups are being computed?
 * A real server process (`npm start`'s path) on a data folder prepared beforehand with a generated
 * promotion of 120 and of 400 learners (bench/ateliers.ts's instances: leaders, exclusions, wishes,
 * previous groups), a responsable asks for a proposal over HTTP, the server's job runner solves it in
 * a worker thread, and meanwhile GET /api/health and GET /api/me are sent open-loop (on a schedule,
 * latency from the scheduled time) at 10 req/s each. Prints the same figures idle (5 s before) and
 * during the solve, and the proposal's status, objective, bound, gap and times. Asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { SYSTEM_ACTOR } from '../src/features/audit/audit.service.js';
import { userCentres, userRoles, users } from '../src/features/auth/auth.tables.js';
import { centres } from '../src/features/centres/centres.tables.js';
import { cohortLearners, cohortStaff, cohorts } from '../src/features/cohorts/cohorts.tables.js';
import { atelierGroups, atelierLeaders, atelierMembers, atelierPairs, atelierWishes } from '../src/features/memoire/ateliers/ateliers.tables.js';
import { certificationVersions } from '../src/features/referentiel/referentiel.tables.js';
import { createUser } from '../src/features/users/users.service.js';
import { loadReferenceCentres, loadReferenceCertifications } from '../src/seed/reference.js';
import { generatePromotion } from './ateliers.js';
import { percentile } from './lib.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = (process.env.BENCH_ATELIERS_HTTP_SIZES ?? '120,400').split(',').map(Number);
const TIME_LIMIT_SECONDS = Number(process.env.BENCH_ATELIERS_TIME_LIMIT ?? 30);
const RATE = 10;
const EMAIL = 'responsable.bench@movsc.demo';
const PASSWORD = 'mot-de-passe-du-bench';

/** A data folder with the reference data, a responsable and a promotion of n learners with its declarations. */
async function prepare(dataDir: string, n: number) {
  const database = await openDatabase({ dataDir });
  const { db } = database;
  await migrateDatabase(database);
  await loadReferenceCentres(db);
  await loadReferenceCertifications(db);
  const [centre] = await db.select().from(centres).limit(1);
  const [version] = await db.select().from(certificationVersions).limit(1);
  const responsable = await createUser({ db, actor: SYSTEM_ACTOR, input: { name: 'Responsable Bench', email: EMAIL, password: PASSWORD, roles: ['responsable_pedagogique'], centreIds: [centre!.id] } });
  const [cohort] = await db
    .insert(cohorts)
    .values({ number: 900 + n, name: `Promotion de ${n}`, centreId: centre!.id, certificationVersionId: version!.id, startsOn: '2025-11-03', endsOn: '2027-10-29', capacity: n })
    .returning();
  const raw = generatePromotion(n);
  const idOf = new Map<string, string>();
  const people = [...raw.learners.map((l) => ({ key: l.id, role: 'auditeur' as const })), ...raw.leaders.map((l) => ({ key: l.id, role: 'enseignant' as const }))];
  for (const p of people) idOf.set(p.key, randomUUID());
  const id = (key: string) => idOf.get(key)!;
  for (let i = 0; i < people.length; i += 200) {
    const chunk = people.slice(i, i + 200);
    await db.insert(users).values(chunk.map((p) => ({ id: id(p.key), name: `${p.role === 'auditeur' ? 'Auditeur·rice' : 'Enseignant·e'} ${p.key}`, email: `${p.key}.${n}@bench.movsc` })));
    await db.insert(userRoles).values(chunk.map((p) => ({ userId: id(p.key), role: p.role })));
    await db.insert(userCentres).values(chunk.map((p) => ({ userId: id(p.key), centreId: centre!.id })));
  }
  await db.insert(cohortStaff).values([{ cohortId: cohort!.id, userId: responsable.id, role: 'responsable_pedagogique' }, ...raw.leaders.map((l) => ({ cohortId: cohort!.id, userId: id(l.id), role: 'enseignant' as const }))]);
  for (let i = 0; i < raw.learners.length; i += 200) await db.insert(cohortLearners).values(raw.learners.slice(i, i + 200).map((l) => ({ cohortId: cohort!.id, userId: id(l.id) })));
  const now = new Date();
  await db.insert(atelierLeaders).values(raw.leaders.map((l) => ({ cohortId: cohort!.id, leaderId: id(l.id), maxGroups: l.maxGroups, themes: l.themes ?? [], updatedBy: responsable.id, updatedAt: now })));
  const wishes = raw.learners.filter((l) => l.wishedLeaderId || l.wishedTheme);
  if (wishes.length)
    await db.insert(atelierWishes).values(wishes.map((l) => ({ cohortId: cohort!.id, learnerId: id(l.id), wishedLeaderId: l.wishedLeaderId ? id(l.wishedLeaderId) : null, wishedTheme: l.wishedTheme ?? null, updatedBy: responsable.id, updatedAt: now })));
  const seen = new Set<string>();
  const pairs = [...(raw.mustNotBeTogether ?? []).map((p) => ['apart', p] as const), ...(raw.wishTogether ?? []).map((p) => ['together', p] as const)].flatMap(([kind, [a, b]]) => {
    const [x, y] = [id(a), id(b)].sort() as [string, string];
    if (seen.has(`${x}:${y}`)) return [];
    seen.add(`${x}:${y}`);
    return [{ cohortId: cohort!.id, kind, learnerA: x, learnerB: y, declaredBy: responsable.id, createdAt: now }];
  });
  for (let i = 0; i < pairs.length; i += 500) await db.insert(atelierPairs).values(pairs.slice(i, i + 500));
  let number = 0;
  for (const g of raw.previousGroups ?? []) {
    const [group] = await db.insert(atelierGroups).values({ cohortId: cohort!.id, number: ++number, leaderId: id(g.leaderId), since: now }).returning();
    if (g.memberIds.length) await db.insert(atelierMembers).values(g.memberIds.map((m) => ({ cohortId: cohort!.id, learnerId: id(m), groupId: group!.id, since: now })));
  }
  const [check] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, cohort!.id));
  await database.close();
  return { cohortId: check!.id, leaders: raw.leaders.length, exclusions: raw.mustNotBeTogether?.length ?? 0 };
}

export async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 180_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not answer in time');
}

/** Open loop until `until()` is true: one request every 1000/rate ms, latency from its scheduled instant. */
export async function openLoop(url: string, cookie: string, rate: number, until: () => boolean) {
  const latencies: number[] = [];
  const timeline: [at: number, latency: number][] = [];
  let errors = 0;
  const interval = 1000 / rate;
  const start = performance.now() + 50;
  const pending: Promise<void>[] = [];
  for (let i = 0; !until(); i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      fetch(url, { headers: { cookie } })
        .then(async (res) => {
          await res.arrayBuffer();
          if (!res.ok) errors++;
          latencies.push(performance.now() - scheduled);
          timeline.push([scheduled - start, performance.now() - scheduled]);
        })
        .catch(() => {
          errors++;
        }),
    );
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return { timeline, n: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1) ?? 0, errors };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
export const line = (label: string, r: Awaited<ReturnType<typeof openLoop>>) =>
  `    ${label.padEnd(22)} ${String(r.n).padStart(4)} requêtes : p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, p99 ${ms(r.p99)}, max ${ms(r.max)}, erreurs ${r.errors}`;

export async function benchAteliersHttp() {
  console.log(`\nateliers-http : latence d’autres routes pendant un calcul de groupes par la file de tâches d’un vrai serveur (limite ${TIME_LIMIT_SECONDS} s, ${RATE} req/s par route, boucle ouverte)`);
  for (const n of SIZES) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-bench-ateliers-'));
    const port = 3303;
    let child: ChildProcess | null = null;
    try {
      const { cohortId, leaders, exclusions } = await prepare(dataDir, n);
      // BENCH_SERVER_DIRECT=1: `node [BENCH_NODE_ARGS] --import tsx src/server.ts` without the npm start wrapper (SPA already built).
      const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
      const args = process.env.BENCH_SERVER_DIRECT ? [...nodeArgs, '--import', 'tsx', path.join(root, 'src', 'server.ts')] : [path.join(root, 'scripts', 'start.mjs')];
      child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'error' }, stdio: 'ignore' });
      const base = `http://localhost:${port}`;
      await waitForHealth(`${base}/api/health`, child);
      const signIn = await fetch(`${base}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
      const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const loops = (until: () => boolean) => Promise.all([openLoop(`${base}/api/health`, cookie, RATE, until), openLoop(`${base}/api/me`, cookie, RATE, until)]);
      const idleEnd = performance.now() + 5000;
      const idle = await loops(() => performance.now() > idleEnd);

      const asked = performance.now();
      const res = await fetch(`${base}/api/cohorts/${cohortId}/ateliers/proposals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base, cookie },
        body: JSON.stringify({ timeLimitSeconds: TIME_LIMIT_SECONDS }),
      });
      const proposal = (await res.json()) as { id: string; status: string };
      let done = proposal.status !== 'queued' && proposal.status !== 'solving';
      let final: Record<string, unknown> = proposal;
      const deadline = performance.now() + (TIME_LIMIT_SECONDS + 60) * 1000;
      const poll = (async () => {
        while (!done && performance.now() < deadline) {
          await new Promise((r) => setTimeout(r, 500));
          final = (await (await fetch(`${base}/api/atelier-proposals/${proposal.id}`, { headers: { cookie } })).json()) as Record<string, unknown>;
          done = final.status !== 'queued' && final.status !== 'solving';
        }
        done = true;
      })();
      const during = await loops(() => done);
      await poll;
      const wall = performance.now() - asked;
      const gap = typeof final.gap === 'number' ? `${(final.gap * 100).toFixed(2)} %` : '—';
      console.log(
        `  ${n} auditeur·rices, ${leaders} animateur·rices, ${exclusions} exclusions : ${String(final.status)} (${String(final.solverStatus)}), objectif ${String(final.objective ?? '—')}, borne ${String(final.bound ?? '—')}, écart ${gap}, ` +
          `résolution ${String(final.solveMs ?? '—')} ms, de la demande au résultat ${Math.round(wall)} ms`,
      );
      console.log(line('au repos  /api/health', idle[0]));
      console.log(line('au repos  /api/me', idle[1]));
      console.log(line('pendant   /api/health', during[0]));
      console.log(line('pendant   /api/me', during[1]));
      // BENCH_TIMELINE=1: the worst latency of each second of the solve (where the stalls are).
      if (process.env.BENCH_TIMELINE) {
        const worst = new Map<number, number>();
        for (const [at, latency] of during[0].timeline) worst.set(Math.floor(at / 1000), Math.max(worst.get(Math.floor(at / 1000)) ?? 0, latency));
        console.log(`    pire latence de /api/health par seconde : ${[...worst.entries()].sort((a, b) => a[0] - b[0]).map(([sec, l]) => `${sec}s ${Math.round(l)}`).join(', ')}`);
      }
    } finally {
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child!.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
}
