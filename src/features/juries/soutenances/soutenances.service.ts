/**
 * Soutenance sessions (decision 027). A session gathers constituted juries of a promotion, the days and
 * slots, the rooms (or video) and the members' unavailability; the planner (decision 025) runs on it
 * through the job runner and its result, once accepted, becomes the timetable (`soutenances`). Each
 * defence is judged by its constituted jury's voting bench (fixed in the planner's input): the planner
 * chooses day, slot and room, never double-books a person or a room, respects availability, and keeps
 * each member's defences together. The responsable moves a defence by hand with the same independent
 * checker; every change raises the iCalendar SEQUENCE so that the invitations already sent are updated.
 */
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { ZodError } from 'zod';
import { readMailEnv } from '../../../config/env.js';
import type { TDb, TDbOrTx } from '../../../db/client.js';
import { conflict, notFound, validationError, type TIssue } from '../../../http/errors.js';
import { getCohortFor, loadCohortRow } from '../../../policies/cohort-access.js';
import { enforce } from '../../../policies/decision.js';
import { canManageJuries, canReadConvocation } from '../../../policies/juries.policy.js';
import { authorize, type TActor } from '../../../policies/policies.js';
import { loadCohortRelation } from '../../../policies/facts.js';
import { JURY_MEMBER_KIND_LABELS, SOUTENANCE_PLAN_STATUS_LABELS, type TSoutenancePlanStatus } from '../../../shared/vocabulary/juries.js';
import { recordAudit, type TAuditActor } from '../../audit/audit.service.js';
import { users } from '../../auth/auth.tables.js';
import { jobs } from '../../jobs/jobs.tables.js';
import { enqueueJob } from '../../jobs/jobs.service.js';
import { enqueueMail } from '../../mail/mail.service.js';
import { compositionFor } from '../juries.rules.js';
import { presentJury } from '../juries.service.js';
import { juries } from '../juries.tables.js';
import { checkPlan } from '../planner/planner.service.js';
import { DEFAULT_COMPOSITIONS, ZPlanInputSchema, type TAssignment, type TPlanInput, type TPlanInputRaw, type TPlanResult } from '../planner/planner.service.js';
import { certificationVersions } from '../../referentiel/referentiel.tables.js';
import { cohorts } from '../../cohorts/cohorts.tables.js';
import { convocationFileName, renderConvocationPdf, renderInvitation, type TConvocation } from './soutenances.documents.js';
import { soutenancePlanRuns, soutenances, soutenanceSessions, type TSessionDay, type TSessionRoom, type TUnavailability } from './soutenances.tables.js';

export const SOUTENANCE_PLAN_JOB_KIND = 'soutenance.plan' as const;

type TSessionRow = typeof soutenanceSessions.$inferSelect;
type TRunRow = typeof soutenancePlanRuns.$inferSelect;
type TSoutenanceRow = typeof soutenances.$inferSelect;

export type TSessionInput = {
  label: string;
  place: string;
  days: TSessionDay[];
  rooms: { id?: string; label: string; video: boolean }[];
  juryIds: string[];
  unavailability: TUnavailability[];
};

// ——— Loading and checking ———

async function sessionFor(db: TDbOrTx, actor: TActor, id: string, forUpdate = false) {
  const query = db.select().from(soutenanceSessions).where(eq(soutenanceSessions.id, id));
  const [session] = forUpdate ? await query.for('update') : await query;
  if (!session) throw notFound('Session de soutenances introuvable.');
  await getCohortFor(db, actor, session.cohortId, canManageJuries);
  return session;
}

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'salle';

/** The settings' own consistency, then the juries' and members' belonging; 422 naming each field. */
async function normaliseSettings(db: TDbOrTx, cohortId: string, input: TSessionInput) {
  const issues: TIssue[] = [];
  const days = [...input.days].sort((a, b) => a.date.localeCompare(b.date));
  days.forEach((d, i) => {
    if (i > 0 && days[i - 1]!.date === d.date) issues.push({ path: `days.${i}.date`, message: `Le ${d.date} figure deux fois.` });
    d.slots.forEach((s, j) => {
      if (s.start >= s.end) issues.push({ path: `days.${i}.slots.${j}`, message: `Créneau ${j + 1} du ${d.date} : la fin précède le début.` });
      if (j > 0 && d.slots[j - 1]!.end > s.start) issues.push({ path: `days.${i}.slots.${j}`, message: `Créneau ${j + 1} du ${d.date} : il commence avant la fin du précédent.` });
    });
  });
  const usedIds = new Set<string>();
  const rooms: TSessionRoom[] = input.rooms.map((r, i) => {
    let id = r.id ?? slug(r.label);
    if (!r.id) for (let n = 2; usedIds.has(id); n++) id = `${slug(r.label)}-${n}`;
    if (usedIds.has(id)) issues.push({ path: `rooms.${i}.id`, message: `Salle en double : ${r.label}.` });
    usedIds.add(id);
    return { id, label: r.label.trim(), video: r.video };
  });
  const juryRows = input.juryIds.length ? await db.select({ id: juries.id, cohortId: juries.cohortId }).from(juries).where(inArray(juries.id, input.juryIds)) : [];
  input.juryIds.forEach((id, i) => {
    const row = juryRows.find((j) => j.id === id);
    if (!row || row.cohortId !== cohortId) issues.push({ path: `juryIds.${i}`, message: 'Ce jury n’appartient pas à cette promotion.' });
  });
  if (new Set(input.juryIds).size !== input.juryIds.length) issues.push({ path: 'juryIds', message: 'Un jury figure deux fois.' });
  const dayOf = new Map(days.map((d) => [d.date, d]));
  input.unavailability.forEach((u, i) => {
    const day = dayOf.get(u.date);
    if (!day) issues.push({ path: `unavailability.${i}.date`, message: `Le ${u.date} n’est pas un jour de la session.` });
    else if (u.slots?.some((s) => s >= day.slots.length)) issues.push({ path: `unavailability.${i}.slots`, message: `Créneau inconnu le ${u.date}.` });
  });
  if (issues.length) throw validationError(issues, issues[0]!.message);
  return { label: input.label.trim(), place: input.place.trim(), days, rooms, juryIds: [...input.juryIds], unavailability: input.unavailability };
}

