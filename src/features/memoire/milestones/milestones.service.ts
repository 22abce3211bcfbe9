/**
 * The mémoire's milestones (decision 022): a promotion's due dates (proposed from its calendar, set by its
 * team, shown in its calendar and feeds as all-day markers), each learner's progress (done — when, by whom
 * — or to do, late past the due day), and the reminders the job runner sends before each due date.
 * Reading a promotion's progress is a constant number of queries whatever its size.
 */
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TDb, TDbOrTx } from '../../../db/client.js';
import { conflict, notFound, validationError } from '../../../http/errors.js';
import { todayInParis } from '../../../lib/dates.js';
import { getCohortFor, type TCohortRow } from '../../../policies/cohort-access.js';
import { enforce } from '../../../policies/decision.js';
import type { TCohortRelation } from '../../../policies/facts.js';
import { loadMentorRelation } from '../../../policies/memoire-relations.js';
import {
  canAdjustLearnerDueDate,
  canMarkMilestone,
  canReadCohortMilestones,
  canSetMilestones,
  milestonePermissions,
  progressScope,
} from '../../../policies/memoire-milestones.policy.js';
import type { TActor } from '../../../policies/policies.js';
import { MILESTONE_KIND_LABELS, MILESTONE_KIND_VALUES, type TMilestoneKind } from '../../../shared/vocabulary/memoire-milestones.js';
import { recordAudit, type TAuditActor } from '../../audit/audit.service.js';
import { users } from '../../auth/auth.tables.js';
import { calendarMarkers } from '../../calendar/calendar-markers.tables.js';
import { residencies } from '../../calendar/calendar.tables.js';
import { cohortLearners, cohorts } from '../../cohorts/cohorts.tables.js';
import { PermanentJobError, type TJobDefinition } from '../../jobs/jobs.runner.js';
import { enqueueMail } from '../../mail/mail.service.js';
import { createNotifications } from '../../notifications/notifications.service.js';
import { atelierGroups, atelierMembers } from '../ateliers/ateliers.tables.js';
import { theses } from '../memoire.tables.js';
import { thesisFinalDeposits } from '../versions/versions.tables.js';
import { addDays, daysBetween, daysLeftLabel, DEFAULT_REMINDER_DAYS, milestoneStatus, proposeDueDates, reminderDue } from './milestones.rules.js';
import { learnerMilestones, milestoneReminders, thesisMilestones } from './milestones.tables.js';

export const MARKER_SOURCE = 'thesis_milestone';

type TLearnerMilestoneRow = typeof learnerMilestones.$inferSelect;

/** The learners of a promotion the actor may follow, with their record and whether the actor leads or supervises them. */
async function learnersInScope(db: TDbOrTx, actor: TActor, cohortId: string, scope: 'all' | 'mentees' | 'own') {
  const leads = sql<boolean>`exists (select 1 from ${atelierMembers} am join ${atelierGroups} ag on ag.id = am.group_id
    where am.cohort_id = ${cohortLearners.cohortId} and am.learner_id = ${cohortLearners.userId} and ag.ended_at is null and ag.leader_id = ${actor.userId})`;
  const supervises = sql<boolean>`coalesce(${theses.supervisorId} = ${actor.userId}, false)`;
  const where =
    scope === 'all'
      ? eq(cohortLearners.cohortId, cohortId)
      : scope === 'own'
        ? and(eq(cohortLearners.cohortId, cohortId), eq(cohortLearners.userId, actor.userId))
        : and(eq(cohortLearners.cohortId, cohortId), or(eq(theses.supervisorId, actor.userId), leads));
  return db
    .select({
      id: cohortLearners.userId,
      name: users.name,
      status: cohortLearners.status,
      thesisId: theses.id,
      finalDepositAt: thesisFinalDeposits.at,
      leadsGroup: leads,
      supervises,
    })
    .from(cohortLearners)
    .innerJoin(users, eq(users.id, cohortLearners.userId))
    .leftJoin(theses, and(eq(theses.cohortId, cohortLearners.cohortId), eq(theses.learnerId, cohortLearners.userId)))
    .leftJoin(thesisFinalDeposits, eq(thesisFinalDeposits.thesisId, theses.id))
    .where(where)
    .orderBy(asc(users.name));
}

