/**
 * Admission rules at their boundaries, version by version, as the seeds state them. The expected
 * verdicts are written by hand from the seeds (quoted beside each table), not computed by the code
 * under test; the rules themselves are read from the shipped version files (`data/certifications/`),
 * so a wrong rule in the data fails here as well as a wrong comparison in the code.
 *
 * Experience is counted in whole calendar months (`wholeMonths` in the rules) and compared with the
 * months the path requires (3 years = 36 months). End dates are the last day worked. The last block
 * walks every admission path of every version file and tries both sides of its boundary: N months
 * (met) and N − 1 months (one day short, not met), the N of each path written here from the seeds.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ZCertificationVersionSchema } from '../referentiel/referentiel.schema.js';
import { checkEligibility, type TDiploma, type TEligibilityVerdict, type TExperience } from './admissions.rules.js';

const VERSION_FILES = fs.readdirSync('data/certifications').filter((f) => f.endsWith('.json'));

const load = (code: string) => ZCertificationVersionSchema.parse(JSON.parse(fs.readFileSync(`data/certifications/rncp-${code}.json`, 'utf8')));
const VERSIONS = { '41336': load('41336'), '35080': load('35080') };

/** Later than every period below: experience is counted up to this date. */
const REFERENCE_DATE = '2026-11-25';

const LICENCE: TDiploma = { level: 6, title: 'Licence professionnelle gestion des associations', year: 2010 };
/** Level 5, and none of the diplomas accepted by name (ES, AS, CESF). */
const DUT: TDiploma = { level: 5, title: 'DUT Carrières sociales', year: 2005 };

const exp = (kind: TExperience['kind'], startDate: string, endDate: string | null, responsibilityLevel?: number): TExperience => ({
  kind,
  startDate,
  endDate,
  field: 'Économie sociale et solidaire',
  responsibilities: 'Direction d’une association',
  responsibilityLevel,
});

type TCase = {
  name: string;
  diplomas: TDiploma[];
  experiences: TExperience[];
  referenceDate?: string;
  expected: TEligibilityVerdict;
};

function run(version: keyof typeof VERSIONS, cases: TCase[]) {
  for (const c of cases) {
    it(c.name, () => {
      const r = checkEligibility({ diplomas: c.diplomas, experiences: c.experiences }, VERSIONS[version].admission, c.referenceDate ?? REFERENCE_DATE);
      expect(r.verdict, r.reasons.join('\n')).toBe(c.expected);
    });
  }
}

describe('RNCP 41336, diploma and experience: at least 3 years of social or professional experience', () => {
  // Seed 000 (fiche RNCP 41336), « Prérequis » : « un diplôme de niveau 6 (BAC+3 ou +4) et une
  // expérience sociale (associative ou syndicale) ou professionnelle de 3 ans minimum ».
  // Seed 001 (page CESTES), « Niveau requis » : the same, with the ES, AS and CESF diplomas.
  run('41336', [
    { name: 'exactly 3 years of professional experience: eligible', diplomas: [LICENCE], experiences: [exp('professional', '2020-01-01', '2022-12-31')], expected: 'eligible' },
    { name: 'exactly 3 years of social (associative) experience: eligible', diplomas: [LICENCE], experiences: [exp('social', '2020-01-01', '2022-12-31')], expected: 'eligible' },
    {
      name: '18 months social then 18 months professional, back to back: 3 years, eligible',
      diplomas: [LICENCE],
      experiences: [exp('social', '2020-01-01', '2021-06-30'), exp('professional', '2021-07-01', '2022-12-31')],
      expected: 'eligible',
    },
    {
      name: 'exactly three calendar years with no leap day, 2021-01-01 → 2023-12-31 (1 095 days): eligible',
      diplomas: [LICENCE],
      experiences: [exp('professional', '2021-01-01', '2023-12-31')],
      expected: 'eligible',
    },
    { name: '2021-01-01 → 2023-12-30, one day short of 36 months: not eligible', diplomas: [LICENCE], experiences: [exp('professional', '2021-01-01', '2023-12-30')], expected: 'not_eligible' },
    { name: 'mid-month: 2021-01-15 → 2024-01-14 is 36 months: eligible', diplomas: [LICENCE], experiences: [exp('social', '2021-01-15', '2024-01-14')], expected: 'eligible' },
    { name: 'one month short of 3 years: not eligible', diplomas: [LICENCE], experiences: [exp('professional', '2020-02-01', '2022-12-31')], expected: 'not_eligible' },
    {
      name: 'a post still held, exactly 3 years on the reference date: eligible',
      diplomas: [LICENCE],
      experiences: [exp('professional', '2023-12-01', null)],
      referenceDate: '2026-11-30',
      expected: 'eligible',
    },
    {
      name: 'a post still held, one month short of 3 years on the reference date: not eligible',
      diplomas: [LICENCE],
      experiences: [exp('professional', '2024-01-01', null)],
      referenceDate: '2026-11-30',
      expected: 'not_eligible',
    },
  ]);
});

