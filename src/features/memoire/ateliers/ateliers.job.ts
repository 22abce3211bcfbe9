/** The job that solves an atelier proposal (kind `atelier.propose`): HiGHS in a worker thread, result stored on the proposal. */
import { PermanentJobError, type TJobDefinition } from '../../jobs/jobs.runner.js';
import { proposeGroups } from './ateliers.propose.js';
import { runProposalJob } from './ateliers.service.js';

export const atelierProposeJob: TJobDefinition = {
  async run(payload, ctx) {
    const proposalId = (payload as { proposalId?: unknown } | null)?.proposalId;
    if (typeof proposalId !== 'string') throw new PermanentJobError('Tâche sans proposition.');
    return runProposalJob({ db: ctx.db, proposalId, now: () => ctx.clock.now(), solve: (input, seconds) => proposeGroups(input, { timeLimitSeconds: seconds }) });
  },
};