async function loadProposal(db: TDbOrTx, cohort: Pick<TCohortRow, 'id' | 'startsOn' | 'endsOn'>) {
  const rs = await db.select({ kind: residencies.kind, startsOn: residencies.startsOn }).from(residencies).where(eq(residencies.cohortId, cohort.id));
  return proposeDueDates(rs, cohort);
}

type TProgressLearner = Awaited<ReturnType<typeof learnersInScope>>[number];

/** One learner's six milestones: due date (their own or the promotion's), status, done when and by whom. */
function progressOf(
  learner: TProgressLearner,
  dues: Map<TMilestoneKind, string>,
  own: Map<string, TLearnerMilestoneRow>,
  names: Map<string, string>,
  today: string,
  canMark: boolean,
) {
  return MILESTONE_KIND_VALUES.map((kind) => {
    const row = own.get(`${learner.id}:${kind}`);
    const dueOn = row?.dueOn ?? dues.get(kind) ?? null;
    // The final deposit is done by the deposit of the final version (decision 021), never by hand.
    const doneAt = kind === 'final_deposit' ? (learner.finalDepositAt ?? null) : (row?.doneAt ?? null);
    const doneBy = kind === 'final_deposit' ? null : row?.doneBy ?? null;
    return {
      kind,
      dueOn,
      ownDueOn: row?.dueOn ?? null,
      status: milestoneStatus(dueOn, doneAt, today),
      doneAt: doneAt?.toISOString() ?? null,
      doneBy: doneBy ? { id: doneBy, name: names.get(doneBy) ?? '' } : null,
      canMark: canMark && kind !== 'final_deposit',
    };
  });
}

export async function loadProgress(db: TDbOrTx, actor: TActor, cohort: TCohortRow, rel: TCohortRelation, today: string) {
  const scope = progressScope(actor, cohort, rel);
  const [dueRows, learners] = await Promise.all([
    db.select().from(thesisMilestones).where(eq(thesisMilestones.cohortId, cohort.id)),
    scope ? learnersInScope(db, actor, cohort.id, scope) : Promise.resolve([]),
  ]);
  const dues = new Map(dueRows.map((r) => [r.kind, r.dueOn]));
  const ownRows = learners.length
    ? await db
        .select()
        .from(learnerMilestones)
        .where(and(eq(learnerMilestones.cohortId, cohort.id), inArray(learnerMilestones.learnerId, learners.map((l) => l.id))))
    : [];
  const own = new Map(ownRows.map((r) => [`${r.learnerId}:${r.kind}`, r]));
  const byIds = [...new Set(ownRows.map((r) => r.doneBy).filter((x): x is string => Boolean(x)))];
  const names = new Map((byIds.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, byIds)) : []).map((u) => [u.id, u.name]));
  const team = canSetMilestones(actor, cohort, rel).allowed;
  return {
    dueRows,
    learners: learners.map((l) => ({
      learner: { id: l.id, name: l.name },
      enrolment: l.status,
      thesisId: l.thesisId,
      milestones: progressOf(l, dues, own, names, today, l.id === actor.userId || l.leadsGroup || l.supervises || team),
    })),
  };
}

/** A promotion's due dates (and the ones its calendar suggests), and the progress of the learners the actor follows. */
export async function getCohortMilestones(o: { db: TDbOrTx; actor: TActor; cohortId: string; now: Date }) {
  const { cohort, rel } = await getCohortFor(o.db, o.actor, o.cohortId, canReadCohortMilestones);
  const today = todayInParis(o.now);
  const [{ dueRows, learners }, proposed] = await Promise.all([loadProgress(o.db, o.actor, cohort, rel, today), loadProposal(o.db, cohort)]);
  const dues = new Map(dueRows.map((r) => [r.kind, r.dueOn]));
  return {
    cohortId: cohort.id,
    today,
    promotion: { startsOn: cohort.startsOn, endsOn: cohort.endsOn },
    items: MILESTONE_KIND_VALUES.map((kind) => ({ kind, label: MILESTONE_KIND_LABELS[kind], dueOn: dues.get(kind) ?? null, proposedOn: proposed[kind] })),
    learners,
    permissions: milestonePermissions(o.actor, cohort, rel),
  };
}

const markerDescription = (cohortName: string) => `Échéance du mémoire pour la promotion ${cohortName}. Chaque auditeur·rice voit la sienne dans « Mon mémoire ».`;

