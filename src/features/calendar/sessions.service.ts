/** Sessions inside residencies: plan, change, remove, with the conflicts that refuse them. */
import { and, eq, gt, inArray, lt } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, notFound, validationError } from '../../http/errors.js';
import type { TActor } from '../../policies/policies.js';
import { STILL_REFERENCED, refusingWith, SESSION_TIMES_FROZEN } from '../../db/errors.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { userRoles, users } from '../auth/auth.tables.js';
import { getCohortFor } from '../../policies/cohort-access.js';
import { canManageCalendar, canReadOwnCalendar } from '../../policies/cohorts.policy.js';
import { enforce } from '../../policies/decision.js';
import { cohortLearners, cohorts } from '../cohorts/cohorts.tables.js';
import { parisTime } from './calendar.dates.js';
import { calendarSessions, residencies, sessionTeachers, type TSessionType } from './calendar.tables.js';
import { loadSessions, presentSession } from './calendar.service.js';
import { findSessionConflicts } from './sessions.rules.js';
import { extraSessionIdsFor, retitleFor } from './session-lenses.js';

export type TSessionInput = {
  residencyId: string;
  type: TSessionType;
  title: string;
  teacherIds: string[];
  room: string | null;
  remoteUrl: string | null;
  date: string;
  startTime: string;
  endTime: string;
};

async function checkTeachers(tx: TDbOrTx, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await tx
    .select({ id: users.id, name: users.name, role: userRoles.role })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(inArray(users.id, ids));
  const issues = ids
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !rows.some((r) => r.id === id && ['enseignant', 'responsable_pedagogique', 'administrateur'].includes(r.role)))
    .map(({ i }) => ({ path: `teacherIds[${i}]`, message: 'Cette personne n’est pas enseignant·e (ou le compte n’existe pas).' }));
  if (issues.length) throw validationError(issues);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Validates and writes one session (new or changed) inside a transaction. */
async function writeSession(tx: TDbOrTx, actor: TActor, input: TSessionInput, existing: typeof calendarSessions.$inferSelect | null, now: Date) {
  const [residency] = await tx.select().from(residencies).where(eq(residencies.id, input.residencyId));
  if (!residency) throw validationError([{ path: 'residencyId', message: 'Regroupement inconnu.' }]);
  const { cohort } = await getCohortFor(tx, actor, residency.cohortId, canManageCalendar);
  if (existing && existing.cohortId !== cohort.id) throw validationError([{ path: 'residencyId', message: 'Le regroupement appartient à une autre promotion.' }]);
  if (!input.room && !input.remoteUrl && residency.kind !== 'remote') {
    throw validationError([{ path: 'room', message: 'Indiquez une salle ou un lien de visioconférence.' }]);
  }
  const teacherIds = [...new Set(input.teacherIds)];
  const names = await checkTeachers(tx, teacherIds);
  const startsAt = parisTime(input.date, input.startTime);
  const endsAt = parisTime(input.date, input.endTime);
  // Sessions overlapping this slot anywhere (teachers) — rooms are compared within the centre.
  const overlapping = await tx
    .select({ id: calendarSessions.id, title: calendarSessions.title, startsAt: calendarSessions.startsAt, endsAt: calendarSessions.endsAt, room: calendarSessions.room, centreId: cohorts.centreId, cohortName: cohorts.name })
    .from(calendarSessions)
    .innerJoin(cohorts, eq(cohorts.id, calendarSessions.cohortId))
    .where(and(lt(calendarSessions.startsAt, endsAt), gt(calendarSessions.endsAt, startsAt)));
  const teacherRows = overlapping.length
    ? await tx.select().from(sessionTeachers).where(inArray(sessionTeachers.sessionId, overlapping.map((s) => s.id)))
    : [];
  const others = overlapping.map((s) => ({
    id: s.id,
    title: s.title,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    room: s.centreId === cohort.centreId ? s.room : null,
    cohortLabel: s.cohortName,
    teacherIds: teacherRows.filter((t) => t.sessionId === s.id).map((t) => t.userId),
  }));
  const issues = findSessionConflicts({ id: existing?.id, title: input.title, startsAt, endsAt, teacherIds, room: input.room }, residency.days, others, names);
  if (issues.length) throw conflict(issues[0]!.message, issues);
  const values = {
    cohortId: cohort.id,
    residencyId: residency.id,
    type: input.type,
    title: input.title.trim(),
    room: input.room?.trim() || null,
    remoteUrl: input.remoteUrl?.trim() || null,
    startsAt,
    endsAt,
  };
  let id: string;
  if (existing) {
    await refusingWith(
      SESSION_TIMES_FROZEN,
      () => conflict('Des émargements existent pour cette séance : ses horaires ne peuvent plus changer.'),
      () => tx.update(calendarSessions).set({ ...values, sequence: existing.sequence + 1, updatedAt: now }).where(eq(calendarSessions.id, existing.id)),
    );
    await tx.delete(sessionTeachers).where(eq(sessionTeachers.sessionId, existing.id));
    id = existing.id;
  } else {
    const [row] = await tx.insert(calendarSessions).values(values).returning({ id: calendarSessions.id });
    id = row!.id;
  }
  if (teacherIds.length) await tx.insert(sessionTeachers).values(teacherIds.map((userId) => ({ sessionId: id, userId })));
  return { id, snapshot: { ...values, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), teacherIds } };
}

