/**
 * The exact optimiser of atelier groups: a MILP solved by HiGHS (the `highs` package, WASM,
 * single-threaded, so `proposeGroups` runs this module in a worker thread). The model is passed as
 * sparse rows, never as LP text (LP lines over ~560 characters break the package's parser), and
 * the model is always disposed (its WASM memory is not garbage-collected).
 *
 * Slots: each leader has `maxGroups` slots; a slot is a group when it is open. Variables:
 * x[i,s] learner i in slot s · o[s] slot s open · t[p,s] pair p together in s (soft) · and, only
 * for a leader with more previous groups than slots, c[g,s] (slot s continues previous group g)
 * and w[i,s] (i stays in s, which continues i's previous group). A leader with fewer previous
 * groups than slots has them pinned to its first slots: its slots are interchangeable, so this
 * loses no grouping and removes symmetric copies.
 */
import loadHighs from 'highs';
import { SparseModel } from '../../../lib/milp.js';
import type { TGroup, TGroupingInput, TGroupingResult, TSolveOptions } from './ateliers.input.js';
import { DEFAULT_TIME_LIMIT_SECONDS, ZGroupingInputSchema } from './ateliers.input.js';
import { greedyGrouping } from './ateliers.greedy.js';
import { checkGrouping, diagnoseGrouping, explainSolverInfeasibility, previousGroupOf, scoreGrouping, uniquePairs } from './ateliers.rules.js';

/**
 * The weights are integers, so every objective value is an integer: a bound below objective + 1
 * proves optimality. Stopping there (instead of HiGHS's default relative gap of 1e-4, which could
 * accept a grouping a few points short on a large promotion) keeps "optimal" exact.
 */
const MIP_ABS_GAP = 1 - 1e-6;

type TSlot = { leaderId: string; index: number; pinned: string | null };


/** Above this many learner × slot variables the exact model is refused rather than left to exhaust memory. */
export const MAX_ASSIGNMENT_VARIABLES = 1_000_000;

function buildSlots(input: TGroupingInput): { slots: TSlot[]; overfull: Map<string, string[]> } {
  const slots: TSlot[] = [];
  const overfull = new Map<string, string[]>();
  // No leader can lead more groups than the promotion can make: extra slots would only be empty.
  const most = Math.floor(input.learners.length / input.groupSize.min);
  for (const leader of input.leaders) {
    const count = Math.min(leader.maxGroups, most);
    const previous = input.previousGroups.filter((g) => g.leaderId === leader.id).map((g) => g.id);
    const pin = previous.length <= count;
    if (!pin) overfull.set(leader.id, previous);
    for (let k = 0; k < count; k++) slots.push({ leaderId: leader.id, index: k, pinned: pin ? (previous[k] ?? null) : null });
  }
  return { slots, overfull };
}

/** Cliques covering every exclusion pair: each edge's clique grows greedily through common neighbours. */
export function exclusionCliques(pairs: [string, string][]): string[][] {
  const adjacent = new Map<string, Set<string>>();
  for (const [a, b] of pairs) {
    if (!adjacent.has(a)) adjacent.set(a, new Set());
    if (!adjacent.has(b)) adjacent.set(b, new Set());
    adjacent.get(a)!.add(b);
    adjacent.get(b)!.add(a);
  }
  const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const covered = new Set<string>();
  const cliques: string[][] = [];
  for (const [a, b] of pairs) {
    if (covered.has(key(a, b))) continue;
    const clique = [a, b];
    for (const c of [...adjacent.get(a)!].sort()) if (!clique.includes(c) && clique.every((m) => adjacent.get(m)!.has(c))) clique.push(c);
    for (let i = 0; i < clique.length; i++) for (let j = i + 1; j < clique.length; j++) covered.add(key(clique[i]!, clique[j]!));
    cliques.push(clique);
  }
  return cliques;
}

// One WASM instance per thread: loading it costs more than solving a small promotion.
let highsInstance: ReturnType<typeof loadHighs> | null = null;

const emptyWishes = () => ({ stay: { met: 0, of: 0 }, leader: { met: 0, of: 0 }, together: { met: 0, of: 0 }, theme: { met: 0, of: 0 } });

