/**
 * Why no plan exists, in French. First counting checks (seats against slots × rooms, seats of each
 * kind against the members' available slots, for each defence a slot where its whole jury can sit,
 * fixed assignments that collide). When they all pass and the model is still infeasible, a
 * deletion-based irreducible subset over groups of constraints (a member's availability, a learner's
 * conflicts, a learner's supervisor rule, a learner's fixed assignment, the number of rooms): the
 * groups left are each necessary to the conflict.
 */
import { JURY_MEMBER_KIND_NOUNS, SUPERVISOR_RULE_LABELS } from '../../../shared/vocabulary/juries.js';
import type { TPlanInput } from './planner.input.js';
import { groupKey, planFacts, type TGroup } from './planner.facts.js';

const noun = (kind: keyof typeof JURY_MEMBER_KIND_NOUNS, n: number) => JURY_MEMBER_KIND_NOUNS[kind][n > 1 ? 1 : 0];
const list = (names: string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} et ${names.at(-1)}`);

/** The counting checks; empty when none fails (the model may still be infeasible). */
export function diagnosePlan(input: TPlanInput): string[] {
  const out: string[] = [];
  const facts = planFacts(input);
  const { slots, available, voters, observer, allowedSlots } = facts;
  const memberName = (mi: number) => input.members[mi]!.name ?? input.members[mi]!.id;
  const learnerName = (di: number) => input.defences[di]!.name ?? input.defences[di]!.learnerId;
  const dayLabel = (dayIndex: number) => input.days[dayIndex]!.label ?? `jour ${dayIndex + 1}`;
  const places = slots.length * input.rooms.length;
  if (input.defences.length > places)
    out.push(`${input.defences.length} soutenances pour ${places} places (${slots.length} créneaux × ${input.rooms.length} salle${input.rooms.length > 1 ? 's' : ''}) : il manque ${input.defences.length - places} place${input.defences.length - places > 1 ? 's' : ''}.`);
  const kinds = [...new Set(Object.values(input.compositions).flatMap((c) => c.members.map((m) => m.kind)))];
  for (const kind of kinds) {
    const needed = input.defences.reduce((n, d) => n + (input.compositions[d.route].members.find((m) => m.kind === kind)?.count ?? 0), 0);
    const offered = input.members.reduce((n, mm, mi) => n + (mm.kind === kind ? available[mi]!.filter(Boolean).length : 0), 0);
    if (needed > offered) out.push(`Les jurys demandent ${needed} places ${/^[aeiouéh]/i.test(noun(kind, 2)) ? 'd’' : 'de '}${noun(kind, 2)} ; leurs disponibilités n’en offrent que ${offered}.`);
  }
  // A member who must attend more defences (seated by name, or as supervisor without a vote) than the slots they are free.
  input.members.forEach((m, mi) => {
    const owed = input.defences.filter((d, di) => d.fixed?.memberIds?.includes(m.id) || observer[di] === mi).map((d) => d.name ?? d.learnerId);
    const free = available[mi]!.filter(Boolean).length;
    if (owed.length > free) out.push(`${memberName(mi)} doit siéger à ${owed.length} soutenances (${list(owed)}) mais n’est disponible que sur ${free} créneau${free > 1 ? 'x' : ''}.`);
  });
  out.push(...scarceMembers(input, facts));
  input.defences.forEach((d, di) => {
    const rule = input.compositions[d.route];
    let best: { t: number; missing: { kind: (typeof kinds)[number]; n: number; responsable: boolean }[]; total: number } | null = null;
    for (const t of allowedSlots[di]!) {
      const ob = observer[di]!;
      const pool = voters[di]!.filter((mi) => available[mi]![t] && mi !== ob);
      const missing = rule.members.flatMap((line) => {
        const have = pool.filter((mi) => input.members[mi]!.kind === line.kind).length;
        return have < line.count ? [{ kind: line.kind, n: line.count - have, responsable: false }] : [];
      });
      for (const kind of facts.needsResponsable(d.route))
        if (!pool.some((mi) => input.members[mi]!.kind === kind && input.members[mi]!.representsResponsable)) missing.push({ kind, n: 1, responsable: true });
      const fixedMissing = (d.fixed?.memberIds ?? []).filter((id) => !pool.includes(facts.memberIndex.get(id)!));
      const observerAway = ob >= 0 && !available[ob]![t];
      const total = missing.reduce((n, x) => n + x.n, 0) + fixedMissing.length + Number(observerAway);
      if (total === 0) return;
      if (!best || total < best.total) best = { t, missing, total };
    }
    if (allowedSlots[di]!.length === 0) return out.push(`Soutenance de ${learnerName(di)} : aucun créneau ne correspond au jour et au créneau imposés.`);
    if (!best) return;
    const s = slots[best.t]!;
    const when = `${dayLabel(s.dayIndex)} à ${s.start}`;
    const parts = best.missing.map((x) => {
      if (x.responsable) return `il manque le responsable pédagogique du titre ou son représentant`;
      const ofKind = input.members.map((_, mi) => mi).filter((mi) => input.members[mi]!.kind === x.kind && available[mi]![best.t]);
      const conflicted = ofKind.filter((mi) => facts.conflicted[di]!.has(mi)).map(memberName);
      const supervisor = ofKind.filter((mi) => mi === facts.memberIndex.get(d.supervisorId ?? '') && !facts.conflicted[di]!.has(mi)).map(memberName);
      const why = [
        conflicted.length ? `${list(conflicted)} ${conflicted.length > 1 ? 'sont' : 'est'} en conflit d’intérêts avec ${learnerName(di)}` : '',
        supervisor.length ? `${list(supervisor)} dirige le mémoire (${SUPERVISOR_RULE_LABELS[input.supervisorRule].toLowerCase()})` : '',
      ].filter(Boolean);
      const free = ofKind.filter((mi) => !facts.conflicted[di]!.has(mi) && !supervisor.includes(memberName(mi))).map(memberName);
      const who = free.length === 0 ? `aucun ${noun(x.kind, 1)} disponible` : `${list(free)} ${free.length > 1 ? 'sont les seuls' : 'est le seul'} ${noun(x.kind, free.length)} disponible${free.length > 1 ? 's' : ''}`;
      return `il manque ${x.n} ${noun(x.kind, x.n)} (${[who, ...why].join(', et ')})`;
    });
    const f = d.fixed?.memberIds?.filter((id) => {
      const mi = facts.memberIndex.get(id)!;
      return !voters[di]!.includes(mi) || !available[mi]![best.t];
    });
    if (f?.length) parts.push(`${list(f.map((id) => memberName(facts.memberIndex.get(id)!)))} devait siéger mais ne le peut pas`);
    const ob = observer[di]!;
    if (ob >= 0 && !available[ob]![best.t]) parts.push(`${memberName(ob)}, qui dirige le mémoire et siège sans voix délibérative, n’est pas disponible`);
    out.push(`Soutenance de ${learnerName(di)} : aucun créneau ne réunit son jury ; au mieux, ${when}, ${parts.join(' ; ')}.`);
  });
  // Fixed assignments that collide with one another.
  const fixedAt = new Map<number, number[]>();
  input.defences.forEach((d, di) => d.fixed?.slotIndex !== undefined && fixedAt.set(facts.slotOf(d.fixed.dayId!, d.fixed.slotIndex).t, [...(fixedAt.get(facts.slotOf(d.fixed.dayId!, d.fixed.slotIndex).t) ?? []), di]));
  for (const [t, ds] of fixedAt) {
    const when = `${dayLabel(slots[t]!.dayIndex)} à ${slots[t]!.start}`;
    if (ds.length > input.rooms.length) out.push(`${ds.length} soutenances imposées ${when} pour ${input.rooms.length} salles (${list(ds.map(learnerName))}).`);
    const byRoom = new Map<string, number[]>();
    for (const di of ds) if (input.defences[di]!.fixed?.roomId) byRoom.set(input.defences[di]!.fixed!.roomId!, [...(byRoom.get(input.defences[di]!.fixed!.roomId!) ?? []), di]);
    for (const [room, rs] of byRoom) if (rs.length > 1) out.push(`${list(rs.map(learnerName))} sont imposés dans la même salle (${room}) ${when}.`);
    const byMember = new Map<string, number[]>();
    for (const di of ds) for (const id of input.defences[di]!.fixed?.memberIds ?? []) byMember.set(id, [...(byMember.get(id) ?? []), di]);
    for (const [id, ms] of byMember) if (ms.length > 1) out.push(`${memberName(facts.memberIndex.get(id)!)} est imposé·e dans deux jurys ${when} (${list(ms.map(learnerName))}).`);
  }
  return out;
}

/**
 * Scarce members: when a requirement of some defences (seats of a kind, or the responsable pédagogique's
 * representative) can only be met by members of a set S, those defences need at least that many seats of
 * S's members, and each member holds at most one seat per slot they are free. For each set S a defence
 * offers (its eligible members for one requirement), the defences whose eligible members all lie in S are
 * counted against S's free slots. A necessary condition, so it never refuses a session that has a plan.
 */
function scarceMembers(input: TPlanInput, facts: ReturnType<typeof planFacts>): string[] {
  const { available, voters, observer } = facts;
  const out: string[] = [];
  type TNeed = { di: number; key: string; count: number; eligible: number[]; label: string };
  const needs: TNeed[] = [];
  input.defences.forEach((d, di) => {
    if (d.fixed?.memberIds?.length) return;
    const pool = voters[di]!.filter((mi) => mi !== observer[di]);
    for (const line of input.compositions[d.route].members)
      needs.push({ di, key: `kind:${line.kind}`, count: line.count, eligible: pool.filter((mi) => input.members[mi]!.kind === line.kind), label: noun(line.kind, 2) });
    for (const kind of facts.needsResponsable(d.route))
      needs.push({ di, key: `responsable:${kind}`, count: 1, eligible: pool.filter((mi) => input.members[mi]!.kind === kind && input.members[mi]!.representsResponsable), label: 'représentant·es du responsable pédagogique du titre' });
  });
  const freeSlots = input.members.map((_, mi) => available[mi]!.filter(Boolean).length);
  const totalDemand = new Map<string, number>();
  for (const n of needs) totalDemand.set(n.key, (totalDemand.get(n.key) ?? 0) + n.count);
  const seen = new Set<string>();
  for (const n of needs) {
    const set = new Set(n.eligible);
    const supply = n.eligible.reduce((sum, mi) => sum + freeSlots[mi]!, 0);
    // No subset of this key's needs can ask more than all of them: a plentiful set is skipped at once.
    if (set.size === 0 || supply >= totalDemand.get(n.key)!) continue;
    const id = `${n.key}|${[...set].sort((a, b) => a - b).join(',')}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const within = needs.filter((m) => m.key === n.key && m.eligible.length <= set.size && m.eligible.every((mi) => set.has(mi)));
    const demand = within.reduce((sum, m) => sum + m.count, 0);
    if (demand <= supply) continue;
    const names = [...set].map((mi) => input.members[mi]!.name ?? input.members[mi]!.id);
    const learners = [...new Set(within.map((m) => input.defences[m.di]!.name ?? input.defences[m.di]!.learnerId))];
    const shown = learners.length > 6 ? `${learners.slice(0, 6).join(', ')}… (${learners.length} en tout)` : list(learners);
    out.push(
      `Les soutenances de ${shown} demandent ${demand} place${demand > 1 ? 's' : ''} ${/^[aeiouéh]/i.test(n.label) ? 'd’' : 'de '}${n.label} que seul${set.size > 1 ? 's' : ''} ${list(names)} ${set.size > 1 ? 'peuvent' : 'peut'} tenir ; ${set.size > 1 ? 'leurs disponibilités n’en offrent' : 'ses disponibilités n’en offrent'} que ${supply}.`,
    );
  }
  return out;
}

