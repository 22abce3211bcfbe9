/**
 * The exact soutenance planner: a MILP solved by HiGHS (the `highs` package, single-threaded WASM,
 * so `planSoutenances` runs this module in a worker thread). Sparse rows, integer weights, a greedy
 * first incumbent, a time limit; the model is always disposed (WASM memory is not collected).
 *
 * Slots t run over the days in order. Variables: y[d,t] defence d at slot t · z[d,m,t] member m votes
 * on d at t (only for members who may vote on d and are available at t) · u[m,t] m attends at t ·
 * h[m,half-day] · e[m,day] · s[m,t] a run of attendance starts at t · x[m] seats beyond the fair share.
 * Rows: Σt y = 1; per (d,t) and kind Σ z = count·y (and ≥ y of the responsable pédagogique when the
 * rule asks for them); u[m,t] = Σd z + Σ y of the defences m attends without a vote; u ≤ h, u ≤ e
 * (h, e ≤ 1: nobody is double-booked); s[m,t] ≥ u[m,t] − u[m,t−1]; Σd y[d,t] ≤ rooms and ≤ 1 per fixed room.
 * Rooms are otherwise interchangeable, so they are allocated after the solve.
 */
import loadHighs from 'highs';
import { SparseModel } from '../../../lib/milp.js';
import { fairShare, checkPlan, scorePlan } from './planner.check.js';
import { diagnosePlan, explainInfeasibility } from './planner.diagnose.js';
import { allocateRooms, greedyPlan, quickPlan } from './planner.greedy.js';
import { DEFAULT_PLAN_TIME_LIMIT_SECONDS, ZPlanInputSchema, type TAssignment, type TPlanInput, type TPlanOptions, type TPlanResult } from './planner.input.js';
import { planFacts, type TFacts } from './planner.facts.js';
import { combinatorialBound } from './planner.bound.js';

/** Integer objective: a bound above objective − 1 proves optimality. */
const MIP_ABS_GAP = 1 - 1e-6;

export class ModelTooLargeError extends Error {}

/** Above this many variables the model is refused rather than left to exhaust memory. */
export const MAX_PLAN_VARIABLES = 2_000_000;


type TModel = ReturnType<typeof buildModel>;

