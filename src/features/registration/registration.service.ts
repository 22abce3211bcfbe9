/**
 * Registration (inscription administrative), its own feature because it reads both the accepted
 * application (admissions) and its funding plan (funding), which itself depends on admissions.
 * Registration: the accepted applicant returns the form; registration
 * is final only then, and only within the promotion's capacity — beyond it, the applicant waits on
 * a list ordered by the time their complete form came back.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { centres } from '../centres/centres.tables.js';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, notFound, validationError } from '../../http/errors.js';
import { canEditOwnApplication, canPromoteFromWaitingList, canReadAdmissionsOfCentre, canReadCommissionList, canStartApplication, impartial } from '../../policies/applications.policy.js';
import { allOf, enforce } from '../../policies/decision.js';
import { hasDeclaredConflict } from '../../policies/facts.js';
import type { TActor } from '../../policies/policies.js';
import { centreScopeOf } from '../../policies/scope.js';
import { FUNDING_KIND_LABELS } from '../../shared/vocabulary/funding.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { cohortLearners, cohorts } from '../cohorts/cohorts.tables.js';
import { fundingPlans } from '../funding/funding.tables.js';
import { getApplicationRow, type TApplicationRow } from '../admissions/admissions.access.js';
import { notifyApplicant } from '../admissions/admissions.mail.js';
import { presentApplication } from '../admissions/admissions.presenters.js';
import { applicationEvents, applications, type TRegistrationForm } from '../admissions/admissions.tables.js';

async function enrolledCount(tx: TDbOrTx, cohortId: string) {
  const [{ n } = { n: 0 }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(cohortLearners)
    .where(and(eq(cohortLearners.cohortId, cohortId), eq(cohortLearners.status, 'enrolled')));
  return n;
}

async function enrol(tx: TDbOrTx, actor: TAuditActor, app: TApplicationRow, jobSeeker: boolean, now: Date) {
  const [plan] = await tx.select({ payers: fundingPlans.payers }).from(fundingPlans).where(eq(fundingPlans.applicationId, app.id));
  const funderLabel = plan?.payers[0]?.name ?? (app.fundingIntent ? FUNDING_KIND_LABELS[app.fundingIntent] : null) ?? null;
  const [learner] = await tx
    .insert(cohortLearners)
    .values({ cohortId: app.cohortId, userId: app.userId, jobSeeker, funderLabel, applicationId: app.id, enrolledAt: now })
    .returning({ id: cohortLearners.id });
  await recordAudit(tx, actor, { action: 'cohort_learner.enrolled', entityType: 'cohort_learner', entityId: learner!.id, after: { cohortId: app.cohortId, userId: app.userId, applicationId: app.id, jobSeeker } });
}

export async function submitRegistration(o: { db: TDb; actor: TAuditActor; viewer: TActor; id: string; form: TRegistrationForm; now: Date }) {
  if (!o.form.acceptsRules) throw validationError([{ path: 'acceptsRules', message: 'Vous devez accepter le règlement intérieur pour vous inscrire.' }]);
  const result = await o.db.transaction(async (tx) => {
    const before = await getApplicationRow(tx, o.id, true);
    enforce(allOf(canStartApplication(o.viewer), canEditOwnApplication(o.viewer, before)));
    if (before.status !== 'accepted') throw conflict("Le bulletin d'inscription n'est ouvert qu'après l'acceptation de la candidature.");
    if (before.registrationStatus !== 'pending') throw conflict("Votre bulletin d'inscription a déjà été retourné.");
    // The promotion row is locked: two forms coming back at once cannot both take the last place.
    const [cohort] = await tx.select().from(cohorts).where(eq(cohorts.id, before.cohortId)).for('update');
    if (!cohort) throw notFound('Promotion introuvable.');
    const full = (await enrolledCount(tx, cohort.id)) >= cohort.capacity;
    const now = o.now;
    const [after] = await tx
      .update(applications)
      .set({
        registrationForm: o.form,
        registrationStatus: full ? 'waiting' : 'complete',
        waitingSince: full ? now : null,
        registeredAt: full ? null : now,
        updatedAt: now,
      })
      .where(eq(applications.id, o.id))
      .returning();
    if (!full) await enrol(tx, o.actor, after!, o.form.jobSeeker, now);
    await tx.insert(applicationEvents).values({
      applicationId: o.id,
      at: now,
      actorId: o.actor.userId,
      actorLabel: o.actor.label,
      kind: full ? 'registration_waiting' : 'registration_completed',
      text: full ? `Promotion complète (${cohort.capacity} places) : inscription sur la liste d'attente.` : 'Bulletin d’inscription complet : inscription définitive.',
    });
    await recordAudit(tx, o.actor, { action: full ? 'application.registration_waiting' : 'application.registration_completed', entityType: 'application', entityId: o.id, after: { registrationStatus: after!.registrationStatus } });
    await notifyApplicant(tx, after!, full ? 'registration_waiting' : 'registration_complete');
    return after!;
  });
  return presentApplication(o.db, result, o.viewer);
}

/** The promotion's waiting list, in order. */
export async function findWaitingList(o: { db: TDbOrTx; viewer: TActor; cohortId: string }) {
  const [cohort] = await o.db.select().from(cohorts).where(eq(cohorts.id, o.cohortId));
  if (!cohort) throw notFound('Promotion introuvable.');
  enforce(canReadAdmissionsOfCentre(o.viewer, cohort.centreId));
  const rows = await o.db
    .select({ id: applications.id, reference: applications.reference, lastName: applications.lastName, firstName: applications.firstName, waitingSince: applications.waitingSince })
    .from(applications)
    .where(and(eq(applications.cohortId, o.cohortId), eq(applications.registrationStatus, 'waiting')))
    .orderBy(asc(applications.waitingSince), asc(applications.id));
  const enrolled = await enrolledCount(o.db, o.cohortId);
  return {
    cohortId: cohort.id,
    capacity: cohort.capacity,
    enrolled,
    items: rows.map((r, i) => ({ ...r, position: i + 1, waitingSince: r.waitingSince!.toISOString() })),
  };
}

