/**
 * The evaluation plans of the three versions (decision 024): each item quotes its seed word for word,
 * every bloc is assessed, and the file's checks catch an assessment pointing at no bloc.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCertificationVersion } from './referentiel.rules.js';
import { ZCertificationVersionSchema } from './referentiel.schema.js';

const dataUrl = (file: string) => new URL(`../../../data/certifications/${file}`, import.meta.url);
const load = (file: string) => ZCertificationVersionSchema.parse(JSON.parse(readFileSync(dataUrl(file), 'utf8')));

/** The seeds live beside the repository (../shared/seeds); typographic variants and line breaks are not the seed's words. */
const SEEDS = new URL('../../../../shared/seeds/', import.meta.url);
const normalise = (s: string) => s.replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();
function seedText(id: string): string | null {
  if (!existsSync(SEEDS)) return null;
  const file = readdirSync(SEEDS).find((f) => f.startsWith(`${id}_`));
  return file ? normalise(readFileSync(new URL(file, SEEDS), 'utf8')) : null;
}

describe.each([
  ['rncp-5385.json', '002', 11],
  ['rncp-35080.json', '003', 7],
  ['rncp-41336.json', '003', 7],
])('%s', (file, seed, count) => {
  const version = load(file);
  const plan = version.evaluationPlan!;

  it(`has ${count} assessments, all cited to ${seed}, every bloc assessed, no problem in the file`, () => {
    expect(plan.assessments).toHaveLength(count);
    expect(new Set(plan.assessments.map((a) => a.source.seed))).toEqual(new Set([seed]));
    for (const bloc of version.blocs) expect(plan.assessments.some((a) => a.blocs.includes(bloc.code))).toBe(true);
    expect(checkCertificationVersion(version).filter((p) => p.path.includes('evaluationPlan') || p.message.includes("plan d'évaluation"))).toEqual([]);
  });

  it('quotes each seed word for word', () => {
    const quotes = [plan.source, ...plan.assessments.map((a) => a.source), ...plan.rubrics.flatMap((r) => r.criteria.map((c) => c.source))];
    for (const q of quotes) {
      const text = seedText(q.seed);
      if (text === null) continue; // the seeds are not beside this checkout
      const words = normalise(q.quote).split(' - ');
      for (const part of words) expect(text, `${q.seed}: ${part}`).toContain(part);
    }
  });
});

it('the mémoire of 35080 and 41336 is double-marked against the four qualities of 001; 5385 names none', () => {
  for (const file of ['rncp-35080.json', 'rncp-41336.json']) {
    const plan = load(file).evaluationPlan!;
    const memoire = plan.assessments.find((a) => a.kind === 'thesis')!;
    expect(memoire.marking).toEqual({ mode: 'double', thirdReadingThreshold: 3 });
    expect(plan.rubrics.find((r) => r.id === memoire.rubric)!.criteria.map((c) => c.id)).toEqual(['distanciation', 'argumentation', 'coherence', 'pertinence']);
  }
  const memoire5385 = load('rncp-5385.json').evaluationPlan!.assessments.find((a) => a.kind === 'thesis')!;
  expect(memoire5385.blocs).toEqual(['RNCP5385-F1']);
  expect(memoire5385.rubric).toBeUndefined();
});

it('an assessment pointing at a bloc the version does not have, or an unknown rubric, is an error located by its path', () => {
  const v = load('rncp-41336.json');
  v.evaluationPlan!.assessments[0]!.blocs = ['CPN07B99'];
  v.evaluationPlan!.assessments[4]!.rubric = 'grille-inconnue';
  const problems = checkCertificationVersion(v).filter((p) => p.severity === 'error');
  expect(problems.map((p) => p.path)).toEqual(['evaluationPlan.assessments[0].blocs[0]', 'evaluationPlan.assessments[4].rubric']);
  expect(problems[0]!.message).toContain('« CPN07B99 », qui n\'existe pas');
  // CPN07B10 lost its only specific assessment but keeps the transversal ones: no warning.
  expect(checkCertificationVersion(v).some((p) => p.path === 'blocs[0]')).toBe(false);
});