/** The model; `soft: false` keeps the hard rows only (a feasibility question, for the diagnosis). */
export function buildModel(input: TPlanInput, facts: TFacts, soft = true, targets: readonly number[] = input.members.map((mm) => fairShare(input, mm.kind))) {
  const { slots, available, voters, observer, allowedSlots } = facts;
  const w = input.weights;
  const m = new SparseModel();
  const D = input.defences.length;
  const y = new Map<number, number>(); // d*T+t → col
  const T = slots.length;
  const attend = input.members.map(() => slots.map(() => [] as [number, number][]));
  for (let di = 0; di < D; di++)
    for (const t of allowedSlots[di]!) {
      const ob = observer[di]!;
      if (ob >= 0 && !available[ob]![t]) continue;
      const col = m.addVar(0);
      y.set(di * T + t, col);
      if (ob >= 0) attend[ob]![t]!.push([col, 1]);
    }
  const z = new Map<number, number>(); // (d*T+t)*M+mi → col
  const M = input.members.length;
  // A kind no member of which is excluded from d (no conflict, no supervisor of that kind kept out,
  // no responsable asked, nobody fixed) is seated from a pool per slot and kind: g[m,t] instead of
  // one z per defence. The pool is one more demand node of the same network flow, so integrality holds.
  // A kind with at most one member excluded from d (typically its supervisor) also goes to the pool:
  // Gale's condition for a pool whose defences each exclude at most one member reduces to one row per
  // member, g[m,t] ≤ the seats at t of the pooled defences that accept m (sets of two or more members
  // are accepted by every defence), and the rows stay those of a network with bounds.
  const excludedOf = new Map<string, number>(); // `${di}/${kind}` → the one excluded member, or -1
  const generic = input.defences.map((d, di) => {
    const set = new Set<string>();
    const fixedKinds = new Set((facts.fixed[di]?.memberIds ?? []).map((id) => input.members[facts.memberIndex.get(id)!]!.kind));
    for (const line of input.compositions[d.route].members) {
      const out = input.members.flatMap((mm, mi) => (mm.kind === line.kind && (!voters[di]!.includes(mi) || mi === observer[di]) ? [mi] : []));
      if (out.length <= 1 && !facts.needsResponsable(d.route).includes(line.kind) && !fixedKinds.has(line.kind)) {
        set.add(line.kind);
        excludedOf.set(`${di}/${line.kind}`, out[0] ?? -1);
      }
    }
    return set;
  });
  const pooledAt = new Map<string, { di: number; yc: number; count: number }[]>(); // `${t}/${kind}`
  const estimate =
    voters.reduce((n, v, di) => n + v.reduce((k, mi) => k + (generic[di]!.has(input.members[mi]!.kind) ? 0 : allowedSlots[di]!.filter((t) => available[mi]![t]).length), 0), 0) + D * T + 5 * M * T;
  if (estimate > MAX_PLAN_VARIABLES) throw new ModelTooLargeError(`Trop de soutenances pour le calcul exact : ${estimate.toLocaleString('fr-FR')} variables (au plus ${MAX_PLAN_VARIABLES.toLocaleString('fr-FR')}).`);
  const pool = new Map<number, number>(); // t*M+mi → col
  const poolDemand = new Map<string, [number, number][]>(); // `${t}/${kind}` → y terms
  for (let di = 0; di < D; di++) {
    const d = input.defences[di]!;
    const ys = allowedSlots[di]!.filter((t) => y.has(di * T + t));
    m.addRow(1, 1, ys.map((t) => [y.get(di * T + t)!, 1]));
    const responsableKinds = facts.needsResponsable(d.route);
    for (const t of ys) {
      const cols = new Map<number, number>();
      for (const mi of voters[di]!) {
        if (!available[mi]![t] || mi === observer[di] || generic[di]!.has(input.members[mi]!.kind)) continue;
        // Continuous: once y and u are integers, each slot's seating is a network flow (per kind, the
        // responsable as a lower bound), so an integer seating exists whenever a fractional one does.
        const col = m.addVar(0, { integer: !soft });
        z.set((di * T + t) * M + mi, col);
        cols.set(mi, col);
        attend[mi]![t]!.push([col, 1]);
      }
      const yc = y.get(di * T + t)!;
      for (const line of input.compositions[d.route].members) {
        if (generic[di]!.has(line.kind)) {
          const key = `${t}/${line.kind}`;
          poolDemand.set(key, [...(poolDemand.get(key) ?? []), [yc, -line.count]]);
          pooledAt.set(key, [...(pooledAt.get(key) ?? []), { di, yc, count: line.count }]);
          continue;
        }
        const terms = [...cols].filter(([mi]) => input.members[mi]!.kind === line.kind).map(([, col]): [number, number] => [col, 1]);
        m.addRow(0, 0, [...terms, [yc, -line.count]]);
      }
      for (const kind of responsableKinds) {
        const terms = [...cols].filter(([mi]) => input.members[mi]!.kind === kind && input.members[mi]!.representsResponsable).map(([, col]): [number, number] => [col, 1]);
        m.addRow(0, Infinity, [...terms, [yc, -1]]);
      }
    }
    for (const id of facts.fixed[di]?.memberIds ?? []) {
      const mi = facts.memberIndex.get(id)!;
      const terms = ys.flatMap((t): [number, number][] => (z.has((di * T + t) * M + mi) ? [[z.get((di * T + t) * M + mi)!, 1]] : []));
      m.addRow(1, 1, terms);
    }
  }
  // Interchangeable defences (same route, supervisor and conflicts, nothing fixed) take slots in order:
  // one copy of each plan instead of k! (swapping two of them changes nobody's attendance).
  const twins = new Map<string, number[]>();
  input.defences.forEach((d, di) => {
    if (d.fixed) return;
    const key = `${d.route}\u0000${d.supervisorId ?? ''}\u0000${[...facts.conflicted[di]!].sort((a, b) => a - b).join(',')}`;
    twins.set(key, [...(twins.get(key) ?? []), di]);
  });
  for (const group of twins.values())
    for (let k = 1; k < group.length; k++) {
      const [a, b] = [group[k - 1]!, group[k]!];
      const terms = (di: number, sign: number) => allowedSlots[di]!.flatMap((t): [number, number][] => (y.has(di * T + t) ? [[y.get(di * T + t)!, sign * (t + 1)]] : []));
      m.addRow(-Infinity, 0, [...terms(a, 1), ...terms(b, -1)]);
    }
  for (const [key, demand] of poolDemand) {
    const [t, kind] = [Number(key.split('/')[0]), key.split('/')[1]];
    const supply = input.members.flatMap((mm, mi): [number, number][] => {
      if (mm.kind !== kind || !available[mi]![t]) return [];
      const col = m.addVar(0, { integer: false });
      pool.set(t * M + mi, col);
      attend[mi]![t]!.push([col, 1]);
      const accepting = pooledAt.get(key)!.filter((p) => excludedOf.get(`${p.di}/${kind}`) !== mi);
      if (accepting.length < pooledAt.get(key)!.length) m.addRow(-Infinity, 0, [[col, 1], ...accepting.map((p): [number, number] => [p.yc, -p.count])]);
      return [[col, 1]];
    });
    m.addRow(0, 0, [...supply, ...demand]);
  }
  for (let t = 0; t < T; t++) {
    const here = input.defences.flatMap((_, di): [number, number][] => (y.has(di * T + t) ? [[y.get(di * T + t)!, 1]] : []));
    if (here.length > facts.roomCount) m.addRow(-Infinity, facts.roomCount, here);
    for (const room of input.rooms) {
      const fixedHere = input.defences.flatMap((_, di): [number, number][] => (facts.fixed[di]?.roomId === room.id && y.has(di * T + t) ? [[y.get(di * T + t)!, 1]] : []));
      if (fixedHere.length > 1) m.addRow(-Infinity, 1, fixedHere);
    }
  }
  // Attendance: u[m,t] = what m attends at t; ≤ 1 through the half-day and day variables.
  const u = new Map<number, number>();
  const soft_cols: { half: Map<number, number>; day: Map<number, number>; start: Map<number, number>; excess: Map<number, number> } = { half: new Map(), day: new Map(), start: new Map(), excess: new Map() };
  for (let mi = 0; mi < M; mi++) {
    for (let t = 0; t < T; t++) {
      const terms = attend[mi]![t]!;
      if (terms.length === 0) continue;
      if (!soft) {
        if (terms.length > 1) m.addRow(-Infinity, 1, terms);
        continue;
      }
      const col = m.addVar(0);
      u.set(mi * T + t, col);
      m.addRow(0, 0, [...terms, [col, -1]]);
      const s = slots[t]!;
      if (!soft_cols.half.has(mi * 2 * input.days.length + s.half)) soft_cols.half.set(mi * 2 * input.days.length + s.half, m.addVar(w.halfDay));
      if (!soft_cols.day.has(mi * input.days.length + s.dayIndex)) soft_cols.day.set(mi * input.days.length + s.dayIndex, m.addVar(w.day));
      const h = soft_cols.half.get(mi * 2 * input.days.length + s.half)!;
      const e = soft_cols.day.get(mi * input.days.length + s.dayIndex)!;
      m.addRow(-Infinity, 0, [[col, 1], [h, -1]]);
      m.addRow(-Infinity, 0, [[h, 1], [e, -1]]);
    }
    if (!soft) continue;
    for (let t = 0; t < T; t++) {
      const cur = u.get(mi * T + t);
      if (cur === undefined) continue;
      const prev = slots[t]!.firstOfDay ? undefined : u.get(mi * T + t - 1);
      const start = m.addVar(w.block, { integer: false });
      soft_cols.start.set(mi * T + t, start);
      m.addRow(0, Infinity, prev === undefined ? [[start, 1], [cur, -1]] : [[start, 1], [cur, -1], [prev, 1]]);
    }
    const seats: [number, number][] = [];
    for (const [key, col] of z) if (key % M === mi) seats.push([col, 1]);
    for (const [key, col] of pool) if (key % M === mi) seats.push([col, 1]);
    if (seats.length === 0) continue;
    const target = targets[mi]!;
    if (seats.length <= target) continue;
    const x = m.addVar(w.load, { integer: false, upper: Infinity });
    soft_cols.excess.set(mi, x);
    m.addRow(-Infinity, target, [...seats, [x, -1]]);
  }
  return { m, y, z, u, pool, generic, excludedOf, twins, soft: soft_cols, T, M, targets };
}