describe('RNCP 41336, derogation: at least 6 years of professional experience, without a level-6 diploma', () => {
  // Seed 000, « Prérequis » : « Une dérogation est envisageable en fonction de l'expérience acquise
  // (6 ans d'expérience professionnelle au minimum). » Seed 001 : « à partir de 6 ans d'expérience
  // dans les domaines professionnels concernés par la formation ». Social experience does not count.
  run('41336', [
    { name: 'exactly 6 years of professional experience: derogation', diplomas: [DUT], experiences: [exp('professional', '2016-01-01', '2021-12-31')], expected: 'derogation' },
    { name: 'exactly 6 years, 2018-01-01 → 2023-12-31 (2 191 days): derogation', diplomas: [DUT], experiences: [exp('professional', '2018-01-01', '2023-12-31')], expected: 'derogation' },
    { name: '2018-01-02 → 2023-12-31, 71 months: not eligible', diplomas: [DUT], experiences: [exp('professional', '2018-01-02', '2023-12-31')], expected: 'not_eligible' },
    { name: 'one month short of 6 years of professional experience: not eligible', diplomas: [DUT], experiences: [exp('professional', '2016-02-01', '2021-12-31')], expected: 'not_eligible' },
    { name: '12 years of social experience only: not eligible', diplomas: [DUT], experiences: [exp('social', '2010-01-01', '2021-12-31')], expected: 'not_eligible' },
    {
      name: '5 years 11 months professional plus a year of social experience: social time does not top up, not eligible',
      diplomas: [DUT],
      experiences: [exp('professional', '2016-02-01', '2021-12-31'), exp('social', '2022-01-01', '2022-12-31')],
      expected: 'not_eligible',
    },
    { name: 'no diploma at all, exactly 6 years of professional experience: derogation', diplomas: [], experiences: [exp('professional', '2016-01-01', '2021-12-31')], expected: 'derogation' },
  ]);
});

describe('RNCP 35080, diploma and experience: one year of professional experience in a level-7 post', () => {
  // Seed 003 (fiche RNCP 35080), « Par expérience » : « Avoir une année d'expérience professionnelle
  // dans le secteur à un poste correspondant aux responsabilités habituellement confiées à un certifié
  // de niveau 7 et posséder un diplôme de niveau 6, ou bien un diplôme d'Educateur spécialisé… »
  run('35080', [
    { name: 'exactly one year in a level-7 post: eligible', diplomas: [LICENCE], experiences: [exp('professional', '2020-01-01', '2020-12-31', 7)], expected: 'eligible' },
    { name: 'a calendar year with no leap day, 2021-01-01 → 2021-12-31 (365 days) in a level-7 post: eligible', diplomas: [LICENCE], experiences: [exp('professional', '2021-01-01', '2021-12-31', 7)], expected: 'eligible' },
    { name: 'one month short of a year in a level-7 post: not eligible', diplomas: [LICENCE], experiences: [exp('professional', '2020-02-01', '2020-12-31', 7)], expected: 'not_eligible' },
    { name: 'two years of social experience at level 7: not professional, not eligible', diplomas: [LICENCE], experiences: [exp('social', '2019-01-01', '2020-12-31', 7)], expected: 'not_eligible' },
    { name: 'three years in a level-6 post: not the level-7 responsibilities, not eligible', diplomas: [LICENCE], experiences: [exp('professional', '2018-01-01', '2020-12-31', 6)], expected: 'not_eligible' },
  ]);
});

