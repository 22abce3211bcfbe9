/**
 * The certificat de réalisation and the attestation d'assiduité of one learner over a period, as
 * official PDFs, computed from the attendance records (the current record of each session over at the
 * request's instant). What each states and where it comes from: docs/decisions/014-training-documents.md.
 */
import { and, eq } from 'drizzle-orm';
import type { TDbOrTx } from '../../db/client.js';
import { notFound, validationError } from '../../http/errors.js';
import { todayInParis } from '../../lib/dates.js';
import { formatDateFr, formatLongDateFr } from '../../lib/format.js';
import { drawTable, renderOfficialDocument, type TPdfDoc } from '../../lib/pdf.js';
import { getCohortFor } from '../../policies/cohort-access.js';
import { canReadLearnerAttendance } from '../../policies/cohorts.policy.js';
import type { TActor } from '../../policies/policies.js';
import { asciiSlug, cohortLabel } from '../../shared/format/cohort-label.js';
import { formatHours, noBreak } from '../../shared/format/hours.js';
import { users } from '../auth/auth.tables.js';
import { loadSessions, presentSession } from '../calendar/calendar.service.js';
import { hoursOf } from '../calendar/sessions.rules.js';
import { centres } from '../centres/centres.tables.js';
import { cohortLearners } from '../cohorts/cohorts.tables.js';
import { fundingPlans } from '../funding/funding.tables.js';
import { certificationVersions } from '../referentiel/referentiel.tables.js';
import { computeAttendance, currentRecords, keyOf, STATUS_LABELS } from './attendance.rules.js';
import { recordsOf } from './attendance.service.js';

export type TCertificateKind = 'completion' | 'attendance';

/** How long the training body keeps the supporting documents (wording of the official model). */
export const KEEP_EVIDENCE_YEARS = 3;

/** One learner's attendance over [from, to] (Paris dates, both included), with what the documents print. */
export async function getLearnerPeriodAttendance(o: { db: TDbOrTx; actor: TActor; cohortId: string; learnerId: string; from?: string; to?: string; now: Date }) {
  const { cohort } = await getCohortFor(o.db, o.actor, o.cohortId, (a, c, rel) => canReadLearnerAttendance(a, c, rel, o.learnerId));
  const [learner] = await o.db
    .select({ userId: users.id, name: users.name, funderLabel: cohortLearners.funderLabel, applicationId: cohortLearners.applicationId, enrolledAt: cohortLearners.enrolledAt })
    .from(cohortLearners)
    .innerJoin(users, eq(users.id, cohortLearners.userId))
    .where(and(eq(cohortLearners.cohortId, cohort.id), eq(cohortLearners.userId, o.learnerId)));
  if (!learner) throw notFound('Cette personne n’est pas inscrite dans cette promotion.');
  const today = todayInParis(o.now);
  const from = o.from ?? cohort.startsOn;
  const to = o.to ?? (cohort.endsOn < today ? cohort.endsOn : today);
  if (from > to) throw validationError([{ path: 'to', message: 'La fin de la période doit suivre son début.' }]);

  const [centre] = await o.db.select().from(centres).where(eq(centres.id, cohort.centreId));
  const [version] = await o.db.select().from(certificationVersions).where(eq(certificationVersions.id, cohort.certificationVersionId));
  const sessions = (await loadSessions(o.db, { cohortId: cohort.id })).filter((s) => {
    const day = presentSession(s).date;
    return day >= from && day <= to;
  });
  if (!sessions.length) throw validationError([{ path: 'from', message: `Aucune séance de la promotion entre le ${formatDateFr(from)} et le ${formatDateFr(to)}.` }]);
  const current = currentRecords(await recordsOf(o.db, sessions.map((s) => s.id), learner.userId));
  const report = computeAttendance({
    sessions: sessions.map((s) => ({ id: s.id, hours: hoursOf(s), endsAt: s.endsAt })),
    learners: [{ userId: learner.userId, name: learner.name, funderLabel: learner.funderLabel, enrolledAt: learner.enrolledAt }],
    current,
    now: o.now,
    threshold: cohort.attendanceAlertThreshold,
  });
  let employer: string | null = null;
  if (learner.applicationId) {
    const [plan] = await o.db.select({ payers: fundingPlans.payers }).from(fundingPlans).where(eq(fundingPlans.applicationId, learner.applicationId));
    employer = plan?.payers.find((p) => p.kind === 'employer')?.name ?? null;
  }
  // The same sessions as the hours: over at `now`, and not before the enrolment unless recorded.
  const enrolledOn = todayInParis(learner.enrolledAt);
  const past = sessions.filter((s) => s.endsAt.getTime() <= o.now.getTime() && (current.has(keyOf(s.id, learner.userId)) || todayInParis(s.endsAt) >= enrolledOn));
  return {
    cohort,
    centre: centre!,
    version: version!,
    learner,
    employer,
    from,
    to,
    today,
    summary: report.learners[0]!,
    lines: past.map((s) => {
      const view = presentSession(s);
      const status = current.get(keyOf(s.id, learner.userId))?.status;
      return { date: view.date, time: `${view.startTime}–${view.endTime}`, title: view.title, hours: view.hours, status: status ? STATUS_LABELS[status] : 'Non émargé (absence)' };
    }),
  };
}

type TPeriod = Awaited<ReturnType<typeof getLearnerPeriodAttendance>>;

const h = (n: number) => noBreak(formatHours(n));
const rncpOf = (v: TPeriod['version']) => (v.rncpNumber ? `RNCP ${v.rncpNumber}` : v.code);
const frameOf = (p: TPeriod) => ({ centre: p.centre, certification: rncpOf(p.version) });
const labelOf = (p: TPeriod) => cohortLabel({ name: p.cohort.name, centreName: p.centre.name });

