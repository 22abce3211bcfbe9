/** Attendance outputs: hours and rates per learner and funder, exports, the day's sheet as a PDF. */
import type { TDbOrTx } from '../../db/client.js';
import { validationError } from '../../http/errors.js';
import { toCsv, toXlsx, type TExportColumn } from '../../lib/exports.js';
import { formatDateTimeFr, formatLongDateFr } from '../../lib/format.js';
import { drawTable, renderOfficialDocument } from '../../lib/pdf.js';
import type { TActor } from '../../policies/policies.js';
import { loadSessions, presentSession } from '../calendar/calendar.service.js';
import { getCohortFor } from '../../policies/cohort-access.js';
import { canReadAttendanceReports, canReadLearnerAttendance } from '../../policies/cohorts.policy.js';
import { hoursOf } from '../calendar/sessions.rules.js';
import { and, eq, inArray } from 'drizzle-orm';
import { users } from '../auth/auth.tables.js';
import { centres } from '../centres/centres.tables.js';
import { cohorts } from '../cohorts/cohorts.tables.js';
import { certificationVersions } from '../referentiel/referentiel.tables.js';
import { todayInParis } from '../../lib/dates.js';
import { cohortLabel, cohortSlug, exportFileName } from '../../shared/format/cohort-label.js';
import { cohortLearners } from '../cohorts/cohorts.tables.js';
import { attendanceTeacherSignatures } from './attendance.tables.js';
import { computeAttendance, currentRecords, keyOf, STATUS_LABELS, type TLearnerAttendance } from './attendance.rules.js';
import { enrolledLearners, recordsOf } from './attendance.service.js';

export async function getAttendanceReport(o: { db: TDbOrTx; actor: TActor; cohortId: string; now: Date }) {
  const { cohort } = await getCohortFor(o.db, o.actor, o.cohortId, canReadAttendanceReports);
  const sessions = await loadSessions(o.db, { cohortId: cohort.id });
  const learners = await enrolledLearners(o.db, cohort.id);
  const records = await recordsOf(o.db, sessions.map((s) => s.id));
  const report = computeAttendance({
    sessions: sessions.map((s) => ({ id: s.id, hours: hoursOf(s), endsAt: s.endsAt })),
    learners,
    current: currentRecords(records),
    now: o.now,
    threshold: cohort.attendanceAlertThreshold,
  });
  return { cohortId: cohort.id, cohortName: cohort.name, threshold: cohort.attendanceAlertThreshold, ...report };
}

const rate = (r: number | null) => (r === null ? '' : `${String(r).replace('.', ',')} %`);

const LEARNER_COLUMNS: TExportColumn<TLearnerAttendance>[] = [
  { header: 'Auditeur·rice', value: (l) => l.name, width: 28 },
  { header: 'Financeur', value: (l) => l.funderLabel ?? '', width: 22 },
  { header: 'Heures prévues', value: (l) => l.plannedHours },
  { header: 'Heures suivies', value: (l) => l.attendedHours },
  { header: 'Heures excusées', value: (l) => l.excusedHours },
  { header: 'Heures d’absence', value: (l) => l.absentHours + l.unrecordedHours },
  { header: 'Taux d’assiduité', value: (l) => rate(l.rate) },
  { header: 'Alerte', value: (l) => (l.alert ? 'sous le seuil' : '') },
];

type TFunderHours = { funder: string; learners: number; attendedHours: number; dueHours: number };

const FUNDER_COLUMNS: TExportColumn<TFunderHours>[] = [
  { header: 'Financeur', value: (f) => f.funder, width: 28 },
  { header: 'Auditeur·rices', value: (f) => f.learners },
  { header: 'Heures suivies', value: (f) => f.attendedHours },
  { header: 'Heures dues', value: (f) => f.dueHours },
];

/** The per-learner table, or (view 'funders') hours attended per funder, as funders audit them. */
export async function exportAttendance(o: {
  db: TDbOrTx;
  actor: TActor;
  cohortId: string;
  now: Date;
  format: 'csv' | 'xlsx';
  view?: 'learners' | 'funders';
}) {
  const report = await getAttendanceReport(o);
  const [place] = await o.db.select({ number: cohorts.number, city: centres.city }).from(cohorts).innerJoin(centres, eq(centres.id, cohorts.centreId)).where(eq(cohorts.id, report.cohortId));
  const what = o.view === 'funders' ? 'heures par financeur' : 'assiduité';
  const fileName = exportFileName(what, place!, todayInParis(o.now), o.format);
  if (o.view === 'funders') {
    return { fileName, content: o.format === 'csv' ? toCsv(report.byFunder, FUNDER_COLUMNS) : await toXlsx(report.byFunder, FUNDER_COLUMNS, 'Heures par financeur') };
  }
  return { fileName, content: o.format === 'csv' ? toCsv(report.learners, LEARNER_COLUMNS) : await toXlsx(report.learners, LEARNER_COLUMNS, 'Assiduité') };
}

