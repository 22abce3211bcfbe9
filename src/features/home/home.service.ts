/**
 * The home page of each role is its work, not a menu: files to review and files back from correction
 * (staff of admissions), today's sessions and sheets still to sign (teachers), learners under the
 * attendance threshold (staff with attendance reports), the application's status and next step
 * (candidates), next sessions and hours (learners). Every section is computed with the same scopes and
 * policies as the screens it links to, so the home page never shows what the linked page would refuse.
 */
import { and, asc, count, eq, exists, gte, ilike, inArray, lte, ne, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { TDbOrTx } from '../../db/client.js';
import { todayInParis } from '../../lib/dates.js';
import { readCohort } from '../../policies/cohorts.policy.js';
import { loadCohortRelation } from '../../policies/facts.js';
import { can, type TActor } from '../../policies/policies.js';
import { centreScopeOf, isAdministrator, isStaff } from '../../policies/scope.js';
import { APPLICATION_STATUS_LABELS, type TApplicationStatus } from '../../shared/vocabulary/admissions.js';
import { applicationEvents, applications } from '../admissions/admissions.tables.js';
import { attendanceTeacherSignatures } from '../attendance/attendance.tables.js';
import { computeAttendance, currentRecords } from '../attendance/attendance.rules.js';
import { enrolledLearners, recordsOf } from '../attendance/attendance.service.js';
import { users } from '../auth/auth.tables.js';
import { loadSessions, presentSession } from '../calendar/calendar.service.js';
import { calendarSessions, sessionTeachers } from '../calendar/calendar.tables.js';
import { hoursOf } from '../calendar/sessions.rules.js';
import { centres } from '../centres/centres.tables.js';
import { cohortLearners, cohortStaff, cohorts } from '../cohorts/cohorts.tables.js';
import { conflictDeclarations } from '../conflicts/conflicts.tables.js';

/** How many items a section lists; its total says how many there are in all. */
export const SECTION_SIZE = 5;

type TFileItem = { id: string; reference: string; name: string; cohortName: string; status: TApplicationStatus; statusLabel: string; filedAt: string | null };

/** Staff see the files of their centres, never their own nor those of a person they declared a conflict with. */
function staffFilesScope(actor: TActor): SQL[] {
  const where: SQL[] = [ne(applications.userId, actor.userId)];
  const scope = centreScopeOf(actor);
  if (scope) where.push(scope.length ? inArray(applications.centreId, scope) : sql`false`);
  where.push(
    notExists(
      sql`(select 1 from ${conflictDeclarations} where ${conflictDeclarations.declarantId} = ${actor.userId} and ${conflictDeclarations.subjectUserId} = ${applications.userId})`,
    ),
  );
  return where;
}

async function fileSection(db: TDbOrTx, where: SQL[]) {
  const condition = and(...where);
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({
        id: applications.id,
        reference: applications.reference,
        firstName: applications.firstName,
        lastName: applications.lastName,
        cohortName: cohorts.name,
        status: applications.status,
        filedAt: applications.filedAt,
      })
      .from(applications)
      .innerJoin(cohorts, eq(cohorts.id, applications.cohortId))
      .where(condition)
      // The oldest filing first: it has waited longest.
      .orderBy(asc(applications.filedAt), asc(applications.id))
      .limit(SECTION_SIZE),
    db.select({ total: count() }).from(applications).where(condition),
  ]);
  const items: TFileItem[] = rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    name: `${r.firstName} ${r.lastName}`.trim(),
    cohortName: r.cohortName,
    status: r.status,
    statusLabel: APPLICATION_STATUS_LABELS[r.status],
    filedAt: r.filedAt?.toISOString() ?? null,
  }));
  return { total, items };
}

/** Filed files once sent back for correction: the applicant answered, the file waits for staff again. */
const wasSentBack = () =>
  exists(
    sql`(select 1 from ${applicationEvents} where ${applicationEvents.applicationId} = ${applications.id} and ${applicationEvents.kind} = 'correction_requested')`,
  );

