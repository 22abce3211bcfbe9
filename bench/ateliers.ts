/**
 * ateliers: the grouping optimiser on generated promotions of 40, 120 and 400 learners (fixed seed:
 * the same instances every run), solved through `proposeGroups` in a worker thread. Prints solve
 * time, objective, bound and gap, and the main thread's timer lag while the worker computes (what
 * a request would wait for: it stays near the timer's own period). Asserts nothing.
 */
import { proposeGroups } from '../src/features/memoire/ateliers/ateliers.propose.js';
import { ZGroupingInputSchema, type TGroupingInputRaw } from '../src/features/memoire/ateliers/ateliers.input.js';
import { checkGrouping } from '../src/features/memoire/ateliers/ateliers.rules.js';
import { percentile } from './lib.js';

const SIZES = [40, 120, 400];
const SEED = 20_261_202;
const TIME_LIMIT_SECONDS = Number(process.env.BENCH_ATELIERS_TIME_LIMIT ?? 30);
const THEMES = ['gouvernance', 'finances', 'ressources humaines', 'innovation sociale', 'coopératives', 'insertion', 'culture', 'habitat'];

/** mulberry32: a small seeded generator, so the instances never change between runs. */
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
 * A promotion of n learners: leaders for ~1.3× the groups needed, learners from organisations of
 * 1–3 people (colleagues must not be together), a third wishing a leader, half a theme, one pair
 * per six learners asking to be together, and a previous grouping of 85 % of them (the rest are new).
 */
export function generatePromotion(n: number, seed = SEED): TGroupingInputRaw {
  const rnd = random(seed + n);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  const leaderCount = Math.ceil(n / 11) + 1;
  const leaders = Array.from({ length: leaderCount }, (_, k) => ({
    id: `p${k}`,
    maxGroups: 2 + (rnd() < 0.5 ? 1 : 0),
    themes: [pick(THEMES), pick(THEMES)].filter((t, i, all) => all.indexOf(t) === i),
  }));
  const learners = Array.from({ length: n }, (_, i) => ({
    id: `a${i}`,
    wishedLeaderId: rnd() < 0.3 ? pick(leaders).id : null,
    wishedTheme: rnd() < 0.5 ? pick(THEMES) : null,
  }));
  const mustNotBeTogether: [string, string][] = [];
  for (let i = 0; i < n; ) {
    const size = 1 + Math.floor(rnd() * 3);
    const colleagues = learners.slice(i, i + size).map((l) => l.id);
    for (let a = 0; a < colleagues.length; a++) for (let b = a + 1; b < colleagues.length; b++) mustNotBeTogether.push([colleagues[a]!, colleagues[b]!]);
    i += size;
  }
  const wishTogether: [string, string][] = [];
  for (let k = 0; k < Math.floor(n / 6); k++) {
    const [a, b] = [pick(learners).id, pick(learners).id];
    if (a !== b) wishTogether.push([a, b]);
  }
  // The previous grouping respected the exclusions: colleagues (consecutive ids) are dealt round
  // the groups like cards, so they land apart; sizes differ by one at most (5 or 6).
  const returning = learners.filter(() => rnd() < 0.85).map((l) => l.id);
  const previousCount = Math.ceil(returning.length / 6);
  const previousGroups: TGroupingInputRaw['previousGroups'] = Array.from({ length: previousCount }, (_, g) => ({
    id: `g${g}`,
    leaderId: leaders[g % leaders.length]!.id,
    memberIds: returning.filter((_, k) => k % previousCount === g),
  }));
  return { learners, leaders, mustNotBeTogether, wishTogether, previousGroups };
}

export async function benchAteliers() {
  console.log(`\nateliers : répartition en groupes de 5 à 6 (HiGHS dans un fil de calcul, limite ${TIME_LIMIT_SECONDS} s)`);
  for (const n of SIZES) {
    const raw = generatePromotion(n);
    const lags: number[] = [];
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      lags.push(now - last);
      last = now;
    }, 20);
    const started = performance.now();
    const result = await proposeGroups(raw, { timeLimitSeconds: TIME_LIMIT_SECONDS });
    const wallMs = performance.now() - started;
    clearInterval(ticker);
    const problems = checkGrouping(ZGroupingInputSchema.parse(raw), result.groups);
    lags.sort((a, b) => a - b);
    const gap = result.gap === null ? '—' : `${(result.gap * 100).toFixed(2)} %`;
    console.log(
      `  ${String(n).padStart(3)} auditeur·rices, ${raw.leaders.length} responsables, ${raw.mustNotBeTogether?.length ?? 0} exclusions : ` +
        `${result.status}, ${result.groups.length} groupes, objectif ${result.objective ?? '—'}, borne ${result.bound ?? '—'}, écart ${gap}, ` +
        `résolution ${result.solveMs} ms (fil compris ${Math.round(wallMs)} ms) ; contrôle ${problems.length === 0 ? 'conforme' : `${problems.length} erreurs`} ; ` +
        `intervalle de 20 ms du fil principal : p95 ${percentile(lags, 95)?.toFixed(0) ?? '—'} ms, max ${lags.at(-1)?.toFixed(0) ?? '—'} ms`,
    );
  }
}
