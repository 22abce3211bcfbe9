/**
 * What the jury marks at the soutenance, read from the versions' own plans (decision 026, « The oral's
 * marking form »), which reading a member enters (evaluations' `delegatedReading`, against an exhaustive
 * walk of who gave what), and who may mark.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canEnterDelegatedReading } from '../../policies/evaluations.policy.js';
import { allow, deny } from '../../policies/decision.js';
import { canMarkJuryOral, type TOralMarkFacts } from '../../policies/jury-oral.policy.js';
import { ZCertificationVersionSchema } from '../referentiel/referentiel.schema.js';
import { delegatedReading } from '../evaluations/evaluations.rules.js';
import { caseRoute, juryMarkedAssessments } from './jury-oral.rules.js';

const version = (file: string) => ZCertificationVersionSchema.parse(JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../data/certifications', file), 'utf8')));

describe('what the jury marks', () => {
  it('RNCP 35080 and 41336: the soutenance (003, « devant un jury mixte »), double-marked on /20', () => {
    for (const file of ['rncp-35080.json', 'rncp-41336.json']) {
      const { basis, assessments } = juryMarkedAssessments(version(file).evaluationPlan);
      expect(basis).toBe('defense');
      expect(assessments.map((a) => [a.id, a.scale.kind, a.marking.mode])).toEqual([['soutenance', 'mark20', 'double']]);
    }
  });

  it('RNCP 5385 has no soutenance in its plan (002): the jury marks its two orals', () => {
    const { basis, assessments } = juryMarkedAssessments(version('rncp-5385.json').evaluationPlan);
    expect(basis).toBe('oral');
    expect(assessments.map((a) => a.id)).toEqual(['f2-oral', 'f3-oral-competences']);
  });

  it('a plan without oral, or no plan, gives nothing to mark', () => {
    const plan = version('rncp-41336.json').evaluationPlan!;
    expect(juryMarkedAssessments({ assessments: plan.assessments.filter((a) => a.kind === 'case_study') }).basis).toBe('none');
    expect(juryMarkedAssessments(undefined)).toEqual({ basis: 'none', assessments: [] });
  });

  it('the route of a case names the version’s open access routes it covers', () => {
    const v = version('rncp-41336.json');
    expect(caseRoute(v, 'vae')).toEqual({ kind: 'vae', label: 'VAE', accessRoutes: ["Par expérience (validation des acquis de l'expérience, VAE)"] });
    expect(caseRoute(v, 'training').accessRoutes).not.toContain("Après un parcours de formation sous statut d'élève ou d'étudiant");
  });
});

describe('which reading a jury member enters', () => {
  const double = { mode: 'double', thirdReadingThreshold: 3 } as const;

  it('single marking: always the one reading (the jury’s mark, corrected by any voting member)', () => {
    expect(delegatedReading({ mode: 'single' }, {}, 'me', false)).toBe(1);
    expect(delegatedReading({ mode: 'single' }, { 1: 'other' }, 'me', false)).toBe(1);
  });

  it('double marking: one’s own reading, else the first free, else the third past the threshold, else none', () => {
    expect(delegatedReading(double, {}, 'me', false)).toBe(1);
    expect(delegatedReading(double, { 1: 'a' }, 'me', false)).toBe(2);
    expect(delegatedReading(double, { 1: 'a', 2: 'me' }, 'me', true)).toBe(2);
    expect(delegatedReading(double, { 1: 'a', 2: 'b' }, 'me', false)).toBeNull();
    expect(delegatedReading(double, { 1: 'a', 2: 'b' }, 'me', true)).toBe(3);
    expect(delegatedReading(double, { 1: 'a', 2: 'b', 3: 'me' }, 'me', true)).toBe(3);
  });

  it('whatever the readers, the reading chosen is one the evaluations policy lets the member enter, or none', () => {
    const who = fc.constantFrom(undefined, 'me', 'a', 'b');
    fc.assert(
      fc.property(who, who, who, fc.boolean(), (r1, r2, r3, open) => {
        // Readings as the policy leaves them: two readings never by one person, the third by neither.
        fc.pre(!(r1 && r1 === r2) && !(r3 && (r3 === r1 || r3 === r2)) && (!r3 || Boolean(r1 && r2)));
        const readers = { ...(r1 ? { 1: r1 } : {}), ...(r2 ? { 2: r2 } : {}), ...(r3 ? { 3: r3 } : {}) } as Record<1 | 2 | 3, string>;
        const reading = delegatedReading(double, readers, 'me', open && Boolean(r1 && r2));
        if (reading === null) return Boolean(r1 && r2) && r1 !== 'me' && r2 !== 'me' && !open;
        const otherReaders = new Map(Object.entries(readers).filter(([n]) => Number(n) !== reading).map(([n, id]) => [Number(n), id]));
        const decision = canEnterDelegatedReading({ userId: 'me', name: 'Moi', email: 'moi@exemple.fr', roles: ['jury'], centreIds: [] }, { authority: allow(), learnerId: 'learner', reading, double: true, otherReaders, thirdReadingOpen: open && Boolean(r1 && r2), label: 'Soutenance' });
        // A third reading already given by me while the first two agree again is the one refusal left.
        return decision.allowed || (reading === 3 && !(open && Boolean(r1 && r2)));
      }),
    );
  });
});

describe('who marks the oral', () => {
  const actor = { userId: 'me', name: 'Moi', email: 'moi@exemple.fr', roles: ['jury' as const], centreIds: [] };
  const facts: TOralMarkFacts = { seated: true, learnerId: 'learner', conflicted: false, supervisorId: null, supervisorRule: 'may_sit', votes: true };

  it('a voting member of the case; not the supervisor sitting without a vote, a conflicted member, someone not seated or the learner', () => {
    expect(canMarkJuryOral(actor, facts)).toEqual(allow());
    expect(canMarkJuryOral(actor, { ...facts, supervisorId: 'me', supervisorRule: 'sits_without_vote', votes: false })).toEqual(deny('vous siégez sans voix délibérative sur ce dossier : la note revient aux membres qui votent.'));
    expect(canMarkJuryOral(actor, { ...facts, conflicted: true, votes: false }).allowed).toBe(false);
    expect(canMarkJuryOral(actor, { ...facts, seated: false, votes: false }).allowed).toBe(false);
    expect(canMarkJuryOral(actor, { ...facts, learnerId: 'me' }).allowed).toBe(false);
  });

  it('the evaluations policy takes the seat as the reading’s authority: a refused seat refuses the reading', () => {
    const o = { learnerId: 'learner', reading: 1 as const, double: false, otherReaders: new Map<number, string>(), thirdReadingOpen: false, label: 'Oral' };
    expect(canEnterDelegatedReading(actor, { ...o, authority: deny('vous ne siégez pas dans ce jury.') })).toEqual(deny('vous ne siégez pas dans ce jury.'));
    expect(canEnterDelegatedReading(actor, { ...o, authority: allow() })).toEqual(allow());
    expect(canEnterDelegatedReading(actor, { ...o, authority: allow(), learnerId: 'me' }).allowed).toBe(false);
    expect(canEnterDelegatedReading(actor, { ...o, authority: allow(), reading: 2 }).allowed).toBe(false);
  });
});
