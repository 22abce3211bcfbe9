/** The job that solves a soutenance plan (kind `soutenance.plan`): HiGHS in a worker thread, the result stored on the run. */
import { PermanentJobError, type TJobDefinition } from '../../jobs/jobs.runner.js';
import { planSoutenances } from '../planner/planner.service.js';
import { runPlanJob } from './soutenances.service.js';

/** The run stops once its plan is proven within 1 % of the optimum (decision 025): a proof of 0 % rarely comes before the limit. */
export const PLAN_RELATIVE_GAP = 0.01;

export const soutenancePlanJob: TJobDefinition = {
  async run(payload, ctx) {
    const runId = (payload as { runId?: unknown } | null)?.runId;
    if (typeof runId !== 'string') throw new PermanentJobError('Tâche sans calcul de planning.');
    return runPlanJob({ db: ctx.db, runId, now: () => ctx.clock.now(), solve: (input, seconds) => planSoutenances(input, { timeLimitSeconds: seconds, relativeGap: PLAN_RELATIVE_GAP }) });
  },
};
