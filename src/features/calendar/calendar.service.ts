/** The calendar of a promotion: generate it, edit its residencies freely, read it with its totals. */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, notFound, validationError } from '../../http/errors.js';
import type { TActor } from '../../policies/policies.js';
import { STILL_REFERENCED, refusingWith, SESSION_TIMES_FROZEN } from '../../db/errors.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { users } from '../auth/auth.tables.js';
import { centres } from '../centres/centres.tables.js';
import { getCohortFor, type TCohortRow } from '../../policies/cohort-access.js';
import { canManageCalendar, canReadCohort } from '../../policies/cohorts.policy.js';
import { certificationVersions } from '../referentiel/referentiel.tables.js';
import { addDays, parisClockOf, parisDateOf, parisTime } from './calendar.dates.js';
import { checkFirstDay, checkResidencyDays, explainMove, generateCalendar, moveDays, splitDays } from './calendar.rules.js';
import { calendarSessions, residencies, sessionTeachers, type TResidencyKind } from './calendar.tables.js';
import { calendarMarkers } from './calendar-markers.tables.js';
import { publicHolidaysBetween, type TSchoolZone } from './holidays.js';
import { getSchoolHolidayCoverage, loadSchoolHolidayDays, schoolHolidayWarning } from './school-holidays.service.js';
import { computeTotals, hoursOf, maquetteOf, planDefaultSessions, type TMaquette } from './sessions.rules.js';

export { parisTime } from './calendar.dates.js';
export type TResidencyRow = typeof residencies.$inferSelect;

export async function maquetteOfCohort(db: TDbOrTx, cohort: TCohortRow) {
  const [v] = await db.select({ document: certificationVersions.document }).from(certificationVersions).where(eq(certificationVersions.id, cohort.certificationVersionId));
  const hours = v?.document.hours;
  return { maquette: maquetteOf(hours), hours };
}

function holidaysAround(from: string, to: string) {
  const names = publicHolidaysBetween(addDays(from, -400), addDays(to, 1100));
  return { names, set: new Set(names.keys()) };
}

/** `zone`: the zone chosen at generation (else the centre's) for the school-holiday warning. */
export async function getCalendar(o: { db: TDbOrTx; actor: TActor; cohortId: string; zone?: TSchoolZone | null }) {
  const { cohort } = await getCohortFor(o.db, o.actor, o.cohortId, canReadCohort);
  const { maquette, hours } = await maquetteOfCohort(o.db, cohort);
  const [centre] = await o.db.select({ schoolZone: centres.schoolZone }).from(centres).where(eq(centres.id, cohort.centreId));
  const resRows = await o.db.select().from(residencies).where(eq(residencies.cohortId, cohort.id)).orderBy(asc(residencies.startsOn));
  const zone = o.zone === undefined ? (centre?.schoolZone ?? null) : o.zone;
  const coverage = zone ? (await getSchoolHolidayCoverage({ db: o.db })).find((z) => z.zone === zone)! : null;
  // Before any residency, the plan to come reaches the promotion's end.
  const lastDay = resRows.length ? resRows.reduce((m, r) => (r.endsOn > m ? r.endsOn : m), resRows[0]!.endsOn) : cohort.endsOn;
  const sessions = await loadSessions(o.db, { cohortId: cohort.id });
  const markers = await o.db.select().from(calendarMarkers).where(eq(calendarMarkers.cohortId, cohort.id)).orderBy(asc(calendarMarkers.on));
  const totals = computeTotals(sessions.filter((s) => s.residencyKind !== 'defense'), maquette);
  return {
    cohortId: cohort.id,
    maquette,
    defaults: {
      startsOn: cohort.startsOn,
      schoolZone: centre?.schoolZone ?? null,
      onSiteWeeks: hours?.weeksOnSite ?? 14,
      remoteDays: hours?.remoteDays ?? 0,
      defenseDays: hours?.defenseDays ?? 0,
    },
    promotion: { startsOn: cohort.startsOn, endsOn: cohort.endsOn },
    schoolHolidays: { zone, knownUntil: coverage?.knownUntil ?? null, warning: schoolHolidayWarning(zone, coverage?.knownUntil ?? null, lastDay) },
    totals,
    /** All-day markers other features write (the mémoire's due dates: decision 022). */
    markers: markers.map((m) => ({ id: m.id, source: m.source, on: m.on, title: m.title, description: m.description })),
    residencies: resRows.map((r) => ({
      id: r.id,
      kind: r.kind,
      label: r.label,
      days: r.days,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      sessions: sessions.filter((s) => s.residencyId === r.id).map(presentSession),
    })),
  };
}

