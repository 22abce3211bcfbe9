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

  it('stops at its time limit with a checked grouping (or none), never an unchecked one', async () => {
    // 60 learners, colleagues by threes, wishes everywhere: far from provable in a hundredth of a second.
    const learners = Array.from({ length: 60 }, (_, i) => ({ id: `b${i}`, wishedLeaderId: `q${i % 7}`, wishedTheme: ['t1', 't2', 't3'][i % 3]! }));
    const big: TGroupingInputRaw = {
      learners,
      leaders: Array.from({ length: 7 }, (_, k) => ({ id: `q${k}`, maxGroups: 2, themes: [`t${(k % 3) + 1}`] })),
      mustNotBeTogether: learners.flatMap((l, i) => (i % 3 === 0 ? [[l.id, `b${i + 1}`], [l.id, `b${i + 2}`]] : [])) as [string, string][],
      wishTogether: learners.slice(0, 20).map((l, i): [string, string] => [l.id, `b${59 - i}`]),
    };
    const result = await proposeGroups(big, { timeLimitSeconds: 0.01 });
    expect(['feasible', 'time_limit', 'optimal']).toContain(result.status);
    if (result.status === 'time_limit') expect(result.groups).toEqual([]);
    else expect(checkGrouping(ZGroupingInputSchema.parse(big), result.groups)).toEqual([]);
    // Stopped before the relaxation was solved, the bound is unknown (null), never a made-up one.
    if (result.status === 'feasible') expect(result.gap === null || result.gap > 0).toBe(true);
    await expect(proposeGroups(big, { timeLimitSeconds: 0 })).rejects.toThrow(/limite de temps/);
  });

  it('refuses invalid input before starting a worker, naming the field', async () => {
    const error = await proposeGroups({ ...raw, wishTogether: [['a1', 'nobody']] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues[0]!.path).toEqual(['wishTogether', 0, 1]);
  });
});
