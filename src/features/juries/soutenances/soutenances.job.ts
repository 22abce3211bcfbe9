/** The job that solves a soutenance plan (kind `soutenance.plan`): HiGHS in a worker thread, the result stored on the run. */
import { PermanentJobError, type TJobDefinition } from '../../jobs/jobs.runner.js';
import { planSoutenances } from '../planner/planner.service.js';
import { runPlanJob } from './soutenances.service.js';

export const soutenancePlanJob: TJobDefinition = {
  async run(payload, ctx) {
    const runId = (payload as { runId?: unknown } | null)?.runId;
    if (typeof runId !== 'string') throw new PermanentJobError('Tâche sans calcul de planning.');
    return runPlanJob({ db: ctx.db, runId, now: () => ctx.clock.now(), solve: (input, seconds) => planSoutenances(input, { timeLimitSeconds: seconds }) });
  },
};
