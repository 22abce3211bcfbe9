/**
 * The quote and the training agreement state what the Code du travail requires (L. 6353-1 to
 * L. 6353-7, docs/decisions/014-training-documents.md). Oracles: the seeds' figures (490 h, the four
 * blocs of RNCP 41336, 10 005,00 €), the centre's settings, the promotion's dates.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centres } from '../../src/features/centres/centres.tables.js';
import { fundingPlans } from '../../src/features/funding/funding.tables.js';
import { createApplicant, createTestCohort } from '../helpers/admissions.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { pdfText } from '../helpers/pdf.js';

let t: TTestContext;
let gestionnaire: { cookie: string };
let responsable: { cookie: string };
let centreId: string;

beforeAll(async () => {
  t = await createTestContext();
  const centre = await t.createTestCentre('Cnam Paris');
  await t.db.update(centres).set({ siret: '19753471200017', declarationNumber: '11755512375' }).where(eq(centres.id, centre.id));
  centreId = centre.id;
  for (const role of ['gestionnaire', 'responsable_pedagogique'] as const) {
    const user = await t.createTestUser({ roles: [role], centreIds: [centre.id] });
    const who = { cookie: await t.signIn(user.email) };
    if (role === 'gestionnaire') gestionnaire = who;
    else responsable = who;
  }
});
afterAll(() => t.close());

type TPayer = { kind: 'employer' | 'opco' | 'cpf' | 'personal' | 'other'; name: string; shareCents: number };

/** An accepted application with a funding plan written as the service would store it. */
async function fundedApplication(payers: TPayer[]) {
  const cohort = await createTestCohort(t.db, { centreId, startsOn: '2099-11-02', endsOn: '2101-10-30' });
  const a = await createApplicant(t, cohort.id, { file: true });
  await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: gestionnaire.cookie, body: { action: 'start_review', reason: 'Complet' } });
  const accepted = await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: responsable.cookie, body: { action: 'accept', reason: 'Admis·e' } });
  expect(accepted.status).toBe(200);
  const totalCents = payers.reduce((s, p) => s + p.shareCents, 0);
  await t.db.insert(fundingPlans).values({
    applicationId: a.id,
    priceLabel: 'Financement par un tiers',
    programmeCents: totalCents,
    totalCents,
    payers,
    schedule: [{ dueOn: '2099-12-01', amountCents: totalCents }],
    quoteNumber: `D-TEST-${a.id.slice(0, 6)}`,
  });
  return { a, cohort };
}

const textOf = async (res: Response) => (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, ' ');

const MANDATORY = [
  // Duration from the version's maquette (seed 000/001: 490 h = 420 h + 70 h) and the promotion's dates.
  'Durée : 490 h',
  '420 h de séminaires',
  '70 h d’ateliers mémoire',
  'du 02/11/2099 au 30/10/2101',
  // The training body's identity, from the centre's settings.
  'SIRET : 197 534 712 00017',
  'n° 11 75 55123 75',
  'Cet enregistrement ne vaut pas agrément de l’État',
  // Programme: the four blocs of RNCP 41336 (seed 000).
  'CPN07B10',
  'CPN07B20',
  'CPN07B30',
  'CPN07B40',
  'Objectifs',
  // Assessment terms (seed 003) and prerequisites.
  'Modalités d’évaluation',
  'Rédaction d\'un mémoire professionnel',
  'Niveau de connaissances préalables requis',
  'RNCP 41336',
];

describe('quote and training agreement', () => {
  it('a convention with an employer and an OPCO: mandatory mentions, one signature block per party, no withdrawal clause', async () => {
    const { a } = await fundedApplication([
      { kind: 'employer', name: 'Association Les Tilleuls', shareCents: 500_250 },
      { kind: 'opco', name: 'OPCO Uniformation', shareCents: 500_250 },
    ]);
    for (const path of ['quote.pdf', 'agreement.pdf']) {
      const res = await t.app.request(`/api/applications/${a.id}/${path}`, { headers: { cookie: gestionnaire.cookie } });
      expect(res.status).toBe(200);
      const text = await textOf(res);
      for (const m of MANDATORY) expect(text, `${path}: ${m}`).toContain(m);
      expect(text).toContain('Pour l’organisme de formation');
      expect(text).toContain('Le stagiaire');
      expect(text).toContain('Pour l’employeur');
      expect(text).toContain('Association Les Tilleuls');
      expect(text).toContain('Pour l’OPCO');
      expect(text).toContain('OPCO Uniformation');
      expect(text).not.toContain('rétractation');
      // Footer on every page: legal identity and page numbers.
      expect(text).toMatch(/Page 1 \/ \d/);
      expect(text).toContain('SIRET 197 534 712 00017');
    }
    const agreement = await t.app.request(`/api/applications/${a.id}/agreement.pdf`, { headers: { cookie: gestionnaire.cookie } });
    expect(agreement.headers.get('content-disposition')).toContain('convention-');
    expect(await textOf(agreement)).toContain('Convention de formation professionnelle');
  });

  it('a person paying alone: a contrat de formation with the 10-day withdrawal period and at most 30 % after it; the learner downloads it', async () => {
    const { a } = await fundedApplication([{ kind: 'personal', name: 'Camille Martin', shareCents: 500_050 }]);
    const res = await t.app.request(`/api/applications/${a.id}/agreement.pdf`, { headers: { cookie: a.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('contrat-');
    const text = await textOf(res);
    expect(text).toContain('Contrat de formation professionnelle');
    expect(text).toContain('Dans un délai de 10 jours à compter de la signature');
    expect(text).toContain('L. 6353-5');
    expect(text).toContain('plus de 30 % du prix convenu');
    expect(text).toContain('force majeure');
    expect(text).not.toContain('Pour l’employeur');
    expect(text).not.toContain('Pour l’OPCO');
    const quote = await textOf(await t.app.request(`/api/applications/${a.id}/quote.pdf`, { headers: { cookie: a.cookie } }));
    expect(quote).toContain('Dans un délai de 10 jours à compter de la signature');
    expect(quote).toContain('5 000,50 €');
  });

  it('never names the centre twice in the promotion’s label', async () => {
    const { a, cohort } = await fundedApplication([{ kind: 'employer', name: 'Employeur', shareCents: 1_000_500 }]);
    const { cohorts } = await import('../../src/features/cohorts/cohorts.tables.js');
    await t.db.update(cohorts).set({ name: '34e promotion — Cnam Paris' }).where(eq(cohorts.id, cohort.id));
    const text = await textOf(await t.app.request(`/api/applications/${a.id}/quote.pdf`, { headers: { cookie: gestionnaire.cookie } }));
    expect(text).toContain('Promotion : 34e promotion — Cnam Paris.');
    expect(text).not.toContain('Cnam Paris — Cnam Paris');
  });
});
