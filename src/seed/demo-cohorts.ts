/**
 * Demo promotion: the 33rd, opened in November 2024 in Paris (shared/seeds/001: « Il ouvre sa 33ème
 * promotion en novembre 2024 … cinq jours tous les deux mois environ, soit 14 semaines en présentiel et
 * trois jours en distanciel »), with its staff, six learners, the generated calendar (490 h) and the
 * attendance of its past half-days. Created through the services of the API, except the bulk of past
 * attendance rows, written in one insert so that start-up stays fast.
 */
import { and, eq, lt } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import { attendanceRecords, attendanceTeacherSignatures } from '../features/attendance/attendance.tables.js';
import { createJustification } from '../features/attendance/justifications.service.js';
import { recordAudit, type TAuditActor } from '../features/audit/audit.service.js';
import { users } from '../features/auth/auth.tables.js';
import { calendarSessions, sessionTeachers } from '../features/calendar/calendar.tables.js';
import { generateCohortCalendar } from '../features/calendar/calendar.service.js';
import { findCentres } from '../features/centres/centres.service.js';
import { addCohortLearner, createCohort } from '../features/cohorts/cohorts.service.js';
import { createUser } from '../features/users/users.service.js';
import { SYSTEM_ACTOR } from '../features/audit/audit.service.js';
import { loadActor } from '../http/session.js';

const EXTRA_LEARNERS = [
  { name: 'Bastien Bénévole', email: 'bastien.benevole@movsc.demo', funder: 'OPCO Uniformation' },
  { name: 'Chloé Coopérative', email: 'chloe.cooperative@movsc.demo', funder: 'CPF' },
  { name: 'Djamel Directeur', email: 'djamel.directeur@movsc.demo', funder: 'Employeur' },
  { name: 'Emma Entraide', email: 'emma.entraide@movsc.demo', funder: 'OPCO Uniformation' },
  { name: 'Farid Fédération', email: 'farid.federation@movsc.demo', funder: 'Financement personnel' },
];

const PDF = Buffer.from('%PDF-1.4\n% justificatif de démonstration\n%%EOF\n').toString('base64');

export async function seedDemoCohorts(db: TDb, password: string, now: Date) {
  const idOf = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id;
  const [responsableId, teacherId, learnerId] = await Promise.all([idOf('responsable@movsc.demo'), idOf('enseignant@movsc.demo'), idOf('auditeur@movsc.demo')]);
  if (!responsableId || !teacherId || !learnerId) return;
  const paris = (await findCentres({ db })).find((c) => c.code === 'PARIS');
  if (!paris) return;
  const actor = (await loadActor(db, responsableId))!;
  const audit: TAuditActor = { userId: actor.userId, label: `${actor.name} <${actor.email}> (démo)` };

  const cohort = await createCohort({
    db,
    now,
    actor,
    audit,
    input: {
      number: 33,
      centreId: paris.id,
      certificationVersionCode: 'RNCP41336',
      startsOn: '2024-11-04',
      endsOn: '2026-10-30',
      capacity: 25,
      priceGrid: [
        { label: 'Tiers payeur (employeur, OPCO) ou CPF', payer: 'third_party', amountCents: 1_000_500, period: 'programme' },
        { label: 'Financement personnel', payer: 'personal', amountCents: 500_050, period: 'programme' },
        { label: 'Module coopératif (tarif normal)', payer: 'other', amountCents: 40_000, period: 'programme', optional: true },
      ],
      attendanceAlertThreshold: 80,
      staff: [
        { userId: responsableId, role: 'responsable_pedagogique' },
        { userId: teacherId, role: 'enseignant' },
      ],
    },
  });

  const learnerIds = [learnerId];
  await addCohortLearner({ db, now, actor, audit, id: cohort.id, input: { userId: learnerId, funderLabel: 'OPCO Uniformation' } });
  for (const l of EXTRA_LEARNERS) {
    const user = await createUser({ db, actor: SYSTEM_ACTOR, input: { name: l.name, email: l.email, password, roles: ['auditeur'], centreIds: [paris.id] } });
    await addCohortLearner({ db, now, actor, audit, id: cohort.id, input: { userId: user.id, funderLabel: l.funder } });
    learnerIds.push(user.id);
  }

  await generateCohortCalendar({ db, now, actor, audit, cohortId: cohort.id, input: { startsOn: '2024-11-04', schoolZone: paris.schoolZone, replace: false, withSessions: true } });
  // The demo teacher leads the ateliers mémoire.
  const workshops = await db.select({ id: calendarSessions.id }).from(calendarSessions).where(and(eq(calendarSessions.cohortId, cohort.id), eq(calendarSessions.type, 'thesis_workshop')));
  if (workshops.length) await db.insert(sessionTeachers).values(workshops.map((w) => ({ sessionId: w.id, userId: teacherId })));

  // Past half-days: mostly present, a few late or absent (deterministic), signed by the teacher.
  const past = await db.select().from(calendarSessions).where(and(eq(calendarSessions.cohortId, cohort.id), lt(calendarSessions.endsAt, now)));
  const rows = past.flatMap((s, i) =>
    learnerIds.map((userId, j) => {
      const k = (i * 7 + j * 13) % 29;
      const status = j === 5 && i % 3 === 0 ? ('absent' as const) : k === 0 ? ('absent' as const) : k === 1 ? ('late' as const) : ('present' as const);
      // Absences are recorded by the teacher at the end of the half-day; presences are the learners' own signatures.
      return status === 'absent'
        ? { sessionId: s.id, learnerId: userId, status, method: 'teacher' as const, recordedBy: teacherId, recordedAt: s.endsAt }
        : { sessionId: s.id, learnerId: userId, status, method: 'self' as const, recordedBy: userId, recordedAt: new Date(s.startsAt.getTime() + (status === 'late' ? 25 : 3) * 60_000) };
    }),
  );
  for (let i = 0; i < rows.length; i += 500) await db.insert(attendanceRecords).values(rows.slice(i, i + 500));
  const workshopIds = new Set(workshops.map((w) => w.id));
  const signed = past.filter((s) => workshopIds.has(s.id)).map((s) => ({ sessionId: s.id, userId: teacherId, signedAt: s.endsAt }));
  if (signed.length) await db.insert(attendanceTeacherSignatures).values(signed);
  await recordAudit(db, audit, { action: 'attendance.demo_seeded', entityType: 'cohort', entityId: cohort.id, after: { records: rows.length } });

  // One absence justified, waiting for the gestionnaire.
  const absent = rows.find((r) => r.learnerId === learnerIds[5] && r.status === 'absent');
  if (absent) {
    const session = past.find((s) => s.id === absent.sessionId)!;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(session.startsAt);
    const farid = (await loadActor(db, learnerIds[5]!))!;
    await createJustification({
      db,
      now,
      actor: farid,
      audit: { userId: farid.userId, label: `${farid.name} <${farid.email}> (démo)` },
      cohortId: cohort.id,
      input: { fromDate: day, toDate: day, note: 'Rendez-vous médical', fileName: 'certificat.pdf', contentBase64: PDF },
    });
  }
  return cohort.id;
}

export const DEMO_COHORT_LEARNER_EMAILS = EXTRA_LEARNERS.map((l) => l.email);