async function versionDocument(db: TDbOrTx, cohortId: string) {
  const [row] = await db
    .select({ document: certificationVersions.document, code: certificationVersions.code, rncpNumber: certificationVersions.rncpNumber, title: certificationVersions.title })
    .from(cohorts)
    .innerJoin(certificationVersions, eq(certificationVersions.id, cohorts.certificationVersionId))
    .where(eq(cohorts.id, cohortId));
  return row!;
}

/** The session's juries as they are now, in the session's order. */
async function juriesOf(db: TDbOrTx, session: TSessionRow) {
  const rows = session.juryIds.length ? await db.select().from(juries).where(inArray(juries.id, session.juryIds)) : [];
  rows.sort((a, b) => session.juryIds.indexOf(a.id) - session.juryIds.indexOf(b.id));
  return Promise.all(rows.map((j) => presentJury(db, j)));
}

/**
 * The planner's input for a session, from its juries as they are now: each case with a final deposit
 * is a defence whose voting bench is fixed; the supervisor sitting without a vote attends as observer.
 * `issues` name what prevents planning (a jury not constituted, a learner in two juries, nothing to plan).
 */
export async function buildPlanInput(db: TDbOrTx, session: TSessionRow) {
  const version = await versionDocument(db, session.cohortId);
  const views = await juriesOf(db, session);
  const issues: TIssue[] = [];
  const skipped: { learnerId: string; name: string; juryLabel: string; reason: string }[] = [];
  const members = new Map<string, TPlanInputRaw['members'][number]>();
  const defences: TPlanInputRaw['defences'] = [];
  /** learnerId → its jury and case. */
  const caseOf = new Map<string, { juryId: string; caseId: string; juryLabel: string }>();
  if (!views.length) issues.push({ path: 'juryIds', message: 'Choisissez au moins un jury constitué.' });
  for (const jury of views) {
    if (!jury.constitutedAt) issues.push({ path: 'juryIds', message: `Le jury « ${jury.label} » n’est pas constitué : constituez-le avant de planifier ses soutenances.` });
    for (const s of jury.seats) if (!members.has(s.userId)) members.set(s.userId, { id: s.userId, name: s.name, kind: s.kind, representsResponsable: s.representsResponsable, conflictsWith: [] });
    for (const c of jury.cases) {
      if (!c.finalDeposit) {
        skipped.push({ learnerId: c.learner.id, name: c.learner.name, juryLabel: jury.label, reason: 'pas de dépôt final du mémoire' });
        continue;
      }
      if (caseOf.has(c.learner.id)) {
        issues.push({ path: 'juryIds', message: `${c.learner.name} figure dans deux jurys de la session (« ${caseOf.get(c.learner.id)!.juryLabel} » et « ${jury.label} »).` });
        continue;
      }
      caseOf.set(c.learner.id, { juryId: jury.id, caseId: c.id, juryLabel: jury.label });
      const present = jury.seats.filter((s) => !c.excluded.some((e) => e.userId === s.userId)).map((s) => s.userId);
      const observer = present.find((id) => !c.voting.includes(id));
      defences.push({
        learnerId: c.learner.id,
        name: c.learner.name,
        route: jury.route,
        supervisorId: observer ?? null,
        conflictedMemberIds: c.excluded.filter((e) => e.reason === 'conflict').map((e) => e.userId),
        fixed: { memberIds: c.voting },
      });
    }
  }
  if (!issues.length && !defences.length) issues.push({ path: 'juryIds', message: 'Aucun dossier de ces jurys n’a de dépôt final : il n’y a pas de soutenance à planifier.' });
  const unavailableAt = new Map<string, TUnavailability[]>();
  for (const u of session.unavailability) unavailableAt.set(u.userId, [...(unavailableAt.get(u.userId) ?? []), u]);
  for (const m of members.values()) {
    const gaps = unavailableAt.get(m.id);
    if (!gaps) continue;
    m.availability = session.days.flatMap((d) => {
      const off = gaps.filter((g) => g.date === d.date);
      if (!off.length) return [{ dayId: d.date }];
      if (off.some((g) => !g.slots)) return [];
      const closed = new Set(off.flatMap((g) => g.slots ?? []));
      const open = d.slots.map((_, i) => i).filter((i) => !closed.has(i));
      return open.length ? [{ dayId: d.date, slots: open }] : [];
    });
  }
  const input: TPlanInput | null = issues.length
    ? null
    : ZPlanInputSchema.parse({
        defences,
        days: session.days.map((d) => ({ id: d.date, label: d.date, slots: d.slots })),
        rooms: session.rooms.map((r) => ({ id: r.id, label: r.label, video: r.video })),
        members: [...members.values()],
        compositions: { training: compositionFor(version.document, 'training') ?? DEFAULT_COMPOSITIONS.training, vae: compositionFor(version.document, 'vae') ?? DEFAULT_COMPOSITIONS.vae },
        supervisorRule: 'sits_without_vote',
      } satisfies TPlanInputRaw);
  return { input, issues, skipped, caseOf };
}

