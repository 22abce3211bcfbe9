/** What each audience sees of an application: the applicant never sees private notes; staff see everything. */
import { and, asc, eq } from 'drizzle-orm';
import type { TDbOrTx } from '../../db/client.js';
import { centres } from '../centres/centres.tables.js';
import { cohorts } from '../cohorts/cohorts.tables.js';
import { documents } from '../documents/documents.tables.js';
import { certificationVersions } from '../referentiel/referentiel.tables.js';
import { applicationPermissions } from '../../policies/applications.policy.js';
import type { TActor } from '../../policies/policies.js';
import { viewOf, type TApplicationRow } from './admissions.access.js';
import { checkEligibility, isEditableByApplicant } from './admissions.rules.js';
import { applicationDocuments, applicationEvents } from './admissions.tables.js';

/** The application as this actor may see it (403 when they may not), with the actions they are offered. */
export async function presentApplication(db: TDbOrTx, row: TApplicationRow, actor: TActor) {
  const { view, rel } = await viewOf(db, actor, row);
  const permissions = applicationPermissions(actor, row, rel);
  const [cohort] = await db
    .select({
      id: cohorts.id,
      name: cohorts.name,
      number: cohorts.number,
      startsOn: cohorts.startsOn,
      capacity: cohorts.capacity,
      centreName: centres.name,
      versionCode: certificationVersions.code,
      versionDocument: certificationVersions.document,
    })
    .from(cohorts)
    .innerJoin(centres, eq(centres.id, cohorts.centreId))
    .innerJoin(certificationVersions, eq(certificationVersions.id, cohorts.certificationVersionId))
    .where(eq(cohorts.id, row.cohortId));
  const docs = await db
    .select({ id: documents.id, type: applicationDocuments.type, fileName: documents.fileName, contentType: documents.contentType, sizeBytes: documents.sizeBytes, createdAt: applicationDocuments.createdAt })
    .from(applicationDocuments)
    .innerJoin(documents, eq(documents.id, applicationDocuments.documentId))
    .where(and(eq(applicationDocuments.applicationId, row.id), eq(applicationDocuments.removed, false)))
    .orderBy(asc(applicationDocuments.createdAt));
  // The chain's sequence is the order the events were written (several may share one instant).
  const events = await db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, row.id)).orderBy(asc(applicationEvents.chainSeq));
  const internshipWeeks = cohort?.versionDocument.admission?.internshipForJobSeekers?.minWeeks ?? null;
  const status = row.status;
  return {
    id: row.id,
    reference: row.reference,
    status,
    cohort: cohort
      ? { id: cohort.id, name: cohort.name, number: cohort.number, startsOn: cohort.startsOn, centreName: cohort.centreName, versionCode: cohort.versionCode }
      : null,
    centreId: row.centreId,
    /** The intake of the one-application rule: the year the promotion starts. */
    year: row.intakeYear,
    lastName: row.lastName,
    firstName: row.firstName,
    birthDate: row.birthDate,
    email: row.email,
    phone: row.phone,
    address: row.address,
    situation: row.situation,
    fundingIntent: row.fundingIntent,
    project: row.project,
    diplomas: row.diplomas,
    experiences: row.experiences,
    // Recomputed at the day it was computed for: files saved before experience was counted in whole
    // months show today's rule and wording, with the same reference date.
    eligibility: cohort
      ? checkEligibility({ diplomas: row.diplomas, experiences: row.experiences }, cohort.versionDocument.admission, row.eligibility.figures.referenceDate)
      : row.eligibility,
    documents: docs.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    filedAt: row.filedAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    registrationStatus: row.registrationStatus,
    registrationForm: row.registrationForm ?? null,
    registeredAt: row.registeredAt?.toISOString() ?? null,
    /** Job seekers must do an internship of at least this many weeks (rule of the version). */
    internshipWeeksRequired: row.situation === 'job_seeker' || row.registrationForm?.jobSeeker ? internshipWeeks : null,
    editable: view === 'applicant' && isEditableByApplicant(status),
    availableActions: view === 'staff' ? permissions.actions : [],
    /** What the UI offers this actor, from the policies the API enforces. */
    permissions: view === 'staff' ? permissions : { ...permissions, actions: [], addNote: false, fund: false, declareConflict: false },
    history: events
      .filter((e) => view === 'staff' || !e.private)
      .map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        kind: e.kind,
        actorLabel: view === 'staff' ? e.actorLabel : e.actorId === row.userId ? 'vous' : 'CESTES',
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        text: e.text,
        private: e.private,
      })),
    view,
  };
}

export type TApplicationView = Awaited<ReturnType<typeof presentApplication>>;
