/**
 * The applicant's use cases: open promotions, start an application (the public form, which also
 * creates the account, is in admissions.start.ts), save the draft, attach documents, file it. The one-application rule is checked
 * here and enforced by a unique index (identity, diploma family, year).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, notFound, validationError } from '../../http/errors.js';
import { todayInParis } from '../../lib/dates.js';
import { formatDateFr } from '../../lib/format.js';
import { canEditOwnApplication, canRemoveApplicationDocument, canStartApplication } from '../../policies/applications.policy.js';
import { allOf, enforce } from '../../policies/decision.js';
import type { TActor } from '../../policies/policies.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { centres } from '../centres/centres.tables.js';
import { cohorts } from '../cohorts/cohorts.tables.js';
import { getDocument, storeDocument } from '../documents/documents.service.js';
import { versionOpenForNewCohorts } from '../cohorts/cohorts.rules.js';
import { certificationVersions } from '../referentiel/referentiel.tables.js';
import { getApplicationRow, viewOf, type TApplicationRow } from './admissions.access.js';
import { notifyFiling } from './admissions.mail.js';
import { presentApplication } from './admissions.presenters.js';
import { checkEligibility, identityKey, implausibleDates, isEditableByApplicant, missingForFiling, type TDiploma, type TExperience } from './admissions.rules.js';
import {
  applicationDocuments,
  applicationEvents,
  applications,
  type TApplicationDocumentType,
  type TFundingIntent,
  type TSituation,
} from './admissions.tables.js';

export type TIdentityInput = { lastName: string; firstName: string; birthDate: string };
export type TDraftPatch = Partial<
  TIdentityInput & {
    phone: string;
    address: string;
    situation: TSituation | null;
    fundingIntent: TFundingIntent | null;
    project: string;
    diplomas: TDiploma[];
    experiences: TExperience[];
    cohortId: string;
  }
>;

/**
 * Whether a promotion's version receives applications on `today`: it still receives new promotions
 * (access open, registration not ended: not RNCP 35080 after 18/11/2025) and defines admission paths.
 * (That a promotion starts within its version's registration is checked when it is created.)
 */
function receivesApplications(
  version: { code: string; registeredOn: string; expiresOn: string; accessClosed: boolean; document: { admission?: { paths: unknown[] } } },
  today: string,
) {
  return versionOpenForNewCohorts(version, today) && (version.document.admission?.paths.length ?? 0) > 0;
}

/** Promotions open to applications: not started yet, under a version open to new promotions. */
export async function findOpenCohorts(o: { db: TDbOrTx; now: Date }) {
  const today = todayInParis(o.now);
  const rows = await o.db
    .select({
      id: cohorts.id,
      name: cohorts.name,
      number: cohorts.number,
      startsOn: cohorts.startsOn,
      endsOn: cohorts.endsOn,
      capacity: cohorts.capacity,
      centreId: centres.id,
      centreName: centres.name,
      versionCode: certificationVersions.code,
      versionTitle: certificationVersions.title,
      accessClosed: certificationVersions.accessClosed,
      registeredOn: certificationVersions.registeredOn,
      expiresOn: certificationVersions.expiresOn,
      document: certificationVersions.document,
    })
    .from(cohorts)
    .innerJoin(centres, eq(centres.id, cohorts.centreId))
    .innerJoin(certificationVersions, eq(certificationVersions.id, cohorts.certificationVersionId))
    .where(gte(cohorts.startsOn, today))
    .orderBy(asc(cohorts.startsOn), asc(centres.name));
  return rows
    .filter((r) => receivesApplications({ ...r, code: r.versionCode }, today))
    .map(({ document, accessClosed: _closed, registeredOn: _from, expiresOn: _until, ...r }) => ({
      ...r,
      admissionPaths: document.admission?.paths.map((p) => ({ id: p.id, label: p.label, outcome: p.outcome, text: p.text })) ?? [],
      acceptedDiplomas: [...new Set(document.admission?.paths.flatMap((p) => p.acceptedDiplomas) ?? [])],
    }));
}

/** The unique index (identity, family, intake) answers a race between two filings: same message as the check. */
export function isUniqueViolation(error: unknown): boolean {
  const matches = (e: unknown) => {
    const x = (e ?? {}) as { code?: unknown; constraint?: unknown; message?: unknown };
    return x.code === '23505' && `${String(x.constraint)} ${String(x.message)}`.includes('applications_identity_family_intake_uq');
  };
  return matches(error) || matches((error as { cause?: unknown } | null)?.cause);
}

