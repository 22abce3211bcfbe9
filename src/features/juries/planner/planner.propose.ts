/**
 * `planSoutenances(input)`: validates the input, then solves in a worker thread through the job
 * runner's `runInWorker` (HiGHS computes for seconds on a large session: the server keeps answering).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInWorker } from '../../jobs/jobs.worker.js';
import { DEFAULT_PLAN_TIME_LIMIT_SECONDS, ZPlanInputSchema, type TPlanInputRaw, type TPlanOptions, type TPlanResult } from './planner.input.js';

// The solver module beside this one, with this file's own extension (.ts under tsx, .js once built).
const solverModule = new URL(`./planner.solver${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/** Seconds granted beyond the solver's time limit: WASM loading, model building, the diagnosis. */
const WORKER_MARGIN_SECONDS = 30;

export const MAX_PLAN_TIME_LIMIT_SECONDS = 600;

/** Throws a ZodError for invalid input (a route turns it into a 422 naming the field). */
export async function planSoutenances(input: TPlanInputRaw, options: TPlanOptions = {}): Promise<TPlanResult> {
  const parsed = ZPlanInputSchema.parse(input);
  const timeLimitSeconds = options.timeLimitSeconds ?? DEFAULT_PLAN_TIME_LIMIT_SECONDS;
  if (!(timeLimitSeconds > 0 && timeLimitSeconds <= MAX_PLAN_TIME_LIMIT_SECONDS))
    throw new RangeError(`La limite de temps du calcul est comprise entre 0 et ${MAX_PLAN_TIME_LIMIT_SECONDS} s.`);
  if (options.relativeGap !== undefined && !(options.relativeGap >= 0 && options.relativeGap < 1)) throw new RangeError('L’écart relatif accepté est compris entre 0 et 1.');
  return runInWorker<TPlanResult>({
    module: solverModule,
    exportName: 'solvePlanTask',
    input: { input: parsed, options: { ...options, timeLimitSeconds } },
    timeoutMs: (timeLimitSeconds + WORKER_MARGIN_SECONDS) * 1000,
  });
}