async function admissionsSection(db: TDbOrTx, actor: TActor) {
  if (!can(actor, 'admissions:instruct')) return null;
  const scope = staffFilesScope(actor);
  const [toReview, backFromCorrection] = await Promise.all([
    fileSection(db, [...scope, inArray(applications.status, ['filed', 'in_review']), sql`not ${wasSentBack()}`]),
    fileSection(db, [...scope, inArray(applications.status, ['filed', 'in_review']), wasSentBack()]),
  ]);
  return { toReview, backFromCorrection };
}

async function teachingSection(db: TDbOrTx, actor: TActor, now: Date) {
  const taught = db.select({ id: sessionTeachers.sessionId }).from(sessionTeachers).where(eq(sessionTeachers.userId, actor.userId));
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(sessionTeachers).where(eq(sessionTeachers.userId, actor.userId));
  if (!n && !actor.roles.includes('enseignant')) return null;
  const today = todayInParis(now);
  const dayStart = new Date(`${today}T00:00:00Z`);
  // A Paris day lies within [UTC midnight − 2 h, UTC midnight + 24 h]; the exact day is filtered below.
  const from = new Date(dayStart.getTime() - 2 * 3600_000);
  const to = new Date(dayStart.getTime() + 24 * 3600_000);
  const unsignedWhere = and(
    inArray(calendarSessions.id, taught),
    lte(calendarSessions.endsAt, now),
    notExists(
      sql`(select 1 from ${attendanceTeacherSignatures} where ${attendanceTeacherSignatures.sessionId} = ${calendarSessions.id} and ${attendanceTeacherSignatures.userId} = ${actor.userId})`,
    ),
  );
  const [todayRows, unsignedRows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({ id: calendarSessions.id })
      .from(calendarSessions)
      .where(and(inArray(calendarSessions.id, taught), gte(calendarSessions.startsAt, from), lte(calendarSessions.startsAt, to))),
    db
      .select({ id: calendarSessions.id })
      .from(calendarSessions)
      .where(unsignedWhere)
      // The most recent first: that sheet is the one in mind.
      .orderBy(sql`${calendarSessions.startsAt} desc`)
      .limit(SECTION_SIZE),
    db.select({ total: count() }).from(calendarSessions).where(unsignedWhere),
  ]);
  const sessions = await loadSessions(db, { ids: [...todayRows, ...unsignedRows].map((r) => r.id) });
  const names = await cohortNames(db, sessions.map((s) => s.cohortId));
  const view = (s: (typeof sessions)[number]) => ({ ...presentSession(s), cohortName: names.get(s.cohortId) ?? '' });
  const todays = sessions.filter((s) => todayRows.some((r) => r.id === s.id)).map(view).filter((s) => s.date === today);
  const unsigned = unsignedRows.map((r) => sessions.find((s) => s.id === r.id)).filter((s) => s !== undefined).map(view);
  return { today: todays, unsigned: { total, items: unsigned } };
}

