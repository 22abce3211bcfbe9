/**
 * `proposeGroups(input)`: validates the input, then solves in a worker thread (HiGHS is
 * single-threaded WASM and computes for seconds on a large promotion: the server keeps answering).
 * The next step's job handler calls this; it reuses the job runner's `runInWorker`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInWorker } from '../../jobs/jobs.worker.js';
import { DEFAULT_TIME_LIMIT_SECONDS, ZGroupingInputSchema, type TGroupingInputRaw, type TGroupingResult, type TSolveOptions } from './ateliers.input.js';

// The solver module beside this one, with this file's own extension (.ts under tsx, .js once built).
const solverModule = new URL(`./ateliers.solver${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/** Seconds granted beyond the solver's own time limit for loading WASM and building the model. */
const WORKER_MARGIN_SECONDS = 30;

export const MAX_TIME_LIMIT_SECONDS = 600;

/** Throws a ZodError for invalid input (the route turns it into a 422 naming the field). */
export async function proposeGroups(input: TGroupingInputRaw, options: TSolveOptions = {}): Promise<TGroupingResult> {
  const parsed = ZGroupingInputSchema.parse(input);
  const timeLimitSeconds = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  if (!(timeLimitSeconds > 0 && timeLimitSeconds <= MAX_TIME_LIMIT_SECONDS))
    throw new RangeError(`La limite de temps du calcul est comprise entre 0 et ${MAX_TIME_LIMIT_SECONDS} s.`);
  return runInWorker<TGroupingResult>({
    module: solverModule,
    exportName: 'solveGroupingTask',
    input: { input: parsed, options: { timeLimitSeconds } },
    timeoutMs: (timeLimitSeconds + WORKER_MARGIN_SECONDS) * 1000,
  });
}
