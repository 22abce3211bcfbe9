/**
 * The planner's independent checker: re-verifies every hard constraint of a plan from the input
 * alone (nothing of the solver's model), and recounts the objective. The solver refuses to return a
 * plan this checker rejects; every test runs it on every result.
 */
import { checkComposition } from '../juries.rules.js';
import { AFTERNOON_STARTS_AT, type TAssignment, type TPlanInput } from './planner.input.js';

const nameOf = (o: { id?: string; learnerId?: string; name?: string | undefined }) => o.name ?? o.id ?? o.learnerId ?? '?';

/** French sentences, one per violated hard constraint; empty when the plan is valid. */
export function checkPlan(input: TPlanInput, assignments: readonly TAssignment[]): string[] {
  const problems: string[] = [];
  const defences = new Map(input.defences.map((d) => [d.learnerId, d]));
  const members = new Map(input.members.map((m) => [m.id, m]));
  const days = new Map(input.days.map((d) => [d.id, d]));
  const rooms = new Set(input.rooms.map((r) => r.id));
  const seen = new Set<string>();
  const roomAt = new Map<string, string>();
  const personAt = new Map<string, string>();
  for (const a of assignments) {
    const d = defences.get(a.learnerId);
    if (!d) {
      problems.push(`Soutenance inconnue : ${a.learnerId}`);
      continue;
    }
    const who = nameOf(d);
    if (seen.has(a.learnerId)) problems.push(`${who} a plusieurs soutenances`);
    seen.add(a.learnerId);
    const day = days.get(a.dayId);
    if (!day || !Number.isInteger(a.slotIndex) || a.slotIndex < 0 || a.slotIndex >= day.slots.length) {
      problems.push(`${who} : créneau inconnu (${a.dayId}, ${a.slotIndex})`);
      continue;
    }
    if (!rooms.has(a.roomId)) problems.push(`${who} : salle inconnue ${a.roomId}`);
    const at = `${a.dayId}\u0000${a.slotIndex}`;
    const roomKey = `${at}\u0000${a.roomId}`;
    if (roomAt.has(roomKey)) problems.push(`Salle ${a.roomId} occupée deux fois (${a.dayId}, créneau ${a.slotIndex + 1}) : ${roomAt.get(roomKey)} et ${who}`);
    roomAt.set(roomKey, who);
    const f = d.fixed;
    if (f?.dayId !== undefined && f.dayId !== a.dayId) problems.push(`${who} : le jour imposé (${f.dayId}) n’est pas respecté`);
    if (f?.slotIndex !== undefined && f.slotIndex !== a.slotIndex) problems.push(`${who} : le créneau imposé n’est pas respecté`);
    if (f?.roomId !== undefined && f.roomId !== a.roomId) problems.push(`${who} : la salle imposée (${f.roomId}) n’est pas respectée`);
    for (const id of f?.memberIds ?? []) if (!a.memberIds.includes(id)) problems.push(`${who} : ${nameOf(members.get(id) ?? { id })} devait siéger`);

    const everyone = [...a.memberIds, ...a.observerIds];
    if (new Set(everyone).size !== everyone.length) problems.push(`${who} : un membre est compté deux fois dans le jury`);
    for (const id of everyone) {
      const m = members.get(id);
      if (!m) {
        problems.push(`${who} : membre inconnu ${id}`);
        continue;
      }
      const personKey = `${at}\u0000${id}`;
      if (personAt.has(personKey)) problems.push(`${nameOf(m)} siège deux fois au même créneau (${personAt.get(personKey)} et ${who})`);
      personAt.set(personKey, who);
      const available = !m.availability || m.availability.some((x) => x.dayId === a.dayId && (x.slots === undefined || x.slots.includes(a.slotIndex)));
      if (!available) problems.push(`${nameOf(m)} n’est pas disponible pour la soutenance de ${who}`);
      if (m.conflictsWith.includes(d.learnerId) || d.conflictedMemberIds.includes(id)) problems.push(`${nameOf(m)} est en conflit d’intérêts avec ${who} et ne peut pas siéger`);
    }

    const supervisor = d.supervisorId ? members.get(d.supervisorId) : undefined;
    const supervisorConflicted = supervisor && (supervisor.conflictsWith.includes(d.learnerId) || d.conflictedMemberIds.includes(supervisor.id));
    if (input.supervisorRule !== 'may_sit' && d.supervisorId && a.memberIds.includes(d.supervisorId))
      problems.push(`${who} : son directeur ou sa directrice de mémoire ne peut pas voter`);
    if (input.supervisorRule === 'may_not_sit' && d.supervisorId && a.observerIds.includes(d.supervisorId))
      problems.push(`${who} : son directeur ou sa directrice de mémoire ne siège pas`);
    const expectedObservers = input.supervisorRule === 'sits_without_vote' && supervisor && !supervisorConflicted ? [supervisor.id] : [];
    if (a.observerIds.length !== expectedObservers.length || a.observerIds.some((id) => !expectedObservers.includes(id)))
      problems.push(
        expectedObservers.length > 0 ? `${who} : son directeur ou sa directrice de mémoire doit siéger sans voix délibérative` : `${who} : seul le directeur ou la directrice de mémoire peut siéger sans voter`,
      );

    const seats = a.memberIds.flatMap((id) => {
      const m = members.get(id);
      return m ? [{ kind: m.kind, representsResponsable: m.representsResponsable }] : [];
    });
    const composition = checkComposition(input.compositions[d.route], seats);
    for (const p of composition.problems) problems.push(`${who} : ${p.message}`);
  }
  for (const d of input.defences) if (!seen.has(d.learnerId)) problems.push(`${nameOf(d)} n’a pas de soutenance planifiée`);
  return problems;
}

