/**
 * SIGTERM with requests in flight (issue 9, item 5): the server stops accepting, answers every
 * request it had accepted, then closes its database and exits 0. Runs the real server process
 * (PGlite on a fresh folder, or a fresh PostgreSQL database in the PostgreSQL pass).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, inject, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-shutdown-'));
const port = 3400 + Math.floor(Math.random() * 500);
const origin = `http://127.0.0.1:${port}`;
const sharedUrl = inject('databaseUrl');
const dbName = `movsc_shutdown_${port}`;
const { BASE_URL: _viteBase, ...parentEnv } = process.env;

async function withAdmin(sqlText: string) {
  const admin = new pg.Client({ connectionString: sharedUrl! });
  await admin.connect();
  try {
    await admin.query(sqlText);
  } finally {
    await admin.end();
  }
}

let child: ChildProcess | undefined;
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (sharedUrl) await withAdmin(`drop database if exists ${dbName} with (force)`);
});

async function waitForHealth(deadline: number, log: () => string) {
  while (Date.now() < deadline) {
    if (child?.exitCode !== null) throw new Error(`the server exited (${child?.exitCode}): ${log()}`);
    try {
      if ((await fetch(`${origin}/api/health`)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer /api/health in time: ${log()}`);
}

it('answers the requests in flight, refuses new connections, then exits 0', { timeout: 300_000 }, async () => {
  const env: NodeJS.ProcessEnv = { ...parentEnv, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_SEED: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  if (sharedUrl) {
    await withAdmin(`drop database if exists ${dbName} with (force)`);
    await withAdmin(`create database ${dbName}`);
    const url = new URL(sharedUrl);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  }
  child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'server.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
  await waitForHealth(Date.now() + 240_000, () => stderr);

  // 20 requests at once; SIGTERM as soon as the first is answered, the others still in the server.
  // Each builds the OpenAPI document (tens of ms): more of them would hold the event loop for longer
  // than node's keep-alive timeout (5 s) on a loaded machine, and node would close a keep-alive
  // connection whose next request it had not yet read, a race of node's that has nothing to do with stopping.
  let signalledAt = 0;
  const answered: number[] = [];
  // Each request on a connection of its own (no keep-alive reuse): what is measured is the server's drain.
  const get = (n: number) =>
    new Promise<{ ok: true; status: number } | { ok: false; code: string }>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: `/api/openapi.json?n=${n}`, agent: false }, (res) => {
        res.resume();
        res.on('end', () => {
          answered.push(Date.now());
          if (!signalledAt) {
            signalledAt = Date.now();
            child!.kill('SIGTERM');
          }
          resolve({ ok: true, status: res.statusCode ?? 0 });
        });
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, code: error.code ?? error.message }));
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, code: error.code ?? error.message }));
      req.end();
    });
  // Clients that never pause (no proxy in front to send them elsewhere): each keeps one keep-alive
  // connection busy and sends its next request as soon as an answer comes, until it is refused.
  // The drain must still end (stop accepting), and cut none of the requests it read.
  const agent = new Agent({ keepAlive: true, maxSockets: 6 });
  const loopFailures: string[] = [];
  let loopAnswers = 0;
  const loop = async () => {
    for (;;) {
      const result = await new Promise<{ ok: true } | { ok: false; code: string }>((resolve) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/api/health/live', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ ok: true }));
          res.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, code: error.code ?? error.message }));
        });
        // A fresh connection reset before any answer was still in the kernel's listen queue when the
        // listener closed: the server never read its request, as with a refused connection.
        req.on('error', (error: NodeJS.ErrnoException) =>
          resolve({ ok: false, code: error.code === 'ECONNREFUSED' || (error.code === 'ECONNRESET' && !req.reusedSocket) ? 'ECONNREFUSED' : `${error.code ?? error.message} (connexion réutilisée : ${req.reusedSocket}, ${signalledAt ? Date.now() - signalledAt : '?'} ms après le signal)` }),
        );
        req.end();
      });
      if (result.ok) loopAnswers += 1;
      else {
        if (result.code !== 'ECONNREFUSED') loopFailures.push(result.code);
        return;
      }
    }
  };
  const loops = Array.from({ length: 6 }, () => loop());
  const requests = Array.from({ length: 20 }, (_, i) => get(i));
  const results = await Promise.all(requests);
  const code = await exited;
  await Promise.all(loops);
  agent.destroy();
  expect(loopFailures, `requests of the continuous clients cut by the drain; server log: ${stderr.slice(-1500)}`).toEqual([]);
  expect(loopAnswers).toBeGreaterThan(6);
  // The server cut nothing it had read: it says so when its grace period ends with requests running.
  expect(stderr).not.toContain('requests still running after the grace period');

  expect(code, stderr).toBe(0);
  // Every accepted request was answered in full; a request may only be refused at connection time.
  const failures = results.filter((r) => !r.ok);
  for (const f of failures) expect(f.code).toBe('ECONNREFUSED');
  for (const r of results.filter((x) => x.ok)) expect(r.status).toBe(200);
  // Some answers came after the signal: they were in flight and were finished, not cut.
  expect(answered.filter((at) => at >= signalledAt).length).toBeGreaterThan(1);
  // Stopped: nothing listens any more.
  await expect(fetch(`${origin}/api/health/live`)).rejects.toThrow();
});
