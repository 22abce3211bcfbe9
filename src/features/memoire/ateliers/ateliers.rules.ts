/**
 * Pure rules of atelier grouping, independent of the solver: which group counts exist, why no
 * grouping can exist (in French), the score of a grouping and an independent check of every hard
 * constraint. The solver's answer is always passed through `checkGrouping` and `scoreGrouping`.
 */
import type { TGroup, TGroupingInput, TGroupingResult } from './ateliers.input.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const learnersText = (n: number) => plural(n, 'auditeur·rice', 'auditeur·rices');
const sizeText = (min: number, max: number) => (min === max ? `${min}` : `${min} à ${max}`);

/** Group counts g for which n learners split into g groups of min..max: g·min ≤ n ≤ g·max. */
export function groupCountRange(n: number, min: number, max: number): { lo: number; hi: number } | null {
  if (n === 0) return { lo: 0, hi: 0 };
  const lo = Math.ceil(n / max);
  const hi = Math.floor(n / min);
  return lo <= hi ? { lo, hi } : null;
}

/** Whether n learners can be split into groups of min..max (5–6: not 1–4, 7–9, 13, 14, 19). */
export const partitionExists = (n: number, min: number, max: number) => groupCountRange(n, min, max) !== null;

/** The previous group of each current learner, keeping only groups whose learner is still here. */
export function previousGroupOf(input: TGroupingInput): Map<string, { id: string; leaderId: string }> {
  const learners = new Set(input.learners.map((l) => l.id));
  const of = new Map<string, { id: string; leaderId: string }>();
  for (const g of input.previousGroups) for (const m of g.memberIds) if (learners.has(m) && !of.has(m)) of.set(m, { id: g.id, leaderId: g.leaderId });
  return of;
}

export const leaderCapacity = (input: TGroupingInput) => input.leaders.reduce((sum, l) => sum + l.maxGroups, 0);

/** The most groups any grouping can have (0 when none is possible). */
export function maxGroupCount(input: TGroupingInput): number {
  const range = groupCountRange(input.learners.length, input.groupSize.min, input.groupSize.max);
  return range ? Math.min(range.hi, leaderCapacity(input)) : 0;
}

function exclusionGraph(input: TGroupingInput): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>(input.learners.map((l) => [l.id, new Set<string>()]));
  for (const [a, b] of input.mustNotBeTogether) {
    graph.get(a)?.add(b);
    graph.get(b)?.add(a);
  }
  return graph;
}

/**
 * A largest set of learners excluded from each other two by two (each needs its own group).
 * Bron–Kerbosch with pivoting, under a step budget (exclusion graphs are sparse, so it ends far
 * sooner); past the budget the best clique found so far is returned, which is still a valid reason.
 */
export function largestExclusionClique(input: TGroupingInput, budget = 200_000): string[] {
  const graph = exclusionGraph(input);
  let best: string[] = [];
  let steps = 0;
  const expand = (r: string[], p: Set<string>, x: Set<string>) => {
    if (++steps > budget) return;
    if (p.size === 0 && x.size === 0) {
      if (r.length > best.length) best = r;
      return;
    }
    if (r.length + p.size <= best.length) return;
    let pivot = '';
    let pivotDegree = -1;
    for (const u of [...p, ...x]) {
      const d = [...graph.get(u)!].filter((v) => p.has(v)).length;
      if (d > pivotDegree) [pivot, pivotDegree] = [u, d];
    }
    for (const v of [...p].filter((v) => !graph.get(pivot)!.has(v))) {
      const nv = graph.get(v)!;
      expand([...r, v], new Set([...p].filter((u) => nv.has(u))), new Set([...x].filter((u) => nv.has(u))));
      p.delete(v);
      x.add(v);
    }
  };
  expand([], new Set([...graph.keys()].filter((v) => graph.get(v)!.size > 0)), new Set());
  return best;
}

const nameOf = (input: TGroupingInput) => {
  const names = new Map<string, string>([...input.learners, ...input.leaders].map((p) => [p.id, p.name ?? p.id]));
  return (id: string) => names.get(id) ?? id;
};

const listText = (names: string[], limit = 8) =>
  names.length <= limit ? names.join(', ') : `${names.slice(0, limit).join(', ')} et ${names.length - limit} autres`;