/** Wall-clock budget of the deletion filter; past it the subset found so far is reported as such. */
export const EXPLAIN_BUDGET_MS = 1500;

type TFeasible = (input: TPlanInput, relax: ReadonlySet<string>, timeLimitSeconds?: number) => Promise<boolean | null>;

/** A deletion-based irreducible subset of constraint groups (chunked: halves first, then one by one). */
export async function explainInfeasibility(input: TPlanInput, feasible: TFeasible): Promise<string[]> {
  const started = performance.now();
  const groups: TGroup[] = [];
  for (const m of input.members) if (m.availability) groups.push({ type: 'availability', memberId: m.id });
  const facts = planFacts(input);
  input.defences.forEach((d, di) => {
    if (facts.conflicted[di]!.size > 0) groups.push({ type: 'conflicts', learnerId: d.learnerId });
    if (input.supervisorRule !== 'may_sit' && d.supervisorId && facts.memberIndex.has(d.supervisorId)) groups.push({ type: 'supervisor', learnerId: d.learnerId });
    if (d.fixed) groups.push({ type: 'fixed', learnerId: d.learnerId });
  });
  groups.push({ type: 'rooms' });
  const all = groups.map(groupKey);
  const relaxOf = (kept: string[]) => new Set(all.filter((k) => !kept.includes(k)));
  if ((await feasible(input, relaxOf([]))) !== true)
    return ['Aucun planning n’existe même sans disponibilités, conflits, règle du directeur de mémoire ni contraintes imposées : les membres de certaines catégories sont trop peu nombreux pour tenir les jurys en même temps.'];
  // Invariant: `kept` ∪ `candidates` is infeasible; each group moved to `necessary` is needed.
  let candidates = [...all];
  const necessary: string[] = [];
  let chunk = Math.max(1, Math.ceil(candidates.length / 2));
  let complete = true;
  while (candidates.length > 0) {
    if (performance.now() - started > EXPLAIN_BUDGET_MS) {
      complete = false;
      break;
    }
    const size = Math.min(chunk, candidates.length);
    const trial = candidates.slice(size);
    const result = await feasible(input, relaxOf([...necessary, ...trial]), 2);
    if (result === false) {
      candidates = trial; // the chunk is not needed
      chunk = Math.max(1, Math.ceil(candidates.length / 2));
    } else if (size === 1) {
      necessary.push(candidates[0]!);
      candidates = trial;
      chunk = Math.max(1, Math.ceil(candidates.length / 2)); // halves again for what is left
    } else chunk = Math.ceil(size / 2);
  }
  const kept = complete ? necessary : [...necessary, ...candidates];
  const members = new Map(input.members.map((m) => [m.id, m]));
  const defences = new Map(input.defences.map((d) => [d.learnerId, d]));
  const describe = (key: string) => {
    const [type, id] = key.split(/:(.*)/s) as [string, string];
    const d = defences.get(id);
    const learner = d?.name ?? id;
    if (type === 'rooms') return `le nombre de salles (${input.rooms.length})`;
    if (type === 'availability') {
      const m = members.get(id)!;
      const days = m.availability!.map((a) => {
        const di = input.days.findIndex((x) => x.id === a.dayId);
        const label = input.days[di]?.label ?? `jour ${di + 1}`;
        return a.slots ? `${label} (${a.slots.map((s) => input.days[di]!.slots[s]!.start).join(', ')})` : label;
      });
      return `les disponibilités de ${m.name ?? m.id} (${days.length ? list(days) : 'aucune'})`;
    }
    if (type === 'conflicts') {
      const names = [...facts.conflicted[input.defences.indexOf(d!)]!].map((mi) => input.members[mi]!.name ?? input.members[mi]!.id);
      return `les conflits d’intérêts de ${learner} (avec ${list(names)})`;
    }
    if (type === 'supervisor') {
      const s = members.get(d!.supervisorId!)!;
      return `la règle du directeur de mémoire pour ${learner} (${s.name ?? s.id} : ${SUPERVISOR_RULE_LABELS[input.supervisorRule].toLowerCase()})`;
    }
    return `le créneau, la salle ou le jury imposés à ${learner}`;
  };
  const head = complete
    ? 'Aucun planning ne respecte ensemble ces contraintes (en lever une seule suffit à en rendre un possible) : '
    : 'Aucun planning ne respecte ensemble ces contraintes (ensemble réduit dans le temps imparti, peut-être pas minimal) : ';
  return [`${head}${kept.map(describe).join(' ; ')}.`];
}