/** Staff enrol the first applicant of the waiting list once a place is free. */
export async function promoteFromWaitingList(o: { db: TDb; actor: TAuditActor; viewer: TActor; cohortId: string; now: Date }) {
  const promoted = await o.db.transaction(async (tx) => {
    const [cohort] = await tx.select().from(cohorts).where(eq(cohorts.id, o.cohortId)).for('update');
    if (!cohort) throw notFound('Promotion introuvable.');
    enforce(canPromoteFromWaitingList(o.viewer, cohort.centreId));
    if ((await enrolledCount(tx, cohort.id)) >= cohort.capacity) throw conflict(`La promotion est complète (${cohort.capacity} places) : aucune place ne s'est libérée.`);
    const [first] = await tx
      .select()
      .from(applications)
      .where(and(eq(applications.cohortId, cohort.id), eq(applications.registrationStatus, 'waiting')))
      .orderBy(asc(applications.waitingSince), asc(applications.id))
      .limit(1)
      .for('update');
    if (!first) throw conflict("La liste d'attente de cette promotion est vide.");
    enforce(impartial(o.viewer, first.userId, { conflicted: await hasDeclaredConflict(tx, o.viewer, first.userId) }));
    const [after] = await tx
      .update(applications)
      .set({ registrationStatus: 'complete', registeredAt: o.now, updatedAt: o.now })
      .where(eq(applications.id, first.id))
      .returning();
    await enrol(tx, o.actor, after!, after!.registrationForm?.jobSeeker ?? after!.situation === 'job_seeker', o.now);
    await tx.insert(applicationEvents).values({ applicationId: first.id, at: o.now, actorId: o.actor.userId, actorLabel: o.actor.label, kind: 'promoted_from_waiting_list', text: "Place libérée : inscription définitive depuis la liste d'attente." });
    await recordAudit(tx, o.actor, { action: 'application.promoted_from_waiting_list', entityType: 'application', entityId: first.id, before: { registrationStatus: 'waiting' }, after: { registrationStatus: 'complete' } });
    await notifyApplicant(tx, after!, 'registration_complete');
    return after!;
  });
  return presentApplication(o.db, promoted, o.viewer);
}

/** The promotions of the viewer's centres (all for administrators), with capacity, enrolled and waiting counts. */
export async function findAdmissionCohorts(o: { db: TDbOrTx; viewer: TActor }) {
  enforce(canReadCommissionList(o.viewer));
  const centresOf = centreScopeOf(o.viewer);
  const scope = centresOf === null ? undefined : centresOf.length ? inArray(cohorts.centreId, centresOf) : sql`false`;
  const rows = await o.db
    .select({
      id: cohorts.id,
      name: cohorts.name,
      number: cohorts.number,
      startsOn: cohorts.startsOn,
      capacity: cohorts.capacity,
      centreName: centres.name,
      enrolled: sql<number>`(select count(*)::int from ${cohortLearners} where ${cohortLearners.cohortId} = ${cohorts.id} and ${cohortLearners.status} = 'enrolled')`,
      waiting: sql<number>`(select count(*)::int from ${applications} where ${applications.cohortId} = ${cohorts.id} and ${applications.registrationStatus} = 'waiting')`,
    })
    .from(cohorts)
    .innerJoin(centres, eq(centres.id, cohorts.centreId))
    .where(scope)
    .orderBy(desc(cohorts.startsOn), asc(centres.name));
  return rows;
}