const assignmentOf = (s: TSoutenanceRow): TAssignment => ({ learnerId: s.learnerId, dayId: s.date, slotIndex: s.slotIndex, roomId: s.roomId, memberIds: s.memberIds, observerIds: s.observerIds });

// ——— Sessions ———

export async function findCohortSessions(o: { db: TDbOrTx; actor: TActor; cohortId: string }) {
  await getCohortFor(o.db, o.actor, o.cohortId, canManageJuries);
  const rows = await o.db.select().from(soutenanceSessions).where(eq(soutenanceSessions.cohortId, o.cohortId)).orderBy(asc(soutenanceSessions.createdAt));
  const counts = rows.length
    ? await o.db
        .select({ sessionId: soutenances.sessionId, n: sql<number>`count(*)::int` })
        .from(soutenances)
        .where(inArray(soutenances.sessionId, rows.map((r) => r.id)))
        .groupBy(soutenances.sessionId)
    : [];
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    place: r.place,
    firstDay: r.days[0]?.date ?? null,
    lastDay: r.days.at(-1)?.date ?? null,
    days: r.days.length,
    rooms: r.rooms.length,
    juries: r.juryIds.length,
    planned: counts.find((c) => c.sessionId === r.id)?.n ?? 0,
  }));
}

export async function createSession(o: { db: TDb; actor: TActor; audit: TAuditActor; cohortId: string; input: TSessionInput; now: Date }) {
  const id = await o.db.transaction(async (tx) => {
    await getCohortFor(tx, o.actor, o.cohortId, canManageJuries);
    const settings = await normaliseSettings(tx, o.cohortId, o.input);
    const [row] = await tx
      .insert(soutenanceSessions)
      .values({ cohortId: o.cohortId, ...settings, createdAt: o.now, createdBy: o.actor.userId, updatedAt: o.now })
      .returning();
    await recordAudit(tx, o.audit, { action: 'soutenance_session.created', entityType: 'soutenance_session', entityId: row!.id, after: { label: settings.label, days: settings.days.map((d) => d.date), juryIds: settings.juryIds } });
    return row!.id;
  });
  return getSession({ db: o.db, actor: o.actor, id, now: o.now });
}

export async function updateSession(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; input: TSessionInput; now: Date }) {
  await o.db.transaction(async (tx) => {
    const session = await sessionFor(tx, o.actor, o.id, true);
    const settings = await normaliseSettings(tx, session.cohortId, o.input);
    await tx
      .update(soutenanceSessions)
      .set({ ...settings, updatedAt: o.now, revision: session.revision + 1 })
      .where(eq(soutenanceSessions.id, session.id));
    await recordAudit(tx, o.audit, {
      action: 'soutenance_session.updated',
      entityType: 'soutenance_session',
      entityId: session.id,
      before: { label: session.label, days: session.days.map((d) => d.date), rooms: session.rooms.map((r) => r.label), juryIds: session.juryIds },
      after: { label: settings.label, days: settings.days.map((d) => d.date), rooms: settings.rooms.map((r) => r.label), juryIds: settings.juryIds },
    });
  });
  return getSession({ db: o.db, actor: o.actor, id: o.id, now: o.now });
}

export async function getSession(o: { db: TDbOrTx; actor: TActor; id: string; now: Date }) {
  const session = await sessionFor(o.db, o.actor, o.id);
  return presentSession(o.db, session, o.now);
}

async function namesOf(db: TDbOrTx, ids: string[]) {
  const unique = [...new Set(ids.filter(Boolean))];
  const rows = unique.length ? await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, unique)) : [];
  return new Map(rows.map((r) => [r.id, r]));
}

