/**
 * A quick grouping built by hand rules, given to HiGHS as its first incumbent: on a large
 * promotion the MILP spends its time on the relaxation and, without a start, may stop at its time
 * limit with a poor grouping. Previous groups continue; the others go one by one to the group where
 * they gain most; groups left too small take learners from larger ones or are dissolved. It may fail
 * (null): the solver then starts from nothing. It never decides alone: the MILP improves it.
 */
import type { TGroup, TGroupingInput } from './ateliers.input.js';
import { checkGrouping, previousGroupOf } from './ateliers.rules.js';

export function greedyGrouping(input: TGroupingInput): TGroup[] | null {
  const { min, max } = input.groupSize;
  const w = input.weights;
  const leaders = new Map(input.leaders.map((l) => [l.id, l]));
  const learners = new Map(input.learners.map((l) => [l.id, l]));
  const previous = previousGroupOf(input);
  const excluded = new Map<string, Set<string>>(input.learners.map((l) => [l.id, new Set<string>()]));
  for (const [a, b] of input.mustNotBeTogether) {
    excluded.get(a)!.add(b);
    excluded.get(b)!.add(a);
  }
  const partners = new Map<string, string[]>();
  for (const [a, b] of input.wishTogether) {
    partners.set(a, [...(partners.get(a) ?? []), b]);
    partners.set(b, [...(partners.get(b) ?? []), a]);
  }
  const used = new Map<string, number>();
  const groups: TGroup[] = [];
  const placed = new Set<string>();
  const fits = (g: TGroup, id: string) => g.memberIds.every((m) => !excluded.get(id)!.has(m));
  const gain = (g: TGroup, id: string) => {
    const l = learners.get(id)!;
    let value = 0;
    if (l.wishedLeaderId === g.leaderId) value += w.leader;
    if (l.wishedTheme && leaders.get(g.leaderId)!.themes.includes(l.wishedTheme)) value += w.theme;
    if (g.previousGroupId !== null && previous.get(id)?.id === g.previousGroupId) value += w.stay;
    for (const p of partners.get(id) ?? []) if (g.memberIds.includes(p)) value += w.together;
    return value;
  };
  const hasRoom = (leaderId: string) => (used.get(leaderId) ?? 0) < leaders.get(leaderId)!.maxGroups;
  const open = (leaderId: string, previousGroupId: string | null) => {
    used.set(leaderId, (used.get(leaderId) ?? 0) + 1);
    const g: TGroup = { leaderId, previousGroupId, memberIds: [] };
    groups.push(g);
    return g;
  };

  const continuing = input.previousGroups
    .map((g) => ({ g, members: g.memberIds.filter((m) => previous.get(m)?.id === g.id) }))
    .filter(({ g, members }) => members.length > 0 && leaders.has(g.leaderId))
    .sort((a, b) => b.members.length - a.members.length);
  for (const { g, members } of continuing) {
    if (!hasRoom(g.leaderId)) continue;
    const group = open(g.leaderId, g.id);
    for (const m of members) {
      if (group.memberIds.length >= max || !fits(group, m)) continue;
      group.memberIds.push(m);
      placed.add(m);
    }
  }

  const rest = input.learners.map((l) => l.id).filter((id) => !placed.has(id));
  rest.sort((a, b) => excluded.get(b)!.size - excluded.get(a)!.size);
  for (const id of rest) {
    let best: TGroup | null = null;
    let bestValue = -Infinity;
    for (const g of groups) {
      if (g.memberIds.length >= max || !fits(g, id)) continue;
      // Filling a group still under the minimum comes first.
      const value = gain(g, id) + (g.memberIds.length < min ? 100 : 0);
      if (value > bestValue) [best, bestValue] = [g, value];
    }
    if (!best) {
      const wished = learners.get(id)!.wishedLeaderId;
      const leaderId = wished && hasRoom(wished) ? wished : input.leaders.filter((l) => hasRoom(l.id)).sort((a, b) => b.maxGroups - (used.get(b.id) ?? 0) - (a.maxGroups - (used.get(a.id) ?? 0)))[0]?.id;
      if (!leaderId) return null;
      best = open(leaderId, null);
    }
    best.memberIds.push(id);
  }

  // Repair: a group under the minimum takes learners from groups above it, or is dissolved.
  for (let guard = 0; guard < groups.length * max * 4; guard++) {
    const small = groups.find((g) => g.memberIds.length > 0 && g.memberIds.length < min);
    if (!small) break;
    const donor = groups.find((g) => g !== small && g.memberIds.length > min && g.memberIds.some((m) => fits(small, m)));
    if (donor) {
      const m = donor.memberIds.find((id) => fits(small, id))!;
      donor.memberIds.splice(donor.memberIds.indexOf(m), 1);
      small.memberIds.push(m);
      continue;
    }
    const members = small.memberIds.splice(0);
    for (const m of members) {
      const target = groups.find((g) => g !== small && g.memberIds.length > 0 && g.memberIds.length < max && fits(g, m));
      if (!target) return null;
      target.memberIds.push(m);
    }
  }
  const result = groups.filter((g) => g.memberIds.length > 0);
  return checkGrouping(input, result).length === 0 ? result : null;
}