/** The greedy plan with interchangeable defences swapped so that they take slots in order, as the model asks. */
function orderTwins(facts: TFacts, built: TModel, plan: TAssignment[]): TAssignment[] {
  const out = [...plan];
  const slotOf = (a: TAssignment) => facts.slotOf(a.dayId, a.slotIndex).t;
  for (const group of built.twins.values()) {
    const sorted = group.map((di) => plan[di]!).sort((a, b) => slotOf(a) - slotOf(b));
    group.forEach((di, k) => (out[di] = { ...sorted[k]!, learnerId: plan[di]!.learnerId }));
  }
  return out;
}

/** Column values of a plan (the greedy start), as the model reads them. */
function startValues(input: TPlanInput, facts: TFacts, model: TModel, plan: TAssignment[]): number[] | null {
  const { m, y, z, u, pool, generic, soft, T, M } = model;
  const value = new Array<number>(m.cost.length).fill(0);
  const attendance = new Set<number>();
  for (const [di, a] of plan.entries()) {
    const t = facts.slotOf(a.dayId, a.slotIndex).t;
    const yc = y.get(di * T + t);
    if (yc === undefined) return null;
    value[yc] = 1;
    for (const id of a.memberIds) {
      const mi = facts.memberIndex.get(id)!;
      const zc = generic[di]!.has(input.members[mi]!.kind) ? pool.get(t * M + mi) : z.get((di * T + t) * M + mi);
      if (zc === undefined) return null;
      value[zc] = 1;
      attendance.add(mi * T + t);
    }
    for (const id of a.observerIds) attendance.add(facts.memberIndex.get(id)! * T + t);
  }
  const days = input.days.length;
  for (const key of attendance) {
    const mi = Math.floor(key / T);
    const s = facts.slots[key % T]!;
    value[u.get(key)!] = 1;
    value[soft.half.get(mi * 2 * days + s.half)!] = 1;
    value[soft.day.get(mi * days + s.dayIndex)!] = 1;
    if (s.firstOfDay || !attendance.has(key - 1)) value[soft.start.get(key)!] = 1;
  }
  const load = new Map<number, number>();
  for (const a of plan) for (const id of a.memberIds) load.set(facts.memberIndex.get(id)!, (load.get(facts.memberIndex.get(id)!) ?? 0) + 1);
  for (const [mi, x] of soft.excess) value[x] = Math.max(0, (load.get(mi) ?? 0) - model.targets[mi]!);
  return value;
}