/** Sets (or clears, with null) the promotion's due dates, and its calendar's markers with them. */
export async function setCohortMilestones(o: { db: TDb; actor: TActor; audit: TAuditActor; cohortId: string; items: { kind: TMilestoneKind; dueOn: string | null }[]; now: Date }) {
  await o.db.transaction(async (tx) => {
    // The promotion locked: two members of the team saving at once are applied one after the other.
    const { cohort } = await getCohortFor(tx, o.actor, o.cohortId, canSetMilestones, { forUpdate: true });
    const issues: { path: string; message: string }[] = [];
    const seen = new Set<string>();
    o.items.forEach((item, i) => {
      if (seen.has(item.kind)) issues.push({ path: `items.${i}.kind`, message: `Le jalon « ${MILESTONE_KIND_LABELS[item.kind]} » est donné deux fois.` });
      seen.add(item.kind);
      if (item.dueOn && (item.dueOn < cohort.startsOn || item.dueOn > cohort.endsOn))
        issues.push({ path: `items.${i}.dueOn`, message: `L’échéance doit tomber pendant la promotion (du ${frDate(cohort.startsOn)} au ${frDate(cohort.endsOn)}).` });
    });
    if (issues.length) throw validationError(issues);
    const before = await tx.select().from(thesisMilestones).where(eq(thesisMilestones.cohortId, cohort.id));
    for (const item of o.items) {
      if (item.dueOn) {
        const [row] = await tx
          .insert(thesisMilestones)
          .values({ cohortId: cohort.id, kind: item.kind, dueOn: item.dueOn, updatedBy: o.actor.userId, updatedAt: o.now })
          .onConflictDoUpdate({ target: [thesisMilestones.cohortId, thesisMilestones.kind], set: { dueOn: item.dueOn, updatedBy: o.actor.userId, updatedAt: o.now } })
          .returning();
        const title = `Mémoire : ${MILESTONE_KIND_LABELS[item.kind].toLowerCase()}`;
        await tx
          .insert(calendarMarkers)
          .values({ cohortId: cohort.id, source: MARKER_SOURCE, sourceId: row!.id, on: item.dueOn, title, description: markerDescription(cohort.name), updatedAt: o.now })
          .onConflictDoUpdate({ target: [calendarMarkers.source, calendarMarkers.sourceId], set: { on: item.dueOn, title, updatedAt: o.now } });
      } else {
        const removed = await tx.delete(thesisMilestones).where(and(eq(thesisMilestones.cohortId, cohort.id), eq(thesisMilestones.kind, item.kind))).returning({ id: thesisMilestones.id });
        if (removed.length) await tx.delete(calendarMarkers).where(and(eq(calendarMarkers.source, MARKER_SOURCE), inArray(calendarMarkers.sourceId, removed.map((r) => r.id))));
      }
    }
    await recordAudit(tx, o.audit, {
      action: 'thesis_milestones.set',
      entityType: 'cohort',
      entityId: cohort.id,
      before: Object.fromEntries(before.map((r) => [r.kind, r.dueOn])),
      after: Object.fromEntries(o.items.map((i) => [i.kind, i.dueOn])),
    });
  });
  return getCohortMilestones({ db: o.db, actor: o.actor, cohortId: o.cohortId, now: o.now });
}

const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

async function enrolledLearner(db: TDbOrTx, cohortId: string, learnerId: string) {
  const [row] = await db
    .select({ id: cohortLearners.userId })
    .from(cohortLearners)
    .where(and(eq(cohortLearners.cohortId, cohortId), eq(cohortLearners.userId, learnerId)));
  if (!row) throw notFound('Cette personne n’est pas inscrite dans la promotion.');
}