/**
 * The promotion an application targets, refused when it does not receive applications on `today`;
 * `today` null (a file sent back for correction, filed again) keeps only the version's own closure.
 */
export async function getCohortForApplication(db: TDbOrTx, cohortId: string, today: string | null, field = 'cohortId') {
  const [row] = await db
    .select({
      cohort: cohorts,
      family: certificationVersions.family,
      document: certificationVersions.document,
      code: certificationVersions.code,
      registeredOn: certificationVersions.registeredOn,
      expiresOn: certificationVersions.expiresOn,
      accessClosed: certificationVersions.accessClosed,
    })
    .from(cohorts)
    .innerJoin(certificationVersions, eq(certificationVersions.id, cohorts.certificationVersionId))
    .where(eq(cohorts.id, cohortId));
  if (!row) throw validationError([{ path: field, message: 'Promotion inconnue.' }]);
  if (today ? !receivesApplications(row, today) : row.accessClosed || !row.document.admission?.paths.length) {
    throw validationError([{ path: field, message: 'Cette promotion ne reçoit pas de candidatures : la version de la certification est fermée.' }]);
  }
  return row;
}

/**
 * « Une seule candidature par personne, par diplôme et par an »: the year is the admission campaign,
 * i.e. the intake of the promotion applied for — the year it starts —, not the day of filing, so a
 * person cannot file twice for one promotion across 1 January (docs/decisions/011-one-application-per-intake.md).
 */
export const intakeYearOf = (cohort: { startsOn: string }) => Number(cohort.startsOn.slice(0, 4));

async function assertNoOtherApplication(db: TDbOrTx, key: string, family: string, intakeYear: number, exceptId?: string) {
  const [other] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.identityKey, key), eq(applications.family, family), eq(applications.intakeYear, intakeYear)));
  if (other && other.id !== exceptId) {
    // Reached by signed-in people only (the public form tells nothing: admissions.start.ts). Still
    // no reference: an account holder typing someone else's name would read it. The person finds
    // their application by signing in.
    throw conflict(
      `Une candidature existe déjà pour cette personne, pour ce diplôme et pour les promotions qui commencent en ${intakeYear} : une seule candidature par personne, par diplôme et par an est acceptée. Connectez-vous au compte qui l'a créée pour la retrouver.`,
      [{ path: 'lastName', message: `Une candidature existe déjà pour cette personne pour les promotions de ${intakeYear}.` }],
    );
  }
}

export function assertCohortOpen(cohort: { startsOn: string; name: string }, today: string, field = 'cohortId') {
  if (cohort.startsOn < today) {
    throw validationError([{ path: field, message: `La ${cohort.name} a commencé le ${formatDateFr(cohort.startsOn)} : elle ne reçoit plus de candidatures.` }]);
  }
}

const newReference = (year: number) => `C-${year}-${randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase()}`;

export async function insertDraft(
  tx: TDbOrTx,
  o: { actor: TAuditActor; userId: string; email: string; cohortId: string; identity: TIdentityInput; today: string; now: Date },
) {
  const { cohort, family, document } = await getCohortForApplication(tx, o.cohortId, o.today);
  assertCohortOpen(cohort, o.today);
  const intakeYear = intakeYearOf(cohort);
  const key = identityKey(o.identity);
  await assertNoOtherApplication(tx, key, family, intakeYear);
  const eligibility = checkEligibility({ diplomas: [], experiences: [] }, document.admission, o.today);
  const [row] = await tx
    .insert(applications)
    .values({
      reference: newReference(Number(o.today.slice(0, 4))),
      userId: o.userId,
      cohortId: cohort.id,
      centreId: cohort.centreId,
      certificationVersionId: cohort.certificationVersionId,
      family,
      intakeYear,
      identityKey: key,
      lastName: o.identity.lastName.trim(),
      firstName: o.identity.firstName.trim(),
      birthDate: o.identity.birthDate,
      email: o.email,
      eligibility,
      eligibilityVerdict: eligibility.verdict,
    })
    .returning();
  await tx.insert(applicationEvents).values({ applicationId: row!.id, at: o.now, actorId: o.actor.userId, actorLabel: o.actor.label, kind: 'created', toStatus: 'draft' });
  await recordAudit(tx, o.actor, { action: 'application.created', entityType: 'application', entityId: row!.id, after: { reference: row!.reference, cohortId: cohort.id } });
  return row!;
}

function rethrowDuplicate(error: unknown): never {
  if (isUniqueViolation(error)) {
    throw conflict('Une candidature existe déjà pour cette personne, pour ce diplôme et pour les promotions de la même année : une seule candidature par personne, par diplôme et par an est acceptée.');
  }
  throw error;
}

