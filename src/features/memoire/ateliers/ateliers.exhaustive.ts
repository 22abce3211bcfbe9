/**
 * Exhaustive search for tiny promotions (≤ 12 learners): the reference the MILP is compared with.
 * It shares nothing with the solver: it enumerates every partition into groups of min..max that
 * respects the exclusions, every way of giving each group a leader (within capacity) and a previous
 * group of that leader to continue, and scores each with `scoreGrouping`.
 */
import type { TGroup, TGroupingInput } from './ateliers.input.js';
import { scoreGrouping } from './ateliers.rules.js';

export function exhaustiveOptimum(input: TGroupingInput): { objective: number; groups: TGroup[] } | null {
  if (input.learners.length > 12) throw new Error('Recherche exhaustive limitée à 12 auditeur·rices.');
  const { min, max } = input.groupSize;
  const ids = input.learners.map((l) => l.id);
  const excluded = new Set(input.mustNotBeTogether.flatMap(([a, b]) => [`${a}\u0000${b}`, `${b}\u0000${a}`]));
  const compatible = (block: string[], id: string) => block.every((other) => !excluded.has(`${other}\u0000${id}`));
  // Labels a group can take: a leader, and either a fresh group or one of that leader's previous groups.
  const labels = input.leaders.flatMap((l) => [
    { leaderId: l.id, previousGroupId: null as string | null },
    ...input.previousGroups.filter((g) => g.leaderId === l.id).map((g) => ({ leaderId: l.id, previousGroupId: g.id as string | null })),
  ]);
  const capacity = new Map(input.leaders.map((l) => [l.id, l.maxGroups]));
  let best: { objective: number; groups: TGroup[] } | null = null;

  const label = (blocks: string[][], done: TGroup[], used: Map<string, number>, continued: Set<string>) => {
    if (done.length === blocks.length) {
      const { objective } = scoreGrouping(input, done);
      if (!best || objective > best.objective) best = { objective, groups: done.map((g) => ({ ...g, memberIds: [...g.memberIds] })) };
      return;
    }
    for (const l of labels) {
      if ((used.get(l.leaderId) ?? 0) >= capacity.get(l.leaderId)!) continue;
      if (l.previousGroupId !== null && continued.has(l.previousGroupId)) continue;
      used.set(l.leaderId, (used.get(l.leaderId) ?? 0) + 1);
      if (l.previousGroupId !== null) continued.add(l.previousGroupId);
      label(blocks, [...done, { ...l, memberIds: blocks[done.length]! }], used, continued);
      used.set(l.leaderId, used.get(l.leaderId)! - 1);
      if (l.previousGroupId !== null) continued.delete(l.previousGroupId);
    }
  };

  const partition = (rest: string[], blocks: string[][]) => {
    if (rest.length === 0) return label(blocks, [], new Map(), new Set());
    const [first, ...others] = rest as [string, ...string[]];
    // The group of the first remaining learner: every choice of companions among the others.
    const grow = (block: string[], from: number) => {
      if (block.length >= min) partition(others.filter((id) => !block.includes(id)), [...blocks, block]);
      if (block.length === max) return;
      for (let k = from; k < others.length; k++) if (compatible(block, others[k]!)) grow([...block, others[k]!], k + 1);
    };
    grow([first], 0);
  };
  partition(ids, []);
  return best;
}
