import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZCertificationVersionSchema } from '../referentiel/referentiel.schema.js';
import {
  checkEligibility,
  experienceMonths,
  formatMonths,
  identityKey,
  matchAcceptedDiploma,
  mergePeriods,
  nextStatus,
  totalDays,
  TRANSITIONS,
  type TExperience,
  type TPeriod,
  wholeMonths,
} from './admissions.rules.js';

const load = (code: string) => ZCertificationVersionSchema.parse(JSON.parse(fs.readFileSync(`data/certifications/rncp-${code}.json`, 'utf8')));
const v41336 = load('41336');
const v35080 = load('35080');
const v5385 = load('5385');
const TODAY = '2026-11-25';

const exp = (startDate: string, endDate: string | null, kind: TExperience['kind'] = 'professional', responsibilityLevel?: number): TExperience => ({
  kind,
  startDate,
  endDate,
  field: 'ESS',
  responsibilities: 'Direction',
  responsibilityLevel,
});

describe('eligibility under RNCP 41336 (from data/certifications)', () => {
  it('a level-6 diploma and 3 years of experience: eligible, with the figures in the sentence', () => {
    const r = checkEligibility({ diplomas: [{ level: 6, title: 'Licence', year: 2010 }], experiences: [exp('2020-01-01', '2023-06-30')] }, v41336.admission, TODAY);
    expect(r.verdict).toBe('eligible');
    expect(r.summary).toContain('diplôme de niveau 6 (niveau 6 requis)');
    expect(r.summary).toContain("3 ans et 6 mois d'expérience");
    expect(r.summary).toContain('(3 ans requis)');
  });

  it('recognises the ES / AS / CESF diplomas by name, whatever the level typed', () => {
    for (const title of ["Diplôme d'État d'éducatrice spécialisée", "DE d'assistante de service social", 'DECESF']) {
      const r = checkEligibility({ diplomas: [{ level: 5, title, year: 2005 }], experiences: [exp('2015-01-01', null, 'social')] }, v41336.admission, TODAY);
      expect(r.verdict, title).toBe('eligible');
      expect(r.figures.recognisedDiploma).not.toBeNull();
    }
  });

  it('no level-6 diploma but 6 years of professional experience: eligible only by derogation', () => {
    const r = checkEligibility({ diplomas: [{ level: 4, title: 'Baccalauréat', year: 2000 }], experiences: [exp('2015-01-01', '2021-12-31')] }, v41336.admission, TODAY);
    expect(r.verdict).toBe('derogation');
    expect(r.summary).toMatch(/^Recevable uniquement par dérogation/);
  });

  it('not eligible, each path saying why', () => {
    const r = checkEligibility({ diplomas: [{ level: 4, title: 'Baccalauréat', year: 2000 }], experiences: [exp('2024-01-01', '2025-01-01')] }, v41336.admission, TODAY);
    expect(r.verdict).toBe('not_eligible');
    expect(r.reasons).toHaveLength(2);
    expect(r.reasons[1]).toContain('(6 ans requis)');
  });

  it('overlapping periods are counted once', () => {
    const r = checkEligibility(
      { diplomas: [{ level: 7, title: 'Master', year: 2010 }], experiences: [exp('2023-01-01', '2024-12-31'), exp('2023-06-01', '2024-06-30', 'social')] },
      v41336.admission,
      TODAY,
    );
    expect(r.paths[0]!.experienceMonths).toBe(24);
    expect(r.paths[0]!.requiredMonths).toBe(36);
    expect(r.verdict).toBe('not_eligible');
  });
});

describe('eligibility under RNCP 35080: one year at a level-7 post, derogation from six years at level 6', () => {
  it('counts only the experience at the required responsibility level', () => {
    const diplomas = [{ level: 6, title: 'Licence', year: 2010 }];
    expect(checkEligibility({ diplomas, experiences: [exp('2020-01-01', '2022-01-01', 'professional', 6)] }, v35080.admission, TODAY).verdict).toBe('not_eligible');
    expect(checkEligibility({ diplomas, experiences: [exp('2020-01-01', '2021-06-01', 'professional', 7)] }, v35080.admission, TODAY).verdict).toBe('eligible');
    expect(
      checkEligibility({ diplomas: [], experiences: [exp('2010-01-01', '2017-01-01', 'professional', 6)] }, v35080.admission, TODAY).verdict,
    ).toBe('derogation');
  });

  it('RNCP 5385 has no admission path: not eligible, and says why', () => {
    const r = checkEligibility({ diplomas: [{ level: 7, title: 'Master', year: 2000 }], experiences: [] }, v5385.admission, TODAY);
    expect(r.verdict).toBe('not_eligible');
    expect(r.summary).toContain('aucune condition');
  });
});

