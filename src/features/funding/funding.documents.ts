/** The quote (devis) and the training agreement (convention de formation) as official PDFs. */
import { eq } from 'drizzle-orm';
import type { TDbOrTx } from '../../db/client.js';
import { conflict } from '../../http/errors.js';
import { formatCents as formatCentsIntl, formatDateFr, formatLongDateFr } from '../../lib/format.js';
import { todayInParis } from '../../lib/dates.js';
import { drawTable, ISSUER, renderOfficialDocument, type TPdfDoc } from '../../lib/pdf.js';
import type { TActor } from '../../policies/policies.js';
import { FUNDING_KIND_LABELS } from '../../shared/vocabulary/funding.js';
import { getApplicationRow, viewOf } from '../admissions/admissions.access.js';
import { loadCohortPricing } from './funding.service.js';
import { fundingPlans } from './funding.tables.js';

/**
 * Continuing vocational training given by the Cnam is exempt from VAT: Code général des impôts,
 * article 261, 4, 4° a (« les prestations de services … effectuées dans le cadre de la formation
 * professionnelle continue … »). The standard mention on quotes and agreements of public training bodies.
 */
export const VAT_MENTION = 'TVA non applicable, article 261-4-4° a du CGI';

/** Helvetica's WinAnsi encoding has no narrow no-break space (Intl's French thousands separator): use U+00A0. */
const formatCents = (cents: number) => formatCentsIntl(cents).replace(/\u202f/g, '\u00a0');


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

function partiesSection(doc: TPdfDoc, data: Awaited<ReturnType<typeof load>>) {
  const { app, pricing } = data;
  doc.font('Helvetica-Bold').text('Organisme de formation').font('Helvetica');
  doc.text(`${ISSUER.name} — ${ISSUER.unit}`).text(ISSUER.address).text(ISSUER.contact).moveDown(0.6);
  doc.font('Helvetica-Bold').text('Stagiaire').font('Helvetica');
  doc.text(`${app.firstName} ${app.lastName}, né·e le ${formatDateFr(app.birthDate)}`).text(app.email);
  if (app.address) doc.text(app.address);
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').text('Formation').font('Helvetica');
  doc.text(`${pricing.version.title} (${pricing.version.rncpNumber ? `RNCP ${pricing.version.rncpNumber}` : pricing.version.code})`);
  doc.text(`${pricing.cohort.name} — ${pricing.centre.name}, du ${formatDateFr(pricing.cohort.startsOn)} au ${formatDateFr(pricing.cohort.endsOn)}`);
  doc.moveDown(0.8);
}

export async function renderQuote(o: { db: TDbOrTx; viewer: TActor; id: string; now: Date }) {
  const data = await load(o.db, o.viewer, o.id);
  const today = todayInParis(o.now);
  const pdf = await renderOfficialDocument({ now: o.now, title: 'Devis', subtitle: data.pricing.version.title, reference: `Devis n° ${data.plan.quoteNumber} — candidature ${data.app.reference}` }, (doc) => {
    partiesSection(doc, data);
    amountsSection(doc, data);
    doc.text(`Devis établi le ${formatLongDateFr(today)}, valable trois mois. Montants en euros.`);
  });
  return { pdf, fileName: `devis-${data.plan.quoteNumber}.pdf` };
}

export async function renderTrainingAgreement(o: { db: TDbOrTx; viewer: TActor; id: string; now: Date }) {
  const data = await load(o.db, o.viewer, o.id);
  const today = todayInParis(o.now);
  const internship = data.pricing.version.document.admission?.internshipForJobSeekers;
  const jobSeeker = data.app.registrationForm?.jobSeeker ?? data.app.situation === 'job_seeker';
  const hours = data.pricing.version.document.hours?.declaredTotalHours;
  const pdf = await renderOfficialDocument(
    { now: o.now, title: 'Convention de formation professionnelle', subtitle: 'Articles L. 6353-1 et suivants du Code du travail', reference: `Convention liée au devis n° ${data.plan.quoteNumber}` },
    (doc) => {
      partiesSection(doc, data);
      doc.font('Helvetica-Bold').text('Article 1 — Objet').font('Helvetica');
      doc.text(`Le stagiaire suit la formation préparant au titre ci-dessus${hours ? `, d'une durée de ${hours} heures` : ''}, dans la promotion indiquée.`).moveDown(0.5);
      if (jobSeeker && internship) {
        doc.font('Helvetica-Bold').text('Article 2 — Stage').font('Helvetica');
        doc.text(`Le stagiaire, demandeur·euse d'emploi, effectue un stage professionnel d'au moins ${internship.minWeeks} semaines au cours de la formation.`).moveDown(0.5);
      }
      doc.font('Helvetica-Bold').text(`Article ${jobSeeker && internship ? 3 : 2} — Dispositions financières`).font('Helvetica').moveDown(0.3);
      amountsSection(doc, data);
      doc.text(`Fait à Paris, le ${formatLongDateFr(today)}, en deux exemplaires.`).moveDown(2);
      doc.text('Pour le Cnam', { continued: true }).text('Le stagiaire', { align: 'right' });
    },
  );
  return { pdf, fileName: `convention-${data.plan.quoteNumber}.pdf` };
}