/**
 * Why no grouping can exist, in French, one sentence per conflict; empty when these checks find
 * none (the solver may still prove infeasibility: `explainSolverInfeasibility`).
 */
export function diagnoseGrouping(input: TGroupingInput): string[] {
  const n = input.learners.length;
  const { min, max } = input.groupSize;
  const size = sizeText(min, max);
  const name = nameOf(input);
  const reasons: string[] = [];
  if (n === 0) return reasons;

  const range = groupCountRange(n, min, max);
  if (!range) {
    if (n < min) reasons.push(`${learnersText(n)} ne peuvent pas former un groupe de ${size}.`);
    else {
      let below = n - 1;
      while (below > 0 && !partitionExists(below, min, max)) below--;
      let above = n + 1;
      while (!partitionExists(above, min, max)) above++;
      reasons.push(
        `${learnersText(n)} : aucune répartition en groupes de ${size} n'existe pour ${n} (elle existe pour ${below} ou pour ${above}).`,
      );
    }
  }

  const capacity = leaderCapacity(input);
  const needed = Math.ceil(n / max);
  if (input.leaders.length === 0) reasons.push(`Aucun·e responsable d'atelier n'est désigné·e : il en faut pour mener au moins ${plural(needed, 'groupe', 'groupes')}.`);
  else if (capacity < needed) {
    const detail = listText(input.leaders.map((l) => `${name(l.id)} : ${l.maxGroups}`));
    reasons.push(
      `${learnersText(n)} demandent au moins ${needed} groupes de ${size}, mais les responsables d'atelier ne peuvent en mener que ${capacity} au total (${detail}).`,
    );
  }

  const graph = exclusionGraph(input);
  for (const l of input.learners) {
    const possible = n - 1 - graph.get(l.id)!.size;
    // Only a learner with exclusions: too few learners in all is the sentence above.
    if (graph.get(l.id)!.size > 0 && n >= min && possible < min - 1)
      reasons.push(
        `${name(l.id)} ne doit être avec aucun·e de ${plural(graph.get(l.id)!.size, 'autre auditeur·rice', 'autres auditeur·rices')} : il n'en reste que ${possible} pour former un groupe d'au moins ${min}.`,
      );
  }

  if (range && capacity >= needed) {
    const most = Math.min(range.hi, capacity);
    const clique = largestExclusionClique(input);
    if (clique.length > most)
      reasons.push(
        `${listText(clique.map(name))} (${learnersText(clique.length)}) ne doivent pas être ensemble deux à deux : il faudrait au moins ${clique.length} groupes, mais au plus ${most} sont possibles.`,
      );
  }
  return reasons;
}

/** The sentence for a model the solver proved infeasible although `diagnoseGrouping` found nothing. */
export function explainSolverInfeasibility(input: TGroupingInput): string {
  // Without exclusions a grouping exists as soon as the counts and the capacity allow one (any
  // partition fits any slots), so when those pass the conflict is among the exclusions.
  const graph = exclusionGraph(input);
  const name = nameOf(input);
  const busiest = [...graph.entries()]
    .filter(([, e]) => e.size > 0)
    .sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([id, e]) => `${name(id)} (${e.size})`);
  return (
    `Les ${plural(input.mustNotBeTogether.length, 'exclusion demandée', 'exclusions demandées')} ne laissent aucune répartition en groupes de ` +
    `${sizeText(input.groupSize.min, input.groupSize.max)} avec au plus ${maxGroupCount(input)} groupes ; les plus contraint·es : ${busiest.join(', ')}.`
  );
}