// One WASM instance per thread: loading it costs more than solving a small plan.
let highsInstance: ReturnType<typeof loadHighs> | null = null;
const highsLoaded = () => (highsInstance ??= loadHighs());

type THighs = Awaited<ReturnType<typeof loadHighs>>;

function createHighsModel(highs: THighs, m: SparseModel) {
  return highs.createModel({
    numCols: m.cost.length,
    numRows: m.rowLower.length,
    sense: highs.constants.objectiveSense.minimize,
    colCost: m.cost,
    colLower: m.lower,
    colUpper: m.upper.map((v) => (v === Infinity ? highs.infinity : v)),
    rowLower: m.rowLower.map((v) => (v === -Infinity ? -highs.infinity : v)),
    rowUpper: m.rowUpper.map((v) => (v === Infinity ? highs.infinity : v)),
    matrix: { format: 'csr', numRows: m.rowLower.length, numCols: m.cost.length, starts: m.starts, indices: m.indices, values: m.values },
    integrality: m.integer.map((i) => (i ? highs.constants.variableType.integer : highs.constants.variableType.continuous)),
  });
}

/** Whether a plan exists with the given groups of constraints lifted (hard rows only). */
export async function isFeasible(input: TPlanInput, relax: ReadonlySet<string>, timeLimitSeconds = 5): Promise<boolean | null> {
  // A plan the greedy finds answers at once; the MILP (often proven infeasible by its LP alone) otherwise.
  if (quickPlan(input, relax)) return true;
  const facts = planFacts(input, relax);
  const { m } = buildModel(input, facts, false);
  if (facts.allowedSlots.some((s) => s.length === 0)) return false;
  const highs = await highsLoaded();
  // The LP relaxation first: when it has no solution, neither has the MILP (and the simplex alone says so quickly).
  const lp = createHighsModel(highs, Object.assign(new SparseModel(), m, { integer: m.integer.map(() => false) }));
  try {
    lp.options.set({ output_flag: false, time_limit: timeLimitSeconds, presolve: 'off' });
    lp.run();
    if (lp.getModelStatus() === highs.constants.modelStatus.infeasible) return false;
  } finally {
    lp.dispose();
  }
  const model = createHighsModel(highs, m);
  try {
    model.options.set({ output_flag: false, time_limit: timeLimitSeconds, random_seed: 0, mip_rel_gap: 1, mip_abs_gap: Number.MAX_VALUE });
    model.run();
    const status = model.getModelStatus();
    if (status === highs.constants.modelStatus.infeasible) return false;
    return Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible ? true : null;
  } finally {
    model.dispose();
  }
}

