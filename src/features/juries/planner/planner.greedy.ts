/**
 * A greedy plan, the solver's first incumbent: defences with the fewest options first, each at the
 * first slot (members already present nearby preferred) where a jury can be seated; members chosen
 * next to their other defences, then by lightest load. Null when it gets stuck (the MILP still runs).
 */
import type { TAssignment, TPlanInput } from './planner.input.js';
import { planFacts, type TFacts } from './planner.facts.js';
import { scorePlan } from './planner.check.js';

/** Rooms at each slot: defences with a fixed room take it, the others the free ones in order. */
export function allocateRooms(input: TPlanInput, placed: { di: number; t: number }[], facts: TFacts): Map<number, string> | null {
  const byslot = new Map<number, number[]>();
  for (const p of placed) byslot.set(p.t, [...(byslot.get(p.t) ?? []), p.di]);
  const result = new Map<number, string>();
  for (const ds of byslot.values()) {
    const taken = new Set<string>();
    for (const di of ds) {
      const room = facts.fixed[di]?.roomId;
      if (room === undefined) continue;
      if (taken.has(room)) return null;
      taken.add(room);
      result.set(di, room);
    }
    for (const di of ds) {
      if (result.has(di)) continue;
      const room = input.rooms.find((r) => !taken.has(r.id));
      if (!room) return null;
      taken.add(room.id);
      result.set(di, room.id);
    }
  }
  return result;
}

/** Orders tried after the first (seeded shuffles of equal-priority defences); the best plan found wins. */
export const GREEDY_ATTEMPTS = 30;

/** Above this many defences a single greedy order is tried (each order costs defences × slots × members). */
export const GREEDY_SHUFFLES_UP_TO = 200;

function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function greedyPlan(input: TPlanInput, attempts = GREEDY_ATTEMPTS): TAssignment[] | null {
  const facts = planFacts(input);
  let best: { plan: TAssignment[]; score: number } | null = null;
  const tries = input.defences.length > GREEDY_SHUFFLES_UP_TO ? 0 : attempts;
  for (let k = 0; k <= tries; k++) {
    const plan = greedyOnce(input, facts, k === 0 ? null : seeded(k));
    if (!plan) continue;
    const score = scorePlan(input, plan).objective;
    if (!best || score < best.score) best = { plan, score };
  }
  return best?.plan ?? null;
}

function greedyOnce(input: TPlanInput, facts: TFacts, rnd: (() => number) | null): TAssignment[] | null {
  const { slots, available, voters, observer, allowedSlots } = facts;
  const busy = input.members.map(() => slots.map(() => false));
  const load = input.members.map(() => 0);
  const atSlot = slots.map(() => [] as number[]);
  const chosen = new Map<number, { t: number; members: number[] }>();
  const order = input.defences
    .map((d, di) => ({ di, score: (d.fixed ? 0 : 1e6) + (d.route === 'vae' ? 0 : 1e5) + (rnd ? rnd() * 1e4 : allowedSlots[di]!.length * voters[di]!.length) }))
    .sort((a, b) => a.score - b.score)
    .map((x) => x.di);
  const halfBusy = input.members.map(() => new Map<number, number>()); // member → half-day → seats
  const near = (mi: number, t: number) => {
    const s = slots[t]!;
    return [t - 1, t + 1].some((u) => slots[u]?.dayIndex === s.dayIndex && busy[mi]![u]) ? 2 : (halfBusy[mi]!.get(s.half) ?? 0) > 0 ? 1 : 0;
  };
  for (const di of order) {
    const d = input.defences[di]!;
    const rule = input.compositions[d.route];
    const responsableKinds = facts.needsResponsable(d.route);
    const around = new Map(allowedSlots[di]!.map((t) => [t, voters[di]!.reduce((n, mi) => n + near(mi, t), 0)]));
    const candidates = [...allowedSlots[di]!].sort((a, b) => around.get(b)! - around.get(a)! || a - b);
    let placed = false;
    for (const t of candidates) {
      if (atSlot[t]!.length >= facts.roomCount) continue;
      const fixedRoom = facts.fixed[di]?.roomId;
      if (fixedRoom !== undefined && atSlot[t]!.some((o) => facts.fixed[o]?.roomId === fixedRoom)) continue;
      const free = (mi: number) => available[mi]![t]! && !busy[mi]![t];
      const ob = observer[di]!;
      if (ob >= 0 && !free(ob)) continue;
      const pool = voters[di]!.filter((mi) => free(mi) && mi !== ob);
      const jury: number[] = [];
      const take = (mi: number) => jury.push(mi);
      let ok = true;
      for (const id of facts.fixed[di]?.memberIds ?? []) {
        const mi = facts.memberIndex.get(id)!;
        if (!pool.includes(mi)) ok = false;
        else if (!jury.includes(mi)) take(mi);
      }
      if (!ok) continue;
      const rank = (mi: number) => -near(mi, t) * 1000 + load[mi]!;
      for (const kind of responsableKinds)
        if (!jury.some((mi) => input.members[mi]!.representsResponsable && input.members[mi]!.kind === kind)) {
          const r = pool.filter((mi) => input.members[mi]!.kind === kind && input.members[mi]!.representsResponsable).sort((a, b) => rank(a) - rank(b))[0];
          if (r === undefined) ok = false;
          else take(r);
        }
      if (!ok) continue;
      for (const line of rule.members) {
        const have = jury.filter((mi) => input.members[mi]!.kind === line.kind).length;
        if (have > line.count) ok = false;
        const extra = pool.filter((mi) => input.members[mi]!.kind === line.kind && !jury.includes(mi)).sort((a, b) => rank(a) - rank(b));
        if (extra.length < line.count - have) ok = false;
        else extra.slice(0, Math.max(0, line.count - have)).forEach(take);
      }
      if (!ok) continue;
      for (const mi of [...jury, ...(ob >= 0 ? [ob] : [])]) halfBusy[mi]!.set(slots[t]!.half, (halfBusy[mi]!.get(slots[t]!.half) ?? 0) + 1);
      for (const mi of jury) {
        busy[mi]![t] = true;
        load[mi]!++;
      }
      if (ob >= 0) busy[ob]![t] = true;
      atSlot[t]!.push(di);
      chosen.set(di, { t, members: jury });
      placed = true;
      break;
    }
    if (!placed) return null;
  }
  const rooms = allocateRooms(input, [...chosen].map(([di, c]) => ({ di, t: c.t })), facts);
  if (!rooms) return null;
  return input.defences.map((d, di) => {
    const c = chosen.get(di)!;
    const s = slots[c.t]!;
    return {
      learnerId: d.learnerId,
      dayId: s.dayId,
      slotIndex: s.slotIndex,
      roomId: rooms.get(di)!,
      memberIds: c.members.map((mi) => input.members[mi]!.id),
      observerIds: observer[di]! >= 0 ? [input.members[observer[di]!]!.id] : [],
    };
  });
}
