/** The quote (devis) and the training agreement (convention or contrat de formation) as official PDFs. */
import { eq } from 'drizzle-orm';
import type { TDbOrTx } from '../../db/client.js';
import { conflict } from '../../http/errors.js';
import { formatCents, formatDateFr, formatLongDateFr } from '../../lib/format.js';
import { todayInParis } from '../../lib/dates.js';
import { drawTable, renderOfficialDocument, type TPdfDoc } from '../../lib/pdf.js';
import type { TActor } from '../../policies/policies.js';
import { FUNDING_KIND_LABELS } from '../../shared/vocabulary/funding.js';
import { getApplicationRow, viewOf } from '../admissions/admissions.access.js';
import { loadCohortPricing } from './funding.service.js';
import { fundingPlans } from './funding.tables.js';
import {
  assessmentSection,
  heading,
  individualRightsSection,
  partiesSection,
  paysIndividually,
  programmeSection,
  rncpOf,
  signatureBlocks,
  trainingSection,
  type TDocumentFacts,
} from './funding.document-sections.js';

/**
 * Continuing vocational training given by the Cnam is exempt from VAT: Code général des impôts,
 * article 261, 4, 4° a (« les prestations de services … effectuées dans le cadre de la formation
 * professionnelle continue … »). The standard mention on quotes and agreements of public training bodies.
 */
export const VAT_MENTION = 'TVA non applicable, article 261-4-4° a du CGI';



async function load(db: TDbOrTx, viewer: TActor, id: string) {
  const app = await getApplicationRow(db, id);
  await viewOf(db, viewer, app);
  const [plan] = await db.select().from(fundingPlans).where(eq(fundingPlans.applicationId, id));
  if (!plan) throw conflict("Le financement de cette candidature n'est pas encore établi : le devis ne peut pas être produit.");
  const pricing = await loadCohortPricing(db, app.cohortId);
  return { app, plan, pricing };
}

function amountsSection(doc: TPdfDoc, data: Awaited<ReturnType<typeof load>>) {
  const { plan, pricing } = data;
  const rows = [[`${pricing.version.title} — ${plan.priceLabel}`, formatCents(plan.programmeCents)]];
  if (plan.cooperativeModule) rows.push([pricing.coop.title, formatCents(plan.cooperativeModuleCents)]);
  rows.push(['Total net à payer', formatCents(plan.totalCents)]);
  drawTable(doc, [{ header: 'Désignation', width: 380 }, { header: 'Montant', width: 115, align: 'right' }], rows);
  doc.font('Helvetica-Oblique').fontSize(9).text(VAT_MENTION).font('Helvetica').fontSize(10).moveDown(0.8);
  doc.font('Helvetica-Bold').text('Répartition entre financeurs').font('Helvetica').moveDown(0.3);
  drawTable(
    doc,
    [{ header: 'Financeur', width: 250 }, { header: 'Nature', width: 130 }, { header: 'Part', width: 115, align: 'right' }],
    plan.payers.map((p) => [p.name, FUNDING_KIND_LABELS[p.kind], formatCents(p.shareCents)]),
  );
  doc.font('Helvetica-Bold').text('Échéancier').font('Helvetica').moveDown(0.3);
  drawTable(
    doc,
    [{ header: 'Échéance', width: 250 }, { header: 'Montant', width: 115, align: 'right' }],
    plan.schedule.map((s) => [formatDateFr(s.dueOn), formatCents(s.amountCents)]),
  );
}

function factsOf(data: Awaited<ReturnType<typeof load>>): TDocumentFacts {
  const { app, plan, pricing } = data;
  return {
    learner: { firstName: app.firstName, lastName: app.lastName, birthDate: app.birthDate, email: app.email, address: app.address ?? null },
    centre: pricing.centre,
    cohort: pricing.cohort,
    version: pricing.version,
    payers: plan.payers,
  };
}

const frame = (f: TDocumentFacts) => ({ centre: f.centre, certification: rncpOf(f.version) });

export async function renderQuote(o: { db: TDbOrTx; viewer: TActor; id: string; now: Date }) {
  const data = await load(o.db, o.viewer, o.id);
  const facts = factsOf(data);
  const today = todayInParis(o.now);
  const pdf = await renderOfficialDocument(
    { now: o.now, ...frame(facts), title: 'Devis', subtitle: data.pricing.version.title, reference: `Devis n° ${data.plan.quoteNumber} — candidature ${data.app.reference}` },
    (doc) => {
      partiesSection(doc, facts);
      trainingSection(doc, facts);
      programmeSection(doc, facts);
      assessmentSection(doc, facts);
      heading(doc, 'Prix et modalités de règlement');
      amountsSection(doc, data);
      doc.text(`Devis établi le ${formatLongDateFr(today)}, valable trois mois. Montants en euros.`);
      individualRightsSection(doc, facts);
      signatureBlocks(doc, facts, { place: facts.centre.city, date: formatDateFr(today), approval: 'Bon pour accord' });
    },
  );
  return { pdf, fileName: `devis-${data.plan.quoteNumber}.pdf` };
}

/**
 * A convention when a third party (employer, OPCO…) buys the training (L. 6353-2); a contrat de
 * formation professionnelle when the person pays it alone (L. 6353-3). Both state what L. 6353-1 and
 * L. 6353-4 require, and the individual's rights of L. 6353-5 to L. 6353-7 when the person pays a share.
 */
export async function renderTrainingAgreement(o: { db: TDbOrTx; viewer: TActor; id: string; now: Date }) {
  const data = await load(o.db, o.viewer, o.id);
  const facts = factsOf(data);
  const today = todayInParis(o.now);
  const internship = data.pricing.version.document.admission?.internshipForJobSeekers;
  const jobSeeker = data.app.registrationForm?.jobSeeker ?? data.app.situation === 'job_seeker';
  const individualOnly = facts.payers.every((p) => p.kind === 'personal');
  const title = individualOnly ? 'Contrat de formation professionnelle' : 'Convention de formation professionnelle';
  const articles = individualOnly ? 'Articles L. 6353-3 à L. 6353-7 du Code du travail' : 'Articles L. 6353-1, L. 6353-2 et suivants du Code du travail';
  const pdf = await renderOfficialDocument({ now: o.now, ...frame(facts), title, subtitle: articles, reference: `Document lié au devis n° ${data.plan.quoteNumber}` }, (doc) => {
    partiesSection(doc, facts);
    let n = 1;
    const article = (name: string) => heading(doc, `Article ${n++} — ${name}`);
    article('Objet, nature, durée et effectif');
    doc.text(`Le stagiaire suit l’action de formation décrite ci-dessous, dans la promotion indiquée (effectif : un·e stagiaire au titre du présent document).`);
    trainingSection(doc, facts);
    article('Programme, objectifs et prérequis');
    programmeSection(doc, facts);
    article('Évaluation et sanction');
    assessmentSection(doc, facts);
    if (jobSeeker && internship) {
      article('Stage');
      doc.text(`Le stagiaire, demandeur·euse d'emploi, effectue un stage professionnel d'au moins ${internship.minWeeks} semaines au cours de la formation.`);
    }
    article('Dispositions financières');
    amountsSection(doc, data);
    if (paysIndividually(facts)) {
      article('Droits du stagiaire qui finance personnellement sa formation');
      individualRightsSection(doc, facts);
    }
    signatureBlocks(doc, facts, { place: facts.centre.city, date: formatLongDateFr(today), approval: 'Lu et approuvé' });
  });
  return { pdf, fileName: `${individualOnly ? 'contrat' : 'convention'}-${data.plan.quoteNumber}.pdf` };
}