/** A learner's own sessions with their status, hours and rate, for every promotion they belong to. */
export async function getMyAttendance(o: { db: TDbOrTx; actor: TActor; cohortId: string; now: Date }) {
  const { cohort } = await getCohortFor(o.db, o.actor, o.cohortId, (a, c, rel) => canReadLearnerAttendance(a, c, rel, a.userId));
  const sessions = await loadSessions(o.db, { cohortId: cohort.id });
  const records = await recordsOf(o.db, sessions.map((s) => s.id), o.actor.userId);
  const current = currentRecords(records);
  const [me] = await o.db.select({ name: users.name }).from(users).where(eq(users.id, o.actor.userId));
  const [enrolment] = await o.db
    .select({ enrolledAt: cohortLearners.enrolledAt })
    .from(cohortLearners)
    .where(and(eq(cohortLearners.cohortId, cohort.id), eq(cohortLearners.userId, o.actor.userId)));
  const report = computeAttendance({
    sessions: sessions.map((s) => ({ id: s.id, hours: hoursOf(s), endsAt: s.endsAt })),
    learners: [{ userId: o.actor.userId, name: me?.name ?? '', funderLabel: null, enrolledAt: enrolment?.enrolledAt }],
    current,
    now: o.now,
    threshold: cohort.attendanceAlertThreshold,
  });
  return {
    cohortId: cohort.id,
    cohortName: cohort.name,
    threshold: cohort.attendanceAlertThreshold,
    summary: report.learners[0]!,
    sessions: sessions.map((s) => {
      const cur = current.get(keyOf(s.id, o.actor.userId));
      return { ...presentSession(s), status: cur?.status ?? null, recordId: cur?.id ?? null };
    }),
  };
}

/**
 * The attendance sheet of a day for a funder's audit: one row per learner, one column per half-day
 * with the status and the time of the signature, the teachers' signatures under the table.
 */
export async function renderDaySheet(o: { db: TDbOrTx; actor: TActor; cohortId: string; date: string; now: Date }) {
  const { cohort } = await getCohortFor(o.db, o.actor, o.cohortId, canReadAttendanceReports);
  const sessions = (await loadSessions(o.db, { cohortId: cohort.id })).map((s) => ({ raw: s, view: presentSession(s) })).filter((s) => s.view.date === o.date);
  if (!sessions.length) throw validationError([{ path: 'date', message: `Aucune séance le ${o.date.split('-').reverse().join('/')} dans cette promotion.` }]);
  const learners = await enrolledLearners(o.db, cohort.id);
  const records = await recordsOf(o.db, sessions.map((s) => s.raw.id));
  const current = currentRecords(records);
  const [centre] = await o.db.select().from(centres).where(eq(centres.id, cohort.centreId));
  const [version] = await o.db.select({ code: certificationVersions.code, rncpNumber: certificationVersions.rncpNumber }).from(certificationVersions).where(eq(certificationVersions.id, cohort.certificationVersionId));
  const signatures = await o.db
    .select({ sessionId: attendanceTeacherSignatures.sessionId, name: users.name, signedAt: attendanceTeacherSignatures.signedAt })
    .from(attendanceTeacherSignatures)
    .innerJoin(users, eq(users.id, attendanceTeacherSignatures.userId))
    .where(inArray(attendanceTeacherSignatures.sessionId, sessions.map((s) => s.raw.id)));

  const cell = (sessionId: string, learnerId: string) => {
    const r = current.get(keyOf(sessionId, learnerId));
    if (!r) return 'Non émargé';
    const how = r.method === 'self' ? `signé ${formatDateTimeFr(r.recordedAt).slice(11)}` : r.method === 'teacher' ? 'relevé par l’enseignant·e' : 'corrigé';
    return `${STATUS_LABELS[r.status]} — ${how}`;
  };
  const pdf = await renderOfficialDocument(
    {
      centre,
      certification: version?.rncpNumber ? `RNCP ${version.rncpNumber}` : version?.code,
      title: 'Feuille d’émargement',
      subtitle: cohortLabel({ name: cohort.name, centreName: centre?.name }),
      reference: `Journée du ${formatLongDateFr(o.date)}`,
      landscape: true,
      now: o.now,
    },
    (doc) => {
      const slots = sessions.map((s) => `${s.view.startTime}–${s.view.endTime}${s.view.remote ? ' (à distance)' : ''}`);
      doc.fontSize(9).text(sessions.map((s, i) => `${slots[i]} : ${s.view.title}${s.view.room ? `, ${s.view.room}` : ''}`).join('\n'));
      doc.moveDown(0.8);
      const width = 740 - 180;
      drawTable(
        doc,
        [{ header: 'Auditeur·rice', width: 180 }, ...sessions.map((_, i) => ({ header: slots[i]!, width: width / sessions.length }))],
        learners.map((l) => [l.name, ...sessions.map((s) => cell(s.raw.id, l.userId))]),
      );
      doc.font('Helvetica-Bold').fontSize(10).text('Signature des enseignant·es');
      doc.font('Helvetica').fontSize(9);
      for (const [i, s] of sessions.entries()) {
        const signed = signatures.filter((x) => x.sessionId === s.raw.id);
        const names = s.view.teachers.map((t) => t.name).join(', ') || 'enseignant·e non renseigné·e';
        doc.text(
          `${slots[i]} — ${names} : ${signed.length ? signed.map((x) => `signé par ${x.name} le ${formatDateTimeFr(x.signedAt)}`).join(' ; ') : 'non signée'}`,
        );
      }
      doc.moveDown(0.5).fillColor('#555555').text('Les signatures des auditeur·rices sont électroniques : heure de signature enregistrée et horodatée par MOVSC ; toute correction est un nouvel enregistrement daté, motivé et attribué.');
    },
  );
  return { pdf, fileName: `emargement-${centre ? cohortSlug({ number: cohort.number, city: centre.city }) : 'promotion'}-${o.date}.pdf` };
}
