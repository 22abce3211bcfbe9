/**
 * A greedy plan, the solver's first incumbent: defences with the fewest options first, each at the
 * first slot (members already present nearby preferred) where a jury can be seated; members chosen
 * next to their other defences, then by lightest load. Null when it gets stuck (the MILP still runs).
 */
import type { TAssignment, TPlanInput } from './planner.input.js';
import { planFacts, type TFacts } from './planner.facts.js';
import { fairShare, scorePlan } from './planner.check.js';

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

export function greedyPlan(input: TPlanInput, attempts = GREEDY_ATTEMPTS, deadline = Infinity): TAssignment[] | null {
  const facts = planFacts(input);
  const found: { plan: TAssignment[]; score: number }[] = [];
  const tries = input.defences.length > GREEDY_SHUFFLES_UP_TO ? 0 : attempts;
  const keep = (plan: TAssignment[] | null) => {
    if (plan) found.push({ plan, score: scorePlan(input, plan).objective });
  };
  // Juries kept together by the slot order first; the defence order (with its shuffles) as well on small
  // sessions, and on large ones only when the first fails.
  for (let k = 0; k <= tries; k++) keep(crewOnce(input, facts, k === 0 ? null : seeded(1000 + k)));
  const large = input.defences.length > GREEDY_SHUFFLES_UP_TO;
  for (let k = 0; k <= (large && found.length > 0 ? -1 : tries); k++) keep(greedyOnce(input, facts, k === 0 ? null : seeded(k)));
  found.sort((a, b) => a.score - b.score);
  // The few best, improved by moving members' seats to others (a whole day's seats at once, or one).
  for (const f of found.slice(0, POLISHED)) keep(improveSeats(input, facts, f.plan, deadline));
  return found.sort((a, b) => a.score - b.score)[0]?.plan ?? null;
}

/**
 * Any plan with the groups in `relax` lifted (the diagnosis's question « is there a plan then? »): one
 * slot-order and one defence-order attempt; a plan found answers yes without the MILP.
 */
export function quickPlan(input: TPlanInput, relax: ReadonlySet<string>): TAssignment[] | null {
  const facts = planFacts(input, relax);
  return crewOnce(input, facts, null) ?? greedyOnce(input, facts, null);
}

/** Greedy plans handed to the local search. */
const POLISHED = 3;

/**
 * Local search on the plan: a member's seats on one day (all of them, or one) handed to another member
 * of the same kind who may vote on those defences and is free then, and a defence moved with its whole
 * jury to another slot where they are all free and a room is left — each when it lowers the objective.
 * First improvement, until none is left or the deadline (performance.now() milliseconds) passes.
 */
