import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundingPlans } from '../../src/features/funding/funding.tables.js';
import { createApplicant, createTestCohort } from '../helpers/admissions.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { pdfText } from '../helpers/pdf.js';

let t: TTestContext;
let gestionnaire: { cookie: string };
let responsable: { cookie: string };

beforeAll(async () => {
  t = await createTestContext();
  const centre = await t.createTestCentre('Centre financement');
  const staff = async (role: 'gestionnaire' | 'responsable_pedagogique') => {
    const user = await t.createTestUser({ roles: [role], centreIds: [centre.id] });
    return { user, cookie: await t.signIn(user.email) };
  };
  gestionnaire = await staff('gestionnaire');
  responsable = await staff('responsable_pedagogique');
  centreId = centre.id;
});
afterAll(() => t.close());
let centreId: string;

async function accepted(cohortId: string) {
  const a = await createApplicant(t, cohortId, { file: true });
  await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: gestionnaire.cookie, body: { action: 'start_review', reason: 'Complet' } });
  await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: responsable.cookie, body: { action: 'accept', reason: 'Admis·e' } });
  return a;
}

describe('funding, quote and training agreement', () => {
  it('third party + personal shares add up to 10 005,00 €; the quote PDF prints the amounts and the VAT mention', async () => {
    const cohort = await createTestCohort(t.db, { centreId });
    const a = await accepted(cohort.id);
    const res = await t.call('PUT', `/api/applications/${a.id}/funding`, {
      cookie: gestionnaire.cookie,
      body: { payers: [{ kind: 'employer', name: 'Association Les Tilleuls', weight: 70 }, { kind: 'personal', name: 'Camille Martin', weight: 30 }], instalments: 3, firstDueOn: '2099-11-30', monthsApart: 6 },
    });
    expect(res.status).toBe(200);
    expect(res.body.plan.totalCents).toBe(1_000_500);
    expect(res.body.plan.payers.map((p: { shareCents: number }) => p.shareCents)).toEqual([700_350, 300_150]);
    expect(res.body.plan.schedule.reduce((s: number, x: { amountCents: number }) => s + x.amountCents, 0)).toBe(1_000_500);

    const quote = await t.app.request(`/api/applications/${a.id}/quote.pdf`, { headers: { cookie: a.cookie } });
    expect(quote.status).toBe(200);
    expect(quote.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfText(new Uint8Array(await quote.arrayBuffer()))).replace(/\s/g, ' ');
    expect(text).toContain('10 005,00 €');
    expect(text).toContain('7 003,50 €');
    expect(text).toContain('TVA non applicable, article 261-4-4° a du CGI');
    expect(text).toContain('Conservatoire national des arts et métiers');
  });

  it('a person paying alone pays 5 000,50 €, plus the cooperative module at the individual rate; the agreement flags the job seeker’s internship', async () => {
    const cohort = await createTestCohort(t.db, { centreId });
    const a = await accepted(cohort.id);
    await t.call('POST', `/api/applications/${a.id}/registration`, {
      cookie: a.cookie,
      body: { address: '1 rue A', postalCode: '75001', city: 'Paris', phone: '0600000000', jobSeeker: true, acceptsRules: true },
    });
    const res = await t.call('PUT', `/api/applications/${a.id}/funding`, {
      cookie: gestionnaire.cookie,
      body: { payers: [{ kind: 'personal', name: 'Camille Martin', weight: 100 }], cooperativeModule: true, instalments: 1, firstDueOn: '2099-11-30' },
    });
    expect(res.body.plan.totalCents).toBe(500_050 + 20_000);
    const agreement = await t.app.request(`/api/applications/${a.id}/agreement.pdf`, { headers: { cookie: gestionnaire.cookie } });
    const text = (await pdfText(new Uint8Array(await agreement.arrayBuffer()))).replace(/\s/g, ' ');
    expect(text).toContain('5 000,50 €');
    expect(text).toContain('5 200,50 €');
    expect(text).toContain("stage professionnel d'au moins 8 semaines");
  });

  it('uses the promotion’s own grid when it has one (past promotions differ)', async () => {
    const cohort = await createTestCohort(t.db, {
      centreId,
      priceGrid: [{ label: 'Convention (par an)', payer: 'agreement', amountCents: 150_000, period: 'year' }],
      startsOn: '2099-09-01',
      endsOn: '2101-06-30',
    });
    const a = await accepted(cohort.id);
    const res = await t.call('PUT', `/api/applications/${a.id}/funding`, {
      cookie: gestionnaire.cookie,
      body: { payers: [{ kind: 'other', name: 'Région Bourgogne', weight: 90 }, { kind: 'employer', name: 'Employeur', weight: 10 }], firstDueOn: '2099-11-30' },
    });
    expect(res.body.plan.totalCents).toBe(300_000);
    expect(res.body.plan.payers.map((p: { shareCents: number }) => p.shareCents)).toEqual([270_000, 30_000]);
  });

  it('three equal payers of 10 005,00 € are entered as thirds or as amounts (3 335,00 € each); amounts that do not add up are refused on the payer line', async () => {
    const cohort = await createTestCohort(t.db, { centreId });
    const a = await accepted(cohort.id);
    const names = ['Employeur', 'OPCO Uniformation', 'Région'];
    const kinds = ['employer', 'opco', 'other'] as const;
    const put = (shares: Record<string, unknown>[]) =>
      t.call('PUT', `/api/applications/${a.id}/funding`, { cookie: gestionnaire.cookie, body: { payers: shares.map((s, i) => ({ kind: kinds[i], name: names[i], ...s })), firstDueOn: '2099-11-30' } });

    const thirds = await put([{ fraction: '1/3' }, { fraction: '1/3' }, { fraction: '1/3' }]);
    expect(thirds.status, JSON.stringify(thirds.body)).toBe(200);
    expect(thirds.body.plan.payers.map((p: { shareCents: number }) => p.shareCents)).toEqual([333_500, 333_500, 333_500]);

    const amounts = await put([{ amountCents: 333_500 }, { amountCents: 333_500 }, { amountCents: 333_500 }]);
    expect(amounts.status, JSON.stringify(amounts.body)).toBe(200);
    expect(amounts.body.plan.totalCents).toBe(1_000_500);

    // An employer's fixed amount (half), and a quarter of the total each for the two others.
    const mixed = await put([{ amountCents: 500_250 }, { fraction: '1/4' }, { fraction: '1/4' }]);
    expect(mixed.status, JSON.stringify(mixed.body)).toBe(200);
    expect(mixed.body.plan.payers.map((p: { shareCents: number }) => p.shareCents)).toEqual([500_250, 250_125, 250_125]);

    const short = await put([{ amountCents: 333_500 }, { amountCents: 333_500 }, { amountCents: 333_400 }]);
    expect(short.status).toBe(422);
    expect(short.body.issues).toEqual([
      {
        path: 'payers[2].amountCents',
        message: 'Les montants des financeurs totalisent 10\u00a0004,00\u00a0€ pour un total de 10\u00a0005,00\u00a0€ (il manque 1,00\u00a0€) : le financeur 3 (Région) devrait payer 3\u00a0335,00\u00a0€.',
      },
    ]);
    const overTheWhole = await put([{ fraction: '1/2' }, { fraction: '1/2' }, { fraction: '1/3' }]);
    expect(overTheWhole.status).toBe(422);
    expect(overTheWhole.body.issues[0].path).toBe('payers[2].fraction');
    const notAFraction = await put([{ fraction: 'un tiers' }, { fraction: '1/3' }, { fraction: '1/3' }]);
    expect(notAFraction.status).toBe(422);
    expect(notAFraction.body.issues[0]).toEqual({ path: 'payers[0].fraction', message: 'Fraction attendue sous la forme 1/3 (au plus 1).' });
    // The plan kept is the last accepted one.
    const [plan] = await t.db.select().from(fundingPlans).where(eq(fundingPlans.applicationId, a.id));
    expect(plan!.payers.map((p) => p.shareCents)).toEqual([500_250, 250_125, 250_125]);
  });

  it('refuses: wrong role (403), shares not adding to 100 % (422), an application not accepted (409) — and writes nothing', async () => {
    const cohort = await createTestCohort(t.db, { centreId });
    const a = await accepted(cohort.id);
    const body = { payers: [{ kind: 'employer', name: 'Employeur', weight: 100 }], firstDueOn: '2099-11-30' };
    expect((await t.call('PUT', `/api/applications/${a.id}/funding`, { cookie: responsable.cookie, body })).status).toBe(403);
    const bad = await t.call('PUT', `/api/applications/${a.id}/funding`, { cookie: gestionnaire.cookie, body: { ...body, payers: [{ kind: 'employer', name: 'Employeur', weight: 60 }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.issues[0]).toEqual({ path: 'payers', message: 'Les parts des financeurs doivent totaliser 100 %.' });
    const draft = await createApplicant(t, cohort.id);
    const notAccepted = await t.call('PUT', `/api/applications/${draft.id}/funding`, { cookie: gestionnaire.cookie, body });
    expect(notAccepted.status).toBe(409);
    expect(await t.db.select().from(fundingPlans).where(eq(fundingPlans.applicationId, a.id))).toHaveLength(0);
    const quote = await t.call('GET', `/api/applications/${a.id}/quote.pdf`, { cookie: gestionnaire.cookie });
    expect(quote.status).toBe(409);
    expect(quote.body.message).toContain("n'est pas encore établi");
  });
});
