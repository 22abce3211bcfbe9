/**
 * The sections the quote and the training agreement share: what the Code du travail requires a
 * convention or a contrat de formation to state (docs/decisions/014-training-documents.md lists the
 * articles and where each mention comes from). Everything is data: the version's document (hours,
 * blocs, objectives, assessments, prerequisites), the promotion (dates), the centre (SIRET, NDA).
 */
import { formatDateFr } from '../../lib/format.js';
import { formatDeclarationNumber, formatSiret, ISSUER, type TPdfDoc } from '../../lib/pdf.js';
import { cohortLabel } from '../../shared/format/cohort-label.js';
import { formatHours, noBreak } from '../../shared/format/hours.js';
import type { TFundingKind } from '../../shared/vocabulary/funding.js';
import type { TCertificationVersion } from '../referentiel/referentiel.schema.js';

export type TDocumentFacts = {
  learner: { firstName: string; lastName: string; birthDate: string; email: string; address: string | null };
  centre: { name: string; address: string; postalCode: string; city: string; siret: string | null; declarationNumber: string | null };
  cohort: { name: string; startsOn: string; endsOn: string };
  version: { code: string; rncpNumber: string | null; title: string; document: TCertificationVersion };
  payers: readonly { kind: TFundingKind; name: string; shareCents: number }[];
};

/** Withdrawal period of a person who pays for their own training (Code du travail L. 6353-5). */
export const WITHDRAWAL_DAYS = 10;
/** Most a person paying individually may be asked for once the withdrawal period is over (L. 6353-6). */
export const MAX_FIRST_PAYMENT_PERCENT = 30;

export const rncpOf = (v: TDocumentFacts['version']) => (v.rncpNumber ? `RNCP ${v.rncpNumber}` : v.code);

export const paysIndividually = (f: TDocumentFacts) => f.payers.some((p) => p.kind === 'personal');

export function heading(doc: TPdfDoc, text: string) {
  doc.moveDown(0.4).font('Helvetica-Bold').fontSize(11).fillColor('#1a1a1a').text(text).font('Helvetica').fontSize(10).moveDown(0.2);
}

/** « de séminaires », « d’ateliers mémoire »: French elision before a vowel. */
const deOf = (word: string) => (/^[aeiouyàâéèêëîïôöûüœ]/i.test(word) ? `d’${word}` : `de ${word}`);

const bullet = (doc: TPdfDoc, text: string) => doc.text(`•  ${text}`, { indent: 8 });

/** The parties: the training body with its legal identity, the learner, the funders. */
export function partiesSection(doc: TPdfDoc, f: TDocumentFacts) {
  const c = f.centre;
  heading(doc, 'Organisme de formation');
  doc.text(`${ISSUER.name} — ${ISSUER.unit}, ${c.name}`);
  doc.text(`${c.address}, ${c.postalCode} ${c.city}`.replace(/^, /, ''));
  doc.text(`SIRET : ${c.siret ? formatSiret(c.siret) : 'non renseigné'}`);
  doc.text(
    `Déclaration d’activité enregistrée sous le n° ${c.declarationNumber ? formatDeclarationNumber(c.declarationNumber) : '(non renseigné)'} auprès du préfet de région. Cet enregistrement ne vaut pas agrément de l’État.`,
  );
  heading(doc, 'Stagiaire');
  doc.text(`${f.learner.firstName} ${f.learner.lastName}, né·e le ${formatDateFr(f.learner.birthDate)}`).text(f.learner.email);
  if (f.learner.address) doc.text(f.learner.address);
}

/** Title, duration from the version's maquette (490 h), dates of the promotion, place and rhythm. */
export function trainingSection(doc: TPdfDoc, f: TDocumentFacts) {
  const hours = f.version.document.hours;
  heading(doc, 'Action de formation');
  doc.text(`Intitulé : ${f.version.title} — titre inscrit au RNCP (${rncpOf(f.version)}), niveau ${f.version.document.level.european}.`);
  doc.text(`Nature de l’action : action de formation (article L. 6313-1 du Code du travail) préparant à une certification professionnelle.`);
  doc.text(`Promotion : ${cohortLabel({ name: f.cohort.name, centreName: f.centre.name })}.`);
  doc.text(`Période de réalisation : du ${formatDateFr(f.cohort.startsOn)} au ${formatDateFr(f.cohort.endsOn)}.`);
  if (hours) {
    const parts = hours.components.filter((c) => c.hours > 0).map((c) => `${noBreak(formatHours(c.hours))} ${deOf(c.label.toLocaleLowerCase('fr'))}`);
    doc.text(`Durée : ${noBreak(formatHours(hours.declaredTotalHours))}${parts.length ? ` (${parts.join(' et ')})` : ''}.`);
    const rhythm = [hours.rhythm, hours.weeksOnSite ? `${hours.weeksOnSite} semaines en présentiel` : null, hours.remoteDays ? `${hours.remoteDays} jours à distance` : null, hours.defenseDays ? `${hours.defenseDays} jours de soutenances` : null].filter(Boolean);
    if (rhythm.length) doc.text(`Rythme : ${rhythm.join(', ')}.`);
  }
  doc.text(`Lieu : ${f.centre.name}, ${f.centre.address}, ${f.centre.postalCode} ${f.centre.city}.`);
}

