/**
 * Experience in whole months, as the applicant and the commission read it through the API: exactly
 * three calendar years (2021-01-01 → 2023-12-31, 1 095 days, no leap day) meets RNCP 41336's « 3 ans
 * minimum » (seed 000), one day less does not, and the figures are said « 3 ans et 6 mois ».
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplicant, createTestCohort } from '../helpers/admissions.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

let t: TTestContext;
let cohortId: string;
beforeAll(async () => {
  t = await createTestContext();
  cohortId = (await createTestCohort(t.db)).id;
});
afterAll(async () => {
  await t.close();
});

const experience = (startDate: string, endDate: string) => ({ kind: 'professional', startDate, endDate, field: 'Éducation populaire', responsibilities: 'Direction' });

describe('eligibility counts whole months and says them in French', () => {
  it('2021-01-01 → 2023-12-31 is 3 years: eligible; one day less is 2 years and 11 months: not eligible; 42 months read « 3 ans et 6 mois »', async () => {
    const a = await createApplicant(t, cohortId);
    const save = async (endDate: string, startDate = '2021-01-01') => {
      const res = await t.call('PATCH', `/api/applications/${a.id}`, {
        cookie: a.cookie,
        body: { diplomas: [{ level: 6, title: 'Licence', year: 2012 }], experiences: [experience(startDate, endDate)] },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const view = await t.call('GET', `/api/applications/${a.id}`, { cookie: a.cookie });
      return view.body.eligibility;
    };

    const exact = await save('2023-12-31');
    expect(exact.verdict).toBe('eligible');
    expect(exact.paths[0].experienceMonths).toBe(36);
    expect(exact.paths[0].requiredMonths).toBe(36);
    expect(exact.summary).toContain("3 ans d'expérience sociale ou professionnelle (3 ans requis)");

    const short = await save('2023-12-30');
    expect(short.verdict).toBe('not_eligible');
    expect(short.reasons[0]).toContain("2 ans et 11 mois d'expérience");

    const more = await save('2023-06-30', '2020-01-01');
    expect(more.summary).toContain("3 ans et 6 mois d'expérience");
  });
});