/** The learner's row for a milestone, created if need be, read FOR UPDATE (two marks at once are serialised). */
async function lockLearnerMilestone(tx: TDbOrTx, cohortId: string, learnerId: string, kind: TMilestoneKind, now: Date): Promise<TLearnerMilestoneRow> {
  await tx.insert(learnerMilestones).values({ cohortId, learnerId, kind, updatedAt: now }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(learnerMilestones)
    .where(and(eq(learnerMilestones.cohortId, cohortId), eq(learnerMilestones.learnerId, learnerId), eq(learnerMilestones.kind, kind)))
    .for('update');
  return row!;
}

async function oneLearnerProgress(db: TDbOrTx, actor: TActor, cohort: TCohortRow, rel: TCohortRelation, learnerId: string, now: Date) {
  const { learners } = await loadProgress(db, actor, cohort, rel, todayInParis(now));
  const mine = learners.find((l) => l.learner.id === learnerId);
  if (mine) return mine;
  // A mentor who marked a learner they no longer follow, in theory: answer with the bare row.
  return { learner: { id: learnerId, name: '' }, enrolment: 'enrolled' as const, thesisId: null, milestones: [] };
}

/** Marks a learner's milestone done (dated by the clock, attributed) or back to do. */
export async function markMilestone(o: { db: TDb; actor: TActor; audit: TAuditActor; cohortId: string; learnerId: string; kind: TMilestoneKind; done: boolean; now: Date }) {
  return o.db.transaction(async (tx) => {
    const { cohort, rel } = await getCohortFor(tx, o.actor, o.cohortId, canReadCohortMilestones);
    await enrolledLearner(tx, cohort.id, o.learnerId);
    const mentor = await loadMentorRelation(tx, o.actor.userId, o.learnerId, cohort.id);
    enforce(canMarkMilestone(o.actor, cohort, rel, o.learnerId, mentor));
    if (o.kind === 'final_deposit') throw conflict('Le dépôt final est marqué par le dépôt de la version finale du mémoire, pas à la main.');
    const row = await lockLearnerMilestone(tx, cohort.id, o.learnerId, o.kind, o.now);
    if (Boolean(row.doneAt) !== o.done) {
      await tx
        .update(learnerMilestones)
        .set(o.done ? { doneAt: o.now, doneBy: o.actor.userId, updatedAt: o.now } : { doneAt: null, doneBy: null, updatedAt: o.now })
        .where(eq(learnerMilestones.id, row.id));
      await recordAudit(tx, o.audit, {
        action: 'thesis_milestone.marked',
        entityType: 'learner_milestone',
        entityId: row.id,
        before: { kind: o.kind, learnerId: o.learnerId, doneAt: row.doneAt?.toISOString() ?? null },
        after: { kind: o.kind, learnerId: o.learnerId, doneAt: o.done ? o.now.toISOString() : null },
      });
    }
    return oneLearnerProgress(tx, o.actor, cohort, rel, o.learnerId, o.now);
  });
}

/** Gives one learner a due date of their own for a milestone (null: back to the promotion's). */
export async function adjustLearnerDueDate(o: { db: TDb; actor: TActor; audit: TAuditActor; cohortId: string; learnerId: string; kind: TMilestoneKind; dueOn: string | null; now: Date }) {
  return o.db.transaction(async (tx) => {
    const { cohort, rel } = await getCohortFor(tx, o.actor, o.cohortId, (a, c, r) => canAdjustLearnerDueDate(a, c, r, o.learnerId));
    await enrolledLearner(tx, cohort.id, o.learnerId);
    if (o.dueOn && (o.dueOn < cohort.startsOn || o.dueOn > cohort.endsOn))
      throw validationError([{ path: 'dueOn', message: `L’échéance doit tomber pendant la promotion (du ${frDate(cohort.startsOn)} au ${frDate(cohort.endsOn)}).` }]);
    const [promotion] = await tx.select().from(thesisMilestones).where(and(eq(thesisMilestones.cohortId, cohort.id), eq(thesisMilestones.kind, o.kind)));
    if (!promotion && o.dueOn) throw conflict(`Fixez d’abord l’échéance de la promotion pour « ${MILESTONE_KIND_LABELS[o.kind]} ».`);
    const row = await lockLearnerMilestone(tx, cohort.id, o.learnerId, o.kind, o.now);
    if (row.dueOn !== o.dueOn) {
      await tx.update(learnerMilestones).set({ dueOn: o.dueOn, updatedAt: o.now }).where(eq(learnerMilestones.id, row.id));
      await recordAudit(tx, o.audit, {
        action: 'thesis_milestone.due_adjusted',
        entityType: 'learner_milestone',
        entityId: row.id,
        before: { kind: o.kind, learnerId: o.learnerId, dueOn: row.dueOn },
        after: { kind: o.kind, learnerId: o.learnerId, dueOn: o.dueOn },
      });
    }
    return oneLearnerProgress(tx, o.actor, cohort, rel, o.learnerId, o.now);
  });
}

/**
 * The reminders due today (Paris) for every milestone not done of every enrolled learner, each sent once:
 * a row in `milestone_reminders` under its unique key (learner, milestone, reminder, due date), and only
 * the rows this transaction inserted get their notification and e-mail, in the same transaction. Two
 * runners at once: the second insert waits for the first and does nothing.
 */
export async function sendMilestoneReminders(o: { db: TDb; now: Date; reminderDays?: readonly number[] }) {
  const reminderDays = o.reminderDays?.length ? o.reminderDays : DEFAULT_REMINDER_DAYS;
  const today = todayInParis(o.now);
  const horizon = addDays(today, Math.max(...reminderDays));
  const due = sql<string>`coalesce(${learnerMilestones.dueOn}, ${thesisMilestones.dueOn})`;
  const candidates = await o.db
    .select({
      cohortId: thesisMilestones.cohortId,
      cohortName: cohorts.name,
      learnerId: cohortLearners.userId,
      email: users.email,
      kind: thesisMilestones.kind,
      dueOn: due,
      thesisId: theses.id,
    })
    .from(thesisMilestones)
    .innerJoin(cohorts, eq(cohorts.id, thesisMilestones.cohortId))
    .innerJoin(cohortLearners, and(eq(cohortLearners.cohortId, thesisMilestones.cohortId), eq(cohortLearners.status, 'enrolled')))
    .innerJoin(users, and(eq(users.id, cohortLearners.userId), eq(users.disabled, false)))
    .leftJoin(
      learnerMilestones,
      and(eq(learnerMilestones.cohortId, thesisMilestones.cohortId), eq(learnerMilestones.learnerId, cohortLearners.userId), eq(learnerMilestones.kind, thesisMilestones.kind)),
    )
    .leftJoin(theses, and(eq(theses.cohortId, thesisMilestones.cohortId), eq(theses.learnerId, cohortLearners.userId)))
    .leftJoin(thesisFinalDeposits, eq(thesisFinalDeposits.thesisId, theses.id))
    .where(
      and(
        isNull(learnerMilestones.doneAt),
        sql`not (${thesisMilestones.kind} = 'final_deposit' and ${thesisFinalDeposits.thesisId} is not null)`,
        sql`${due} between ${today} and ${horizon}`,
      ),
    );
  const wanted = candidates.flatMap((c) => {
    const daysBefore = reminderDue(c.dueOn, today, reminderDays);
    return daysBefore === null ? [] : [{ ...c, daysBefore }];
  });
  if (wanted.length === 0) return { sent: 0 };
  return o.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(milestoneReminders)
      .values(wanted.map((w) => ({ cohortId: w.cohortId, learnerId: w.learnerId, kind: w.kind, daysBefore: w.daysBefore, dueOn: w.dueOn, sentAt: o.now })))
      .onConflictDoNothing()
      .returning({ cohortId: milestoneReminders.cohortId, learnerId: milestoneReminders.learnerId, kind: milestoneReminders.kind, dueOn: milestoneReminders.dueOn });
    const byKey = new Map(wanted.map((w) => [`${w.cohortId}:${w.learnerId}:${w.kind}:${w.dueOn}`, w]));
    for (const r of inserted) {
      const w = byKey.get(`${r.cohortId}:${r.learnerId}:${r.kind}:${r.dueOn}`)!;
      const label = MILESTONE_KIND_LABELS[w.kind];
      const when = daysLeftLabel(daysBetween(today, w.dueOn));
      const title = `Mémoire : « ${label} » attendu ${when}`;
      const body = `Échéance du ${frDate(w.dueOn)} (promotion ${w.cohortName}). Quand c’est fait, marquez-le dans « Mon mémoire ».`;
      await createNotifications(tx, [w.learnerId], { kind: 'memoire.milestone_reminder', title, body, link: '/mon-memoire' }, o.now);
      await enqueueMail(tx, { to: w.email, subject: title, text: `Bonjour,\n\nVotre jalon de mémoire « ${label} » est attendu ${when}. ${body}`, link: '/mon-memoire' });
    }
    return { sent: inserted.length };
  });
}

const ZReminderPayload = z.object({ reminderDays: z.array(z.number().int().min(0).max(90)).max(5).optional() });

/** The recurring job (every 6 hours: a missed run is caught up by the next): the reminders due at the runner's clock. */
export const milestoneRemindersJob: TJobDefinition = {
  async run(payload, ctx) {
    const parsed = ZReminderPayload.safeParse(payload ?? {});
    if (!parsed.success) throw new PermanentJobError('Paramètres de rappel invalides (reminderDays : des nombres de jours).');
    return sendMilestoneReminders({ db: ctx.db, now: ctx.clock.now(), reminderDays: parsed.data.reminderDays });
  },
};
