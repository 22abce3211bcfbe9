import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/features/audit/audit.tables.js';
import { claimNextJob, runDueJobs, startJobRunner, type TJobHandlers } from '../../src/features/jobs/jobs.runner.js';
import { enqueueJob } from '../../src/features/jobs/jobs.service.js';
import { jobs } from '../../src/features/jobs/jobs.tables.js';
import { runInWorker } from '../../src/features/jobs/jobs.worker.js';
import { createLogger } from '../../src/http/logger.js';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestContext, DEFAULT_TEST_NOW, type TTestContext } from '../helpers/context.js';
import { runJobs } from '../helpers/jobs.js';

let t: TTestContext;
beforeAll(async () => {
  // A database of its own on PostgreSQL: the runner here must not take (or be taken) other files' jobs.
  t = await createTestContext({ freshDatabase: true });
});
afterAll(async () => {
  await t?.close();
});

const SECOND = 1000;
const silent = createLogger('silent');

/** A runner on its own clock, with handlers that only touch the jobs these tests enqueue (marked by `tag`). */
function runner(clock: ReturnType<typeof fixedClock>, handlers: TJobHandlers, workerId = 'runner-a') {
  return runDueJobs({ db: t.db, clock, handlers, logger: silent, baseUrl: 'http://localhost:3000', workerId });
}

async function jobRow(id: string) {
  const [row] = await t.db.select().from(jobs).where(eq(jobs.id, id));
  return row!;
}

/** Marks every other pending job as done so that these tests' runners see only their own jobs. */
async function isolate() {
  await t.db.update(jobs).set({ status: 'succeeded' }).where(inArray(jobs.status, ['pending', 'running']));
}

describe('the job runner, driven by a fixed clock', () => {
  it('retries a failing job with exponential back-off, then abandons it after its last attempt, keeping the error', async () => {
    await isolate();
    const clock = fixedClock(DEFAULT_TEST_NOW);
    const id = (await enqueueJob(t.db, { kind: 'mail.send', payload: { tag: 'backoff' }, maxAttempts: 3 }))!;
    let calls = 0;
    const failing: TJobHandlers = {
      'mail.send': {
        run: async () => {
          calls++;
          throw new Error('Serveur SMTP injoignable (ECONNREFUSED)');
        },
      },
    };
    expect(await runner(clock, failing)).toEqual({ succeeded: 0, retried: 1, dead: 0 });
    let row = await jobRow(id);
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toBe('Serveur SMTP injoignable (ECONNREFUSED)');
    expect(row.runAt!.getTime()).toBe(new Date(DEFAULT_TEST_NOW).getTime() + 30 * SECOND);

    clock.advance(29 * SECOND); // not yet due
    expect(await runner(clock, failing)).toEqual({ succeeded: 0, retried: 0, dead: 0 });
    clock.advance(1 * SECOND);
    expect(await runner(clock, failing)).toEqual({ succeeded: 0, retried: 1, dead: 0 });
    row = await jobRow(id);
    expect(row.runAt!.getTime()).toBe(clock.now().getTime() + 60 * SECOND); // doubled

    clock.advance(60 * SECOND);
    expect(await runner(clock, failing)).toEqual({ succeeded: 0, retried: 0, dead: 1 });
    row = await jobRow(id);
    expect(row.status).toBe('dead');
    expect(row.attempts).toBe(3);
    expect(row.finishedAt!.toISOString()).toBe(clock.now().toISOString());
    expect(calls).toBe(3);
    clock.advance(3600 * SECOND);
    expect(await runner(clock, failing)).toEqual({ succeeded: 0, retried: 0, dead: 0 }); // never again by itself
  });

  it('runs a scheduled job only once its time has come, and keeps its result', async () => {
    await isolate();
    const clock = fixedClock(DEFAULT_TEST_NOW);
    const at = new Date(new Date(DEFAULT_TEST_NOW).getTime() + 3600 * SECOND);
    const id = (await enqueueJob(t.db, { kind: 'mail.send', payload: { n: 21 }, runAt: at }))!;
    const ok: TJobHandlers = { 'mail.send': { run: async (p) => ({ doubled: (p as { n: number }).n * 2 }) } };
    clock.set(new Date(at.getTime() - 1));
    expect((await runner(clock, ok)).succeeded).toBe(0);
    clock.set(at);
    expect((await runner(clock, ok)).succeeded).toBe(1);
    const row = await jobRow(id);
    expect(row.status).toBe('succeeded');
    expect(row.result).toEqual({ doubled: 42 });
  });

  it('takes again a job whose runner died (its lease expired), and only then', async () => {
    await isolate();
    const clock = fixedClock(DEFAULT_TEST_NOW);
    const id = (await enqueueJob(t.db, { kind: 'mail.send', payload: {} }))!;
    const claimed = await claimNextJob({ db: t.db, now: clock.now(), workerId: 'crashed-process', leaseMs: 60 * SECOND });
    expect(claimed?.id).toBe(id);
    // The "crashed" runner never finishes. Within its lease nobody else takes the job.
    const ok: TJobHandlers = { 'mail.send': { run: async () => 'fait' } };
    clock.advance(59 * SECOND);
    expect((await runDueJobs({ db: t.db, clock, handlers: ok, logger: silent, baseUrl: 'http://x', workerId: 'b', leaseMs: 60 * SECOND })).succeeded).toBe(0);
    expect((await jobRow(id)).lockedBy).toBe('crashed-process');
    clock.advance(2 * SECOND);
    expect((await runDueJobs({ db: t.db, clock, handlers: ok, logger: silent, baseUrl: 'http://x', workerId: 'b', leaseMs: 60 * SECOND })).succeeded).toBe(1);
    const row = await jobRow(id);
    expect(row.status).toBe('succeeded');
    expect(row.attempts).toBe(2);
  });

  it('abandons at once a job of an unknown kind or with a permanent error', async () => {
    await isolate();
    const clock = fixedClock(DEFAULT_TEST_NOW);
    const id = (await enqueueJob(t.db, { kind: 'jobs.cleanup', payload: {} }))!;
    expect(await runner(clock, {})).toEqual({ succeeded: 0, retried: 0, dead: 1 });
    expect((await jobRow(id)).lastError).toBe('Type de tâche inconnu : jobs.cleanup');
  });

  it('enqueues inside the caller’s transaction: a rolled-back write leaves no job; a dedupe key allows one job only', async () => {
    const marker = `rollback-${Math.random()}`;
    await t.db
      .transaction(async (tx) => {
        await enqueueJob(tx, { kind: 'mail.send', payload: { marker } });
        throw new Error('annulé');
      })
      .catch(() => {});
    const all = await t.db.select({ payload: jobs.payload }).from(jobs);
    expect(all.some((j) => (j.payload as { marker?: string }).marker === marker)).toBe(false);

    const key = `once-${Math.random()}`;
    expect(await enqueueJob(t.db, { kind: 'mail.send', payload: {}, dedupeKey: key })).not.toBeNull();
    expect(await enqueueJob(t.db, { kind: 'mail.send', payload: {}, dedupeKey: key })).toBeNull();
    expect(await t.db.select().from(jobs).where(eq(jobs.dedupeKey, key))).toHaveLength(1);
  });

  it('schedules a recurring job once per period however many runners ask', async () => {
    await isolate();
    await runJobs(t, { recurring: true, workerId: 'r1' });
    await runJobs(t, { recurring: true, workerId: 'r2' });
    const cleanups = await t.db.select().from(jobs).where(eq(jobs.kind, 'jobs.cleanup'));
    const today = cleanups.filter((j) => j.dedupeKey?.startsWith('recurring:jobs.cleanup:'));
    expect(today).toHaveLength(1);
    expect(today[0]!.status).toBe('succeeded');
  });
});