export function improveSeats(input: TPlanInput, facts: TFacts, plan: TAssignment[], deadline = Infinity): TAssignment[] {
  const { slots, available, voters } = facts;
  const w = input.weights;
  const T = slots.length;
  const tOf = plan.map((a) => facts.slotOf(a.dayId, a.slotIndex).t);
  const juries = plan.map((a) => a.memberIds.map((id) => facts.memberIndex.get(id)!));
  const observers = plan.map((a) => a.observerIds.map((id) => facts.memberIndex.get(id)!));
  const attend = input.members.map(() => new Array<number>(T).fill(0)); // seats and observer presences per slot
  const load = input.members.map(() => 0);
  const seatsOf = input.members.map(() => new Set<number>());
  plan.forEach((_, di) => {
    for (const mi of juries[di]!) {
      attend[mi]![tOf[di]!]!++;
      load[mi]!++;
      seatsOf[mi]!.add(di);
    }
    for (const mi of observers[di]!) attend[mi]![tOf[di]!]!++;
  });
  const fair = input.members.map((m) => fairShare(input, m.kind));
  const daySlots = input.days.map((_, dayIndex) => slots.filter((s) => s.dayIndex === dayIndex));
  // One member's terms on one day (day, half-days, runs), and their load term.
  const dayCost = (mi: number, dayIndex: number) => {
    const row = attend[mi]!;
    let c = 0;
    let halves = 0;
    for (const s of daySlots[dayIndex]!) {
      if (!row[s.t]) continue;
      if (c === 0) c += w.day;
      if (!(halves & (1 << (s.half & 31)))) {
        halves |= 1 << (s.half & 31);
        c += w.halfDay;
      }
      if (s.firstOfDay || !row[s.t - 1]) c += w.block;
    }
    return c;
  };
  const loadCost = (mi: number) => w.load * Math.max(0, load[mi]! - fair[mi]!);
  const move = (from: number, to: number, seats: number[]) => {
    for (const di of seats) {
      juries[di] = juries[di]!.map((mi) => (mi === from ? to : mi));
      attend[from]![tOf[di]!]!--;
      attend[to]![tOf[di]!]!++;
      seatsOf[from]!.delete(di);
      seatsOf[to]!.add(di);
    }
    load[from]! -= seats.length;
    load[to]! += seats.length;
  };
  const voterSets = voters.map((v) => new Set(v));
  const byDay = (mi: number) => {
    const out = new Map<number, number[]>();
    for (const di of seatsOf[mi]!) {
      const day = slots[tOf[di]!]!.dayIndex;
      out.set(day, [...(out.get(day) ?? []), di]);
    }
    return out;
  };
  const fixedMembers = input.defences.map((d) => new Set((d.fixed?.memberIds ?? []).map((id) => facts.memberIndex.get(id)!)));
  // The responsable pédagogique (or representative) a defence needs must still sit once `from` leaves.
  const keepsResponsable = (di: number, from: number, to: number) =>
    facts.needsResponsable(input.defences[di]!.route).every((kind) => {
      const counts = (mi: number) => input.members[mi]!.kind === kind && input.members[mi]!.representsResponsable;
      return juries[di]!.some((mi) => mi !== from && counts(mi)) || counts(to);
    });
  const tryFrom = (from: number): boolean => {
    for (const [day, group] of byDay(from))
      for (const seats of [group, ...(group.length > 1 ? group.map((di) => [di]) : [])]) {
        if (seats.some((di) => fixedMembers[di]!.has(from))) continue;
        const was = dayCost(from, day) + loadCost(from);
        for (let to = 0; to < input.members.length; to++) {
          if (to === from || input.members[to]!.kind !== input.members[from]!.kind) continue;
          if (!seats.every((di) => voterSets[di]!.has(to) && available[to]![tOf[di]!] && !attend[to]![tOf[di]!] && facts.observer[di] !== to && keepsResponsable(di, from, to))) continue;
          const before = was + dayCost(to, day) + loadCost(to);
          move(from, to, seats);
          if (dayCost(from, day) + loadCost(from) + dayCost(to, day) + loadCost(to) < before) return true;
          move(to, from, seats);
        }
      }
    return false;
  };
  const held = new Array<number>(T).fill(0);
  tOf.forEach((t) => held[t]!++);
  const shift = (di: number, to: number) => {
    for (const mi of [...juries[di]!, ...observers[di]!]) {
      attend[mi]![tOf[di]!]!--;
      attend[mi]![to]!++;
    }
    held[tOf[di]!]!--;
    held[to]!++;
    tOf[di] = to;
  };
  const tryShift = (di: number): boolean => {
    if (input.defences[di]!.fixed) return false;
    const people = [...juries[di]!, ...observers[di]!];
    const from = tOf[di]!;
    const days = (t: number) => [...new Set([slots[from]!.dayIndex, slots[t]!.dayIndex])];
    for (const t of facts.allowedSlots[di]!) {
      if (t === from || held[t]! >= facts.roomCount || !people.every((mi) => available[mi]![t] && !attend[mi]![t])) continue;
      const was = people.reduce((n, mi) => n + days(t).reduce((k, day) => k + dayCost(mi, day), 0), 0);
      shift(di, t);
      if (people.reduce((n, mi) => n + days(t).reduce((k, day) => k + dayCost(mi, day), 0), 0) < was) return true;
      shift(di, from);
    }
    return false;
  };
  for (let pass = 0, improved = true; improved && pass < 50 && performance.now() < deadline; pass++) {
    improved = false;
    for (let from = 0; from < input.members.length && performance.now() < deadline; from++) while (tryFrom(from)) improved = true;
    for (let di = 0; di < plan.length && performance.now() < deadline; di++) while (tryShift(di)) improved = true;
  }
  const rooms = allocateRooms(input, tOf.map((t, di) => ({ di, t })), facts);
  if (!rooms) return plan;
  return plan.map((a, di) => ({ ...a, dayId: slots[tOf[di]!]!.dayId, slotIndex: slots[tOf[di]!]!.slotIndex, roomId: rooms.get(di)!, memberIds: juries[di]!.map((mi) => input.members[mi]!.id) }));
}

/**
 * Slots in time order, a steady number of defences per slot within a day, each jury chosen by what
 * its members' coming costs at that slot: nothing for a member who sat the slot before (the run goes
 * on), a new run, a new half-day, a new day, and the load beyond the fair share. Juries thus stay
 * together for whole days, as the objective wants. Defences with a fixed assignment are left to
 * `greedyOnce` (null here).
 */
