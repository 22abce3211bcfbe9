/**
 * soutenances: the jury planner on generated sessions (fixed seed: the same instances every run),
 * 60 defences × 3 days × 5 rooms and 600 defences × 30 days × 5 rooms, solved through
 * `planSoutenances` in a worker thread. Prints status, objective, bound, gap and time. Asserts nothing.
 */
import { planSoutenances } from '../src/features/juries/planner/planner.propose.js';
import { ZPlanInputSchema, type TPlanInputRaw } from '../src/features/juries/planner/planner.input.js';
import { checkPlan } from '../src/features/juries/planner/planner.check.js';
import { greedyPlan } from '../src/features/juries/planner/planner.greedy.js';
import { diagnosePlan } from '../src/features/juries/planner/planner.diagnose.js';
import { scorePlan } from '../src/features/juries/planner/planner.check.js';

const SEED = 20_261_202;
const TIME_LIMIT_SECONDS = Number(process.env.BENCH_SOUTENANCES_TIME_LIMIT ?? 10);
/** The target of issue 11: proven within 1 %; the solver stops there (0: search until the optimum is proven). */
const RELATIVE_GAP = Number(process.env.BENCH_SOUTENANCES_GAP ?? 0.01);
const SLOTS = [
  { start: '09:00', end: '10:00' },
  { start: '10:15', end: '11:15' },
  { start: '11:30', end: '12:30' },
  { start: '14:00', end: '15:00' },
  { start: '15:15', end: '16:15' },
  { start: '16:30', end: '17:30' },
];

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * n defences (one in six by VAE), `days` days of 6 slots, 5 rooms; per 60 defences: 18 Cnam teachers
 * (2 representing the responsable pédagogique), 16 professionals, 3 administrators' representatives,
 * each available on about two days in three (whole days or half-days); supervisors among the
 * teachers; one learner in eight with a declared conflict.
 */
export function generateSession(n: number, days: number, seed = SEED): TPlanInputRaw {
  const rnd = random(seed + n);
  const scale = Math.ceil(n / 60);
  const dayList = Array.from({ length: days }, (_, k) => ({ id: `j${k + 1}`, label: `jour ${k + 1}`, slots: SLOTS }));
  const availability = () =>
    dayList.flatMap((d) => {
      const r = rnd();
      if (r < 0.7) return [{ dayId: d.id }];
      if (r < 0.8) return [{ dayId: d.id, slots: [0, 1, 2] }];
      if (r < 0.9) return [{ dayId: d.id, slots: [3, 4, 5] }];
      return [];
    });
  const members = [
    ...Array.from({ length: 18 * scale }, (_, k) => ({ id: `e${k}`, name: `Enseignant·e ${k}`, kind: 'cnam_teacher' as const, representsResponsable: k % 7 === 0, availability: availability() })),
    ...Array.from({ length: 16 * scale }, (_, k) => ({ id: `p${k}`, name: `Professionnel·le ${k}`, kind: 'professional' as const, availability: availability() })),
    ...Array.from({ length: 3 * scale }, (_, k) => ({ id: `a${k}`, name: `Représentant·e de l’administrateur ${k}`, kind: 'cnam_administrator' as const, availability: availability() })),
  ];
  for (const m of members) if (m.availability.length === 0) m.availability.push({ dayId: dayList[Math.floor(rnd() * days)]!.id });
  const defences = Array.from({ length: n }, (_, i) => ({
    learnerId: `l${i}`,
    name: `Auditeur·rice ${i}`,
    route: (i % 6 === 5 ? 'vae' : 'training') as 'vae' | 'training',
    supervisorId: `e${Math.floor(rnd() * 18 * scale)}`,
    conflictedMemberIds: rnd() < 0.125 ? [members[Math.floor(rnd() * members.length)]!.id] : [],
  }));
  return { defences, days: dayList, rooms: Array.from({ length: 5 }, (_, k) => ({ id: `s${k + 1}`, video: k === 4 })), members, supervisorRule: 'may_not_sit' };
}

/**
 * The 60-defence session made infeasible: the three members who represent the responsable pédagogique
 * come one morning each (9 slots), and the 10 VAE juries each need one. Built so that the first counting
 * checks pass; the scarce-member count (decision 025, amended) now explains it without the deletion filter.
 */