export type TPlanScore = { objective: number; days: number; halfDays: number; blocks: number; loadExcess: number };

/** The objective recounted from the plan: weights × (days, half-days, runs of slots, seats beyond the fair share). */
export function scorePlan(input: TPlanInput, assignments: readonly TAssignment[]): TPlanScore {
  const days = new Map(input.days.map((d, i) => [d.id, { index: i, day: d }]));
  const attendance = new Map<string, Set<string>>(); // member → "day\u0000slot"
  const load = new Map<string, number>();
  for (const a of assignments) {
    for (const id of [...a.memberIds, ...a.observerIds]) {
      if (!attendance.has(id)) attendance.set(id, new Set());
      attendance.get(id)!.add(`${a.dayId}\u0000${a.slotIndex}`);
    }
    for (const id of a.memberIds) load.set(id, (load.get(id) ?? 0) + 1);
  }
  let dayCount = 0;
  let halfDayCount = 0;
  let blockCount = 0;
  for (const slots of attendance.values()) {
    for (const { day } of days.values()) {
      const busy = day.slots.map((_, i) => slots.has(`${day.id}\u0000${i}`));
      if (!busy.some(Boolean)) continue;
      dayCount++;
      const morning = day.slots.some((s, i) => busy[i] && s.start < AFTERNOON_STARTS_AT);
      const afternoon = day.slots.some((s, i) => busy[i] && s.start >= AFTERNOON_STARTS_AT);
      halfDayCount += Number(morning) + Number(afternoon);
      blockCount += busy.filter((b, i) => b && !busy[i - 1]).length;
    }
  }
  let loadExcess = 0;
  for (const m of input.members) {
    const target = fairShare(input, m.kind);
    loadExcess += Math.max(0, (load.get(m.id) ?? 0) - target);
  }
  const w = input.weights;
  return { objective: w.day * dayCount + w.halfDay * halfDayCount + w.block * blockCount + w.load * loadExcess, days: dayCount, halfDays: halfDayCount, blocks: blockCount, loadExcess };
}

/** Seats of a kind the defences need, divided among the members of that kind, rounded up. */
export function fairShare(input: Pick<TPlanInput, 'defences' | 'members' | 'compositions'>, kind: TPlanInput['members'][number]['kind']): number {
  const needed = input.defences.reduce((sum, d) => sum + (input.compositions[d.route].members.find((m) => m.kind === kind)?.count ?? 0), 0);
  const count = input.members.filter((m) => m.kind === kind).length;
  return count === 0 ? 0 : Math.ceil(needed / count);
}
