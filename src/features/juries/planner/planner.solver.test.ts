/**
 * The soutenance planner: hand cases from the compositions of seed 002 (2 Cnam teachers + 2
 * professionals; VAE: the administrateur général's representative, 4 Cnam teachers including the
 * responsable pédagogique, 2 professionals), the MILP against exhaustive search on small random
 * sessions, and the independent checker on every result.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combinatorialBound, dayAttendanceCosts } from './planner.bound.js';
import { checkPlan, scorePlan } from './planner.check.js';
import { diagnosePlan } from './planner.diagnose.js';
import { planFacts } from './planner.facts.js';
import { exhaustiveOptimum } from './planner.exhaustive.js';
import { greedyPlan } from './planner.greedy.js';
import { ZPlanInputSchema, type TPlanInput, type TPlanInputRaw, type TPlanResult } from './planner.input.js';
import { planSoutenances } from './planner.propose.js';
import { solvePlan } from './planner.solver.js';

const parse = (raw: TPlanInputRaw) => ZPlanInputSchema.parse(raw);
const oneDay = [{ id: 'j1', label: 'jour 1', slots: [{ start: '09:00', end: '10:00' }, { start: '10:15', end: '11:15' }] }];
const teacher = (id: string, extra: object = {}) => ({ id, name: id, kind: 'cnam_teacher' as const, ...extra });
const pro = (id: string, extra: object = {}) => ({ id, name: id, kind: 'professional' as const, ...extra });

async function solveChecked(input: TPlanInput): Promise<TPlanResult> {
  const result = await solvePlan(input, { timeLimitSeconds: 20 });
  if (result.status === 'optimal' || result.status === 'feasible') {
    expect(checkPlan(input, result.assignments)).toEqual([]);
    expect(result.assignments).toHaveLength(input.defences.length);
    expect(result.objective).toBe(scorePlan(input, result.assignments).objective);
  } else expect(result.assignments).toEqual([]);
  return result;
}

describe('soutenance planner: hand cases', () => {
  it('a 3 + 1 jury is impossible and the diagnosis says « il manque 1 professionnel »', async () => {
    const input = parse({
      defences: [{ learnerId: 'l1', name: 'Léa', route: 'training' }],
      days: oneDay,
      rooms: [{ id: 's1' }],
      members: [teacher('T1'), teacher('T2'), teacher('T3'), pro('Mme Roy')],
    });
    const result = await solveChecked(input);
    expect(result.status).toBe('infeasible');
    expect(result.diagnosis.join(' ')).toContain('il manque 1 professionnel');
    expect(result.diagnosis.join(' ')).toContain('Mme Roy est le seul professionnel disponible');
  });

  it('a 2 + 2 jury is seated, optimal, and passes the checker', async () => {
    const input = parse({ defences: [{ learnerId: 'l1', route: 'training' }], days: oneDay, rooms: [{ id: 's1' }], members: [teacher('T1'), teacher('T2'), pro('P1'), pro('P2')] });
    const result = await solveChecked(input);
    expect(result.status).toBe('optimal');
    expect(result.assignments[0]!.memberIds.sort()).toEqual(['P1', 'P2', 'T1', 'T2']);
    expect(result.objective).toBe(4 * (6 + 3 + 2)); // four members, one day, one half-day, one run each
    expect(result.gap).toBe(0);
  });

  it('a conflicted member never sits, and when they are needed the diagnosis names the conflict', async () => {
    const members = [teacher('T1'), teacher('T2'), pro('P1'), pro('P2'), pro('Mme Xu', { conflictsWith: ['l1'] })];
    const ok = await solveChecked(parse({ defences: [{ learnerId: 'l1', name: 'Yann', route: 'training' }], days: oneDay, rooms: [{ id: 's1' }], members }));
    expect(ok.status).toBe('optimal');
    expect(ok.assignments[0]!.memberIds).not.toContain('Mme Xu');
    const stuck = await solveChecked(
      parse({ defences: [{ learnerId: 'l1', name: 'Yann', route: 'training' }], days: oneDay, rooms: [{ id: 's1' }], members: members.filter((m) => m.id !== 'P2') }),
    );
    expect(stuck.status).toBe('infeasible');
    expect(stuck.diagnosis.join(' ')).toContain('il manque 1 professionnel');
    expect(stuck.diagnosis.join(' ')).toContain('Mme Xu est en conflit d’intérêts avec Yann');
  });

  it('the supervisor rule, each way', async () => {
    const base = { defences: [{ learnerId: 'l1', name: 'Zoé', route: 'training' as const, supervisorId: 'Dir' }], days: oneDay, rooms: [{ id: 's1' }] };
    const two = [teacher('Dir'), teacher('T2'), pro('P1'), pro('P2')];
    const three = [...two, teacher('T3')];
    const maySit = await solveChecked(parse({ ...base, members: two, supervisorRule: 'may_sit' }));
    expect(maySit.status).toBe('optimal');
    expect(maySit.assignments[0]!.memberIds).toContain('Dir');
    const mayNot = await solveChecked(parse({ ...base, members: two, supervisorRule: 'may_not_sit' }));
    expect(mayNot.status).toBe('infeasible');
    expect(mayNot.diagnosis.join(' ')).toContain('il manque 1 enseignant du Cnam');
    expect(mayNot.diagnosis.join(' ')).toContain('Dir dirige le mémoire');
    const mayNot3 = await solveChecked(parse({ ...base, members: three, supervisorRule: 'may_not_sit' }));
    expect(mayNot3.assignments[0]!.memberIds).not.toContain('Dir');
    expect(mayNot3.assignments[0]!.observerIds).toEqual([]);
    const without = await solveChecked(parse({ ...base, members: three, supervisorRule: 'sits_without_vote' }));
    expect(without.assignments[0]!.memberIds).not.toContain('Dir');
    expect(without.assignments[0]!.observerIds).toEqual(['Dir']);
    // Sitting without a vote means attending: an absent supervisor leaves no plan.
    const absent = await solveChecked(parse({ ...base, members: [teacher('Dir', { availability: [] }), teacher('T2'), teacher('T3'), pro('P1'), pro('P2')], supervisorRule: 'sits_without_vote' }));
    expect(absent.status).toBe('infeasible');
  });

  it('VAE: the administrateur général’s representative, 4 teachers with the responsable pédagogique, 2 professionals', async () => {
    const members = [
      { id: 'AG', kind: 'cnam_administrator' as const },
      teacher('R', { representsResponsable: true }),
      teacher('T2'),
      teacher('T3'),
      teacher('T4'),
      teacher('T5'),
      pro('P1'),
      pro('P2'),
    ];
    const input = parse({ defences: [{ learnerId: 'v1', route: 'vae' }], days: oneDay, rooms: [{ id: 's1' }], members });
    const result = await solveChecked(input);
    expect(result.status).toBe('optimal');
    expect(result.assignments[0]!.memberIds).toContain('R');
    expect(result.assignments[0]!.memberIds).toContain('AG');
    expect(result.assignments[0]!.memberIds).toHaveLength(7);
    const noResponsable = await solveChecked(parse({ defences: [{ learnerId: 'v1', route: 'vae' }], days: oneDay, rooms: [{ id: 's1' }], members: members.map((m) => ({ ...m, representsResponsable: false })) }));
    expect(noResponsable.status).toBe('infeasible');
    expect(noResponsable.diagnosis.join(' ')).toContain('responsable pédagogique');
  });

  it('nobody is double-booked: two defences with one jury go to two slots', async () => {
    const input = parse({
      defences: [{ learnerId: 'l1', route: 'training' }, { learnerId: 'l2', route: 'training' }],
      days: oneDay,
      rooms: [{ id: 's1' }, { id: 's2' }],
      members: [teacher('T1'), teacher('T2'), pro('P1'), pro('P2')],
    });
    const result = await solveChecked(input);
    expect(result.status).toBe('optimal');
    expect(new Set(result.assignments.map((a) => a.slotIndex)).size).toBe(2);
    expect(result.objective).toBe(4 * (6 + 3 + 2)); // consecutive slots: still one run each
  });

  it('fixed assignments are kept', async () => {
    const input = parse({
      defences: [{ learnerId: 'l1', route: 'training', fixed: { dayId: 'j1', slotIndex: 1, roomId: 's2', memberIds: ['T3'] } }],
      days: oneDay,
      rooms: [{ id: 's1' }, { id: 's2' }],
      members: [teacher('T1'), teacher('T2'), teacher('T3'), pro('P1'), pro('P2')],
    });
    const result = await solveChecked(input);
    expect(result.assignments[0]).toMatchObject({ slotIndex: 1, roomId: 's2' });
    expect(result.assignments[0]!.memberIds).toContain('T3');
  });

  it('when the counting checks pass but no plan exists, the diagnosis names an irreducible set of constraint groups', async () => {
    const slot = (i: number) => [{ dayId: 'j1', slots: [i] }];
    const input = parse({
      defences: [{ learnerId: 'A', name: 'Anna', route: 'training', conflictedMemberIds: ['P4'] }, { learnerId: 'B', name: 'Bruno', route: 'training', conflictedMemberIds: ['P3'] }],
      days: oneDay,
      rooms: [{ id: 's1' }],
      members: [teacher('T1'), teacher('T2'), pro('Mme Une', { availability: slot(0) }), pro('M. Deux', { availability: slot(0) }), pro('P3'), pro('P4')],
    });
    const started = performance.now();
    const result = await solveChecked(input);
    const ms = performance.now() - started;
    expect(result.status).toBe('infeasible');
    const text = result.diagnosis.join(' ');
    expect(text).toContain('en lever une seule suffit');
    for (const part of ['disponibilités de Mme Une', 'disponibilités de M. Deux', 'conflits d’intérêts de Anna (avec P4)', 'conflits d’intérêts de Bruno (avec P3)']) expect(text).toContain(part);
    expect(text).not.toContain('nombre de salles');
    expect(ms).toBeGreaterThan(0); // (the time is a bench figure, not an assertion)
  });

  it('two VAE juries and one responsable pédagogique free at one slot: the scarce-member count names him and his one slot at once', async () => {
    const input = parse({
      defences: [{ learnerId: 'v1', name: 'Vera', route: 'vae' }, { learnerId: 'v2', name: 'Victor', route: 'vae' }],
      days: oneDay,
      rooms: [{ id: 's1' }, { id: 's2' }],
      members: [{ id: 'AG', kind: 'cnam_administrator' }, teacher('R', { representsResponsable: true, availability: [{ dayId: 'j1', slots: [0] }] }), teacher('T2'), teacher('T3'), teacher('T4'), teacher('T5'), pro('P1'), pro('P2')],
    });
    const result = await solveChecked(input);
    expect(result.status).toBe('infeasible');
    expect(result.diagnosis).toEqual(['Les soutenances de Vera et Victor demandent 2 places de représentant·es du responsable pédagogique du titre que seul R peut tenir ; ses disponibilités n’en offrent que 1.']);
    // With a second slot for R, the count passes and a plan exists.
    const twoSlots = parse({ ...input, members: input.members.map((m) => (m.id === 'R' ? { ...m, availability: [{ dayId: 'j1', slots: [0, 1] }] } : m)) });
    expect(diagnosePlan(twoSlots)).toEqual([]);
    expect((await solveChecked(twoSlots)).status).toBe('optimal');
  });

  it('the checker refuses a double-booked member, a conflicted member and a wrong composition', async () => {
    const input = parse({
      defences: [{ learnerId: 'l1', route: 'training' }, { learnerId: 'l2', route: 'training' }],
      days: oneDay,
      rooms: [{ id: 's1' }, { id: 's2' }],
      members: [teacher('T1'), teacher('T2'), pro('P1'), pro('P2', { conflictsWith: ['l2'] })],
    });
    const a = { dayId: 'j1', slotIndex: 0, roomId: 's1', memberIds: ['T1', 'T2', 'P1', 'P2'], observerIds: [] };
    const problems = checkPlan(input, [{ learnerId: 'l1', ...a }, { learnerId: 'l2', ...a, roomId: 's2' }]);
    expect(problems.join(' ; ')).toContain('siège deux fois');
    expect(problems.join(' ; ')).toContain('en conflit d’intérêts');
    expect(checkPlan(input, [{ learnerId: 'l1', ...a, memberIds: ['T1', 'T2', 'P1'] }]).join(' ; ')).toContain('il manque 1 professionnel');
    const away = parse({ ...input, members: input.members.map((m) => (m.id === 'T1' ? { ...m, availability: [{ dayId: 'j1', slots: [1] }] } : m)) });
    expect(checkPlan(away, [{ learnerId: 'l1', ...a }]).join(' ; ')).toContain('T1 n’est pas disponible');
    const supervised = parse({ ...input, members: input.members.map((m) => ({ ...m, conflictsWith: [] })), defences: [{ learnerId: 'l1', route: 'training', supervisorId: 'T1' }], supervisorRule: 'may_not_sit' });
    expect(checkPlan(supervised, [{ learnerId: 'l1', ...a }]).join(' ; ')).toContain('ne peut pas voter');
    const observed = parse({ ...supervised, supervisorRule: 'sits_without_vote' });
    expect(checkPlan(observed, [{ learnerId: 'l1', ...a, memberIds: ['T2', 'P1', 'P2'] }]).join(' ; ')).toContain('doit siéger sans voix délibérative');
  });

  it('runs in a worker thread through runInWorker', async () => {
    const result = await planSoutenances({ defences: [{ learnerId: 'l1', route: 'training' }], days: oneDay, rooms: [{ id: 's1' }], members: [teacher('T1'), teacher('T2'), pro('P1'), pro('P2')] }, { timeLimitSeconds: 5 });
    expect(result.status).toBe('optimal');
  }, 60_000);
});

/** A random small session: 2 days × 2 slots (morning, afternoon), 1–2 rooms, few members, random availability and conflicts. */
const sessionArb = fc
  .record({
    n: fc.integer({ min: 1, max: 3 }),
    vae: fc.boolean(),
    rooms: fc.integer({ min: 1, max: 2 }),
    teachers: fc.integer({ min: 2, max: 4 }),
    pros: fc.integer({ min: 2, max: 3 }),
    availability: fc.array(fc.subarray([0, 1, 2, 3]), { minLength: 8, maxLength: 8 }),
    always: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    conflicts: fc.array(fc.tuple(fc.nat(7), fc.nat(2)), { maxLength: 3 }),
    supervisors: fc.array(fc.nat(4), { minLength: 3, maxLength: 3 }),
    rule: fc.constantFrom('may_sit' as const, 'may_not_sit' as const, 'sits_without_vote' as const),
  })
  .map((o): TPlanInput => {
    const days = [
      { id: 'j1', slots: [{ start: '09:00', end: '10:00' }, { start: '14:00', end: '15:00' }] },
      { id: 'j2', slots: [{ start: '09:00', end: '10:00' }, { start: '14:00', end: '15:00' }] },
    ];
    const avail = (k: number) => (o.always[k] ? undefined : o.availability[k]!.map((t) => ({ dayId: t < 2 ? 'j1' : 'j2', slots: [t % 2] })));
    const members = [
      ...Array.from({ length: o.teachers }, (_, k) => ({ id: `T${k}`, kind: 'cnam_teacher' as const, representsResponsable: k === 0, availability: avail(k) })),
      ...Array.from({ length: o.pros }, (_, k) => ({ id: `P${k}`, kind: 'professional' as const, availability: avail(4 + k) })),
    ];
    // VAE here: a smaller rule (1 teacher being the responsable + 1 professional) keeps the search exhaustive.
    const defences = Array.from({ length: o.n }, (_, i) => ({
      learnerId: `l${i}`,
      route: o.vae && i === 0 ? ('vae' as const) : ('training' as const),
      supervisorId: o.supervisors[i]! < o.teachers ? `T${o.supervisors[i]}` : null,
      conflictedMemberIds: o.conflicts.filter(([, d]) => d === i).map(([m]) => members[m % members.length]!.id),
    }));
    return parse({
      defences: defences.map((d) => ({ ...d, conflictedMemberIds: [...new Set(d.conflictedMemberIds)] })),
      days,
      rooms: Array.from({ length: o.rooms }, (_, k) => ({ id: `s${k}` })),
      members,
      supervisorRule: o.rule,
      compositions: {
        training: { members: [{ kind: 'cnam_teacher', count: 2, label: 'enseignants' }, { kind: 'professional', count: 1, label: 'professionnel' }] },
        vae: { members: [{ kind: 'cnam_teacher', count: 1, label: 'enseignant', mustInclude: ['le responsable pédagogique du titre'] }, { kind: 'professional', count: 1, label: 'professionnel' }] },
      },
    });
  });

