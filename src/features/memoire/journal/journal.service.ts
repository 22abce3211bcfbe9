/**
 * The learner's workspace (decision 023): the journal of the autobiographie raisonnée, private to the
 * learner until they share an entry with their leader or supervisor (who read it; staff never do), and
 * the log of time spent on the mémoire with its monthly pace. Audit entries name what changed, never
 * an entry's text: the administrator who reads the audit log does not read the journal.
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../../db/client.js';
import { conflict, forbidden, notFound } from '../../../http/errors.js';
import { getCohortFor } from '../../../policies/cohort-access.js';
import { deny } from '../../../policies/decision.js';
import { canWriteOwnFollowup } from '../../../policies/memoire-followup.policy.js';
import { authorize, type TActor } from '../../../policies/policies.js';
import { todayInParis } from '../../../lib/dates.js';
import { recordAudit, type TAuditActor } from '../../audit/audit.service.js';
import { checkDelete, checkEntryChange, checkUnshare, EXPECTED_MINUTES_PER_MONTH, monthlyPace } from './journal.rules.js';
import { journalEntries, thesisTimeLogs } from './journal.tables.js';

type TEntryRow = typeof journalEntries.$inferSelect;

const presentEntry = (e: TEntryRow) => ({
  id: e.id,
  cohortId: e.cohortId,
  title: e.title,
  body: e.body,
  sharedAt: e.sharedAt?.toISOString() ?? null,
  readAt: e.readAt?.toISOString() ?? null,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
  permissions: { edit: !checkEntryChange(e), unshare: Boolean(e.sharedAt) && !checkUnshare(e), delete: !checkDelete(e) },
});

/** The caller's own entry; someone else's is refused (only its author writes or reads it as such). */
async function ownEntry(db: TDbOrTx, actor: TActor, id: string, forUpdate = false): Promise<TEntryRow> {
  const q = db.select().from(journalEntries).where(eq(journalEntries.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('Entrée de journal introuvable.');
  if (row.learnerId !== actor.userId) throw forbidden('Accès refusé : ce journal est celui d’un·e autre auditeur·rice.');
  return row;
}

export async function findMyJournal(o: { db: TDbOrTx; actor: TActor }) {
  authorize(o.actor, 'followup:own');
  const rows = await o.db.select().from(journalEntries).where(eq(journalEntries.learnerId, o.actor.userId)).orderBy(desc(journalEntries.createdAt), desc(journalEntries.id));
  return rows.map(presentEntry);
}

export async function createJournalEntry(o: { db: TDb; actor: TActor; audit: TAuditActor; cohortId: string; input: { title: string; body: string }; now: Date }) {
  return o.db.transaction(async (tx) => {
    await getCohortFor(tx, o.actor, o.cohortId, (a, _c, r) => canWriteOwnFollowup(a, r));
    const [row] = await tx.insert(journalEntries).values({ cohortId: o.cohortId, learnerId: o.actor.userId, title: o.input.title, body: o.input.body, createdAt: o.now, updatedAt: o.now }).returning();
    await recordAudit(tx, o.audit, { action: 'journal.created', entityType: 'journal_entry', entityId: row!.id, after: { cohortId: o.cohortId } });
    return presentEntry(row!);
  });
}

export async function updateJournalEntry(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; input: { title?: string; body?: string }; now: Date }) {
  return o.db.transaction(async (tx) => {
    const e = await ownEntry(tx, o.actor, o.id, true);
    const refusal = checkEntryChange(e);
    if (refusal) throw conflict(refusal);
    const [row] = await tx.update(journalEntries).set({ ...o.input, updatedAt: o.now }).where(and(eq(journalEntries.id, e.id), isNull(journalEntries.readAt))).returning();
    if (!row) throw conflict(checkEntryChange({ sharedAt: o.now, readAt: o.now })!);
    await recordAudit(tx, o.audit, { action: 'journal.updated', entityType: 'journal_entry', entityId: e.id, after: { fields: Object.keys(o.input) } });
    return presentEntry(row);
  });
}

/** Share with one's leader or supervisor, or take it back while nobody has read it. */
export async function shareJournalEntry(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; shared: boolean; now: Date }) {
  return o.db.transaction(async (tx) => {
    const e = await ownEntry(tx, o.actor, o.id, true);
    if (o.shared === Boolean(e.sharedAt)) return presentEntry(e);
    if (!o.shared) {
      const refusal = checkUnshare(e);
      if (refusal) throw conflict(refusal);
    }
    // Conditional on "not read": a teacher reading it at this instant wins, and the entry stays shared.
    const [row] = await tx
      .update(journalEntries)
      .set({ sharedAt: o.shared ? o.now : null, updatedAt: o.now })
      .where(and(eq(journalEntries.id, e.id), isNull(journalEntries.readAt)))
      .returning();
    if (!row) throw conflict(checkUnshare({ sharedAt: o.now, readAt: o.now })!);
    await recordAudit(tx, o.audit, { action: 'journal.shared', entityType: 'journal_entry', entityId: e.id, before: { shared: Boolean(e.sharedAt) }, after: { shared: o.shared } });
    return presentEntry(row);
  });
}