async function presentSession(db: TDbOrTx, session: TSessionRow, now: Date) {
  const built = await buildPlanInput(db, session);
  const views = await juriesOf(db, session);
  const rows = await db.select().from(soutenances).where(eq(soutenances.sessionId, session.id)).orderBy(asc(soutenances.date), asc(soutenances.start), asc(soutenances.roomId));
  const runs = await db.select().from(soutenancePlanRuns).where(eq(soutenancePlanRuns.sessionId, session.id)).orderBy(desc(soutenancePlanRuns.requestedAt)).limit(5);
  const names = await namesOf(db, [...rows.flatMap((r) => [r.learnerId, ...r.memberIds, ...r.observerIds]), ...views.flatMap((v) => v.seats.map((s) => s.userId))]);
  const problems = built.input && rows.length ? checkPlan(built.input, rows.map(assignmentOf)) : [];
  const plannedLearners = new Set(rows.map((r) => r.learnerId));
  const toPlan = built.input ? built.input.defences.filter((d) => !plannedLearners.has(d.learnerId)).map((d) => ({ learnerId: d.learnerId, name: d.name ?? d.learnerId })) : [];
  const roomLabel = new Map(session.rooms.map((r) => [r.id, r]));
  const juryLabel = new Map(views.map((v) => [v.id, v.label]));
  const president = new Map(views.map((v) => [v.id, v.seats.find((s) => s.president)?.userId ?? null]));
  const members = new Map(views.flatMap((v) => v.seats.map((s) => [s.userId, { userId: s.userId, name: s.name, kind: s.kind, kindLabel: JURY_MEMBER_KIND_LABELS[s.kind] }] as const)));
  return {
    id: session.id,
    cohortId: session.cohortId,
    label: session.label,
    place: session.place,
    days: session.days,
    rooms: session.rooms,
    juryIds: session.juryIds,
    unavailability: session.unavailability,
    revision: session.revision,
    juries: views.map((v) => ({ id: v.id, label: v.label, route: v.route, constituted: Boolean(v.constitutedAt), cases: v.cases.length })),
    members: [...members.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    planIssues: built.issues.map((i) => i.message),
    skipped: built.skipped,
    toPlan,
    problems,
    soutenances: rows.map((r) => ({
      id: r.id,
      learner: { id: r.learnerId, name: names.get(r.learnerId)?.name ?? '?' },
      juryId: r.juryId,
      juryLabel: juryLabel.get(r.juryId) ?? '',
      date: r.date,
      slotIndex: r.slotIndex,
      start: r.start,
      end: r.end,
      roomId: r.roomId,
      roomLabel: roomLabel.get(r.roomId)?.label ?? r.roomId,
      video: roomLabel.get(r.roomId)?.video ?? false,
      members: r.memberIds.map((id) => ({ id, name: names.get(id)?.name ?? '?', president: president.get(r.juryId) === id })),
      observers: r.observerIds.map((id) => ({ id, name: names.get(id)?.name ?? '?' })),
      sequence: r.sequence,
      convocation: r.convokedSequence === null ? ('not_sent' as const) : r.convokedSequence === r.sequence ? ('sent' as const) : ('outdated' as const),
      convokedAt: r.convokedAt?.toISOString() ?? null,
    })),
    runs: await Promise.all(runs.map((r) => presentRun(db, r, session, now))),
  };
}

// ——— Planner runs ———

export async function requestPlan(o: { db: TDb; actor: TActor; audit: TAuditActor; sessionId: string; timeLimitSeconds: number; now: Date }) {
  const id = await o.db.transaction(async (tx) => {
    const session = await sessionFor(tx, o.actor, o.sessionId, true);
    const built = await buildPlanInput(tx, session);
    if (!built.input) throw validationError(built.issues, `Le planning ne peut pas être calculé : ${built.issues[0]!.message}`);
    const [row] = await tx
      .insert(soutenancePlanRuns)
      .values({ sessionId: session.id, input: built.input, basedOnRevision: session.revision, timeLimitSeconds: o.timeLimitSeconds, requestedBy: o.actor.userId, requestedAt: o.now })
      .returning();
    const jobId = await enqueueJob(tx, { kind: SOUTENANCE_PLAN_JOB_KIND, payload: { runId: row!.id }, maxAttempts: 2 });
    await tx.update(soutenancePlanRuns).set({ jobId }).where(eq(soutenancePlanRuns.id, row!.id));
    await recordAudit(tx, o.audit, { action: 'soutenance_plan.requested', entityType: 'soutenance_session', entityId: session.id, after: { runId: row!.id, defences: built.input.defences.length, timeLimitSeconds: o.timeLimitSeconds } });
    return row!.id;
  });
  return getRun({ db: o.db, actor: o.actor, id, now: o.now });
}

/** The job: solve the snapshot in a worker thread (`solve`), store the result. */
export async function runPlanJob(o: { db: TDb; runId: string; now: () => Date; solve: (input: TPlanInput, seconds: number) => Promise<TPlanResult> }) {
  const [run] = await o.db.select().from(soutenancePlanRuns).where(eq(soutenancePlanRuns.id, o.runId));
  if (!run) return { skipped: 'absent' };
  if (run.status !== 'queued' && run.status !== 'solving') return { skipped: run.status };
  await o.db.update(soutenancePlanRuns).set({ status: 'solving', startedAt: o.now() }).where(eq(soutenancePlanRuns.id, run.id));
  let result: TPlanResult;
  try {
    result = await o.solve(run.input, run.timeLimitSeconds);
  } catch (error) {
    const message =
      error instanceof ZodError
        ? `Les données de la session ne forment pas une entrée valide : ${error.issues.map((i) => i.message).join(' ; ')}`
        : `Le calcul a échoué : ${error instanceof Error ? error.message : String(error)}`;
    await o.db
      .update(soutenancePlanRuns)
      .set({ status: 'failed', error: message, finishedAt: o.now() })
      .where(and(eq(soutenancePlanRuns.id, run.id), eq(soutenancePlanRuns.status, 'solving')));
    return { status: 'failed' };
  }
  const status: TSoutenancePlanStatus = result.status;
  await o.db
    .update(soutenancePlanRuns)
    .set({
      status,
      result,
      objective: result.objective,
      bound: result.bound,
      gap: result.gap,
      solveMs: Math.round(result.solveMs),
      error: status === 'time_limit' ? 'Le temps de calcul s’est écoulé avant qu’un planning soit trouvé : relancez avec une limite plus longue.' : null,
      finishedAt: o.now(),
    })
    .where(and(eq(soutenancePlanRuns.id, run.id), eq(soutenancePlanRuns.status, 'solving')));
  return { status, objective: result.objective, gap: result.gap };
}

async function runFor(db: TDbOrTx, actor: TActor, id: string, forUpdate = false) {
  const query = db.select().from(soutenancePlanRuns).where(eq(soutenancePlanRuns.id, id));
  const [run] = forUpdate ? await query.for('update') : await query;
  if (!run) throw notFound('Calcul de planning introuvable.');
  const session = await sessionFor(db, actor, run.sessionId, forUpdate);
  return { run, session };
}

export async function getRun(o: { db: TDbOrTx; actor: TActor; id: string; now: Date }) {
  const { run, session } = await runFor(o.db, o.actor, o.id);
  return presentRun(o.db, run, session, o.now);
}

async function presentRun(db: TDbOrTx, run: TRunRow, session: TSessionRow, now: Date) {
  let job: { status: string } | null = null;
  if (run.jobId && (run.status === 'queued' || run.status === 'solving')) {
    const [j] = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, run.jobId));
    job = j ?? null;
  }
  const names = new Map(run.input.defences.map((d) => [d.learnerId, d.name ?? d.learnerId]));
  const memberNames = new Map(run.input.members.map((m) => [m.id, m.name ?? m.id]));
  const rooms = new Map(run.input.rooms.map((r) => [r.id, r.label ?? r.id]));
  const days = new Map(run.input.days.map((d) => [d.id, d]));
  const elapsedSeconds = run.startedAt ? Math.max(0, ((run.finishedAt ?? now).getTime() - run.startedAt.getTime()) / 1000) : 0;
  return {
    id: run.id,
    sessionId: run.sessionId,
    status: run.status,
    statusLabel: SOUTENANCE_PLAN_STATUS_LABELS[run.status],
    jobStatus: job?.status ?? null,
    timeLimitSeconds: run.timeLimitSeconds,
    elapsedSeconds: Math.round(elapsedSeconds * 10) / 10,
    defences: run.input.defences.length,
    objective: run.objective,
    bound: run.bound,
    gap: run.gap,
    solveMs: run.solveMs,
    error: run.error,
    diagnosis: run.result?.diagnosis ?? [],
    /** Whether the session changed since the input was taken (the run can no longer be accepted). */
    outdated: run.basedOnRevision !== session.revision,
    requestedAt: run.requestedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    acceptedAt: run.acceptedAt?.toISOString() ?? null,
    assignments: (run.result?.assignments ?? [])
      .map((a) => {
        const slot = days.get(a.dayId)?.slots[a.slotIndex];
        return {
          learner: { id: a.learnerId, name: names.get(a.learnerId) ?? a.learnerId },
          date: a.dayId,
          start: slot?.start ?? '',
          end: slot?.end ?? '',
          roomLabel: rooms.get(a.roomId) ?? a.roomId,
          members: a.memberIds.map((id) => memberNames.get(id) ?? id),
          observers: a.observerIds.map((id) => memberNames.get(id) ?? id),
        };
      })
      .sort((x, y) => `${x.date}${x.start}${x.roomLabel}`.localeCompare(`${y.date}${y.start}${y.roomLabel}`)),
  };
}