describe('soutenance planner: against exhaustive search', () => {
  it('same feasibility and same optimum on small random sessions; every result passes the checker', async () => {
    await fc.assert(
      fc.asyncProperty(sessionArb, async (input) => {
        const exact = exhaustiveOptimum(input);
        const result = await solveChecked(input);
        if (exact === null) {
          expect(result.status).toBe('infeasible');
          expect(result.diagnosis.length).toBeGreaterThan(0);
        } else {
          expect(result.status).toBe('optimal');
          expect(result.objective).toBe(exact.objective);
          expect(result.bound).toBe(exact.objective);
        }
        const greedy = greedyPlan(input);
        if (greedy) expect(checkPlan(input, greedy)).toEqual([]);
      }),
      { numRuns: 60, seed: 20261202 },
    );
  }, 120_000);

  it('six defences, proven optimal against exhaustive search', async () => {
    const input = parse({
      defences: Array.from({ length: 6 }, (_, i) => ({ learnerId: `l${i}`, route: 'training' as const, supervisorId: i % 2 ? 'T0' : 'T1' })),
      days: [
        { id: 'j1', slots: [{ start: '09:00', end: '10:00' }, { start: '10:15', end: '11:15' }, { start: '14:00', end: '15:00' }] },
        { id: 'j2', slots: [{ start: '09:00', end: '10:00' }, { start: '14:00', end: '15:00' }] },
      ],
      rooms: [{ id: 's1' }],
      members: [teacher('T0'), teacher('T1'), teacher('T2', { availability: [{ dayId: 'j1' }] }), pro('P0'), pro('P1', { availability: [{ dayId: 'j2' }, { dayId: 'j1', slots: [0] }] })],
      supervisorRule: 'may_not_sit',
      compositions: { training: { members: [{ kind: 'cnam_teacher', count: 2, label: 'enseignants' }, { kind: 'professional', count: 1, label: 'professionnel' }] }, vae: { members: [{ kind: 'cnam_teacher', count: 1, label: 'e' }] } },
    });
    const exact = exhaustiveOptimum(input);
    const result = await solveChecked(input);
    if (exact === null) expect(result.status).toBe('infeasible');
    else {
      expect(result.status).toBe('optimal');
      expect(result.objective).toBe(exact.objective);
    }
  }, 60_000);
});