async function cohortNames(db: TDbOrTx, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map<string, string>();
  const rows = await db.select({ id: cohorts.id, name: cohorts.name }).from(cohorts).where(inArray(cohorts.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Promotions running today in the actor's centres, whose report the actor may read. */
async function runningCohortsInScope(db: TDbOrTx, actor: TActor, today: string) {
  const scope = centreScopeOf(actor);
  if (scope && !scope.length) return [];
  const rows = await db
    .select({ id: cohorts.id, centreId: cohorts.centreId, name: cohorts.name, threshold: cohorts.attendanceAlertThreshold })
    .from(cohorts)
    .where(and(lte(cohorts.startsOn, today), gte(cohorts.endsOn, today), scope ? inArray(cohorts.centreId, scope) : undefined))
    .orderBy(asc(cohorts.startsOn));
  return rows;
}

async function attendanceAlertsSection(db: TDbOrTx, actor: TActor, now: Date) {
  if (!can(actor, 'attendance:reports')) return null;
  const today = todayInParis(now);
  const items: { cohortId: string; cohortName: string; userId: string; name: string; rate: number; threshold: number }[] = [];
  for (const cohort of await runningCohortsInScope(db, actor, today)) {
    const rel = await loadCohortRelation(db, actor, cohort.id);
    if (readCohort(actor, cohort, rel).view !== 'staff') continue;
    const sessions = await loadSessions(db, { cohortId: cohort.id });
    const learners = (await enrolledLearners(db, cohort.id)).filter((l) => l.userId !== actor.userId);
    const records = await recordsOf(db, sessions.map((s) => s.id));
    const report = computeAttendance({
      sessions: sessions.map((s) => ({ id: s.id, hours: hoursOf(s), endsAt: s.endsAt })),
      learners,
      current: currentRecords(records),
      now,
      threshold: cohort.threshold,
    });
    for (const l of report.learners) {
      if (l.alert && l.rate !== null) items.push({ cohortId: cohort.id, cohortName: cohort.name, userId: l.userId, name: l.name, rate: l.rate, threshold: cohort.threshold });
    }
  }
  items.sort((a, b) => a.rate - b.rate || a.name.localeCompare(b.name, 'fr'));
  return { total: items.length, items: items.slice(0, 2 * SECTION_SIZE) };
}

/** What the applicant has to do next, in their words. */
export function nextStepOf(a: { status: TApplicationStatus; registrationStatus: string }): string {
  switch (a.status) {
    case 'draft':
      return 'Complétez votre dossier, joignez vos pièces, puis déposez-le.';
    case 'correction':
      return 'La commission vous demande une correction : modifiez votre dossier, puis déposez-le à nouveau.';
    case 'filed':
      return 'Votre dossier est déposé : la commission va l’examiner. Vous serez averti·e par courriel.';
    case 'in_review':
      return 'Votre dossier est en cours d’instruction par la commission. Vous serez averti·e de sa décision par courriel.';
    case 'accepted':
      if (a.registrationStatus === 'complete') return 'Votre inscription est complète : retrouvez vos séances dans « Mon calendrier ».';
      if (a.registrationStatus === 'waiting') return 'La promotion est complète : vous êtes sur liste d’attente et serez averti·e si une place se libère.';
      return 'Votre candidature est acceptée : finalisez votre inscription.';
    case 'refused':
    case 'closed':
      return 'Aucune action n’est attendue de votre part sur ce dossier.';
  }
}

async function myApplicationsSection(db: TDbOrTx, actor: TActor) {
  if (!can(actor, 'admissions:apply:own')) return null;
  const rows = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      status: applications.status,
      registrationStatus: applications.registrationStatus,
      cohortName: cohorts.name,
      updatedAt: applications.updatedAt,
    })
    .from(applications)
    .innerJoin(cohorts, eq(cohorts.id, applications.cohortId))
    .where(eq(applications.userId, actor.userId))
    .orderBy(sql`${applications.updatedAt} desc`);
  return rows.map((r) => ({ id: r.id, reference: r.reference, status: r.status, statusLabel: APPLICATION_STATUS_LABELS[r.status], cohortName: r.cohortName, nextStep: nextStepOf(r) }));
}

async function learningSection(db: TDbOrTx, actor: TActor, now: Date) {
  const today = todayInParis(now);
  const memberships = await db
    .select({ cohortId: cohorts.id, name: cohorts.name, threshold: cohorts.attendanceAlertThreshold })
    .from(cohortLearners)
    .innerJoin(cohorts, eq(cohorts.id, cohortLearners.cohortId))
    .where(and(eq(cohortLearners.userId, actor.userId), eq(cohortLearners.status, 'enrolled'), gte(cohorts.endsOn, today)))
    .orderBy(asc(cohorts.startsOn));
  if (!memberships.length) return null;
  const out = [];
  for (const m of memberships) {
    const sessions = await loadSessions(db, { cohortId: m.cohortId });
    const records = await recordsOf(db, sessions.map((s) => s.id), actor.userId);
    const [summary] = computeAttendance({
      sessions: sessions.map((s) => ({ id: s.id, hours: hoursOf(s), endsAt: s.endsAt })),
      learners: [{ userId: actor.userId, name: '', funderLabel: null }],
      current: currentRecords(records),
      now,
      threshold: m.threshold,
    }).learners;
    const next = sessions.filter((s) => s.endsAt.getTime() > now.getTime()).slice(0, 3).map(presentSession);
    const programmeHours = Math.round(sessions.reduce((h, s) => h + hoursOf(s), 0) * 100) / 100;
    out.push({
      cohortId: m.cohortId,
      cohortName: m.name,
      threshold: m.threshold,
      nextSessions: next,
      programmeHours,
      pastHours: summary!.plannedHours,
      attendedHours: summary!.attendedHours,
      rate: summary!.rate,
    });
  }
  return out;
}

export async function getDashboard(o: { db: TDbOrTx; actor: TActor; now: Date }) {
  const [admissions, teaching, attendanceAlerts, myApplications, learning] = await Promise.all([
    admissionsSection(o.db, o.actor),
    teachingSection(o.db, o.actor, o.now),
    attendanceAlertsSection(o.db, o.actor, o.now),
    myApplicationsSection(o.db, o.actor),
    learningSection(o.db, o.actor, o.now),
  ]);
  return { today: todayInParis(o.now), admissions, teaching, attendanceAlerts, myApplications, learning };
}

// ——— Global search ———————————————————————————————————————————————————————————————

export type TSearchHit = { kind: 'person' | 'application' | 'cohort'; id: string; title: string; subtitle: string; href: string };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A person, a file or a promotion, from anywhere: each kind searched only where the actor's scope
 * reaches (the same scopes as the lists they link to), at most SECTION_SIZE hits per kind.
 */
export async function globalSearch(o: { db: TDbOrTx; actor: TActor; q: string }): Promise<{ q: string; hits: TSearchHit[] }> {
  const q = o.q.trim().replace(/\s+/g, ' ');
  const like = `%${escapeLike(q)}%`;
  const [people, files, promotions] = await Promise.all([searchPeople(o.db, o.actor, like), searchFiles(o.db, o.actor, like), searchCohorts(o.db, o.actor, q, like)]);
  return { q, hits: [...promotions, ...files, ...people] };
}

async function searchCohorts(db: TDbOrTx, actor: TActor, q: string, like: string): Promise<TSearchHit[]> {
  const number = /^\d{1,4}$/.test(q.replace(/e$/i, '')) ? Number(q.replace(/e$/i, '')) : null;
  const match = or(ilike(cohorts.name, like), ilike(centres.name, like), number !== null ? eq(cohorts.number, number) : undefined);
  // The same reach as readCohort (src/policies/cohorts.policy.ts): staff of the centre, named on it or
  // teaching in it; or one of its learners.
  const visible: SQL[] = [];
  if (!isAdministrator(actor)) {
    const scope = centreScopeOf(actor) ?? [];
    const asStaff = isStaff(actor)
      ? [
          scope.length ? inArray(cohorts.centreId, scope) : undefined,
          exists(sql`(select 1 from ${cohortStaff} where ${cohortStaff.cohortId} = ${cohorts.id} and ${cohortStaff.userId} = ${actor.userId})`),
          exists(
            sql`(select 1 from ${calendarSessions} join ${sessionTeachers} on ${sessionTeachers.sessionId} = ${calendarSessions.id} where ${calendarSessions.cohortId} = ${cohorts.id} and ${sessionTeachers.userId} = ${actor.userId})`,
          ),
        ]
      : [];
    const asLearner = exists(sql`(select 1 from ${cohortLearners} where ${cohortLearners.cohortId} = ${cohorts.id} and ${cohortLearners.userId} = ${actor.userId})`);
    visible.push(or(...asStaff, asLearner)!);
  }
  const rows = await db
    .select({ id: cohorts.id, name: cohorts.name, centreName: centres.name, startsOn: cohorts.startsOn, endsOn: cohorts.endsOn })
    .from(cohorts)
    .innerJoin(centres, eq(centres.id, cohorts.centreId))
    .where(and(match, ...visible))
    .orderBy(sql`${cohorts.startsOn} desc`)
    .limit(SECTION_SIZE);
  return rows.map((r) => ({
    kind: 'cohort',
    id: r.id,
    title: r.name,
    subtitle: `${r.name.includes(r.centreName) ? '' : `${r.centreName} · `}du ${frDate(r.startsOn)} au ${frDate(r.endsOn)}`,
    href: `/promotions/${r.id}`,
  }));
}

async function searchFiles(db: TDbOrTx, actor: TActor, like: string): Promise<TSearchHit[]> {
  const match = or(
    ilike(applications.reference, like),
    ilike(applications.lastName, like),
    ilike(applications.firstName, like),
    ilike(applications.email, like),
    ilike(sql`${applications.firstName} || ' ' || ${applications.lastName}`, like),
  );
  const staff = can(actor, 'admissions:read:any');
  const where = staff ? [...staffFilesScope(actor), ne(applications.status, 'draft')] : [eq(applications.userId, actor.userId)];
  if (!staff && !can(actor, 'admissions:apply:own')) return [];
  const rows = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      firstName: applications.firstName,
      lastName: applications.lastName,
      status: applications.status,
      cohortName: cohorts.name,
    })
    .from(applications)
    .innerJoin(cohorts, eq(cohorts.id, applications.cohortId))
    .where(and(match, ...where))
    .orderBy(asc(applications.lastName), asc(applications.id))
    .limit(SECTION_SIZE);
  return rows.map((r) => ({
    kind: 'application',
    id: r.id,
    title: `${r.reference} — ${r.firstName} ${r.lastName}`,
    subtitle: `${APPLICATION_STATUS_LABELS[r.status]} · ${r.cohortName}`,
    href: staff ? `/candidatures/${r.id}` : `/mes-candidatures/${r.id}`,
  }));
}