/** Reads the plan from column values: explicit seats from z, pooled seats dealt to the slot's pooled defences. */
function seatingFrom(input: TPlanInput, facts: TFacts, built: TModel, value: ArrayLike<number>): TAssignment[] {
  const { y, z, pool, generic, T, M } = built;
  const on = (col: number | undefined) => col !== undefined && value[col]! > 0.5;
  const placed = input.defences.map((_, di) => ({ di, t: facts.allowedSlots[di]!.find((t) => on(y.get(di * T + t)))! }));
  const rooms = allocateRooms(input, placed, facts);
  if (!rooms) throw new Error('Le solveur a rendu un planning sans salle possible.');
  const pooled = new Map<string, number[]>(); // `${t}/${kind}` → members present from the pool
  for (const [key, col] of pool)
    if (on(col)) {
      const [t, mi] = [Math.floor(key / M), key % M];
      const k = `${t}/${input.members[mi]!.kind}`;
      pooled.set(k, [...(pooled.get(k) ?? []), mi]);
    }
  // Each slot and kind: a bipartite matching of the pooled members to the pooled defences' seats.
  const dealt = new Map<number, number[]>(); // di → pooled members seated
  for (const [key, members] of pooled) {
    const [t, kind] = [Number(key.split('/')[0]), key.split('/')[1]!];
    const seats = placed.filter((p) => p.t === t && generic[p.di]!.has(kind)).flatMap((p) => Array.from({ length: input.compositions[input.defences[p.di]!.route].members.find((l) => l.kind === kind)!.count }, () => p.di));
    const seatOf = new Array<number>(seats.length).fill(-1);
    const accepts = (mi: number, seat: number) => built.excludedOf.get(`${seats[seat]}/${kind}`) !== mi;
    const augment = (mi: number, seen: Set<number>): boolean => {
      for (let k = 0; k < seats.length; k++) {
        if (seen.has(k) || !accepts(mi, k)) continue;
        seen.add(k);
        if (seatOf[k] === -1 || augment(seatOf[k]!, seen)) {
          seatOf[k] = mi;
          return true;
        }
      }
      return false;
    };
    for (const mi of members) if (!augment(mi, new Set())) throw new Error('Le solveur a rendu un jury impossible à répartir.');
    seatOf.forEach((mi, k) => dealt.set(seats[k]!, [...(dealt.get(seats[k]!) ?? []), mi]));
  }
  return placed.map(({ di, t }) => {
    const s = facts.slots[t]!;
    const ob = facts.observer[di]!;
    const d = input.defences[di]!;
    const explicit = input.members.flatMap((_, mi) => (on(z.get((di * T + t) * M + mi)) ? [mi] : []));
    return {
      learnerId: d.learnerId,
      dayId: s.dayId,
      slotIndex: s.slotIndex,
      roomId: rooms.get(di)!,
      memberIds: [...explicit, ...(dealt.get(di) ?? [])].sort((a, b) => a - b).map((mi) => input.members[mi]!.id),
      observerIds: ob >= 0 ? [input.members[ob]!.id] : [],
    };
  });
}

