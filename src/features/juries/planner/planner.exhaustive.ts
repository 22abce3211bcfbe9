/**
 * Exhaustive search for tests: every plan of a small session (≤ 6 defences, a few slots and
 * members), each leaf checked by `checkPlan` and scored by `scorePlan`. It shares nothing with the
 * solver's model (nor with its facts), so the two agree only if both are right.
 */
import { checkPlan, scorePlan } from './planner.check.js';
import type { TAssignment, TPlanInput } from './planner.input.js';

function combinations<T>(items: T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [first, ...rest] = items;
  return [...combinations(rest, k - 1).map((c) => [first!, ...c]), ...combinations(rest, k)];
}

export function exhaustiveOptimum(input: TPlanInput): { objective: number; assignments: TAssignment[] } | null {
  if (input.defences.length > 6) throw new Error('Recherche exhaustive limitée à 6 soutenances.');
  const slots = input.days.flatMap((d) => d.slots.map((_, i) => ({ dayId: d.id, slotIndex: i })));
  let best: { objective: number; assignments: TAssignment[] } | null = null;
  const plan: TAssignment[] = [];
  const busy = new Set<string>(); // "day/slot/member" and "day/slot/room:"
  const isAvailable = (m: TPlanInput['members'][number], s: { dayId: string; slotIndex: number }) =>
    !m.availability || m.availability.some((a) => a.dayId === s.dayId && (a.slots === undefined || a.slots.includes(s.slotIndex)));
  const visit = (k: number) => {
    if (k === input.defences.length) {
      if (checkPlan(input, plan).length > 0) return;
      const objective = scorePlan(input, plan).objective;
      if (!best || objective < best.objective) best = { objective, assignments: plan.map((a) => ({ ...a })) };
      return;
    }
    const d = input.defences[k]!;
    const conflicted = (id: string) => d.conflictedMemberIds.includes(id) || input.members.find((m) => m.id === id)!.conflictsWith.includes(d.learnerId);
    const supervisor = input.members.find((m) => m.id === d.supervisorId);
    const observers = input.supervisorRule === 'sits_without_vote' && supervisor && !conflicted(supervisor.id) ? [supervisor.id] : [];
    for (const s of slots) {
      const at = `${s.dayId}/${s.slotIndex}/`;
      if (observers.some((id) => busy.has(at + id) || !isAvailable(supervisor!, s))) continue;
      const room = d.fixed?.roomId ?? input.rooms.find((r) => !busy.has(`${at}room:${r.id}`))?.id;
      if (room === undefined || busy.has(`${at}room:${room}`)) continue;
      const pool = input.members.filter((m) => isAvailable(m, s) && !busy.has(at + m.id) && !conflicted(m.id) && !observers.includes(m.id) && !(input.supervisorRule !== 'may_sit' && m.id === d.supervisorId));
      let juries: string[][] = [[]];
      for (const line of input.compositions[d.route].members) {
        const options = combinations(pool.filter((m) => m.kind === line.kind).map((m) => m.id), line.count);
        juries = juries.flatMap((j) => options.map((o) => [...j, ...o]));
      }
      for (const jury of juries) {
        const a: TAssignment = { learnerId: d.learnerId, dayId: s.dayId, slotIndex: s.slotIndex, roomId: room, memberIds: jury, observerIds: observers };
        const marks = [...jury, ...observers].map((id) => at + id).concat(`${at}room:${room}`);
        marks.forEach((x) => busy.add(x));
        plan.push(a);
        visit(k + 1);
        plan.pop();
        marks.forEach((x) => busy.delete(x));
      }
    }
  };
  visit(0);
  return best;
}
