/**
 * The MILP against exhaustive search on small random promotions (≤ 12 learners): same feasibility,
 * same optimum, and every returned grouping passes the independent checker.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exhaustiveOptimum } from './ateliers.exhaustive.js';
import { greedyGrouping } from './ateliers.greedy.js';
import { ZGroupingInputSchema, type TGroupingInput, type TGroupingInputRaw } from './ateliers.input.js';
import { checkGrouping, scoreGrouping } from './ateliers.rules.js';
import { solveGrouping } from './ateliers.solver.js';

const THEMES = ['coopération', 'insertion', 'culture'];

/** A random small promotion: wishes, exclusions, pairs, previous groups (some of a departed leader). */
const promotionArb = (o: { sizes: number[]; maxLearners: number; min: number; max: number }) =>
  fc
    .record({
      // Mostly counts that can be split, so most runs compare optima rather than "infeasible".
      n: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...o.sizes) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: o.maxLearners }) }),
      leaders: fc.array(fc.record({ maxGroups: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 2 }) }, fc.constant(0)), themes: fc.subarray(THEMES) }), {
        minLength: 1,
        maxLength: 3,
      }),
      seeds: fc.array(fc.record({ leader: fc.nat(5), theme: fc.nat(5), prev: fc.nat(6) }), { minLength: 12, maxLength: 12 }),
      exclusions: fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 6 }),
      together: fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 6 }),
      previousLeaders: fc.array(fc.nat(3), { minLength: 4, maxLength: 4 }),
    })
    .map(({ n, leaders, seeds, exclusions, together, previousLeaders }): TGroupingInput => {
      const ids = Array.from({ length: n }, (_, i) => `a${i}`);
      const leaderId = (k: number) => `p${k}`; // p{leaders.length} and beyond: no longer a leader
      const pairs = (list: [number, number][]) =>
        list.filter(([a, b]) => a < n && b < n && a !== b).map(([a, b]): [string, string] => [ids[a]!, ids[b]!]);
      const raw: TGroupingInputRaw = {
        learners: ids.map((id, i) => ({
          id,
          wishedLeaderId: seeds[i]!.leader < leaders.length ? leaderId(seeds[i]!.leader) : null,
          wishedTheme: THEMES[seeds[i]!.theme] ?? null,
        })),
        leaders: leaders.map((l, k) => ({ id: leaderId(k), ...l })),
        mustNotBeTogether: pairs(exclusions),
        wishTogether: pairs(together),
        previousGroups: previousLeaders.map((k, g) => ({
          id: `g${g}`,
          leaderId: leaderId(k),
          memberIds: ids.filter((_, i) => seeds[i]!.prev === g).concat(g === 0 ? ['departed'] : []),
        })),
        groupSize: { min: o.min, max: o.max },
      };
      return ZGroupingInputSchema.parse(raw);
    });

async function compare(input: TGroupingInput) {
  const result = await solveGrouping(input, { timeLimitSeconds: 20 });
  const reference = exhaustiveOptimum(input);
  if (reference === null) {
    expect(result.status).toBe('infeasible');
    expect(result.diagnosis.length).toBeGreaterThan(0);
    return result;
  }
  expect(result.status).toBe('optimal');
  expect(checkGrouping(input, result.groups)).toEqual([]);
  expect(scoreGrouping(input, result.groups).objective).toBe(result.objective);
  expect(result.objective).toBe(reference.objective);
  expect(result.bound).toBe(reference.objective);
  expect(result.gap).toBe(0);
  // The greedy start, when it finds one, is a valid grouping and never better than the optimum.
  const start = greedyGrouping(input);
  if (start) {
    expect(checkGrouping(input, start)).toEqual([]);
    expect(scoreGrouping(input, start).objective).toBeLessThanOrEqual(reference.objective);
  }
  return result;
}