/** A signed-in person starts another application (another diploma, another year). */
export async function createApplication(o: { db: TDb; actor: TAuditActor; viewer: TActor; input: TIdentityInput & { cohortId: string }; now: Date }) {
  enforce(canStartApplication(o.viewer));
  const today = todayInParis(o.now);
  const implausible = implausibleDates(o.input, today);
  if (implausible.length) throw validationError(implausible);
  const row = await o.db
    .transaction((tx) => insertDraft(tx, { actor: o.actor, userId: o.viewer.userId, email: o.viewer.email, cohortId: o.input.cohortId, identity: o.input, today, now: o.now }))
    .catch(rethrowDuplicate);
  return presentApplication(o.db, row, o.viewer);
}

function assertApplicantCanEdit(viewer: TActor, row: TApplicationRow) {
  enforce(allOf(canStartApplication(viewer), canEditOwnApplication(viewer, row)));
  if (!isEditableByApplicant(row.status as never)) {
    throw conflict('Cette candidature a été déposée : elle ne peut plus être modifiée, sauf si le CESTES vous demande une correction.');
  }
}

export async function updateDraft(o: { db: TDb; actor: TAuditActor; viewer: TActor; id: string; patch: TDraftPatch; now: Date }) {
  const today = todayInParis(o.now);
  const implausible = implausibleDates(o.patch, today);
  if (implausible.length) throw validationError(implausible);
  const row = await o.db.transaction(async (tx) => {
    const before = await getApplicationRow(tx, o.id, true);
    assertApplicantCanEdit(o.viewer, before);
    const cohortId = o.patch.cohortId ?? before.cohortId;
    const { cohort, family, document } = await getCohortForApplication(tx, cohortId, before.status === 'draft' ? today : null);
    if (cohortId !== before.cohortId) assertCohortOpen(cohort, today);
    const identity = {
      lastName: o.patch.lastName ?? before.lastName,
      firstName: o.patch.firstName ?? before.firstName,
      birthDate: o.patch.birthDate ?? before.birthDate,
    };
    const key = identityKey(identity);
    const intakeYear = intakeYearOf(cohort);
    if (key !== before.identityKey || family !== before.family || intakeYear !== before.intakeYear) {
      await assertNoOtherApplication(tx, key, family, intakeYear, before.id);
    }
    const diplomas = o.patch.diplomas ?? before.diplomas;
    const experiences = o.patch.experiences ?? before.experiences;
    const eligibility = checkEligibility({ diplomas, experiences }, document.admission, today);
    const [after] = await tx
      .update(applications)
      .set({
        ...identity,
        lastName: identity.lastName.trim(),
        firstName: identity.firstName.trim(),
        identityKey: key,
        cohortId: cohort.id,
        centreId: cohort.centreId,
        certificationVersionId: cohort.certificationVersionId,
        family,
        intakeYear,
        phone: o.patch.phone ?? before.phone,
        address: o.patch.address ?? before.address,
        situation: o.patch.situation === undefined ? before.situation : o.patch.situation,
        fundingIntent: o.patch.fundingIntent === undefined ? before.fundingIntent : o.patch.fundingIntent,
        project: o.patch.project ?? before.project,
        diplomas,
        experiences,
        eligibility,
        eligibilityVerdict: eligibility.verdict,
        updatedAt: o.now,
      })
      .where(eq(applications.id, o.id))
      .returning();
    await recordAudit(tx, o.actor, { action: 'application.draft_saved', entityType: 'application', entityId: o.id, before: { status: before.status }, after: { fields: Object.keys(o.patch) } });
    return after!;
  });
  return presentApplication(o.db, row, o.viewer);
}

export async function addApplicationDocument(o: {
  db: TDb;
  actor: TAuditActor;
  viewer: TActor;
  id: string;
  input: { type: TApplicationDocumentType; fileName: string; contentBase64: string };
}) {
  const row = await o.db.transaction(async (tx) => {
    const app = await getApplicationRow(tx, o.id, true);
    assertApplicantCanEdit(o.viewer, app);
    const stored = await storeDocument({
      db: tx,
      actor: o.actor,
      ownerUserId: app.userId,
      kind: `application_${o.input.type}`,
      upload: { fileName: o.input.fileName, bytes: Buffer.from(o.input.contentBase64, 'base64') },
      field: 'contentBase64',
    });
    await tx.insert(applicationDocuments).values({ applicationId: app.id, documentId: stored.id, type: o.input.type });
    await recordAudit(tx, o.actor, { action: 'application.document_added', entityType: 'application', entityId: app.id, after: { documentId: stored.id, type: o.input.type } });
    return app;
  });
  return presentApplication(o.db, row, o.viewer);
}