export type TSessionView = Awaited<ReturnType<typeof loadSessions>>[number];

/** Sessions with their teachers, by promotion, by id list, or by teacher. */
export async function loadSessions(db: TDbOrTx, filter: { cohortId?: string; ids?: string[]; teacherId?: string }) {
  const where = [];
  if (filter.cohortId) where.push(eq(calendarSessions.cohortId, filter.cohortId));
  if (filter.ids) where.push(inArray(calendarSessions.id, filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']));
  if (filter.teacherId) {
    const taught = db.select({ id: sessionTeachers.sessionId }).from(sessionTeachers).where(eq(sessionTeachers.userId, filter.teacherId));
    where.push(inArray(calendarSessions.id, taught));
  }
  const rows = await db
    .select({ s: calendarSessions, residencyKind: residencies.kind, signed: sql<boolean>`movsc_session_has_attendance(${calendarSessions.id})` })
    .from(calendarSessions)
    .innerJoin(residencies, eq(residencies.id, calendarSessions.residencyId))
    .where(and(...where))
    .orderBy(asc(calendarSessions.startsAt));
  const teachers = rows.length
    ? await db
        .select({ sessionId: sessionTeachers.sessionId, userId: users.id, name: users.name })
        .from(sessionTeachers)
        .innerJoin(users, eq(users.id, sessionTeachers.userId))
        .where(inArray(sessionTeachers.sessionId, rows.map((r) => r.s.id)))
    : [];
  return rows.map((r) => ({
    ...r.s,
    residencyKind: r.residencyKind,
    signed: Boolean(r.signed),
    teachers: teachers.filter((t) => t.sessionId === r.s.id).map((t) => ({ userId: t.userId, name: t.name })),
  }));
}

export const presentSession = (s: TSessionView) => ({
  id: s.id,
  cohortId: s.cohortId,
  residencyId: s.residencyId,
  remote: s.residencyKind === 'remote' || (!s.room && Boolean(s.remoteUrl)),
  type: s.type,
  title: s.title,
  room: s.room,
  remoteUrl: s.remoteUrl,
  date: parisDateOf(s.startsAt),
  startTime: parisClockOf(s.startsAt),
  endTime: parisClockOf(s.endsAt),
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  hours: hoursOf(s),
  teachers: s.teachers,
  signed: s.signed,
});

/** Attendance records hold on to their sessions (foreign key): a calendar with attendance is not regenerated. */
const attendanceExists = () =>
  conflict('Des émargements existent déjà : le calendrier ne peut plus être régénéré, modifiez-le regroupement par regroupement.');
const movedAfterAttendance = () => conflict('Des émargements existent pour ce regroupement : il ne peut plus être déplacé.');

/** Generates the residencies (and their default sessions) of a promotion; replaces a calendar only on request, and never once attendance exists. */
export async function generateCohortCalendar(o: {
  db: TDb;
  actor: TActor;
  audit: TAuditActor;
  now: Date;
  cohortId: string;
  input: { startsOn: string; schoolZone: TSchoolZone | null; replace: boolean; withSessions: boolean };
}) {
  await o.db.transaction(async (tx) => {
    const { cohort } = await getCohortFor(tx, o.actor, o.cohortId, canManageCalendar, { forUpdate: true });
    const existing = await tx.select({ id: residencies.id }).from(residencies).where(eq(residencies.cohortId, cohort.id));
    if (existing.length && !o.input.replace) {
      throw conflict('Cette promotion a déjà un calendrier : confirmez son remplacement pour en générer un nouveau.');
    }
    const sessionIds = (await tx.select({ id: calendarSessions.id }).from(calendarSessions).where(eq(calendarSessions.cohortId, cohort.id))).map((s) => s.id);
    const { maquette, hours } = await maquetteOfCohort(tx, cohort);
    if (!hours) throw validationError([{ path: 'startsOn', message: 'La version de la certification ne décrit pas de maquette horaire.' }]);
    const onSiteWeeks = hours.weeksOnSite ?? 14;
    const refused = checkFirstDay(o.input.startsOn, cohort, onSiteWeeks);
    if (refused) throw validationError([{ path: 'startsOn', message: refused }]);
    const holidays = holidaysAround(o.input.startsOn, cohort.endsOn);
    const plan = generateCalendar({
      startsOn: o.input.startsOn,
      endsOn: cohort.endsOn,
      onSiteWeeks,
      daysPerResidency: 5,
      remoteDays: hours.remoteDays ?? 0,
      defenseDays: hours.defenseDays ?? 0,
      publicHolidays: holidays.set,
      schoolHolidays: o.input.schoolZone ? (await loadSchoolHolidayDays(tx, o.input.schoolZone, o.input.startsOn, cohort.endsOn)).days : undefined,
    });
    if (sessionIds.length) await refusingWith(STILL_REFERENCED, attendanceExists, () => tx.delete(calendarSessions).where(eq(calendarSessions.cohortId, cohort.id)));
    if (existing.length) await tx.delete(residencies).where(eq(residencies.cohortId, cohort.id));
    const inserted = await tx
      .insert(residencies)
      .values(plan.map((r) => ({ cohortId: cohort.id, kind: r.kind, label: r.label, days: r.days, startsOn: r.days[0]!, endsOn: r.days.at(-1)! })))
      .returning();
    let sessionCount = 0;
    if (o.input.withSessions) {
      const planned = planDefaultSessions(plan, maquette);
      const byDay = new Map(inserted.flatMap((r) => r.days.map((d) => [d, r.id] as const)));
      if (planned.length) {
        await tx.insert(calendarSessions).values(
          planned.map((s) => ({ cohortId: cohort.id, residencyId: byDay.get(s.date)!, type: s.type, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt })),
        );
      }
      sessionCount = planned.length;
    }
    await recordAudit(tx, o.audit, {
      action: 'calendar.generated',
      entityType: 'cohort',
      entityId: cohort.id,
      before: existing.length ? { residencies: existing.length, sessions: sessionIds.length } : undefined,
      after: { startsOn: o.input.startsOn, schoolZone: o.input.schoolZone, residencies: plan.map((r) => ({ kind: r.kind, days: r.days })), sessions: sessionCount },
    });
  });
  return getCalendar({ db: o.db, actor: o.actor, cohortId: o.cohortId, zone: o.input.schoolZone });
}

async function loadResidency(db: TDbOrTx, id: string) {
  const [row] = await db.select().from(residencies).where(eq(residencies.id, id));
  if (!row) throw notFound('Regroupement introuvable.');
  return row;
}

async function checkDays(tx: TDbOrTx, cohortId: string, days: string[], exceptId: string | null) {
  const others = await tx.select({ days: residencies.days }).from(residencies).where(exceptId ? and(eq(residencies.cohortId, cohortId), ne(residencies.id, exceptId)) : eq(residencies.cohortId, cohortId));
  const sorted = [...days].sort();
  const holidays = holidaysAround(sorted[0] ?? '2000-01-01', sorted.at(-1) ?? '2000-01-01');
  const issues = checkResidencyDays(days, { publicHolidays: holidays.set, holidayNames: holidays.names, otherDays: new Set(others.flatMap((r) => r.days)) });
  if (issues.length) throw validationError(issues.map((i) => ({ path: `days[${i.index}]`, message: i.message })));
  return sorted;
}

/**
 * What moving a residency to `moveTo` would give, written nowhere: its days, why they differ from the
 * day asked for (holiday, weekend), the sessions that follow. Refused as the move itself would be (422).
 */
export async function previewResidencyMove(o: { db: TDbOrTx; actor: TActor; id: string; moveTo: string }) {
  const before = await loadResidency(o.db, o.id);
  await getCohortFor(o.db, o.actor, before.cohortId, canManageCalendar);
  const holidays = holidaysAround(o.moveTo, o.moveTo);
  const { days, notes } = explainMove(before.days, o.moveTo, holidays.set, holidays.names);
  await checkDays(o.db, before.cohortId, days, before.id);
  const sessions = await o.db.select({ startsAt: calendarSessions.startsAt }).from(calendarSessions).where(eq(calendarSessions.residencyId, before.id));
  const sessionsMoved = sessions.filter((s) => {
    const to = days[before.days.indexOf(parisDateOf(s.startsAt))];
    return to && to !== parisDateOf(s.startsAt);
  }).length;
  return { residencyId: before.id, label: before.label, requested: o.moveTo, before: before.days, after: days, notes, sessionsMoved };
}

export type TResidencyPatch = { label?: string; days?: string[]; moveTo?: string };

/**
 * Free editing: rename; move (new first day, same number of working days, sessions follow their day);
 * or set the days (add one, remove one without sessions).
 */
export async function updateResidency(o: { db: TDb; actor: TActor; audit: TAuditActor; now: Date; id: string; patch: TResidencyPatch }) {
  const cohortId = await o.db.transaction(async (tx) => {
    const before = await loadResidency(tx, o.id);
    await getCohortFor(tx, o.actor, before.cohortId, canManageCalendar);
    let days = before.days;
    if (o.patch.moveTo) {
      const holidays = holidaysAround(o.patch.moveTo, o.patch.moveTo);
      days = await checkDays(tx, before.cohortId, moveDays(before.days, o.patch.moveTo, holidays.set), before.id);
      // Each session follows its day (n-th day → new n-th day), computed before any write.
      const sessions = await tx.select().from(calendarSessions).where(eq(calendarSessions.residencyId, before.id));
      for (const s of sessions) {
        const to = days[before.days.indexOf(parisDateOf(s.startsAt))];
        if (!to || to === parisDateOf(s.startsAt)) continue;
        await refusingWith(SESSION_TIMES_FROZEN, movedAfterAttendance, () =>
          tx
            .update(calendarSessions)
            .set({ startsAt: parisTime(to, parisClockOf(s.startsAt)), endsAt: parisTime(to, parisClockOf(s.endsAt)), sequence: s.sequence + 1, updatedAt: o.now })
            .where(eq(calendarSessions.id, s.id)),
        );
      }
    } else if (o.patch.days) {
      days = await checkDays(tx, before.cohortId, o.patch.days, before.id);
      const sessions = await tx.select().from(calendarSessions).where(eq(calendarSessions.residencyId, before.id));
      const orphan = sessions.find((s) => !days.includes(parisDateOf(s.startsAt)));
      if (orphan) {
        throw conflict(`Le ${parisDateOf(orphan.startsAt).split('-').reverse().join('/')} porte encore des séances (« ${orphan.title} ») : déplacez-les ou supprimez-les d’abord.`, [
          { path: 'days', message: 'Un jour retiré porte encore des séances.' },
        ]);
      }
    }
    const [after] = await tx
      .update(residencies)
      .set({ label: o.patch.label?.trim() || before.label, days, startsOn: days[0]!, endsOn: days.at(-1)!, updatedAt: o.now })
      .where(eq(residencies.id, o.id))
      .returning();
    await recordAudit(tx, o.audit, { action: 'residency.updated', entityType: 'residency', entityId: o.id, before: { label: before.label, days: before.days }, after: { label: after!.label, days: after!.days } });
    return before.cohortId;
  });
  return getCalendar({ db: o.db, actor: o.actor, cohortId });
}

export async function splitResidency(o: { db: TDb; actor: TActor; audit: TAuditActor; now: Date; id: string; atDay: string }) {
  const cohortId = await o.db.transaction(async (tx) => {
    const before = await loadResidency(tx, o.id);
    await getCohortFor(tx, o.actor, before.cohortId, canManageCalendar);
    const parts = splitDays(before.days, o.atDay);
    if (!parts) throw validationError([{ path: 'atDay', message: 'Choisissez un jour du regroupement autre que le premier.' }]);
    const [first, second] = parts;
    await tx.update(residencies).set({ days: first, startsOn: first[0]!, endsOn: first.at(-1)!, updatedAt: o.now }).where(eq(residencies.id, before.id));
    const [created] = await tx
      .insert(residencies)
      .values({ cohortId: before.cohortId, kind: before.kind, label: `${before.label} (suite)`, days: second, startsOn: second[0]!, endsOn: second.at(-1)! })
      .returning();
    const sessions = await tx.select({ id: calendarSessions.id, startsAt: calendarSessions.startsAt }).from(calendarSessions).where(eq(calendarSessions.residencyId, before.id));
    const moving = sessions.filter((s) => second.includes(parisDateOf(s.startsAt))).map((s) => s.id);
    if (moving.length) await tx.update(calendarSessions).set({ residencyId: created!.id }).where(inArray(calendarSessions.id, moving));
    await recordAudit(tx, o.audit, { action: 'residency.split', entityType: 'residency', entityId: before.id, before: { days: before.days }, after: { days: first, newResidencyId: created!.id, newDays: second } });
    return before.cohortId;
  });
  return getCalendar({ db: o.db, actor: o.actor, cohortId });
}

export async function createResidency(o: { db: TDb; actor: TActor; audit: TAuditActor; now: Date; cohortId: string; input: { kind: TResidencyKind; label: string; days: string[] } }) {
  await o.db.transaction(async (tx) => {
    const { cohort } = await getCohortFor(tx, o.actor, o.cohortId, canManageCalendar, { forUpdate: true });
    const days = await checkDays(tx, cohort.id, o.input.days, null);
    const [row] = await tx.insert(residencies).values({ cohortId: cohort.id, kind: o.input.kind, label: o.input.label.trim(), days, startsOn: days[0]!, endsOn: days.at(-1)! }).returning();
    await recordAudit(tx, o.audit, { action: 'residency.created', entityType: 'residency', entityId: row!.id, after: { cohortId: cohort.id, kind: row!.kind, label: row!.label, days } });
  });
  return getCalendar({ db: o.db, actor: o.actor, cohortId: o.cohortId });
}

export async function deleteResidency(o: { db: TDb; actor: TActor; audit: TAuditActor; now: Date; id: string }) {
  const cohortId = await o.db.transaction(async (tx) => {
    const before = await loadResidency(tx, o.id);
    await getCohortFor(tx, o.actor, before.cohortId, canManageCalendar);
    const [session] = await tx.select({ id: calendarSessions.id }).from(calendarSessions).where(eq(calendarSessions.residencyId, before.id)).limit(1);
    if (session) throw conflict('Ce regroupement porte des séances : supprimez-les ou déplacez-les d’abord.');
    await tx.delete(residencies).where(eq(residencies.id, before.id));
    await recordAudit(tx, o.audit, { action: 'residency.deleted', entityType: 'residency', entityId: before.id, before: { label: before.label, days: before.days } });
    return before.cohortId;
  });
  return getCalendar({ db: o.db, actor: o.actor, cohortId });
}

export type { TMaquette };
