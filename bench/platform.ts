/**
 * Platform cases:
 *  - start: the `npm start` path (scripts/start.mjs, SPA already built) on a new data folder, then
 *    again on the same folder, timed until /api/health answers;
 *  - referentiel: open-loop GETs of /api/certifications/RNCP41336 by a signed-in user (requests sent
 *    on a schedule, latency measured from the scheduled time), median of 3 runs of 5 s.
 * BENCH_DATABASE_URL runs the HTTP case on PostgreSQL instead of PGlite.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile } from './lib.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not answer in time');
}

function startServer(env: Record<string, string>, port: number) {
  return spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

export async function benchStart() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-bench-'));
  const port = 3301;
  try {
    for (const label of ['start-fresh (new database, migrations, reference and demo data)', 'start-reopen (same data folder)']) {
      const t0 = performance.now();
      const child = startServer({ DATA_DIR: dataDir }, port);
      await waitForHealth(`http://localhost:${port}/api/health`, child);
      console.log(`${label}: ${ms(performance.now() - t0)} until /api/health answers`);
      await stop(child);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function openLoop(url: string, cookie: string, rate: number, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const interval = 1000 / rate;
  const start = performance.now() + 100;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < rate * seconds; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      fetch(url, { headers: { cookie } })
        .then(async (res) => {
          await res.arrayBuffer();
          if (!res.ok) errors++;
          latencies.push(performance.now() - scheduled);
        })
        .catch(() => {
          errors++;
        }),
    );
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), errors };
}

export async function benchReferentielPage() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-bench-'));
  const port = 3302;
  const env: Record<string, string> = process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : { DATA_DIR: dataDir };
  const child = startServer(env, port);
  try {
    const base = `http://localhost:${port}`;
    await waitForHealth(`${base}/api/health`, child);
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: 'responsable@movsc.demo', password: 'movsc-demo-2026' }),
    });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const url = `${base}/api/certifications/RNCP41336`;
    await openLoop(url, cookie, 20, 2); // warm-up
    for (const rate of [20, 100]) {
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await openLoop(url, cookie, rate, 5));
      runs.sort((a, b) => a.p95 - b.p95);
      const median = runs[1]!;
      console.log(
        `referentiel-page on ${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'} at ${rate} req/s × 5 s (median of 3): p50 ${ms(median.p50)}, p95 ${ms(median.p95)}, p99 ${ms(median.p99)}, errors ${median.errors}`,
      );
    }
  } finally {
    await stop(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