/** Solves one grouping problem here, on this thread (`proposeGroups` calls it in a worker). */
export async function solveGrouping(input: TGroupingInput, options: TSolveOptions = {}): Promise<TGroupingResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const diagnosis = diagnoseGrouping(input);
  if (diagnosis.length > 0)
    return { status: 'infeasible', groups: [], objective: null, bound: null, gap: null, solveMs: elapsed(), diagnosis, changes: [], wishes: emptyWishes() };
  if (input.learners.length === 0) return { status: 'optimal', groups: [], bound: 0, gap: 0, solveMs: elapsed(), diagnosis: [], ...scoreGrouping(input, []) };

  const w = input.weights;
  const { min, max } = input.groupSize;
  const { slots, overfull } = buildSlots(input);
  const leaders = new Map(input.leaders.map((l) => [l.id, l]));
  const previous = previousGroupOf(input);
  const m = new SparseModel();
  const S = slots.length;
  if (input.learners.length * S > MAX_ASSIGNMENT_VARIABLES)
    throw new Error(
      `Promotion trop grande pour le calcul exact : ${input.learners.length} auditeur·rices × ${S} groupes possibles dépassent ${MAX_ASSIGNMENT_VARIABLES.toLocaleString('fr-FR')} variables ; réduisez le nombre maximal de groupes par responsable.`,
    );

  const open = slots.map(() => m.addVar(0));
  const x = input.learners.map((l) =>
    slots.map((s) => {
      let cost = 0;
      if (l.wishedLeaderId === s.leaderId) cost += w.leader;
      if (l.wishedTheme && leaders.get(s.leaderId)!.themes.includes(l.wishedTheme)) cost += w.theme;
      if (s.pinned !== null && previous.get(l.id)?.id === s.pinned) cost += w.stay;
      return m.addVar(cost);
    }),
  );
  const learnerIndex = new Map(input.learners.map((l, i) => [l.id, i]));

  input.learners.forEach((_, i) => m.addRow(1, 1, slots.map((_, s) => [x[i]![s]!, 1])));
  slots.forEach((_, s) => {
    const members = input.learners.map((_, i): [number, number] => [x[i]![s]!, 1]);
    m.addRow(0, Infinity, [...members, [open[s]!, -min]]);
    m.addRow(-Infinity, 0, [...members, [open[s]!, -max]]);
  });
  // One row per slot and clique of mutual exclusions (colleagues of one organisation), not per pair:
  // fewer rows and a tighter relaxation.
  for (const clique of exclusionCliques(uniquePairs(input.mustNotBeTogether))) {
    const members = clique.map((id) => learnerIndex.get(id)!);
    for (let s = 0; s < S; s++) m.addRow(-Infinity, 0, [...members.map((i): [number, number] => [x[i]![s]!, 1]), [open[s]!, -1]]);
  }
  const exclusions = new Set(uniquePairs(input.mustNotBeTogether).map(([a, b]) => `${a}\u0000${b}`));
  const togetherCols: { col: number; a: number; b: number; s: number }[] = [];
  for (const [a, b] of uniquePairs(input.wishTogether)) {
    if (exclusions.has(`${a}\u0000${b}`)) continue; // never together: the wish cannot be met
    const [ia, ib] = [learnerIndex.get(a)!, learnerIndex.get(b)!];
    for (let s = 0; s < S; s++) {
      const t = m.addVar(w.together);
      togetherCols.push({ col: t, a: ia, b: ib, s });
      m.addRow(-Infinity, 0, [[t, 1], [x[ia]![s]!, -1]]);
      m.addRow(-Infinity, 0, [[t, 1], [x[ib]![s]!, -1]]);
    }
  }
  // Interchangeable slots (same leader, nothing pinned) open in order: one copy of each grouping.
  for (let s = 1; s < S; s++)
    if (slots[s]!.leaderId === slots[s - 1]!.leaderId && slots[s]!.pinned === null && slots[s - 1]!.pinned === null && !overfull.has(slots[s]!.leaderId))
      m.addRow(0, Infinity, [[open[s - 1]!, 1], [open[s]!, -1]]);
  // A leader with more previous groups than slots: which slot continues which group is chosen.
  const continues = new Map<string, number>(); // `${g}\u0000${s}` → c column
  const stayCols: { col: number; i: number; s: number; c: number }[] = [];
  for (const [leaderId, groupIds] of overfull) {
    const leaderSlots = slots.flatMap((s, si) => (s.leaderId === leaderId ? [si] : []));
    for (const g of groupIds) for (const si of leaderSlots) continues.set(`${g}\u0000${si}`, m.addVar(0));
    for (const g of groupIds) m.addRow(-Infinity, 1, leaderSlots.map((si) => [continues.get(`${g}\u0000${si}`)!, 1]));
    for (const si of leaderSlots) m.addRow(-Infinity, 1, groupIds.map((g) => [continues.get(`${g}\u0000${si}`)!, 1]));
    for (const [learnerId, prev] of previous) {
      if (prev.leaderId !== leaderId) continue;
      const i = learnerIndex.get(learnerId)!;
      for (const si of leaderSlots) {
        const stay = m.addVar(w.stay);
        stayCols.push({ col: stay, i, s: si, c: continues.get(`${prev.id}\u0000${si}`)! });
        m.addRow(-Infinity, 0, [[stay, 1], [x[i]![si]!, -1]]);
        m.addRow(-Infinity, 0, [[stay, 1], [continues.get(`${prev.id}\u0000${si}`)!, -1]]);
      }
    }
  }

  /** The columns' values for a grouping (the greedy start), slot by slot as the model reads them. */
  const startValues = (groups: TGroup[]) => {
    const value = new Array<number>(m.cost.length).fill(0);
    const slotOf = new Map<TGroup, number>();
    for (const g of groups) {
      const pinned = slots.findIndex((s) => s.leaderId === g.leaderId && s.pinned !== null && s.pinned === g.previousGroupId);
      slotOf.set(g, pinned);
    }
    for (const g of groups) {
      if (slotOf.get(g)! >= 0) continue;
      // A fresh group takes its leader's first free slot (slots open in order).
      slotOf.set(g, slots.findIndex((s, si) => s.leaderId === g.leaderId && ![...slotOf.values()].includes(si) && (s.pinned === null || overfull.has(s.leaderId))));
    }
    if ([...slotOf.values()].includes(-1)) return null; // no slot fits it: start from nothing
    for (const [g, si] of slotOf) {
      value[open[si]!] = 1;
      for (const id of g.memberIds) value[x[learnerIndex.get(id)!]![si]!] = 1;
      if (overfull.has(g.leaderId) && g.previousGroupId !== null) value[continues.get(`${g.previousGroupId}\u0000${si}`)!] = 1;
    }
    for (const t of togetherCols) value[t.col] = value[x[t.a]![t.s]!]! * value[x[t.b]![t.s]!]!;
    for (const st of stayCols) value[st.col] = value[x[st.i]![st.s]!]! * value[st.c]!;
    return value;
  };

  const highs = await (highsInstance ??= loadHighs());
  const model = highs.createModel({
    numCols: m.cost.length,
    numRows: m.rowLower.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost: m.cost,
    colLower: m.lower,
    colUpper: m.upper,
    rowLower: m.rowLower.map((v) => (v === -Infinity ? -highs.infinity : v)),
    rowUpper: m.rowUpper.map((v) => (v === Infinity ? highs.infinity : v)),
    matrix: { format: 'csr', numRows: m.rowLower.length, numCols: m.cost.length, starts: m.starts, indices: m.indices, values: m.values },
    integrality: m.cost.map(() => highs.constants.variableType.integer),
  });
  try {
    model.options.set({
      output_flag: false,
      time_limit: options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS,
      mip_rel_gap: 0,
      mip_abs_gap: MIP_ABS_GAP,
      random_seed: 0,
    });
    const start = greedyGrouping(input);
    const startColumns = start && startValues(start);
    if (startColumns) model.setSolution({ colValue: startColumns });
    model.run();
    const status = model.getModelStatus();
    const codes = highs.constants.modelStatus;
    const hasSolution = Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
    if (status === codes.infeasible)
      return {
        status: 'infeasible',
        groups: [],
        objective: null,
        bound: null,
        gap: null,
        solveMs: elapsed(),
        diagnosis: [explainSolverInfeasibility(input)],
        changes: [],
        wishes: emptyWishes(),
      };
    if (!hasSolution) {
      if (status === codes.timeLimit || status === codes.interrupted)
        return { status: 'time_limit', groups: [], objective: null, bound: null, gap: null, solveMs: elapsed(), diagnosis: [], changes: [], wishes: emptyWishes() };
      throw new Error(`HiGHS a terminé sans solution (statut ${status}).`);
    }

    const value = model.getSolution().colValue;
    const on = (col: number) => value[col]! > 0.5;
    const groups: TGroup[] = [];
    slots.forEach((slot, s) => {
      const memberIds = input.learners.filter((_, i) => on(x[i]![s]!)).map((l) => l.id);
      if (memberIds.length === 0) return;
      let continued = slot.pinned;
      if (overfull.has(slot.leaderId)) continued = overfull.get(slot.leaderId)!.find((g) => on(continues.get(`${g}\u0000${s}`)!)) ?? null;
      // A group "continues" a previous one only if one of its members was in it.
      if (continued !== null && !memberIds.some((id) => previous.get(id)?.id === continued)) continued = null;
      groups.push({ leaderId: slot.leaderId, previousGroupId: continued, memberIds });
    });

    const problems = checkGrouping(input, groups);
    if (problems.length > 0) throw new Error(`Le solveur a rendu une répartition invalide : ${problems.join(' ; ')}`);
    const score = scoreGrouping(input, groups);
    const dualBound = Number(model.info.get('mip_dual_bound'));
    // Integer objective: the bound can be rounded down; a proven optimum is its own bound.
    const bound =
      status === codes.optimal ? score.objective : Number.isFinite(dualBound) ? Math.max(score.objective, Math.floor(dualBound + 1e-6)) : null;
    const gap = bound === null ? null : (bound - score.objective) / Math.max(1, Math.abs(score.objective));
    return { status: gap === 0 ? 'optimal' : 'feasible', groups, bound, gap, solveMs: elapsed(), diagnosis: [], ...score };
  } finally {
    model.dispose();
  }
}

/** The worker's entry (`runInWorker`): structured-cloned input, parsed again on this side. */
export async function solveGroupingTask(task: { input: unknown; options?: TSolveOptions }): Promise<TGroupingResult> {
  return solveGrouping(ZGroupingInputSchema.parse(task.input), task.options);
}