/**
 * A fractional seating (z, g are continuous): y and u are fixed to their values and the seats solved
 * again as integers. The seating is a network flow, so this small problem is feasible and quick.
 */
async function integralSeating(highs: THighs, built: TModel, value: ArrayLike<number>): Promise<ArrayLike<number>> {
  const m = built.m;
  const fixed = new SparseModel();
  Object.assign(fixed, { ...m, lower: [...m.lower], upper: [...m.upper], integer: [...m.integer] });
  for (const col of [...built.y.values(), ...built.u.values()]) fixed.lower[col] = fixed.upper[col] = Math.round(value[col]!);
  for (const col of [...built.z.values(), ...built.pool.values()]) fixed.integer[col] = true;
  const model = createHighsModel(highs, fixed);
  try {
    model.options.set({ output_flag: false, time_limit: 30, random_seed: 0 });
    model.run();
    return model.getSolution().colValue;
  } finally {
    model.dispose();
  }
}

/** A checked plan and the best proven lower bound: optimal when they meet (integer objective). */
function withBound(assignments: TAssignment[], objective: number, lower: number, solveMs: number): TPlanResult {
  if (lower > objective) throw new Error(`Borne inférieure ${lower} au-dessus d’un planning valide (${objective}) : le calcul de la borne est faux.`);
  const bound = Number.isFinite(lower) ? lower : null;
  const gap = bound === null ? null : (objective - bound) / Math.max(1, Math.abs(objective));
  return { status: gap === 0 ? 'optimal' : 'feasible', assignments, objective, bound, gap, solveMs, diagnosis: [] };
}

/** No plan: the deletion filter's explanation, its time counted in the solve. */
async function explained(input: TPlanInput, elapsed: () => number): Promise<TPlanResult> {
  const diagnosis = await explainInfeasibility(input, isFeasible);
  return empty('infeasible', elapsed(), diagnosis);
}

const empty = (status: TPlanResult['status'], solveMs: number, diagnosis: string[] = []): TPlanResult => ({ status, assignments: [], objective: null, bound: null, gap: null, solveMs, diagnosis });

type TRun = { status: 'solved' | 'infeasible' | 'no_solution'; plan: TAssignment[] | null; dual: number; optimal: boolean };

/**
 * One HiGHS solve of a built model from a start plan (checked by the caller), until `stop(primal, dual)`
 * says enough or the time limit. The plan read back is seated as integers (see `integralSeating`).
 */