/**
 * Accepting a run: its plan becomes the timetable. Refused when the session changed since (its
 * revision), or when the plan no longer passes the checker against the juries as they are now.
 * A defence whose day, slot or room changes gets a new SEQUENCE.
 */
export async function acceptRun(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; now: Date }) {
  const sessionId = await o.db.transaction(async (tx) => {
    const { run, session } = await runFor(tx, o.actor, o.id, true);
    if (run.status !== 'optimal' && run.status !== 'feasible') throw conflict('Ce calcul n’a pas donné de planning à retenir.');
    if (run.acceptedAt) throw conflict('Ce planning est déjà retenu.');
    if (run.basedOnRevision !== session.revision) throw conflict('La session a changé depuis ce calcul : relancez le calcul.');
    const built = await buildPlanInput(tx, session);
    if (!built.input) throw conflict(`Ce planning ne peut plus être retenu : ${built.issues[0]!.message}`, built.issues);
    const assignments = run.result!.assignments;
    const problems = checkPlan(built.input, assignments);
    if (problems.length) throw conflict(`Les jurys ont changé depuis ce calcul : ${problems[0]}. Relancez le calcul.`, problems.map((message) => ({ path: 'plan', message })));
    await writeTimetable(tx, session, assignments, built.caseOf, o.actor.userId, o.now);
    await tx.update(soutenancePlanRuns).set({ acceptedAt: o.now, acceptedBy: o.actor.userId }).where(eq(soutenancePlanRuns.id, run.id));
    await recordAudit(tx, o.audit, { action: 'soutenance_plan.accepted', entityType: 'soutenance_session', entityId: session.id, after: { runId: run.id, soutenances: assignments.length, objective: run.objective } });
    return session.id;
  });
  return getSession({ db: o.db, actor: o.actor, id: sessionId, now: o.now });
}

