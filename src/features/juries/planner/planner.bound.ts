/**
 * A combinatorial lower bound of the planner's objective, proven without the MILP
 * (docs/decisions/025-soutenance-planner.md). The objective is a sum over members, and the seats of
 * each kind are fixed by the compositions (every defence is held, its jury is exact). Relax every
 * constraint that links members (slots, rooms, who sits with whom, conflicts, the supervisor rule):
 * what is left is, for each kind, the cheapest way to share its seats among its members, each member
 * paying the cheapest attendance of that many slots within their availability (days, half-days,
 * runs) plus the load beyond the fair share. That is a resource allocation solved exactly by dynamic
 * programming, and any plan costs at least its value. It carries the integer effects (a member needed
 * for 7 seats comes at least 2 days) that the LP relaxation misses.
 */
import { fairShare } from './planner.check.js';
import type { TPlanInput } from './planner.input.js';
import type { TFacts } from './planner.facts.js';

/**
 * Cheapest attendance of exactly j slots of one day (j = 0…slots), given which slots are open:
 * day + halfDay × half-days used + block × runs. Infinity when fewer than j slots are open.
 * A dynamic programme over the slots in order (state: slots taken, last slot taken, half-days used).
 */
export function dayAttendanceCosts(open: readonly boolean[], halves: readonly number[], w: TPlanInput['weights']): number[] {
  const n = open.length;
  const halfIds = [...new Set(halves)];
  const H = halfIds.length;
  // cost[j][last][mask]: fewest (halfDay·|mask| + block·runs) — kept as runs only, mask in the key.
  let states = new Map<string, number>([['0/0/0', 0]]); // `${j}/${last}/${mask}` → runs
  for (let i = 0; i < n; i++) {
    const next = new Map<string, number>();
    const put = (key: string, runs: number) => {
      const old = next.get(key);
      if (old === undefined || runs < old) next.set(key, runs);
    };
    const bit = 1 << halfIds.indexOf(halves[i]!);
    for (const [key, runs] of states) {
      const [j, last, mask] = key.split('/').map(Number) as [number, number, number];
      put(`${j}/0/${mask}`, runs);
      if (open[i]) put(`${j + 1}/1/${mask | bit}`, runs + (last ? 0 : 1));
    }
    states = next;
  }
  const best = new Array<number>(n + 1).fill(Infinity);
  best[0] = 0;
  for (const [key, runs] of states) {
    const [j, , mask] = key.split('/').map(Number) as [number, number, number];
    if (j === 0) continue;
    let used = 0;
    for (let b = 0; b < H; b++) if (mask & (1 << b)) used++;
    best[j] = Math.min(best[j]!, w.day + w.halfDay * used + w.block * runs);
  }
  return best;
}

export type TKindBound = { kind: TPlanInput['members'][number]['kind']; seats: number; bound: number };

/**
 * For each kind the compositions ask for: its seats and the least its members' terms can cost.
 * `bound` is Infinity when the members cannot hold the seats at all (the counting checks say so first).
 */
export function combinatorialBounds(input: TPlanInput, facts: TFacts): TKindBound[] {
  const w = input.weights;
  const kinds = [...new Set(Object.values(input.compositions).flatMap((c) => c.members.map((l) => l.kind)))];
  // Each member's cheapest attendance of k slots over the days (a knapsack over days), once.
  const attendance = input.members.map((_, mi) => {
    let cost = [0];
    input.days.forEach((_, dayIndex) => {
      const slots = facts.slots.filter((s) => s.dayIndex === dayIndex);
      const day = dayAttendanceCosts(
        slots.map((s) => facts.available[mi]![s.t]!),
        slots.map((s) => s.half),
        w,
      );
      const next = new Array<number>(cost.length + slots.length).fill(Infinity);
      cost.forEach((a, i) => day.forEach((b, j) => a + b < next[i + j]! && (next[i + j] = a + b)));
      cost = next;
    });
    // Attending more slots than one votes in is allowed (a supervisor without a vote): the cheapest of k or more.
    for (let k = cost.length - 2; k >= 0; k--) cost[k] = Math.min(cost[k]!, cost[k + 1]!);
    return cost;
  });
  return kinds.map((kind) => {
    const seats = input.defences.reduce((n, d) => n + (input.compositions[d.route].members.find((l) => l.kind === kind)?.count ?? 0), 0);
    const fair = fairShare(input, kind);
    let best = new Array<number>(seats + 1).fill(Infinity);
    best[0] = 0;
    input.members.forEach((mm, mi) => {
      if (mm.kind !== kind) return;
      const cost = attendance[mi]!;
      const next = new Array<number>(seats + 1).fill(Infinity);
      for (let a = 0; a <= seats; a++) {
        if (best[a] === Infinity) continue;
        for (let k = 0; k < cost.length && a + k <= seats; k++) {
          const v = best[a]! + cost[k]! + w.load * Math.max(0, k - fair);
          if (v < next[a + k]!) next[a + k] = v;
        }
      }
      best = next;
    });
    return { kind, seats, bound: best[seats]! };
  });
}

/** The sum over kinds: a lower bound of every plan's objective. */
export function combinatorialBound(input: TPlanInput, facts: TFacts): number {
  return combinatorialBounds(input, facts).reduce((n, b) => n + b.bound, 0);
}