async function runModel(input: TPlanInput, facts: TFacts, built: TModel, start: TAssignment[] | null, seconds: number, stop: (primal: number, dual: number) => boolean): Promise<TRun> {
  const highs = await highsLoaded();
  const model = createHighsModel(highs, built.m);
  try {
    model.options.set({ output_flag: false, time_limit: Math.max(0.2, seconds), mip_rel_gap: 0, mip_abs_gap: MIP_ABS_GAP, random_seed: 0 });
    const values = start ? startValues(input, facts, built, orderTwins(facts, built, start)) : null;
    if (values) model.setSolution({ colValue: values });
    model.run({
      [highs.constants.callbackType.mipInterrupt](event) {
        const primal = event.data.mip_primal_bound;
        if (primal !== undefined && Math.abs(primal) < 1e20 && stop(primal, event.data.mip_dual_bound ?? -Infinity)) event.interrupt();
      },
    });
    const status = model.getModelStatus();
    const codes = highs.constants.modelStatus;
    const dualBound = Number(model.info.get('mip_dual_bound'));
    const dual = Number.isFinite(dualBound) ? Math.ceil(dualBound - 1e-6) : -Infinity;
    if (status === codes.infeasible) return { status: 'infeasible', plan: null, dual, optimal: false };
    if (Number(model.info.get('primal_solution_status')) !== highs.constants.solutionStatus.feasible) {
      if (status === codes.timeLimit || status === codes.interrupted) return { status: 'no_solution', plan: null, dual, optimal: false };
      throw new Error(`HiGHS a terminé sans solution (statut ${status}).`);
    }
    let value: ArrayLike<number> = model.getSolution().colValue;
    const fractional = (v: ArrayLike<number>) => [...built.z.values(), ...built.pool.values()].some((col) => v[col]! > 1e-6 && v[col]! < 1 - 1e-6);
    if (fractional(value)) value = await integralSeating(highs, built, value);
    return { status: 'solved', plan: seatingFrom(input, facts, built, value), dual, optimal: status === codes.optimal };
  } finally {
    model.dispose();
  }
}

/**
 * The plan with one day solved again exactly, everything on the other days kept: a model of that day's
 * defences only, each member's load target lowered by the seats they hold elsewhere. Null when the
 * day's model is too large or yields nothing better than the start.
 */
async function improveDay(input: TPlanInput, plan: TAssignment[], dayIndex: number, seconds: number): Promise<TAssignment[] | null> {
  const day = input.days[dayIndex]!;
  const onDay = plan.flatMap((a, di) => (a.dayId === day.id ? [di] : []));
  if (onDay.length === 0) return null;
  const sub: TPlanInput = { ...input, days: [day], defences: onDay.map((di) => input.defences[di]!) };
  const facts = planFacts(sub);
  const elsewhere = new Map<string, number>();
  plan.forEach((a) => a.dayId !== day.id && a.memberIds.forEach((id) => elsewhere.set(id, (elsewhere.get(id) ?? 0) + 1)));
  const targets = input.members.map((mm) => fairShare(input, mm.kind) - (elsewhere.get(mm.id) ?? 0));
  let built: TModel;
  try {
    built = buildModel(sub, facts, true, targets);
  } catch (error) {
    if (error instanceof ModelTooLargeError) return null;
    throw error;
  }
  const run = await runModel(sub, facts, built, onDay.map((di) => plan[di]!), seconds, () => false);
  if (!run.plan) return null;
  const out = [...plan];
  onDay.forEach((di, k) => (out[di] = run.plan![k]!));
  return out;
}

/** Seconds granted to one day's model in the search by days. */
const DAY_SECONDS = 1.5;

