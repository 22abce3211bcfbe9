import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TAssessment, TBlocRule } from '../referentiel/evaluation-plan.schema.js';
import { ZCertificationVersionSchema, type TCertificationVersion } from '../referentiel/referentiel.schema.js';
import {
  assessmentOutcome,
  assessmentsOfBloc,
  blocProposal,
  markValueProblem,
  needsThirdReading,
  rubricMarkCenti,
  type TAssessmentOutcome,
} from './evaluations.rules.js';

const load = (file: string): TCertificationVersion =>
  ZCertificationVersionSchema.parse(JSON.parse(readFileSync(new URL(`../../../data/certifications/${file}`, import.meta.url), 'utf8')));
const v5385 = load('rncp-5385.json');
const v41336 = load('rncp-41336.json');
const plan5385 = v5385.evaluationPlan!;
const plan41336 = v41336.evaluationPlan!;
const byId = (plan: typeof plan5385, id: string) => plan.assessments.find((a) => a.id === id)!;
const DEFAULT: TBlocRule = { kind: 'weighted_average', passMark: 10, eliminatoryBelow: null };
const ALL: TBlocRule = { kind: 'all_passed' };
const m = (mark: number) => ({ markCenti: Math.round(mark * 100), passed: null });
const single = (a: TAssessment, mark: number) => assessmentOutcome(a, { 1: m(mark) });
const outcomes = (entries: Array<[string, TAssessmentOutcome]>) => new Map(entries);

describe('readings of one assessment', () => {
  const memoire = byId(plan41336, 'memoire'); // double marking, third reading beyond 3 points

  it('double marking within the threshold: the mean of the two readings (14 and 16 → 15)', () => {
    expect(assessmentOutcome(memoire, { 1: m(14), 2: m(16) })).toEqual({ status: 'final', markCenti: 1500, passed: true, gapCenti: 200 });
  });

  it('a gap of exactly the threshold is agreement; one point more calls for a third reading, which decides', () => {
    expect(assessmentOutcome(memoire, { 1: m(10), 2: m(13) })).toMatchObject({ status: 'final', markCenti: 1150 });
    expect(assessmentOutcome(memoire, { 1: m(12), 2: m(16) })).toEqual({ status: 'third_reading', gapCenti: 400 });
    expect(assessmentOutcome(memoire, { 1: m(12), 2: m(16), 3: m(13) })).toEqual({ status: 'final', markCenti: 1300, passed: true, gapCenti: 400 });
  });

  it('one reading of two is pending; single marking is final at once', () => {
    expect(assessmentOutcome(memoire, { 1: m(12) })).toEqual({ status: 'pending', readings: 1 });
    expect(single(byId(plan5385, 'f2-ecrit'), 9.5)).toEqual({ status: 'final', markCenti: 950, passed: false, gapCenti: null });
  });

  it('property: disagreement is symmetric, and a final double mark lies between the two readings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (a, b) => {
        const ra = { markCenti: a, passed: null };
        const rb = { markCenti: b, passed: null };
        expect(needsThirdReading(memoire, ra, rb)).toBe(needsThirdReading(memoire, rb, ra));
        expect(needsThirdReading(memoire, ra, rb)).toBe(Math.abs(a - b) > 300);
        const o = assessmentOutcome(memoire, { 1: ra, 2: rb });
        if (o.status === 'final') {
          expect(o.markCenti!).toBeGreaterThanOrEqual(Math.min(a, b));
          expect(o.markCenti!).toBeLessThanOrEqual(Math.max(a, b));
        } else expect(o.status).toBe('third_reading');
      }),
    );
  });
});