describe('soutenance planner: the combinatorial lower bound', () => {
  it('prices one day’s attendance by days, half-days and runs', () => {
    const w = { day: 6, halfDay: 3, block: 2, load: 2 };
    expect(dayAttendanceCosts([true, true, true, true, true, true], [0, 0, 0, 1, 1, 1], w)).toEqual([0, 11, 11, 11, 14, 14, 14]);
    // Slots 0 and 2 open only: two slots mean two runs.
    expect(dayAttendanceCosts([true, false, true], [0, 0, 0], w)).toEqual([0, 11, 13, Infinity]);
  });

  it('is never above the exhaustive optimum, and proves it when members must come on several days', async () => {
    await fc.assert(
      fc.asyncProperty(sessionArb, async (input) => {
        const exact = exhaustiveOptimum(input);
        if (exact) expect(combinatorialBound(input, planFacts(input))).toBeLessThanOrEqual(exact.objective);
      }),
      { numRuns: 60, seed: 20261203 },
    );
    // Two teachers and two professionals for three defences over two days of one slot each, then a third day:
    // every member sits all three, so comes three days — the bound says so without the MILP.
    const days = ['j1', 'j2', 'j3'].map((id) => ({ id, slots: [{ start: '09:00', end: '10:00' }] }));
    const input = parse({ defences: ['a', 'b', 'c'].map((learnerId) => ({ learnerId, route: 'training' as const })), days, rooms: [{ id: 's1' }], members: [teacher('T1'), teacher('T2'), pro('P1'), pro('P2')] });
    expect(combinatorialBound(input, planFacts(input))).toBe(4 * 3 * (6 + 3 + 2));
    const result = await solveChecked(input);
    expect(result).toMatchObject({ status: 'optimal', objective: 132, bound: 132, gap: 0 });
  }, 120_000);
});

