/**
 * The staff's use cases: the commission's list (filters, sort, search, pagination, export), the
 * instruction transitions with their written reason, private notes. Every transition is one
 * append-only event; decisions are never changed afterwards.
 */
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, validationError } from '../../http/errors.js';
import { canInstructApplication, canReadCommissionList, canTransitionApplication } from '../../policies/applications.policy.js';
import { enforce } from '../../policies/decision.js';
import type { TActor } from '../../policies/policies.js';
import { centreScopeOf } from '../../policies/scope.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { centres } from '../centres/centres.tables.js';
import { cohorts } from '../cohorts/cohorts.tables.js';
import { fileRelationOf, getApplicationRow } from './admissions.access.js';
import { notifyApplicant } from './admissions.mail.js';
import { presentApplication } from './admissions.presenters.js';
import { ACTION_LABELS, nextStatus, STATUS_LABELS, TRANSITIONS, type TApplicationState, type TInstructionAction } from './admissions.rules.js';
import { applicationEvents, applications, type TApplicationStatus } from './admissions.tables.js';

/**
 * A decision (accept, refuse, close) and a correction request are explained in writing to the
 * person; taking a file up for review decides nothing, so it needs no reason (one may be given).
 */
export const reasonRequired = (action: TInstructionAction) => action !== 'start_review';

export async function transitionApplication(o: {
  db: TDb;
  actor: TAuditActor;
  viewer: TActor;
  id: string;
  action: TInstructionAction;
  reason?: string;
  now: Date;
}) {
  const reason = (o.reason ?? '').trim();
  if (reasonRequired(o.action) && reason.length < 3) throw validationError([{ path: 'reason', message: 'Le motif écrit est obligatoire (au moins 3 caractères).' }]);
  const row = await o.db.transaction(async (tx) => {
    const before = await getApplicationRow(tx, o.id, true);
    enforce(canTransitionApplication(o.viewer, before, await fileRelationOf(tx, o.viewer, before), o.action));
    const to = nextStatus(before.status, o.action);
    if (!to) {
      throw conflict(
        `Action impossible : « ${ACTION_LABELS[o.action]} » n'est pas possible sur une candidature « ${STATUS_LABELS[before.status as TApplicationState]} ».`,
      );
    }
    const decision = TRANSITIONS[o.action].decision;
    const [after] = await tx
      .update(applications)
      .set({
        status: to,
        updatedAt: o.now,
        ...(decision ? { decidedAt: o.now } : {}),
        ...(to === 'accepted' ? { registrationStatus: 'pending' as const } : {}),
      })
      .where(eq(applications.id, o.id))
      .returning();
    const kind = o.action === 'start_review' ? 'review_started' : o.action === 'request_correction' ? 'correction_requested' : to;
    await tx.insert(applicationEvents).values({
      applicationId: o.id,
      at: o.now,
      actorId: o.actor.userId,
      actorLabel: o.actor.label,
      kind: kind as 'accepted',
      fromStatus: before.status,
      toStatus: to,
      text: reason || null,
    });
    await recordAudit(tx, o.actor, {
      action: `application.${o.action}`,
      entityType: 'application',
      entityId: o.id,
      before: { status: before.status },
      after: reason ? { status: to, reason } : { status: to },
    });
    // Queued in the transition's transaction: sent by the job runner, retried, never lost.
    if (o.action === 'request_correction') await notifyApplicant(tx, after!, 'correction', { reason });
    else if (decision) await notifyApplicant(tx, after!, 'decision', { reason });
    return after!;
  });
  return presentApplication(o.db, row, o.viewer);
}

export async function addPrivateNote(o: { db: TDb; actor: TAuditActor; viewer: TActor; id: string; text: string; now: Date }) {
  const text = o.text.trim();
  if (!text) throw validationError([{ path: 'text', message: 'La note est vide.' }]);
  const row = await o.db.transaction(async (tx) => {
    const app = await getApplicationRow(tx, o.id);
    enforce(canInstructApplication(o.viewer, app, await fileRelationOf(tx, o.viewer, app)));
    await tx.insert(applicationEvents).values({ applicationId: o.id, at: o.now, actorId: o.actor.userId, actorLabel: o.actor.label, kind: 'note', text, private: true });
    await recordAudit(tx, o.actor, { action: 'application.note_added', entityType: 'application', entityId: o.id, after: { private: true } });
    return app;
  });
  return presentApplication(o.db, row, o.viewer);
}

export type TFindApplicationsOptions = {
  db: TDbOrTx;
  viewer: TActor;
  q?: string;
  centreId?: string;
  cohortId?: string;
  status?: TApplicationStatus;
  eligibility?: 'eligible' | 'derogation' | 'not_eligible';
  /** Drafts are the applicant's business until filed; the commission sees them only when asked. */
  includeDrafts?: boolean;
  sort: 'filedAt' | 'lastName' | 'status' | 'reference';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

function conditionOf(o: TFindApplicationsOptions): SQL | undefined {
  const where: SQL[] = [];
  // Staff see the applications of their own centres only, and never their own in the commission's list.
  const scope = centreScopeOf(o.viewer);
  if (scope) where.push(scope.length ? inArray(applications.centreId, scope) : sql`false`);
  where.push(sql`${applications.userId} <> ${o.viewer.userId}`);
  if (o.centreId) where.push(eq(applications.centreId, o.centreId));
  if (o.cohortId) where.push(eq(applications.cohortId, o.cohortId));
  if (o.status) where.push(eq(applications.status, o.status));
  else if (!o.includeDrafts) where.push(sql`${applications.status} <> 'draft'`);
  if (o.eligibility) where.push(eq(applications.eligibilityVerdict, o.eligibility));
  if (o.q) {
    const like = `%${o.q}%`;
    const match = or(ilike(applications.lastName, like), ilike(applications.firstName, like), ilike(applications.email, like), ilike(applications.reference, like));
    if (match) where.push(match);
  }
  return where.length ? and(...where) : undefined;
}

const listColumns = {
  id: applications.id,
  reference: applications.reference,
  status: applications.status,
  lastName: applications.lastName,
  firstName: applications.firstName,
  email: applications.email,
  situation: applications.situation,
  fundingIntent: applications.fundingIntent,
  eligibilityVerdict: applications.eligibilityVerdict,
  filedAt: applications.filedAt,
  registrationStatus: applications.registrationStatus,
  centreName: centres.name,
  cohortName: cohorts.name,
};

export async function findApplications(o: TFindApplicationsOptions) {
  enforce(canReadCommissionList(o.viewer));
  const condition = conditionOf(o);
  const column = { filedAt: applications.filedAt, lastName: applications.lastName, status: applications.status, reference: applications.reference }[o.sort];
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    o.db
      .select(listColumns)
      .from(applications)
      .innerJoin(centres, eq(centres.id, applications.centreId))
      .innerJoin(cohorts, eq(cohorts.id, applications.cohortId))
      .where(condition)
      .orderBy(o.order === 'asc' ? asc(column) : desc(column), asc(applications.id))
      .limit(o.pageSize)
      .offset((o.page - 1) * o.pageSize),
    o.db.select({ total: sql<number>`count(*)::int` }).from(applications).where(condition),
  ]);
  return { items: rows.map((r) => ({ ...r, filedAt: r.filedAt?.toISOString() ?? null })), total };
}

/** Every row matching the filters (no pagination), for CSV/XLSX. */
export async function findApplicationsForExport(o: Omit<TFindApplicationsOptions, 'page' | 'pageSize'>) {
  const { items } = await findApplications({ ...o, page: 1, pageSize: 100_000 });
  return items;
}