describe('bloc proposal from the plan and the rule', () => {
  it('RNCP 5385, gestion (002: « un exercice écrit et un oral »): 12 and 9 average 10,5 — validated by the default rule, not when every test must pass', () => {
    const as = assessmentsOfBloc(plan5385, 'RNCP5385-F2');
    expect(as.map((a) => a.id)).toEqual(['f2-ecrit', 'f2-oral']);
    const os = outcomes([['f2-ecrit', single(as[0]!, 12)], ['f2-oral', single(as[1]!, 9)]]);
    expect(blocProposal(as, os, DEFAULT)).toEqual({ status: 'validated', averageCenti: 1050, reasons: [] });
    expect(blocProposal(as, os, ALL)).toEqual({ status: 'not_validated', averageCenti: 1050, reasons: ['« Oral — gestion administrative, comptable et financière » : 9/20, sous 10/20.'] });
  });

  it('RNCP 5385, coordination (four tests): 8, 11, 12, 9 average exactly 10 — validated; an eliminatory mark of 9 refuses it', () => {
    const as = assessmentsOfBloc(plan5385, 'RNCP5385-F3');
    expect(as).toHaveLength(4);
    const os = outcomes(as.map((a, i) => [a.id, single(a, [8, 11, 12, 9][i]!)]));
    expect(blocProposal(as, os, DEFAULT)).toMatchObject({ status: 'validated', averageCenti: 1000 });
    const eliminatory = blocProposal(as, os, { kind: 'weighted_average', passMark: 10, eliminatoryBelow: 9 });
    expect(eliminatory.status).toBe('not_validated');
    expect(eliminatory.reasons).toEqual(["« Analyse de texte sur l'organisation interne et le management d'équipe » : 8/20, note éliminatoire (sous 9/20)."]);
  });

  it('RNCP 41336, CPN07B10: case study 9, mémoire 14/16, soutenance 12/16 then 13 at the third reading, tools acquis → (9 + 15 + 13) / 3 = 12,33', () => {
    const as = assessmentsOfBloc(plan41336, 'CPN07B10');
    expect(as.map((a) => a.id)).toEqual(['cas-pratiques-1', 'memoire', 'soutenance', 'outils']);
    const [cas, memoire, soutenance, outils] = as as [TAssessment, TAssessment, TAssessment, TAssessment];
    const waiting = outcomes([
      ['cas-pratiques-1', single(cas, 9)],
      ['memoire', assessmentOutcome(memoire, { 1: m(14), 2: m(16) })],
      ['soutenance', assessmentOutcome(soutenance, { 1: m(12), 2: m(16) })],
      ['outils', assessmentOutcome(outils, { 1: { markCenti: null, passed: true } })],
    ]);
    expect(blocProposal(as, waiting, DEFAULT)).toEqual({ status: 'incomplete', averageCenti: null, reasons: ["« Soutenance orale d'analyse de pratiques » attend une troisième lecture."] });
    const done = new Map(waiting).set('soutenance', assessmentOutcome(soutenance, { 1: m(12), 2: m(16), 3: m(13) }));
    expect(blocProposal(as, done, DEFAULT)).toEqual({ status: 'validated', averageCenti: 1233, reasons: [] });
    done.set('outils', assessmentOutcome(outils, { 1: { markCenti: null, passed: false } }));
    expect(blocProposal(as, done, DEFAULT).status).toBe('not_validated');
  });

  it('property: under the default rule, raising one mark never turns a validated bloc into a refused one', () => {
    const as = assessmentsOfBloc(plan5385, 'RNCP5385-F4');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 4, maxLength: 4 }), fc.nat(3), fc.integer({ min: 0, max: 2000 }), (marks, i, bump) => {
        const before = blocProposal(as, outcomes(as.map((a, k) => [a.id, single(a, marks[k]! / 100)])), DEFAULT);
        const raised = marks.map((x, k) => (k === i ? Math.min(2000, x + bump) : x));
        const after = blocProposal(as, outcomes(as.map((a, k) => [a.id, single(a, raised[k]! / 100)])), DEFAULT);
        if (before.status === 'validated') expect(after.status).toBe('validated');
        expect(after.averageCenti!).toBeGreaterThanOrEqual(before.averageCenti!);
      }),
    );
  });

  it('property: all_passed validates exactly when every mark reaches its pass mark, and then the default rule validates too', () => {
    const as = assessmentsOfBloc(plan5385, 'RNCP5385-F3');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 4, maxLength: 4 }), (marks) => {
        const os = outcomes(as.map((a, k) => [a.id, single(a, marks[k]! / 100)]));
        const strict = blocProposal(as, os, ALL);
        expect(strict.status === 'validated').toBe(marks.every((x) => x >= 1000));
        if (strict.status === 'validated') expect(blocProposal(as, os, DEFAULT).status).toBe('validated');
      }),
    );
  });
});

describe('values and rubric', () => {
  it('the mémoire’s four qualities (001) give the mark as the sum of their levels’ points', () => {
    const rubric = plan41336.rubrics[0]!;
    expect(rubric.criteria.map((c) => c.label)).toEqual(['Distanciation', 'Argumentation', 'Cohérence', 'Pertinence']);
    expect(rubricMarkCenti(rubric, { distanciation: 'satisfaisant', argumentation: 'tres-satisfaisant', coherence: 'fragile', pertinence: 'satisfaisant' })).toEqual({ ok: true, markCenti: 1550 });
    expect(rubricMarkCenti(rubric, { distanciation: 'satisfaisant' })).toEqual({ ok: false, message: 'Niveau manquant pour « Argumentation ».' });
  });

  it('refuses in French a mark out of range, with three decimals, or a verdict on a /20 scale', () => {
    const ecrit = byId(plan5385, 'f2-ecrit');
    expect(markValueProblem(ecrit, { mark: 21 })).toBe('« Exercice écrit — gestion administrative, comptable et financière » : la note doit être comprise entre 0 et 20 (reçu 21).');
    expect(markValueProblem(ecrit, { mark: 12.125 })).toContain('deux décimales au plus');
    expect(markValueProblem(ecrit, { passed: true })).toContain('se note sur 20');
    expect(markValueProblem(ecrit, { mark: 12.25 })).toBeNull();
    expect(markValueProblem(byId(plan41336, 'outils'), { mark: 12 })).toContain('acquis / non acquis');
  });
});