async function writeTimetable(tx: TDbOrTx, session: TSessionRow, assignments: readonly TAssignment[], caseOf: Map<string, { juryId: string; caseId: string }>, by: string, now: Date) {
  const current = await tx.select().from(soutenances).where(eq(soutenances.sessionId, session.id));
  const byCase = new Map(current.map((r) => [r.juryCaseId, r]));
  const kept = new Set<string>();
  for (const a of assignments) {
    const c = caseOf.get(a.learnerId)!;
    const slot = session.days.find((d) => d.date === a.dayId)!.slots[a.slotIndex]!;
    const values = { date: a.dayId, slotIndex: a.slotIndex, start: slot.start, end: slot.end, roomId: a.roomId, memberIds: a.memberIds, observerIds: a.observerIds, updatedAt: now, updatedBy: by };
    const before = byCase.get(c.caseId);
    if (before) {
      kept.add(before.id);
      const moved = before.date !== values.date || before.start !== values.start || before.end !== values.end || before.roomId !== values.roomId || before.memberIds.join() !== values.memberIds.join() || before.observerIds.join() !== values.observerIds.join();
      if (moved) await tx.update(soutenances).set({ ...values, sequence: before.sequence + 1 }).where(eq(soutenances.id, before.id));
    } else {
      await tx.insert(soutenances).values({ sessionId: session.id, juryId: c.juryId, juryCaseId: c.caseId, learnerId: a.learnerId, ...values });
    }
  }
  const gone = current.filter((r) => !kept.has(r.id)).map((r) => r.id);
  if (gone.length) await tx.delete(soutenances).where(inArray(soutenances.id, gone));
}

// ——— Adjusting by hand ———

/** Moves one defence to another day, slot or room; the whole timetable must pass the checker. */
export async function moveSoutenance(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; move: { date: string; slotIndex: number; roomId: string }; now: Date }) {
  const sessionId = await o.db.transaction(async (tx) => {
    const [row] = await tx.select().from(soutenances).where(eq(soutenances.id, o.id));
    if (!row) throw notFound('Soutenance introuvable.');
    const session = await sessionFor(tx, o.actor, row.sessionId, true);
    const day = session.days.find((d) => d.date === o.move.date);
    if (!day) throw validationError([{ path: 'date', message: `Le ${o.move.date} n’est pas un jour de la session.` }]);
    const slot = day.slots[o.move.slotIndex];
    if (!slot) throw validationError([{ path: 'slotIndex', message: `Créneau inconnu le ${o.move.date}.` }]);
    if (!session.rooms.some((r) => r.id === o.move.roomId)) throw validationError([{ path: 'roomId', message: 'Salle inconnue dans cette session.' }]);
    const built = await buildPlanInput(tx, session);
    if (!built.input) throw conflict(`Le planning ne peut pas être modifié : ${built.issues[0]!.message}`, built.issues);
    const defence = built.input.defences.find((d) => d.learnerId === row.learnerId);
    if (!defence) throw conflict('Ce dossier ne fait plus partie des soutenances de la session.');
    const all = await tx.select().from(soutenances).where(eq(soutenances.sessionId, session.id));
    const moved: TAssignment = { learnerId: row.learnerId, dayId: o.move.date, slotIndex: o.move.slotIndex, roomId: o.move.roomId, memberIds: defence.fixed?.memberIds ?? row.memberIds, observerIds: defence.supervisorId ? [defence.supervisorId] : [] };
    const problems = checkPlan(built.input, all.map((r) => (r.id === row.id ? moved : assignmentOf(r))));
    if (problems.length) throw validationError(problems.map((message) => ({ path: 'slotIndex', message })), `Ce déplacement est refusé : ${problems[0]}.`);
    await tx
      .update(soutenances)
      .set({ date: moved.dayId, slotIndex: moved.slotIndex, start: slot.start, end: slot.end, roomId: moved.roomId, memberIds: moved.memberIds, observerIds: moved.observerIds, sequence: row.sequence + 1, updatedAt: o.now, updatedBy: o.actor.userId })
      .where(eq(soutenances.id, row.id));
    await recordAudit(tx, o.audit, {
      action: 'soutenance.moved',
      entityType: 'soutenance',
      entityId: row.id,
      before: { date: row.date, start: row.start, roomId: row.roomId },
      after: { date: moved.dayId, start: slot.start, roomId: moved.roomId },
    });
    return session.id;
  });
  return getSession({ db: o.db, actor: o.actor, id: sessionId, now: o.now });
}