/** Objectives and programme (the blocs of the référentiel), prerequisites, means. */
export function programmeSection(doc: TPdfDoc, f: TDocumentFacts) {
  const d = f.version.document;
  heading(doc, 'Objectifs');
  const objectives = (d.overview?.objectives ?? []).filter((o) => !o.startsWith('Méthodes pédagogiques'));
  for (const o of objectives) doc.text(o).moveDown(0.2);
  heading(doc, 'Programme : blocs de compétences du référentiel');
  for (const b of d.blocs) {
    doc.font('Helvetica-Bold').text(`${b.code} — ${b.title}`).font('Helvetica');
    for (const c of b.competencies) bullet(doc, c.text);
    doc.moveDown(0.2);
  }
  const paths = d.admission?.paths ?? [];
  if (paths.length) {
    heading(doc, 'Niveau de connaissances préalables requis');
    for (const p of paths) bullet(doc, p.text);
  }
  const methods = d.overview?.objectives.find((o) => o.startsWith('Méthodes pédagogiques'));
  if (methods) {
    heading(doc, 'Moyens pédagogiques et techniques');
    doc.text(methods.replace(/^Méthodes pédagogiques\s*:\s*/, ''));
  }
}

/** Assessment terms and what the training leads to (sanction). */
export function assessmentSection(doc: TPdfDoc, f: TDocumentFacts) {
  const d = f.version.document;
  heading(doc, 'Modalités d’évaluation et sanction de la formation');
  const labels = [...new Set(d.blocs.flatMap((b) => b.assessments.map((a) => a.label)))];
  for (const l of labels) bullet(doc, l);
  if (d.completionRule) doc.moveDown(0.2).text(d.completionRule.text);
  doc.text(`Sanction : titre « ${f.version.title} » (${rncpOf(f.version)}) délivré par le Cnam, ou les blocs de compétences validés. Un certificat de réalisation est remis à l’issue de la formation.`);
}

/**
 * The individual learner's rights (L. 6353-5 to L. 6353-7): 10 days to withdraw, nothing paid before,
 * at most 30 % after, the rest in instalments; force majeure.
 */
export function individualRightsSection(doc: TPdfDoc, f: TDocumentFacts) {
  if (!paysIndividually(f)) return;
  heading(doc, 'Délai de rétractation');
  doc.text(
    `Dans un délai de ${WITHDRAWAL_DAYS} jours à compter de la signature du présent document, le stagiaire peut se rétracter par lettre recommandée avec avis de réception (article L. 6353-5 du Code du travail). Aucune somme ne peut être exigée du stagiaire avant l’expiration de ce délai de rétractation ; à son expiration, il ne peut être exigé plus de ${MAX_FIRST_PAYMENT_PERCENT} % du prix convenu, le solde donnant lieu à un échelonnement des paiements au fur et à mesure du déroulement de l’action (article L. 6353-6).`,
  );
  heading(doc, 'Interruption de la formation');
  doc.text(
    'Si, par suite de force majeure dûment reconnue, le stagiaire est empêché de suivre la formation, il peut rompre le contrat ; seules les prestations effectivement dispensées sont alors dues, au prorata temporis de leur valeur prévue au contrat (article L. 6353-7 du Code du travail).',
  );
}

/** One signature box per party: the training body, the learner, and every third party that pays. */
export function signatureBlocks(doc: TPdfDoc, f: TDocumentFacts, o: { place: string; date: string; approval: string }) {
  const signers = [
    { title: 'Pour l’organisme de formation', name: `${f.centre.name} — nom, qualité et cachet` },
    { title: 'Le stagiaire', name: `${f.learner.firstName} ${f.learner.lastName}` },
    ...f.payers
      .filter((p) => p.kind === 'employer' || p.kind === 'opco' || p.kind === 'other')
      .map((p) => ({ title: p.kind === 'employer' ? 'Pour l’employeur' : p.kind === 'opco' ? 'Pour l’OPCO' : 'Pour le financeur', name: `${p.name} — nom, qualité et cachet` })),
  ];
  heading(doc, 'Signatures');
  doc.text(`Fait à ${o.place}, le ${o.date}, en ${signers.length} exemplaires originaux. Chaque signature est précédée de la mention « ${o.approval} ».`);
  doc.moveDown(0.5);
  const { left } = doc.page.margins;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const boxWidth = (width - 10) / 2;
  const boxHeight = 80;
  for (let i = 0; i < signers.length; i += 2) {
    if (doc.y + boxHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    for (const [j, s] of signers.slice(i, i + 2).entries()) {
      const x = left + j * (boxWidth + 10);
      doc.rect(x, y, boxWidth, boxHeight).lineWidth(0.5).strokeColor('#bbbbbb').stroke();
      doc.font('Helvetica-Bold').fontSize(9).fillColor('#1a1a1a').text(s.title, x + 6, y + 6, { width: boxWidth - 12 });
      doc.font('Helvetica').fontSize(8).fillColor('#555555').text(s.name, x + 6, doc.y + 2, { width: boxWidth - 12 });
      doc.text('Date et signature :', x + 6, y + boxHeight - 16, { width: boxWidth - 12 });
    }
    doc.x = left;
    doc.y = y + boxHeight + 8;
  }
  doc.fillColor('#1a1a1a').fontSize(10);
}
