/**
 * Runs a CPU-heavy function in a worker thread, so that the event loop (requests, other jobs) keeps
 * answering while it computes (the HiGHS solvers are single-threaded WASM). The function is a named
 * export of a module, called with a structured-cloneable input; its result comes back the same way.
 * TypeScript modules are loaded through tsx, registered inside the worker.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// tsx's ESM entry (its "import" export); require.resolve would give the CommonJS one.
const tsxApi = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

// The worker's whole program: register tsx, import the module, call the export, post the outcome.
const BOOTSTRAP = `
import { parentPort, workerData } from 'node:worker_threads';
const { tsxApi, moduleUrl, exportName, input } = workerData;
try {
  if (/\\.[cm]?ts$/.test(moduleUrl)) (await import(tsxApi)).register();
  const mod = await import(moduleUrl);
  if (typeof mod[exportName] !== 'function') throw new Error('Export ' + exportName + ' absent de ' + moduleUrl);
  parentPort.postMessage({ ok: true, value: await mod[exportName](input) });
} catch (error) {
  parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
`;

type TOutcome = { ok: true; value: unknown } | { ok: false; message: string };

export class WorkerTimeoutError extends Error {
  constructor(ms: number) {
    super(`Calcul interrompu : il a dépassé ${Math.round(ms / 1000)} s.`);
    this.name = 'WorkerTimeoutError';
  }
}

export function runInWorker<TResult>(o: { module: URL | string; exportName: string; input?: unknown; timeoutMs?: number }): Promise<TResult> {
  const moduleUrl = typeof o.module === 'string' ? o.module : o.module.href;
  return new Promise<TResult>((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { tsxApi, moduleUrl, exportName: o.exportName, input: o.input } });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(() => finish(() => reject(new WorkerTimeoutError(o.timeoutMs ?? 0))), o.timeoutMs ?? 2 ** 31 - 1);
    worker.once('message', (outcome: TOutcome) =>
      finish(() => (outcome.ok ? resolve(outcome.value as TResult) : reject(new Error(outcome.message)))),
    );
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`Le fil de calcul s'est arrêté (code ${code}).`))));
  });
}