// ——— Convocations ———

async function convocationOf(db: TDbOrTx, row: TSoutenanceRow): Promise<TConvocation> {
  const [session] = await db.select().from(soutenanceSessions).where(eq(soutenanceSessions.id, row.sessionId));
  const [jury] = await db.select().from(juries).where(eq(juries.id, row.juryId));
  const view = await presentJury(db, jury!);
  const cohort = await loadCohortRow(db, session!.cohortId);
  const version = await versionDocument(db, session!.cohortId);
  const names = await namesOf(db, [row.learnerId, ...row.memberIds, ...row.observerIds]);
  const seat = new Map(view.seats.map((s) => [s.userId, s]));
  const room = session!.rooms.find((r) => r.id === row.roomId);
  const thesisTitle = view.cases.find((c) => c.learner.id === row.learnerId)?.thesisTitle ?? null;
  const person = (id: string) => ({ id, name: names.get(id)?.name ?? '?', email: names.get(id)?.email ?? '', kind: seat.get(id)?.kind ?? null, organisation: seat.get(id)?.organisation ?? null, president: seat.get(id)?.president ?? false });
  return {
    id: row.id,
    sequence: row.sequence,
    sessionLabel: session!.label,
    juryLabel: view.label,
    cohortName: cohort.name,
    centreId: cohort.centreId,
    certification: version.rncpNumber ? `RNCP ${version.rncpNumber}` : version.code,
    titleOfCertification: version.title,
    learner: person(row.learnerId),
    thesisTitle,
    date: row.date,
    start: row.start,
    end: row.end,
    room: { label: room?.label ?? row.roomId, video: room?.video ?? false },
    place: session!.place,
    members: row.memberIds.map(person),
    observers: row.observerIds.map(person),
  };
}

/**
 * Sends the convocations of the session: to the learner and to each member of each defence never
 * convened, or whose date, time or room changed since (« mise à jour »), an e-mail with the link to
 * their space and a calendar invitation (METHOD:REQUEST, the defence's UID and SEQUENCE).
 */