describe('soutenance planner: a session of some size', () => {
  // 24 defences (one in six by VAE) over 2 days of 6 slots, 3 rooms; availability by half-days, supervisors, a few conflicts.
  const medium = (): TPlanInput => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const slots = ['09:00', '10:15', '11:30', '14:00', '15:15', '16:30'].map((start) => ({ start, end: `${String(Number(start.slice(0, 2)) + 1).padStart(2, '0')}${start.slice(2)}` }));
    const days = ['j1', 'j2'].map((id) => ({ id, slots }));
    const availability = () => days.flatMap((d) => (rnd() < 0.7 ? [{ dayId: d.id }] : rnd() < 0.5 ? [{ dayId: d.id, slots: [0, 1, 2] }] : [{ dayId: d.id, slots: [3, 4, 5] }]));
    const members = [
      ...Array.from({ length: 10 }, (_, k) => teacher(`E${k}`, { representsResponsable: k < 2, availability: availability() })),
      ...Array.from({ length: 8 }, (_, k) => pro(`P${k}`, { availability: availability() })),
      ...Array.from({ length: 2 }, (_, k) => ({ id: `A${k}`, kind: 'cnam_administrator' as const, availability: availability() })),
    ];
    return parse({
      defences: Array.from({ length: 24 }, (_, i) => ({ learnerId: `l${i}`, route: i % 6 === 5 ? ('vae' as const) : ('training' as const), supervisorId: `E${i % 10}`, conflictedMemberIds: i % 8 === 3 ? [`P${i % 8}`] : [] })),
      days,
      rooms: [{ id: 's1' }, { id: 's2' }, { id: 's3' }],
      members,
      supervisorRule: 'may_not_sit',
    });
  };

  it('the greedy start (juries kept together, then seats handed over) and the solved plan pass the checker, within the bound', async () => {
    const input = medium();
    const greedy = greedyPlan(input);
    expect(greedy).not.toBeNull();
    expect(checkPlan(input, greedy!)).toEqual([]);
    const lower = combinatorialBound(input, planFacts(input));
    expect(scorePlan(input, greedy!).objective).toBeGreaterThanOrEqual(lower);
    const result = await solvePlan(input, { timeLimitSeconds: 4 });
    expect(result.status === 'optimal' || result.status === 'feasible').toBe(true);
    expect(checkPlan(input, result.assignments)).toEqual([]);
    expect(result.objective).toBe(scorePlan(input, result.assignments).objective);
    expect(result.objective!).toBeLessThanOrEqual(scorePlan(input, greedy!).objective);
    expect(result.bound!).toBeGreaterThanOrEqual(lower);
    expect(result.bound!).toBeLessThanOrEqual(result.objective!);
  }, 60_000);
});