const arbPeriod = fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 3_000 })).map(([start, len]): TPeriod => ({ start, end: start + len }));

describe('merging of periods (property tests)', () => {
  it('merged periods are sorted, disjoint, and cover exactly the days of the input', () => {
    fc.assert(
      fc.property(fc.array(arbPeriod, { maxLength: 30 }), (periods) => {
        const merged = mergePeriods(periods);
        for (let i = 1; i < merged.length; i++) expect(merged[i]!.start).toBeGreaterThan(merged[i - 1]!.end);
        const covered = new Set<number>();
        for (const p of periods) for (let d = p.start; d < p.end; d++) covered.add(d);
        expect(totalDays(periods)).toBe(covered.size);
      }),
      { numRuns: 200 },
    );
  });

  it('total time is at most the sum and at least the longest period; order does not matter', () => {
    fc.assert(
      fc.property(fc.array(arbPeriod, { minLength: 1, maxLength: 20 }), (periods) => {
        const total = totalDays(periods);
        expect(total).toBeLessThanOrEqual(periods.reduce((s, p) => s + p.end - p.start, 0));
        expect(total).toBeGreaterThanOrEqual(Math.max(...periods.map((p) => p.end - p.start)));
        expect(totalDays([...periods].reverse())).toBe(total);
      }),
    );
  });

  it('adding an experience never lowers the verdict (monotony)', () => {
    const rank = { not_eligible: 0, derogation: 1, eligible: 2 } as const;
    const arbDate = fc.integer({ min: 0, max: 9000 }).map((d) => new Date(Date.UTC(2000, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const arbExp = fc.tuple(arbDate, fc.integer({ min: 0, max: 4000 }), fc.constantFrom('social', 'professional' as const)).map(([start, len, kind]) =>
      exp(start, new Date(Date.parse(start) + len * 86_400_000).toISOString().slice(0, 10), kind as TExperience['kind']),
    );
    fc.assert(
      fc.property(fc.array(arbExp, { maxLength: 6 }), arbExp, fc.integer({ min: 3, max: 8 }), (exps, extra, level) => {
        const diplomas = [{ level, title: 'Diplôme', year: 2000 }];
        const before = checkEligibility({ diplomas, experiences: exps }, v41336.admission, TODAY).verdict;
        const after = checkEligibility({ diplomas, experiences: [...exps, extra] }, v41336.admission, TODAY).verdict;
        expect(rank[after]).toBeGreaterThanOrEqual(rank[before]);
        expect(experienceMonths([...exps, extra], TODAY)).toBeGreaterThanOrEqual(experienceMonths(exps, TODAY));
      }),
    );
  });
});

const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
/** Experiences between 2000 and 2026 (inclusive end dates), some still held. */
const arbExperience = fc
  .tuple(fc.integer({ min: 10_957, max: 20_400 }), fc.integer({ min: 0, max: 2_500 }), fc.boolean())
  .map(([start, len, ongoing]) => exp(iso(start), ongoing ? null : iso(start + len)));

describe('experience in whole months', () => {
  it('a month started and finished counts: the issue’s and the rule’s examples', () => {
    const months = (startDate: string, endDate: string | null, ref = TODAY) => experienceMonths([exp(startDate, endDate)], ref);
    expect(months('2021-01-01', '2023-12-31')).toBe(36);
    expect(months('2021-01-01', '2023-12-30')).toBe(35);
    expect(months('2021-01-15', '2021-02-14')).toBe(1);
    expect(months('2021-01-15', '2021-02-13')).toBe(0);
    expect(months('2021-01-31', '2021-02-28')).toBe(1);
    expect(months('2021-01-31', '2021-02-27')).toBe(0);
    expect(months('2024-01-31', '2024-02-29')).toBe(1);
    expect(months('2018-01-01', '2023-12-31')).toBe(72);
    expect(months('2018-01-02', '2023-12-31')).toBe(71);
    // Still held: counted up to the reference day included.
    expect(months('2023-12-01', null, '2026-11-30')).toBe(36);
    expect(months('2023-12-01', null, '2026-11-29')).toBe(35);
  });

  it('overlaps count once; left-over days of separate periods are not pooled', () => {
    expect(experienceMonths([exp('2021-01-01', '2021-12-31'), exp('2021-06-01', '2022-06-30')], TODAY)).toBe(18);
    // Touching periods merge: 15/01→14/02 then 15/02→14/03 is two months in a row.
    expect(experienceMonths([exp('2021-01-15', '2021-02-14'), exp('2021-02-15', '2021-03-14')], TODAY)).toBe(2);
    // Two half-months a year apart are not a month.
    expect(experienceMonths([exp('2020-03-01', '2020-03-15'), exp('2021-03-01', '2021-03-15')], TODAY)).toBe(0);
  });

  it('says « 3 ans et 6 mois », « 1 an », « 2 ans », « 7 mois »', () => {
    expect(formatMonths(42)).toBe('3 ans et 6 mois');
    expect(formatMonths(12)).toBe('1 an');
    expect(formatMonths(13)).toBe('1 an et 1 mois');
    expect(formatMonths(24)).toBe('2 ans');
    expect(formatMonths(7)).toBe('7 mois');
    expect(formatMonths(0)).toBe('0 mois');
  });

  it('property: the count does not depend on the order of the periods', () => {
    fc.assert(
      fc.property(
        fc.array(arbExperience, { maxLength: 8 }).chain((exps) => fc.tuple(fc.constant(exps), fc.shuffledSubarray(exps, { minLength: exps.length, maxLength: exps.length }))),
        ([exps, shuffled]) => {
        expect(experienceMonths(shuffled, TODAY)).toBe(experienceMonths(exps, TODAY));
        expect(experienceMonths([...exps].reverse(), TODAY)).toBe(experienceMonths(exps, TODAY));
      }),
      
      { numRuns: 300 },
    );
  });

  it('property: adding a period never decreases the count', () => {
    fc.assert(
      fc.property(fc.array(arbExperience, { maxLength: 8 }), arbExperience, (exps, extra) => {
        const before = experienceMonths(exps, TODAY);
        const after = experienceMonths([...exps, extra], TODAY);
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a period cut in two counts no more than the whole (months are superadditive)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10_957, max: 20_000 }), fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 3_000 }), (a, l1, l2) => {
        expect(wholeMonths(a, a + l1 + l2)).toBeGreaterThanOrEqual(wholeMonths(a, a + l1) + wholeMonths(a + l1, a + l1 + l2));
        // Whole calendar months lie between 28 and 31 days.
        expect(wholeMonths(a, a + l1)).toBeLessThanOrEqual(Math.floor(l1 / 28));
        expect(wholeMonths(a, a + l1)).toBeGreaterThanOrEqual(Math.floor(l1 / 31));
      }),
      { numRuns: 500 },
    );
  });
});