async function searchPeople(db: TDbOrTx, actor: TActor, like: string): Promise<TSearchHit[]> {
  const match = or(ilike(users.name, like), ilike(users.email, like));
  if (can(actor, 'users:manage')) {
    const rows = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(match).orderBy(asc(users.name)).limit(SECTION_SIZE);
    return rows.map((r) => ({ kind: 'person', id: r.id, title: r.name, subtitle: r.email, href: `/admin/utilisateurs?q=${encodeURIComponent(r.email)}` }));
  }
  // Staff of promotions find the learners of the promotions of their centres, on the promotion's page.
  if (!can(actor, 'cohorts:manage')) return [];
  const scope = centreScopeOf(actor) ?? [];
  if (!scope.length) return [];
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, cohortId: cohorts.id, cohortName: cohorts.name })
    .from(cohortLearners)
    .innerJoin(users, eq(users.id, cohortLearners.userId))
    .innerJoin(cohorts, eq(cohorts.id, cohortLearners.cohortId))
    .where(and(match, inArray(cohorts.centreId, scope), ne(users.id, actor.userId)))
    .orderBy(asc(users.name), sql`${cohorts.startsOn} desc`)
    .limit(SECTION_SIZE);
  return rows.map((r) => ({ kind: 'person', id: `${r.id}:${r.cohortId}`, title: r.name, subtitle: `Auditeur·rice · ${r.cohortName}`, href: `/promotions/${r.cohortId}` }));
}

const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