describe('the loop of a server process', () => {
  it('picks up a job enqueued while it runs, and stops only after the job in hand has finished', async () => {
    await isolate();
    const clock = fixedClock(DEFAULT_TEST_NOW);
    let finished = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const loop = startJobRunner({
      db: t.db,
      clock,
      logger: silent,
      baseUrl: 'http://x',
      pollMs: 20,
      handlers: {
        'mail.send': {
          run: async () => {
            started();
            await new Promise((r) => setTimeout(r, 200));
            finished = true;
          },
        },
      },
    });
    const id = (await enqueueJob(t.db, { kind: 'mail.send', payload: {} }))!;
    await running; // taken by the polling loop, nobody called runDueJobs
    await loop.stop(); // as on SIGTERM
    expect(finished).toBe(true);
    expect((await jobRow(id)).status).toBe('succeeded');
  });
});

describe('two runners on one database', () => {
  it('never run the same job twice (FOR UPDATE SKIP LOCKED), and together run them all', async () => {
    await isolate();
    const clock = fixedClock(DEFAULT_TEST_NOW);
    const ids = new Set<string>();
    for (let i = 0; i < 24; i++) ids.add((await enqueueJob(t.db, { kind: 'mail.send', payload: { i } }))!);
    const ran: { worker: string; id: string }[] = [];
    const handlers = (worker: string): TJobHandlers => ({
      'mail.send': {
        run: async (_p, ctx) => {
          ran.push({ worker, id: ctx.jobId });
          await new Promise((r) => setTimeout(r, 5)); // hold the job a little, as real work would
        },
      },
    });
    const [a, b] = await Promise.all([
      runDueJobs({ db: t.db, clock, handlers: handlers('A'), logger: silent, baseUrl: 'http://x', workerId: 'A', concurrency: 3 }),
      runDueJobs({ db: t.db, clock, handlers: handlers('B'), logger: silent, baseUrl: 'http://x', workerId: 'B', concurrency: 3 }),
    ]);
    expect(a.succeeded + b.succeeded).toBe(24);
    const runIds = ran.map((r) => r.id);
    expect(new Set(runIds).size).toBe(runIds.length); // nobody twice
    expect(new Set(runIds)).toEqual(ids);
    const rows = await t.db.select().from(jobs).where(inArray(jobs.id, [...ids]));
    expect(rows.every((r) => r.status === 'succeeded' && r.attempts === 1)).toBe(true);
  });
});