describe('identity and workflow', () => {
  it('the identity key ignores case, accents and spacing', () => {
    expect(identityKey({ lastName: 'Éloïse  DUPONT', firstName: 'Anne-Marie', birthDate: '1980-01-02' })).toBe(
      identityKey({ lastName: 'eloise dupont', firstName: 'anne marie', birthDate: '1980-01-02' }),
    );
  });

  it('matches accepted diplomas by name only when every significant word is there', () => {
    expect(matchAcceptedDiploma('Diplôme d’État d’éducateur spécialisé', v41336.admission!.paths[0]!.acceptedDiplomas)).not.toBeNull();
    expect(matchAcceptedDiploma('Éducateur sportif', v41336.admission!.paths[0]!.acceptedDiplomas)).toBeNull();
  });

  it('decisions are final: no action leads out of accepted, refused or closed', () => {
    for (const action of Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]) {
      for (const s of ['accepted', 'refused', 'closed', 'draft'] as const) expect(nextStatus(s, action)).toBeNull();
    }
    expect(nextStatus('filed', 'start_review')).toBe('in_review');
    expect(nextStatus('in_review', 'request_correction')).toBe('correction');
  });
});

describe('implausible dates, on the request’s day', () => {
  it('a person must be 16 in the year of the application; a diploma at most next year', async () => {
    const { implausibleDates } = await import('./admissions.rules.js');
    expect(implausibleDates({ birthDate: '2010-12-31' }, '2026-03-10')).toEqual([]);
    expect(implausibleDates({ birthDate: '2011-01-01' }, '2026-03-10')).toEqual([{ path: 'birthDate', message: 'Date de naissance invraisemblable.' }]);
    expect(implausibleDates({ diplomas: [{ year: 2027 }, { year: 2028 }] }, '2026-03-10')).toEqual([{ path: 'diplomas[1].year', message: 'Année invalide.' }]);
  });
});