describe('atelier grouping solver', () => {
  it('equals exhaustive search on random promotions of up to 12, groups of 5 to 6', async () => {
    await fc.assert(fc.asyncProperty(promotionArb({ sizes: [5, 6, 10, 11, 12], maxLearners: 12, min: 5, max: 6 }), async (input) => void (await compare(input))), { numRuns: 120, seed: 5_2026 });
  });

  it('equals exhaustive search with groups of 2 to 3 (more groups, more leaders to choose)', async () => {
    await fc.assert(fc.asyncProperty(promotionArb({ sizes: [4, 5, 6, 7, 8], maxLearners: 8, min: 2, max: 3 }), async (input) => void (await compare(input))), { numRuns: 80, seed: 10_2026 });
  });

  it('keeps a stable group, and says who changes when its leader can no longer lead it', async () => {
    const members = ['a1', 'a2', 'a3', 'a4', 'a5'];
    const raw: TGroupingInputRaw = {
      learners: [...members, 'b1', 'b2', 'b3', 'b4', 'b5'].map((id) => ({ id, wishedLeaderId: 'p2' })),
      leaders: [{ id: 'p1', maxGroups: 1 }, { id: 'p2', maxGroups: 1 }],
      previousGroups: [{ id: 'g1', leaderId: 'p1', memberIds: members }],
    };
    // Staying (4 each) beats the wish for p2 (3 each): the group stays whole with p1.
    const stays = await compare(ZGroupingInputSchema.parse(raw));
    expect(stays.groups.find((g) => g.previousGroupId === 'g1')?.memberIds).toEqual(members);
    expect(stays.changes).toEqual([]);
    // p1 gone: every member of g1 changes, explicitly.
    const gone = await compare(ZGroupingInputSchema.parse({ ...raw, leaders: [{ id: 'p2', maxGroups: 2 }] }));
    expect(gone.changes.map((c) => c.learnerId)).toEqual(members);
  });

  it('chooses which previous groups continue when a leader now leads fewer', async () => {
    const learners = Array.from({ length: 12 }, (_, i) => ({ id: `a${i}` }));
    const input = ZGroupingInputSchema.parse({
      learners,
      leaders: [{ id: 'p1', maxGroups: 1 }, { id: 'p2', maxGroups: 1 }],
      previousGroups: [
        { id: 'small', leaderId: 'p1', memberIds: ['a0', 'a1'] },
        { id: 'large', leaderId: 'p1', memberIds: ['a2', 'a3', 'a4', 'a5', 'a6', 'a7'] },
      ],
    });
    const result = await compare(input);
    expect(result.groups.find((g) => g.leaderId === 'p1')).toMatchObject({ previousGroupId: 'large', memberIds: ['a2', 'a3', 'a4', 'a5', 'a6', 'a7'] });
    expect(result.changes.map((c) => c.learnerId).sort()).toEqual(['a0', 'a1']);
  });

  it('refuses, in French, a model too large to hold instead of exhausting memory', async () => {
    const input = ZGroupingInputSchema.parse({
      learners: Array.from({ length: 2000 }, (_, i) => ({ id: `a${i}` })),
      leaders: Array.from({ length: 500 }, (_, k) => ({ id: `p${k}`, maxGroups: 50 })),
    });
    await expect(solveGrouping(input)).rejects.toThrow(/^Promotion trop grande pour le calcul exact : 2000 auditeur·rices × 25000 groupes possibles/);
  });

  it('explains an infeasibility only the solver finds, naming the exclusions', async () => {
    // 10 learners → exactly 2 groups of 5; a 5-cycle of exclusions needs 3 colours; no triangle, so
    // the clique check passes; no learner has too many exclusions.
    const ids = Array.from({ length: 10 }, (_, i) => `a${i}`);
    const input = ZGroupingInputSchema.parse({
      learners: ids.map((id) => ({ id })),
      leaders: [{ id: 'p1', maxGroups: 2 }],
      mustNotBeTogether: [['a0', 'a1'], ['a1', 'a2'], ['a2', 'a3'], ['a3', 'a4'], ['a4', 'a0']],
    });
    expect(exhaustiveOptimum(input)).toBeNull();
    const result = await solveGrouping(input);
    expect(result.status).toBe('infeasible');
    expect(result.diagnosis).toEqual([
      'Les 5 exclusions demandées ne laissent aucune répartition en groupes de 5 à 6 avec au plus 2 groupes ; les plus contraint·es : a0 (2), a1 (2), a2 (2), a3 (2), a4 (2).',
    ]);
  });
});