describe('work in a worker thread', () => {
  it('keeps the event loop answering while a worker computes', async () => {
    let ticks = 0;
    const interval = setInterval(() => ticks++, 20);
    const started = performance.now();
    const result = await runInWorker<{ iterations: number; threadId: number }>({
      module: new URL('../fixtures/jobs/busy.worker.ts', import.meta.url),
      exportName: 'spin',
      input: { ms: 600 },
    });
    const elapsed = performance.now() - started;
    clearInterval(interval);
    expect(result.iterations).toBeGreaterThan(0);
    expect(result.threadId).toBeGreaterThan(0); // not the main thread (0)
    expect(elapsed).toBeGreaterThanOrEqual(600);
    // The main thread stayed free: ticks every 20 ms during the 600 ms of computation (a loose floor).
    expect(ticks).toBeGreaterThanOrEqual(10);
  });

  it('reports the worker’s error as a failure of the job', async () => {
    await isolate();
    const clock = fixedClock(DEFAULT_TEST_NOW);
    const id = (await enqueueJob(t.db, { kind: 'mail.send', payload: {}, maxAttempts: 1 }))!;
    const viaWorker: TJobHandlers = {
      'mail.send': { run: () => runInWorker({ module: new URL('../fixtures/jobs/busy.worker.ts', import.meta.url), exportName: 'fail' }) },
    };
    expect(await runner(clock, viaWorker)).toEqual({ succeeded: 0, retried: 0, dead: 1 });
    expect((await jobRow(id)).lastError).toBe('Échec voulu du calcul');
  });
});

describe('the administrator’s list of jobs', () => {
  it('lists jobs with filters and counts, shows failures with their error, and retries an abandoned one (audited)', async () => {
    await isolate();
    const admin = await t.as('administrateur');
    const clock = fixedClock(DEFAULT_TEST_NOW);
    const dead = (await enqueueJob(t.db, { kind: 'mail.send', payload: { to: 'lea@exemple.fr', subject: 'Bienvenue' }, maxAttempts: 1 }))!;
    await runner(clock, { 'mail.send': { run: async () => { throw new Error('Boîte pleine'); } } });

    const list = await t.call('GET', '/api/admin/jobs?status=dead&kind=mail.send', { cookie: admin.cookie });
    expect(list.status).toBe(200);
    const item = list.body.items.find((j: { id: string }) => j.id === dead);
    expect(item).toMatchObject({ status: 'dead', statusLabel: 'Abandonnée', kindLabel: 'Envoi d’un courriel', lastError: 'Boîte pleine', canRetry: true, summary: 'À lea@exemple.fr : « Bienvenue »' });
    expect(list.body.items.every((j: { status: string }) => j.status === 'dead')).toBe(true);
    expect(list.body.counts.dead).toBeGreaterThanOrEqual(1);
    expect(list.body.kinds.map((k: { kind: string }) => k.kind)).toContain('mail.send');

    const failed = await t.call('GET', '/api/admin/jobs?failed=true&pageSize=200', { cookie: admin.cookie });
    expect(failed.body.items.every((j: { lastError: string | null }) => j.lastError !== null)).toBe(true);

    const retried = await t.call('POST', `/api/admin/jobs/${dead}/retry`, { cookie: admin.cookie });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0, canRetry: true });
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, dead));
    expect(audit?.action).toBe('job.retried');
    expect(audit?.actorId).toBe(admin.user.id);

    expect(await runner(clock, { 'mail.send': { run: async () => 'ok' } })).toMatchObject({ succeeded: 1 });
    const again = await t.call('POST', `/api/admin/jobs/${dead}/retry`, { cookie: admin.cookie });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('ne peut pas être relancée');
  });

  it('is for administrators only, and validates its input in French', async () => {
    for (const role of ['gestionnaire', 'responsable_pedagogique', 'auditeur'] as const) {
      const { cookie } = await t.as(role);
      expect((await t.call('GET', '/api/admin/jobs', { cookie })).status).toBe(403);
    }
    expect((await t.call('GET', '/api/admin/jobs')).status).toBe(401);
    const admin = await t.as('administrateur');
    const bad = await t.call('GET', '/api/admin/jobs?status=perdu&page=0', { cookie: admin.cookie });
    expect(bad.status).toBe(422);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['page', 'status']);
    const unknown = await t.call('POST', '/api/admin/jobs/pas-un-id/retry', { cookie: admin.cookie });
    expect(unknown.status).toBe(422);
    expect(unknown.body.issues[0].message).toBe('Identifiant de tâche invalide.');
    const missing = await t.call('POST', '/api/admin/jobs/00000000-0000-4000-8000-000000000000/retry', { cookie: admin.cookie });
    expect(missing.status).toBe(404);
  });
});