/** Withdraws an uploaded document before filing: the link is marked removed (kept for the audit), the file no longer listed nor served. */
export async function removeApplicationDocument(o: { db: TDb; actor: TAuditActor; viewer: TActor; id: string; documentId: string }) {
  const row = await o.db.transaction(async (tx) => {
    const app = await getApplicationRow(tx, o.id, true);
    enforce(canRemoveApplicationDocument(o.viewer, app));
    const [link] = await tx
      .update(applicationDocuments)
      .set({ removed: true })
      .where(and(eq(applicationDocuments.applicationId, app.id), eq(applicationDocuments.documentId, o.documentId), eq(applicationDocuments.removed, false)))
      .returning({ type: applicationDocuments.type });
    if (!link) throw notFound('Pièce introuvable dans cette candidature.');
    await recordAudit(tx, o.actor, { action: 'application.document_removed', entityType: 'application', entityId: app.id, before: { documentId: o.documentId, type: link.type } });
    return app;
  });
  return presentApplication(o.db, row, o.viewer);
}

/** Files the application (or files it again after a correction): the eligibility is computed at this date. */
export async function fileApplication(o: { db: TDb; actor: TAuditActor; viewer: TActor; id: string; now: Date }) {
  const today = todayInParis(o.now);
  const row = await o.db.transaction(async (tx) => {
    const before = await getApplicationRow(tx, o.id, true);
    assertApplicantCanEdit(o.viewer, before);
    const docs = await tx.select({ type: applicationDocuments.type }).from(applicationDocuments).where(and(eq(applicationDocuments.applicationId, o.id), eq(applicationDocuments.removed, false)));
    const issues = missingForFiling({ ...before, documentTypes: docs.map((d) => d.type) });
    if (issues.length) throw validationError(issues, 'La candidature est incomplète : elle ne peut pas encore être déposée.');
    const { document } = await getCohortForApplication(tx, before.cohortId, before.status === 'draft' ? today : null);
    const eligibility = checkEligibility(before, document.admission, today);
    const [after] = await tx
      .update(applications)
      .set({ status: 'filed', filedAt: o.now, eligibility, eligibilityVerdict: eligibility.verdict, updatedAt: o.now })
      .where(eq(applications.id, o.id))
      .returning();
    await tx.insert(applicationEvents).values({ applicationId: o.id, at: o.now, actorId: o.actor.userId, actorLabel: o.actor.label, kind: 'filed', fromStatus: before.status, toStatus: 'filed' });
    await recordAudit(tx, o.actor, { action: 'application.filed', entityType: 'application', entityId: o.id, before: { status: before.status }, after: { status: 'filed', eligibility: eligibility.verdict } });
    // The acknowledgement and the staff's notifications commit with the filing (job runner sends).
    await notifyFiling(tx, after!, { refiled: before.status !== 'draft', now: o.now });
    return after!;
  });
  return presentApplication(o.db, row, o.viewer);
}

export async function getApplication(o: { db: TDbOrTx; viewer: TActor; id: string }) {
  const row = await getApplicationRow(o.db, o.id);
  return presentApplication(o.db, row, o.viewer);
}

export async function findMyApplications(o: { db: TDbOrTx; viewer: TActor }) {
  const rows = await o.db
    .select({
      id: applications.id,
      reference: applications.reference,
      status: applications.status,
      year: applications.intakeYear,
      cohortName: cohorts.name,
      centreName: centres.name,
      registrationStatus: applications.registrationStatus,
      updatedAt: applications.updatedAt,
    })
    .from(applications)
    .innerJoin(cohorts, eq(cohorts.id, applications.cohortId))
    .innerJoin(centres, eq(centres.id, applications.centreId))
    .where(eq(applications.userId, o.viewer.userId))
    .orderBy(desc(applications.createdAt));
  return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
}

/** The document of an application, for the applicant or the staff who may read the application. */
export async function getApplicationDocumentFor(o: { db: TDbOrTx; viewer: TActor; id: string; documentId: string }) {
  const row = await getApplicationRow(o.db, o.id);
  await viewOf(o.db, o.viewer, row);
  const [link] = await o.db
    .select()
    .from(applicationDocuments)
    .where(and(eq(applicationDocuments.applicationId, o.id), eq(applicationDocuments.documentId, o.documentId), eq(applicationDocuments.removed, false)));
  if (!link) throw notFound('Document introuvable dans cette candidature.');
  return getDocument({ db: o.db, id: o.documentId });
}