describe('RNCP 35080, derogation: six years of professional experience in a level-6 post, without a level-6 diploma', () => {
  // Seed 003 : « Une dérogation pour les personnes ne possédant pas un diplôme de niveau 6 est
  // envisageable à partir de six ans d'expérience dans les domaines professionnels concernés par la
  // formation à un poste correspondant aux responsabilités habituellement confiées à un certifié de niveau 6. »
  run('35080', [
    { name: 'exactly 6 years in a level-6 post: derogation', diplomas: [DUT], experiences: [exp('professional', '2016-01-01', '2021-12-31', 6)], expected: 'derogation' },
    { name: 'one month short of 6 years in a level-6 post: not eligible', diplomas: [DUT], experiences: [exp('professional', '2016-02-01', '2021-12-31', 6)], expected: 'not_eligible' },
    { name: '12 years of social experience at level 6: not eligible', diplomas: [DUT], experiences: [exp('social', '2010-01-01', '2021-12-31', 6)], expected: 'not_eligible' },
    { name: '12 years in a level-5 post: not eligible', diplomas: [DUT], experiences: [exp('professional', '2010-01-01', '2021-12-31', 5)], expected: 'not_eligible' },
  ]);
});

/**
 * Each path of each version file, by its id, with the requirement the seeds state (in months) and an
 * applicant whose diploma meets the path's diploma condition (so only the experience decides).
 * A version file with a path not listed here fails: a new path needs its oracle written from its source.
 */
const SEED_REQUIREMENTS: Record<string, Record<string, { months: number; diploma: TDiploma[]; source: string }>> = {
  // Seed 002: RNCP 5385 « accès désormais fermé » — no admission path.
  RNCP5385: {},
  RNCP35080: {
    // Seed 003: « Avoir une année d'expérience professionnelle … de niveau 7 et posséder un diplôme de niveau 6 ».
    diplome_et_experience: { months: 12, diploma: [LICENCE], source: '003 « une année d’expérience professionnelle »' },
    // Seed 003: « à partir de six ans d'expérience … de niveau 6 ».
    derogation: { months: 72, diploma: [DUT], source: '003 « à partir de six ans d’expérience »' },
  },
  RNCP41336: {
    // Seed 000: « une expérience sociale (associative ou syndicale) ou professionnelle de 3 ans minimum ».
    diplome_et_experience: { months: 36, diploma: [LICENCE], source: '000 « de 3 ans minimum »' },
    // Seed 000: « 6 ans d'expérience professionnelle au minimum ».
    derogation: { months: 72, diploma: [DUT], source: '000 « 6 ans d’expérience professionnelle au minimum »' },
  },
};

/** The day before `start` + `months` months (start on the 1st of a month): the last day of N whole months. */
function lastDayAfterMonths(start: string, months: number): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 1) - 86_400_000).toISOString().slice(0, 10);
}
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('every admission path of every version file, both sides of its boundary', () => {
  for (const file of VERSION_FILES) {
    const version = ZCertificationVersionSchema.parse(JSON.parse(fs.readFileSync(`data/certifications/${file}`, 'utf8')));
    const oracle = SEED_REQUIREMENTS[version.code];
    it(`${version.code}: every path has its requirement written from the seeds`, () => {
      expect(oracle, `no oracle for ${version.code}`).toBeDefined();
      expect((version.admission?.paths ?? []).map((p) => p.id).sort()).toEqual(Object.keys(oracle!).sort());
    });
    for (const path of version.admission?.paths ?? []) {
      const seed = oracle?.[path.id];
      if (!seed) continue;
      for (const kind of path.experienceKinds) {
        const start = '2015-01-01';
        const met = lastDayAfterMonths(start, seed.months);
        const cases = [
          { months: seed.months, end: met, satisfied: true },
          { months: seed.months - 1, end: dayBefore(met), satisfied: false },
        ];
        for (const c of cases) {
          it(`${version.code} ${path.id} (${seed.source}), ${kind} experience ${start} → ${c.end} = ${c.months} months: ${c.satisfied ? 'met' : 'not met'}`, () => {
            const r = checkEligibility(
              { diplomas: seed.diploma, experiences: [exp(kind, start, c.end, path.minResponsibilityLevel)] },
              version.admission,
              REFERENCE_DATE,
            );
            const check = r.paths.find((p) => p.pathId === path.id)!;
            expect(check.diplomaOk).toBe(true);
            expect(check.requiredMonths).toBe(seed.months);
            expect(check.experienceMonths).toBe(c.months);
            expect(check.satisfied, check.sentence).toBe(c.satisfied);
            if (c.satisfied) expect(r.verdict).toBe(path.outcome);
          });
        }
      }
    }
  }
});