/** Plans the soutenances here, on this thread (`planSoutenances` calls it in a worker). */
export async function solvePlan(input: TPlanInput, options: TPlanOptions = {}): Promise<TPlanResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const limitMs = (options.timeLimitSeconds ?? DEFAULT_PLAN_TIME_LIMIT_SECONDS) * 1000;
  const left = () => (limitMs - elapsed()) / 1000;
  highsLoaded().catch(() => undefined); // WASM compiled in the background while the checks and the greedy run (errors surface where it is awaited)
  const quick = diagnosePlan(input);
  if (quick.length > 0) return empty('infeasible', elapsed(), quick);
  if (input.defences.length === 0) return { status: 'optimal', assignments: [], objective: 0, bound: 0, gap: 0, solveMs: elapsed(), diagnosis: [] };
  const facts = planFacts(input);
  // Not even one quick greedy plan: ask the hard rows first (an infeasible session is explained at once).
  if (!quickPlan(input, new Set()) && (await isFeasible(input, new Set(), Math.max(0.5, Math.min(5, left())))) === false) return explained(input, elapsed);
  // Proven apart from the MILP (planner.bound.ts): it carries the integer effects the LP relaxation misses.
  const lower = combinatorialBound(input, facts);
  const tolerance = options.relativeGap ?? 0;
  const enough = (objective: number, bound: number) => objective - bound < MIP_ABS_GAP || (objective - bound) / Math.max(1, Math.abs(objective)) <= tolerance;
  const score = (plan: TAssignment[]) => scorePlan(input, plan).objective;
  const checked = (plan: TAssignment[] | null) => {
    if (!plan) return null;
    const problems = checkPlan(input, plan);
    if (problems.length > 0) throw new Error(`Le solveur a rendu un planning invalide : ${problems.join(' ; ')}`);
    return plan;
  };
  // The greedy start and its local search take at most a third of the time.
  const found = greedyPlan(input, undefined, started + limitMs / 3);
  let best = found && checkPlan(input, found).length === 0 ? found : null;
  // Days solved again one at a time, the others kept, while it pays and time is left: small exact models.
  for (let improved = best !== null && input.days.length > 1; improved && !enough(score(best!), lower); ) {
    improved = false;
    // The days with the fewest defences first: their models are the quickest to solve.
    const order = input.days.map((day, dayIndex) => ({ dayIndex, n: best!.filter((a) => a.dayId === day.id).length })).sort((a, b) => a.n - b.n);
    for (const { dayIndex } of order) {
      if (left() < 1 || enough(score(best!), lower)) break;
      const next = checked(await improveDay(input, best!, dayIndex, Math.min(DAY_SECONDS, left() - 0.7)));
      if (next && score(next) < score(best!)) [best, improved] = [next, true];
    }
  }
  if (best && enough(score(best), lower)) return withBound(best, score(best), lower, elapsed());
  let built: TModel;
  try {
    built = buildModel(input, facts);
  } catch (error) {
    // Too large for the exact model: the best plan of the greedy start and the search by days, with the combinatorial bound.
    if (!(error instanceof ModelTooLargeError) || !best) throw error;
    return withBound(best, score(best), lower, elapsed());
  }
  // HiGHS knows its own bound only: it stops as soon as the combinatorial one proves the incumbent good enough.
  const run = await runModel(input, facts, built, best, left(), (primal, dual) => enough(Math.min(primal, best ? score(best) : Infinity), Math.max(lower, dual)));
  if (run.status === 'infeasible') return explained(input, elapsed);
  const solved = checked(run.plan);
  const plans = [solved, best].filter((p): p is TAssignment[] => p !== null).sort((a, b) => score(a) - score(b));
  if (plans.length === 0) return empty('time_limit', elapsed());
  const objective = score(plans[0]!);
  const proven = run.optimal && tolerance === 0 && solved && score(solved) === objective ? objective : run.dual;
  return withBound(plans[0]!, objective, Math.max(lower, Math.min(proven, objective)), elapsed());
}

/** The worker's entry (`runInWorker`): structured-cloned input, parsed again on this side. */
export async function solvePlanTask(task: { input: unknown; options?: TPlanOptions }): Promise<TPlanResult> {
  return solvePlan(ZPlanInputSchema.parse(task.input), task.options);
}