/** Every broken hard constraint of a grouping, in French (empty when the grouping is valid). */
export function checkGrouping(input: TGroupingInput, groups: TGroup[]): string[] {
  const name = nameOf(input);
  const problems: string[] = [];
  const leaders = new Map(input.leaders.map((l) => [l.id, l]));
  const learners = new Set(input.learners.map((l) => l.id));
  const previous = new Map(input.previousGroups.map((g) => [g.id, g]));
  const groupOf = new Map<string, number>();
  const perLeader = new Map<string, number>();
  const continued = new Set<string>();
  const { min, max } = input.groupSize;

  groups.forEach((g, index) => {
    const label = `Groupe ${index + 1}`;
    const leader = leaders.get(g.leaderId);
    if (!leader) problems.push(`${label} : « ${g.leaderId} » ne mène pas d'atelier dans cette promotion.`);
    perLeader.set(g.leaderId, (perLeader.get(g.leaderId) ?? 0) + 1);
    if (g.memberIds.length < min || g.memberIds.length > max)
      problems.push(`${label} : ${learnersText(g.memberIds.length)}, hors de la taille ${sizeText(min, max)}.`);
    for (const m of g.memberIds) {
      if (!learners.has(m)) problems.push(`${label} : « ${m} » n'est pas un·e auditeur·rice de la promotion.`);
      else if (groupOf.has(m)) problems.push(`${name(m)} est dans deux groupes.`);
      else groupOf.set(m, index);
    }
    if (g.previousGroupId !== null) {
      const prev = previous.get(g.previousGroupId);
      if (!prev) problems.push(`${label} : le groupe précédent « ${g.previousGroupId} » n'existe pas.`);
      else if (prev.leaderId !== g.leaderId) problems.push(`${label} : il ne peut continuer le groupe « ${prev.id} », mené par ${name(prev.leaderId)}.`);
      if (continued.has(g.previousGroupId)) problems.push(`${label} : le groupe « ${g.previousGroupId} » est continué deux fois.`);
      continued.add(g.previousGroupId);
    }
  });
  for (const [leaderId, count] of perLeader) {
    const leader = leaders.get(leaderId);
    if (leader && count > leader.maxGroups) problems.push(`${name(leaderId)} mène ${count} groupes, pour ${leader.maxGroups} au plus.`);
  }
  for (const l of input.learners) if (!groupOf.has(l.id)) problems.push(`${name(l.id)} n'est dans aucun groupe.`);
  for (const [a, b] of input.mustNotBeTogether)
    if (groupOf.has(a) && groupOf.get(a) === groupOf.get(b)) problems.push(`${name(a)} et ${name(b)} ne doivent pas être dans le même groupe.`);
  return problems;
}

/** The objective of a grouping, counted from the wishes (not from the solver), and the explicit changes. */
export function scoreGrouping(input: TGroupingInput, groups: TGroup[]): { objective: number } & Pick<TGroupingResult, 'wishes' | 'changes'> {
  const w = input.weights;
  const leaders = new Map(input.leaders.map((l) => [l.id, l]));
  const groupOf = new Map<string, TGroup>();
  for (const g of groups) for (const m of g.memberIds) groupOf.set(m, g);
  const wishes = { stay: { met: 0, of: 0 }, leader: { met: 0, of: 0 }, together: { met: 0, of: 0 }, theme: { met: 0, of: 0 } };
  const changes: TGroupingResult['changes'] = [];

  for (const [learnerId, prev] of previousGroupOf(input)) {
    wishes.stay.of++;
    if (groupOf.get(learnerId)?.previousGroupId === prev.id) wishes.stay.met++;
    else changes.push({ learnerId, previousGroupId: prev.id });
  }
  for (const l of input.learners) {
    const g = groupOf.get(l.id);
    if (l.wishedLeaderId) {
      wishes.leader.of++;
      if (g?.leaderId === l.wishedLeaderId) wishes.leader.met++;
    }
    if (l.wishedTheme) {
      wishes.theme.of++;
      if (g && (leaders.get(g.leaderId)?.themes ?? []).includes(l.wishedTheme)) wishes.theme.met++;
    }
  }
  for (const [a, b] of uniquePairs(input.wishTogether)) {
    wishes.together.of++;
    if (groupOf.has(a) && groupOf.get(a) === groupOf.get(b)) wishes.together.met++;
  }
  const objective = w.stay * wishes.stay.met + w.leader * wishes.leader.met + w.together * wishes.together.met + w.theme * wishes.theme.met;
  return { objective, wishes, changes };
}

/** Pairs without repeats: [a, b] and [b, a] asked twice count once. */
export function uniquePairs(pairs: [string, string][]): [string, string][] {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (const [a, b] of pairs) {
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    out.push(a < b ? [a, b] : [b, a]);
  }
  return out;
}