/** Fields of the ministry of Labour's model « Certificat de réalisation des actions de formation… ». */
function drawCompletion(doc: TPdfDoc, p: TPeriod) {
  const s = p.summary;
  doc.text(`Je soussigné·e, ……………………………………………, représentant·e légal·e du dispensateur de l’action concourant au développement des compétences, Conservatoire national des arts et métiers — ${p.centre.name}, atteste que :`);
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').text(`Nom et prénom du bénéficiaire : ${p.learner.name}`).font('Helvetica');
  if (p.employer) doc.text(`salarié·e de l’entreprise : ${p.employer}`);
  doc.moveDown(0.4);
  doc.text(`a suivi l’action : ${p.version.title} (${rncpOf(p.version)}), ${labelOf(p)}.`);
  doc.moveDown(0.4);
  doc.text('Nature de l’action concourant au développement des compétences :');
  for (const [ticked, label] of [
    [true, 'action de formation'],
    [false, 'bilan de compétences'],
    [false, 'action de VAE'],
    [false, 'action de formation par apprentissage'],
  ] as const) {
    doc.text(`[${ticked ? 'X' : '  '}]  ${label}`, { indent: 12 });
  }
  doc.moveDown(0.4);
  doc.text(`qui s’est déroulée du ${formatDateFr(p.from)} au ${formatDateFr(p.to)},`);
  doc.font('Helvetica-Bold').text(`pour une durée de ${h(s.attendedHours)} réalisées`, { continued: true }).font('Helvetica').text(` (${h(s.plannedHours)} prévues sur la période, dont ${h(s.excusedHours)} d’absences justifiées).`);
  doc.moveDown(0.8);
  doc.fontSize(9).text(
    `Sans préjudice des délais imposés par les règles fiscales, comptables ou commerciales, je m’engage à conserver l’ensemble des pièces justificatives qui ont permis d’établir le présent certificat pendant une durée de ${KEEP_EVIDENCE_YEARS} ans à compter de la fin de l’année du dernier paiement. En cas de cofinancement des fonds européens, la durée de conservation est étendue conformément aux obligations conventionnelles spécifiques.`,
  );
  doc.fontSize(10).moveDown(0.8);
  doc.text(`Fait à : ${p.centre.city}`).text(`Le : ${formatDateFr(p.today)}`);
  doc.moveDown(0.5).text('Cachet et signature du responsable du dispensateur de formation (nom, prénom, qualité du signataire) :');
  doc.moveDown(4);
  doc.fontSize(8).fillColor('#555555').text('Heures réalisées : séances de la période terminées à la date du certificat, d’après les émargements enregistrés et horodatés dans MOVSC.').fillColor('#1a1a1a').fontSize(10);
}

function drawAttendance(doc: TPdfDoc, p: TPeriod) {
  const s = p.summary;
  doc.text(`Le Conservatoire national des arts et métiers — ${p.centre.name} atteste que ${p.learner.name}, inscrit·e dans la ${labelOf(p)} préparant le titre « ${p.version.title} » (${rncpOf(p.version)}), a suivi la formation du ${formatDateFr(p.from)} au ${formatDateFr(p.to)} avec l’assiduité suivante :`);
  doc.moveDown(0.6);
  drawTable(
    doc,
    [{ header: 'Heures prévues', width: 99, align: 'right' }, { header: 'Heures suivies', width: 99, align: 'right' }, { header: 'Absences justifiées', width: 99, align: 'right' }, { header: 'Absences', width: 99, align: 'right' }, { header: 'Taux d’assiduité', width: 99, align: 'right' }],
    [[h(s.plannedHours), h(s.attendedHours), h(s.excusedHours), h(s.absentHours + s.unrecordedHours), s.rate === null ? '—' : `${String(s.rate).replace('.', ',')} %`]],
  );
  doc.font('Helvetica-Bold').text('Détail des séances').font('Helvetica').moveDown(0.3);
  drawTable(
    doc,
    [{ header: 'Date', width: 70 }, { header: 'Horaire', width: 75 }, { header: 'Séance', width: 200 }, { header: 'Durée', width: 55, align: 'right' }, { header: 'Émargement', width: 95 }],
    p.lines.map((l) => [formatDateFr(l.date), l.time, l.title, h(l.hours), l.status]),
  );
  doc.text(`Fait à ${p.centre.city}, le ${formatLongDateFr(p.today)}, pour servir et valoir ce que de droit.`);
  doc.moveDown(0.5).text('Pour l’organisme de formation (nom, qualité, cachet et signature) :');
}

export async function renderLearnerCertificate(o: { db: TDbOrTx; actor: TActor; cohortId: string; learnerId: string; kind: TCertificateKind; from?: string; to?: string; now: Date }) {
  const p = await getLearnerPeriodAttendance(o);
  const completion = o.kind === 'completion';
  const title = completion ? 'Certificat de réalisation' : 'Attestation d’assiduité';
  const pdf = await renderOfficialDocument(
    {
      now: o.now,
      ...frameOf(p),
      title,
      subtitle: completion ? 'Action de formation, de bilan de compétences, de VAE ou d’apprentissage' : labelOf(p),
      reference: `${p.learner.name} — période du ${formatDateFr(p.from)} au ${formatDateFr(p.to)}`,
    },
    (doc) => (completion ? drawCompletion(doc, p) : drawAttendance(doc, p)),
  );
  const fileName = `${asciiSlug(completion ? 'certificat de realisation' : 'attestation d’assiduité')}-${asciiSlug(p.learner.name)}-${p.from}-${p.to}.pdf`;
  return { pdf, fileName };
}
