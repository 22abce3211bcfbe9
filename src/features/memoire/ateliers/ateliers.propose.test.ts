/** `proposeGroups` solves in a worker thread and gives the same answer as the solver on this thread. */
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { ZGroupingInputSchema, type TGroupingInputRaw } from './ateliers.input.js';
import { proposeGroups } from './ateliers.propose.js';
import { checkGrouping } from './ateliers.rules.js';
import { solveGrouping } from './ateliers.solver.js';

const raw: TGroupingInputRaw = {
  learners: Array.from({ length: 17 }, (_, i) => ({ id: `a${i}`, wishedLeaderId: i % 4 === 0 ? 'p1' : null, wishedTheme: i % 3 === 0 ? 'coopération' : null })),
  leaders: [
    { id: 'p1', maxGroups: 1, themes: ['coopération'] },
    { id: 'p2', maxGroups: 2, themes: [] },
  ],
  mustNotBeTogether: [['a0', 'a4'], ['a8', 'a12']],
  wishTogether: [['a1', 'a2']],
  previousGroups: [{ id: 'g1', leaderId: 'p2', memberIds: ['a5', 'a6', 'a7', 'a9', 'a10'] }],
};

describe('proposeGroups', () => {
  it('solves in a worker thread, with the same optimum as on this thread', async () => {
    const inWorker = await proposeGroups(raw, { timeLimitSeconds: 20 });
    const here = await solveGrouping(ZGroupingInputSchema.parse(raw), { timeLimitSeconds: 20 });
    expect(inWorker.status).toBe('optimal');
    expect(inWorker.objective).toBe(here.objective);
    expect(checkGrouping(ZGroupingInputSchema.parse(raw), inWorker.groups)).toEqual([]);
    expect(inWorker.groups.find((g) => g.previousGroupId === 'g1')?.memberIds).toEqual(expect.arrayContaining(['a5', 'a6', 'a7', 'a9', 'a10']));
  });

  it('explains an impossible promotion through the worker too', async () => {
    const result = await proposeGroups({ ...raw, learners: raw.learners.slice(0, 13), mustNotBeTogether: [], wishTogether: [] });
    expect(result.status).toBe('infeasible');
    expect(result.diagnosis).toEqual(["13 auditeur·rices : aucune répartition en groupes de 5 à 6 n'existe pour 13 (elle existe pour 12 ou pour 15)."]);
  });

  it('refuses invalid input before starting a worker, naming the field', async () => {
    const error = await proposeGroups({ ...raw, wishTogether: [['a1', 'nobody']] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues[0]!.path).toEqual(['wishTogether', 0, 1]);
  });
});