export async function deleteJournalEntry(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string }) {
  return o.db.transaction(async (tx) => {
    const e = await ownEntry(tx, o.actor, o.id, true);
    const refusal = checkDelete(e);
    if (refusal) throw conflict(refusal);
    const gone = await tx.delete(journalEntries).where(and(eq(journalEntries.id, e.id), isNull(journalEntries.sharedAt))).returning({ id: journalEntries.id });
    if (gone.length === 0) throw conflict('Cette entrée vient d’être partagée : rechargez la page.');
    await recordAudit(tx, o.audit, { action: 'journal.deleted', entityType: 'journal_entry', entityId: e.id });
  });
}

/**
 * The entries a learner shared, for their leader or supervisor (the caller checked the relation).
 * Reading stamps `read_at` on the entries not read yet: from then on the learner can no longer take
 * them back or change them (decision 023).
 */
export async function readSharedEntries(db: TDbOrTx, cohortId: string, learnerId: string, now: Date) {
  await db
    .update(journalEntries)
    .set({ readAt: now })
    .where(and(eq(journalEntries.cohortId, cohortId), eq(journalEntries.learnerId, learnerId), sql`${journalEntries.sharedAt} IS NOT NULL`, isNull(journalEntries.readAt)));
  const rows = await db
    .select()
    .from(journalEntries)
    .where(and(eq(journalEntries.cohortId, cohortId), eq(journalEntries.learnerId, learnerId), sql`${journalEntries.sharedAt} IS NOT NULL`))
    .orderBy(desc(journalEntries.sharedAt), desc(journalEntries.id));
  return rows.map((e) => ({ id: e.id, title: e.title, body: e.body, sharedAt: e.sharedAt!.toISOString(), createdAt: e.createdAt.toISOString() }));
}

// ── Time log ──────────────────────────────────────────────────────────────────────────────────────

type TLogRow = typeof thesisTimeLogs.$inferSelect;
const presentLog = (l: TLogRow) => ({ id: l.id, cohortId: l.cohortId, workedOn: l.workedOn, minutes: l.minutes, activity: l.activity, createdAt: l.createdAt.toISOString() });

/** Minutes per month ("YYYY-MM"), one SQL aggregate. */
async function monthTotals(db: TDbOrTx, cohortId: string, learnerId: string) {
  const month = sql<string>`to_char(${thesisTimeLogs.workedOn}, 'YYYY-MM')`;
  const rows = await db
    .select({ month, minutes: sql<number>`sum(${thesisTimeLogs.minutes})::int` })
    .from(thesisTimeLogs)
    .where(and(eq(thesisTimeLogs.cohortId, cohortId), eq(thesisTimeLogs.learnerId, learnerId)))
    .groupBy(month);
  return rows.map((r) => ({ month: r.month, minutes: Number(r.minutes) }));
}

/** The pace of a learner in a promotion: each month from the first log to this month, against 2–4 days. */
export async function paceOf(db: TDbOrTx, cohortId: string, learnerId: string, now: Date) {
  const months = monthlyPace(await monthTotals(db, cohortId, learnerId), todayInParis(now).slice(0, 7));
  return { expectedMinutesPerMonth: EXPECTED_MINUTES_PER_MONTH, months };
}

export async function findMyTimeLog(o: { db: TDbOrTx; actor: TActor; cohortId: string; now: Date }) {
  await getCohortFor(o.db, o.actor, o.cohortId, (a, _c, r) => (r.learner ? { allowed: true } : deny('vous n’êtes pas inscrit·e dans cette promotion.')));
  const rows = await o.db
    .select()
    .from(thesisTimeLogs)
    .where(and(eq(thesisTimeLogs.cohortId, o.cohortId), eq(thesisTimeLogs.learnerId, o.actor.userId)))
    .orderBy(desc(thesisTimeLogs.workedOn), desc(thesisTimeLogs.createdAt));
  return { items: rows.map(presentLog), pace: await paceOf(o.db, o.cohortId, o.actor.userId, o.now) };
}

export async function createTimeLog(o: { db: TDb; actor: TActor; audit: TAuditActor; cohortId: string; input: { workedOn: string; minutes: number; activity: string }; now: Date }) {
  return o.db.transaction(async (tx) => {
    await getCohortFor(tx, o.actor, o.cohortId, (a, _c, r) => canWriteOwnFollowup(a, r));
    const [row] = await tx.insert(thesisTimeLogs).values({ cohortId: o.cohortId, learnerId: o.actor.userId, ...o.input, createdAt: o.now }).returning();
    await recordAudit(tx, o.audit, { action: 'time_log.created', entityType: 'time_log', entityId: row!.id, after: { workedOn: row!.workedOn, minutes: row!.minutes } });
    return presentLog(row!);
  });
}

export async function deleteTimeLog(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string }) {
  return o.db.transaction(async (tx) => {
    const [found] = await tx.select().from(thesisTimeLogs).where(eq(thesisTimeLogs.id, o.id)).for('update');
    if (!found) throw notFound('Temps de travail introuvable.');
    if (found.learnerId !== o.actor.userId) throw forbidden('Accès refusé : ce temps de travail est celui d’un·e autre auditeur·rice.');
    await tx.delete(thesisTimeLogs).where(eq(thesisTimeLogs.id, found.id));
    await recordAudit(tx, o.audit, { action: 'time_log.deleted', entityType: 'time_log', entityId: found.id, before: { workedOn: found.workedOn, minutes: found.minutes } });
  });
}
