/**
 * The facts the solver, the greedy start and the diagnosis read from a plan input: the slots in
 * time order, who is available when, who may vote or must attend each defence. `relax` lifts whole
 * groups of constraints (for the deletion-based diagnosis); the checker does not use this module.
 */
import { AFTERNOON_STARTS_AT, type TPlanInput } from './planner.input.js';

export type TSlotRef = { t: number; dayIndex: number; dayId: string; slotIndex: number; half: number; start: string; firstOfDay: boolean };

/** A group of constraints the diagnosis can lift as a whole. */
export type TGroup = { type: 'availability'; memberId: string } | { type: 'conflicts'; learnerId: string } | { type: 'supervisor'; learnerId: string } | { type: 'fixed'; learnerId: string } | { type: 'rooms' };

export const groupKey = (g: TGroup) => (g.type === 'rooms' ? 'rooms' : `${g.type}:${'memberId' in g ? g.memberId : g.learnerId}`);

export type TFacts = ReturnType<typeof planFacts>;

export function planFacts(input: TPlanInput, relax: ReadonlySet<string> = new Set()) {
  const slots: TSlotRef[] = [];
  input.days.forEach((day, dayIndex) =>
    day.slots.forEach((s, slotIndex) =>
      slots.push({ t: slots.length, dayIndex, dayId: day.id, slotIndex, half: dayIndex * 2 + (s.start < AFTERNOON_STARTS_AT ? 0 : 1), start: s.start, firstOfDay: slotIndex === 0 }),
    ),
  );
  const slotOf = (dayId: string, slotIndex: number) => slots.find((s) => s.dayId === dayId && s.slotIndex === slotIndex)!;
  const available = input.members.map((m) => {
    if (!m.availability || relax.has(`availability:${m.id}`)) return slots.map(() => true);
    return slots.map((s) => m.availability!.some((a) => a.dayId === s.dayId && (a.slots === undefined || a.slots.includes(s.slotIndex))));
  });
  const memberIndex = new Map(input.members.map((m, i) => [m.id, i]));
  const conflicted = input.defences.map((d) => {
    if (relax.has(`conflicts:${d.learnerId}`)) return new Set<number>();
    const set = new Set<number>();
    for (const id of d.conflictedMemberIds) set.add(memberIndex.get(id)!);
    input.members.forEach((m, i) => m.conflictsWith.includes(d.learnerId) && set.add(i));
    return set;
  });
  const rule = (di: number) => (relax.has(`supervisor:${input.defences[di]!.learnerId}`) ? 'may_sit' : input.supervisorRule);
  const supervisorIndex = input.defences.map((d) => (d.supervisorId ? (memberIndex.get(d.supervisorId) ?? -1) : -1));
  /** Members who may vote on defence d (its route's kinds, no conflict, the supervisor rule). */
  const voters = input.defences.map((d, di) => {
    const kinds = new Set(input.compositions[d.route].members.map((m) => m.kind));
    return input.members.flatMap((m, mi) => (kinds.has(m.kind) && !conflicted[di]!.has(mi) && !(mi === supervisorIndex[di] && rule(di) !== 'may_sit') ? [mi] : []));
  });
  /** The supervisor who must attend without a vote, or -1. */
  const observer = input.defences.map((_, di) => (rule(di) === 'sits_without_vote' && supervisorIndex[di]! >= 0 && !conflicted[di]!.has(supervisorIndex[di]!) ? supervisorIndex[di]! : -1));
  const fixed = input.defences.map((d) => (relax.has(`fixed:${d.learnerId}`) ? undefined : d.fixed));
  /** Slots open to defence d (its fixed day or slot). */
  const allowedSlots = input.defences.map((_, di) => {
    const f = fixed[di];
    return slots.filter((s) => (f?.dayId === undefined || f.dayId === s.dayId) && (f?.slotIndex === undefined || f.slotIndex === s.slotIndex)).map((s) => s.t);
  });
  const roomCount = relax.has('rooms') ? input.defences.length : input.rooms.length;
  const needsResponsable = (route: 'training' | 'vae') =>
    input.compositions[route].members.filter((m) => m.mustInclude?.some((line) => /responsable p[ée]dagogique/i.test(line))).map((m) => m.kind);
  return { slots, slotOf, available, memberIndex, conflicted, voters, observer, fixed, allowedSlots, roomCount, needsResponsable, relaxedRooms: relax.has('rooms') };
}