export async function createSession(o: { db: TDb; actor: TActor; audit: TAuditActor; now: Date; input: TSessionInput }) {
  const id = await o.db.transaction(async (tx) => {
    const { id, snapshot } = await writeSession(tx, o.actor, o.input, null, o.now);
    await recordAudit(tx, o.audit, { action: 'session.created', entityType: 'session', entityId: id, after: snapshot });
    return id;
  });
  return getSession({ db: o.db, id });
}

async function loadSessionRow(db: TDbOrTx, id: string) {
  const [row] = await db.select().from(calendarSessions).where(eq(calendarSessions.id, id));
  if (!row) throw notFound('Séance introuvable.');
  return row;
}

export async function updateSession(o: { db: TDb; actor: TActor; audit: TAuditActor; now: Date; id: string; input: TSessionInput }) {
  await o.db.transaction(async (tx) => {
    const existing = await loadSessionRow(tx, o.id);
    await getCohortFor(tx, o.actor, existing.cohortId, canManageCalendar);
    const [before] = await loadSessions(tx, { ids: [o.id] });
    const { snapshot } = await writeSession(tx, o.actor, o.input, existing, o.now);
    await recordAudit(tx, o.audit, { action: 'session.updated', entityType: 'session', entityId: o.id, before: before ? presentSession(before) : undefined, after: snapshot });
  });
  return getSession({ db: o.db, id: o.id });
}

export async function deleteSession(o: { db: TDb; actor: TActor; audit: TAuditActor; now: Date; id: string }) {
  await o.db.transaction(async (tx) => {
    const existing = await loadSessionRow(tx, o.id);
    await getCohortFor(tx, o.actor, existing.cohortId, canManageCalendar);
    const [before] = await loadSessions(tx, { ids: [o.id] });
    // Its attendance records hold on to it (foreign key): such a session is never deleted.
    await refusingWith(STILL_REFERENCED, () => conflict('Cette séance a des émargements : elle ne peut plus être supprimée.'), () =>
      tx.delete(calendarSessions).where(eq(calendarSessions.id, o.id)),
    );
    await recordAudit(tx, o.audit, { action: 'session.deleted', entityType: 'session', entityId: o.id, before: before ? presentSession(before) : undefined });
  });
}

export async function getSession(o: { db: TDbOrTx; id: string }) {
  const [s] = await loadSessions(o.db, { ids: [o.id] });
  if (!s) throw notFound('Séance introuvable.');
  return presentSession(s);
}

/** A learner's sessions (all their promotions) or a teacher's sessions, for "my calendar". */
export async function findMySessions(o: { db: TDbOrTx; actor: TActor }) {
  enforce(canReadOwnCalendar(o.actor));
  const memberships = await o.db
    .select({ cohortId: cohortLearners.cohortId, name: cohorts.name })
    .from(cohortLearners)
    .innerJoin(cohorts, eq(cohorts.id, cohortLearners.cohortId))
    .where(eq(cohortLearners.userId, o.actor.userId));
  // Atelier sessions: retitled with the learner's or leader's own group, and shown to the leader (decision 020).
  const asLearner = await retitleFor(o.db, o.actor.userId, (await Promise.all(memberships.map((m) => loadSessions(o.db, { cohortId: m.cohortId })))).flat());
  const led = await loadSessions(o.db, { ids: await extraSessionIdsFor(o.db, o.actor.userId) });
  const asTeacher = await retitleFor(o.db, o.actor.userId, [...(await loadSessions(o.db, { teacherId: o.actor.userId })), ...led]);
  const cohortNames = new Map(memberships.map((m) => [m.cohortId, m.name]));
  const teacherCohorts = asTeacher.length
    ? await o.db.select({ id: cohorts.id, name: cohorts.name }).from(cohorts).where(inArray(cohorts.id, [...new Set(asTeacher.map((s) => s.cohortId))]))
    : [];
  for (const c of teacherCohorts) cohortNames.set(c.id, c.name);
  const seen = new Set<string>();
  return [...asLearner.map((s) => ({ s, role: 'learner' as const })), ...asTeacher.map((s) => ({ s, role: 'teacher' as const }))]
    .filter(({ s }) => (seen.has(s.id) ? false : (seen.add(s.id), true)))
    .sort((a, b) => a.s.startsAt.getTime() - b.s.startsAt.getTime())
    .map(({ s, role }) => ({ ...presentSession(s), cohortName: cohortNames.get(s.cohortId) ?? '', role }));
}