export function infeasibleSession(): TPlanInputRaw {
  const raw = generateSession(60, 3);
  const mornings = ['j1', 'j2', 'j3'];
  let k = 0;
  const members = raw.members!.map((m) => (m.representsResponsable ? { ...m, availability: [{ dayId: mornings[k++ % 3]!, slots: [0, 1, 2] }] } : m));
  return { ...raw, members };
}

/**
 * The 60-defence session made infeasible by conflicts (explained by the scarce-member count since it exists):
 * seven VAE learners declare a conflict with two of the three administrators' representatives, and the
 * third comes on day 1 only (6 slots for 7 juries).
 */
export function conflictedSession(): TPlanInputRaw {
  const raw = generateSession(60, 3);
  const vae = raw.defences!.filter((d) => d.route === 'vae').slice(0, 7).map((d) => d.learnerId);
  return {
    ...raw,
    defences: raw.defences!.map((d) => (vae.includes(d.learnerId) ? { ...d, conflictedMemberIds: ['a0', 'a1'] } : d)),
    members: raw.members!.map((m) => (m.id === 'a2' ? { ...m, availability: [{ dayId: 'j1' }] } : m)),
  };
}

export async function benchSoutenances() {
  console.log(`\nsoutenances : planification des jurys (HiGHS dans un fil de calcul, limite ${TIME_LIMIT_SECONDS} s, arrêt à un écart prouvé de ${(RELATIVE_GAP * 100).toFixed(0)} %)`);
  for (const [n, days] of [
    [60, 3],
    ...(process.env.BENCH_SOUTENANCES_ONLY_SMALL ? [] : ([[600, 30]] as const)),
  ] as const) {
    const raw = generateSession(n, days);
    const input = ZPlanInputSchema.parse(raw);
    const greedy = greedyPlan(input);
    const started = performance.now();
    let line: string;
    try {
      const result = await planSoutenances(raw, { timeLimitSeconds: TIME_LIMIT_SECONDS, relativeGap: RELATIVE_GAP });
      const wallMs = performance.now() - started;
      const problems = checkPlan(input, result.assignments);
      const gap = result.gap === null ? '—' : `${(result.gap * 100).toFixed(2)} %`;
      line =
        `${result.status}, objectif ${result.objective ?? '—'}, borne ${result.bound ?? '—'}, écart ${gap}, résolution ${result.solveMs} ms (fil compris ${Math.round(wallMs)} ms) ; ` +
        `contrôle ${result.assignments.length === 0 ? '—' : problems.length === 0 ? 'conforme' : `${problems.length} erreurs`}` +
        (result.diagnosis.length ? ` ; diagnostic : ${result.diagnosis.join(' / ')}` : '');
    } catch (error) {
      line = `échec : ${error instanceof Error ? error.message : String(error)}`;
    }
    console.log(
      `  ${String(n).padStart(3)} soutenances, ${days} jours × ${SLOTS.length} créneaux × 5 salles, ${raw.members.length} membres : ${line} ; départ glouton ${greedy ? scorePlan(input, greedy).objective : 'aucun'}`,
    );
  }
  for (const [label, raw] of [
    ['3 responsables pédagogiques sur 9 créneaux pour 10 VAE', infeasibleSession()],
    ['7 VAE qui ne peuvent avoir qu’un·e représentant·e de l’administrateur, présent·e 6 créneaux', conflictedSession()],
  ] as const) {
    const quick = diagnosePlan(ZPlanInputSchema.parse(raw));
    const started = performance.now();
    const result = await planSoutenances(raw, { timeLimitSeconds: TIME_LIMIT_SECONDS, relativeGap: RELATIVE_GAP });
    console.log(
      `  sans planning possible (60 soutenances, ${label} ; contrôles de comptage ${quick.length === 0 ? 'passés' : 'en échec'}) : ${result.status}, ` +
        `diagnostic en ${result.solveMs} ms (fil compris ${Math.round(performance.now() - started)} ms) : ${result.diagnosis.join(' / ')}`,
    );
  }
}