function crewOnce(input: TPlanInput, facts: TFacts, rnd: (() => number) | null): TAssignment[] | null {
  if (input.defences.some((d) => d.fixed)) return null;
  const { slots, available, voters, observer } = facts;
  const w = input.weights;
  const fair = new Map(input.members.map((m) => [m.kind, fairShare(input, m.kind)]));
  const attends = input.members.map(() => new Set<number>());
  const days = input.members.map(() => new Set<number>());
  const halves = input.members.map(() => new Set<number>());
  const load = input.members.map(() => 0);
  const chosen = new Map<number, { t: number; members: number[] }>();
  const jitter = input.members.map(() => (rnd ? rnd() * 0.5 : 0));
  const left = new Set(input.defences.map((_, di) => di));
  // What m's coming at t adds to the objective (t − 1 is the only earlier slot a run can go on from).
  const marginal = (mi: number, t: number, vote: boolean) => {
    const s = slots[t]!;
    const goesOn = !s.firstOfDay && attends[mi]!.has(t - 1);
    let c = goesOn ? 0 : w.block;
    if (!halves[mi]!.has(s.half)) c += w.halfDay;
    if (!days[mi]!.has(s.dayIndex)) c += w.day;
    if (vote && load[mi]! >= fair.get(input.members[mi]!.kind)!) c += w.load;
    // A run that cannot go on to the next slot is worth less: prefer members free next.
    const next = slots[t + 1];
    if (!goesOn && (!next || next.dayIndex !== s.dayIndex || !available[mi]![t + 1])) c += 1;
    return c + jitter[mi]!;
  };
  const voterSets = voters.map((v) => new Set(v));
  const kinds = [...new Set(input.members.map((m) => m.kind))];
  // The members free at t, by kind, cheapest first (computed once per placement, not per defence).
  const rankedAt = (t: number) => {
    const price = new Map<number, number>();
    const byKind = new Map(kinds.map((kind) => [kind, [] as number[]]));
    input.members.forEach((m, mi) => {
      if (!available[mi]![t] || attends[mi]!.has(t)) return;
      price.set(mi, marginal(mi, t, true));
      byKind.get(m.kind)!.push(mi);
    });
    for (const list of byKind.values()) list.sort((x, y) => price.get(x)! - price.get(y)!);
    return { price, byKind };
  };
  const juryAt = (di: number, t: number, ranked: ReturnType<typeof rankedAt>): { members: number[]; cost: number } | null => {
    const d = input.defences[di]!;
    const ob = observer[di]!;
    let cost = 0;
    if (ob >= 0) {
      if (!available[ob]![t] || attends[ob]!.has(t)) return null;
      cost += marginal(ob, t, false);
    }
    const may = (mi: number) => mi !== ob && voterSets[di]!.has(mi);
    const jury: number[] = [];
    for (const kind of facts.needsResponsable(d.route)) {
      const r = ranked.byKind.get(kind)?.find((mi) => input.members[mi]!.representsResponsable && may(mi));
      if (r === undefined) return null;
      jury.push(r);
    }
    for (const line of input.compositions[d.route].members) {
      let need = line.count - jury.filter((mi) => input.members[mi]!.kind === line.kind).length;
      if (need < 0) return null;
      for (const mi of ranked.byKind.get(line.kind) ?? []) {
        if (need === 0) break;
        if (!may(mi) || jury.includes(mi)) continue;
        jury.push(mi);
        need--;
      }
      if (need > 0) return null;
    }
    return { members: jury, cost: cost + jury.reduce((n, mi) => n + ranked.price.get(mi)!, 0) };
  };
  input.days.forEach((_, dayIndex) => {
    const today = slots.filter((s) => s.dayIndex === dayIndex);
    const later = slots.filter((s) => s.dayIndex > dayIndex).length;
    // A steady rate: what is left over the slots left, rounded up (or down, at random), never below what the later days cannot hold.
    const rate = left.size / Math.max(1, today.length + later);
    const floor = Math.ceil(Math.max(0, left.size - later * facts.roomCount) / today.length);
    const perSlot = Math.min(facts.roomCount, Math.max(floor, rnd && rnd() < 0.5 ? Math.floor(rate) : Math.ceil(rate)));
    for (const s of today) {
      const must = left.size - facts.roomCount * (slots.length - 1 - s.t);
      for (let k = 0; k < Math.max(perSlot, must) && left.size > 0; k++) {
        let best: { di: number; members: number[]; cost: number } | null = null;
        // Cost per seat, so that larger juries (VAE) are not left to the end; the larger first when equal.
        const per = (j: { members: number[]; cost: number }) => j.cost / j.members.length - j.members.length * 0.01;
        const ranked = rankedAt(s.t);
        for (const di of left) {
          const jury = juryAt(di, s.t, ranked);
          if (jury && (!best || per(jury) < per(best))) best = { di, ...jury };
        }
        if (!best) break;
        const seated = [...best.members, ...(observer[best.di]! >= 0 ? [observer[best.di]!] : [])];
        for (const mi of seated) {
          attends[mi]!.add(s.t);
          days[mi]!.add(s.dayIndex);
          halves[mi]!.add(s.half);
        }
        for (const mi of best.members) load[mi]!++;
        chosen.set(best.di, { t: s.t, members: best.members });
        left.delete(best.di);
      }
    }
  });
  if (left.size > 0) return null;
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