export async function sendConvocations(o: { db: TDb; actor: TActor; audit: TAuditActor; sessionId: string; now: Date }) {
  return o.db.transaction(async (tx) => {
    const session = await sessionFor(tx, o.actor, o.sessionId, true);
    const rows = await tx.select().from(soutenances).where(eq(soutenances.sessionId, session.id)).orderBy(asc(soutenances.date), asc(soutenances.start));
    if (!rows.length) throw conflict('Aucune soutenance n’est planifiée : retenez d’abord un planning.');
    const built = await buildPlanInput(tx, session);
    if (!built.input) throw validationError(built.issues, `Les convocations ne peuvent pas partir : ${built.issues[0]!.message}`);
    const problems = checkPlan(built.input, rows.map(assignmentOf));
    if (problems.length) throw validationError(problems.map((message) => ({ path: 'soutenances', message })), `Le planning ne respecte plus toutes les règles : ${problems[0]}.`);
    const organizer = readMailEnv().MAIL_FROM;
    let messages = 0;
    let updated = 0;
    const due = rows.filter((r) => r.convokedSequence !== r.sequence);
    for (const row of due) {
      const c = await convocationOf(tx, row);
      const update = row.convokedSequence !== null;
      const ics = renderInvitation(c, { organizer, now: o.now });
      const when = `${c.date.split('-').reverse().join('/')} à ${c.start.replace(':', ' h ')}`;
      const where = c.room.video ? `${c.room.label} (visioconférence)` : `${c.room.label}, ${c.place}`;
      const recipients = [{ ...c.learner, role: 'learner' as const }, ...c.members.map((m) => ({ ...m, role: 'member' as const })), ...c.observers.map((m) => ({ ...m, role: 'observer' as const }))];
      for (const r of recipients) {
        if (!r.email) continue;
        const intro =
          r.role === 'learner'
            ? `Bonjour ${r.name},\n\nVous êtes convoqué·e à la soutenance de votre mémoire le ${when} (fin prévue à ${c.end.replace(':', ' h ')}), ${where}.`
            : `Bonjour ${r.name},\n\nVous êtes convoqué·e à siéger${r.role === 'observer' ? ' sans voix délibérative' : ''} au jury « ${c.juryLabel} » pour la soutenance de ${c.learner.name} le ${when} (fin prévue à ${c.end.replace(':', ' h ')}), ${where}.`;
        await enqueueMail(tx, {
          to: r.email,
          subject: `${update ? 'Mise à jour — ' : ''}Convocation : soutenance de ${c.learner.name}, le ${when}`,
          text: `${intro}${update ? '\n\nCette convocation remplace la précédente : la date, l’heure ou la salle ont changé.' : ''}\n\nLa convocation (PDF) et l’invitation de calendrier sont dans votre espace.`,
          link: r.role === 'learner' ? '/mes-soutenances' : '/mes-jurys',
          calendar: { method: 'REQUEST', content: ics },
        });
        messages++;
      }
      if (update) updated++;
      await tx.update(soutenances).set({ convokedSequence: row.sequence, convokedAt: o.now }).where(eq(soutenances.id, row.id));
    }
    await recordAudit(tx, o.audit, { action: 'soutenance.convocations_sent', entityType: 'soutenance_session', entityId: session.id, after: { soutenances: due.length, updated, messages } });
    return { soutenances: due.length, updated, messages };
  });
}

async function convocationFor(db: TDbOrTx, actor: TActor, id: string) {
  const [row] = await db.select().from(soutenances).where(eq(soutenances.id, id));
  if (!row) throw notFound('Soutenance introuvable.');
  const [session] = await db.select().from(soutenanceSessions).where(eq(soutenanceSessions.id, row.sessionId));
  const cohort = await loadCohortRow(db, session!.cohortId);
  const rel = await loadCohortRelation(db, actor, cohort.id);
  // The learner and the members read it once convened; the promotion's jury managers at any time.
  enforce(canReadConvocation(actor, { learnerId: row.convokedSequence === null ? '' : row.learnerId, attendeeIds: row.convokedSequence === null ? [] : [...row.memberIds, ...row.observerIds], manages: canManageJuries(actor, cohort, rel) }));
  return row;
}

export async function downloadConvocation(o: { db: TDbOrTx; actor: TActor; id: string; now: Date }) {
  const row = await convocationFor(o.db, o.actor, o.id);
  const c = await convocationOf(o.db, row);
  return { pdf: await renderConvocationPdf(o.db, c, o.now), fileName: convocationFileName(c) };
}

export async function downloadInvitation(o: { db: TDbOrTx; actor: TActor; id: string; now: Date }) {
  const row = await convocationFor(o.db, o.actor, o.id);
  const c = await convocationOf(o.db, row);
  return { ics: renderInvitation(c, { organizer: readMailEnv().MAIL_FROM, now: o.now }), fileName: `${convocationFileName(c).replace(/\.pdf$/, '')}.ics` };
}

/** The defences the actor is convened to: their own, or those they sit on. */
export async function findMySoutenances(o: { db: TDbOrTx; actor: TActor }) {
  authorize(o.actor, 'soutenances:read:own');
  const me = JSON.stringify([o.actor.userId]);
  const rows = await o.db
    .select()
    .from(soutenances)
    .where(
      and(
        sql`${soutenances.convokedSequence} is not null`,
        or(eq(soutenances.learnerId, o.actor.userId), sql`${soutenances.memberIds} @> ${me}::jsonb`, sql`${soutenances.observerIds} @> ${me}::jsonb`),
      ),
    )
    .orderBy(asc(soutenances.date), asc(soutenances.start));
  return Promise.all(
    rows.map(async (r) => {
      const c = await convocationOf(o.db, r);
      return {
        id: r.id,
        role: r.learnerId === o.actor.userId ? ('learner' as const) : r.memberIds.includes(o.actor.userId) ? ('member' as const) : ('observer' as const),
        sessionLabel: c.sessionLabel,
        juryLabel: c.juryLabel,
        cohortName: c.cohortName,
        learner: { id: c.learner.id, name: c.learner.name },
        thesisTitle: c.thesisTitle,
        date: c.date,
        start: c.start,
        end: c.end,
        room: c.room,
        place: c.place,
        members: c.members.map((m) => ({ name: m.name, president: m.president })),
        observers: c.observers.map((m) => ({ name: m.name })),
        outdated: r.convokedSequence !== r.sequence,
      };
    }),
  );
}
