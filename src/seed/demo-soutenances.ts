/**
 * Demo data for the soutenances (decision 027): two learners of promotion 33, Bastien Bénévole and
 * Chloé Coopérative, have written their mémoire and made its final deposit (a PDF), so that a jury
 * constituted for them can be planned and convened. Runs through the same use cases as the API: the
 * responsable opens each record and moves it to « rédaction », the learner makes the final deposit.
 */
import { and, eq } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import type { TAuditActor } from '../features/audit/audit.service.js';
import { users } from '../features/auth/auth.tables.js';
import { cohorts } from '../features/cohorts/cohorts.tables.js';
import { changeThesisState, createThesis } from '../features/memoire/memoire.service.js';
import { theses } from '../features/memoire/memoire.tables.js';
import { makeFinalDeposit } from '../features/memoire/versions/versions.service.js';
import { storeBytes } from '../features/memoire/versions/versions.storage.js';
import { thesisFiles } from '../features/memoire/versions/versions.tables.js';
import { loadActor } from '../http/session.js';
import { demoPdf } from './demo-versions.js';

const DEPOSITED = [
  { email: 'bastien.benevole@movsc.demo', title: 'Le bénévolat associatif à l’épreuve de la professionnalisation', organisation: 'Association Les Amis du quartier' },
  { email: 'chloe.cooperative@movsc.demo', title: 'Gouverner une SCIC : le multisociétariat au quotidien', organisation: 'SCIC Bois et Territoires' },
];

export async function seedDemoSoutenances(db: TDb, now: Date) {
  const idOf = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id;
  const responsableId = await idOf('responsable@movsc.demo');
  const [cohort] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.number, 33));
  if (!responsableId || !cohort) return;
  const responsable = (await loadActor(db, responsableId))!;
  const auditOf = (a: typeof responsable): TAuditActor => ({ userId: a.userId, label: `${a.name} <${a.email}> (démo)` });
  const day = 24 * 3600_000;
  for (const [i, d] of DEPOSITED.entries()) {
    const learnerId = await idOf(d.email);
    if (!learnerId) continue;
    const [existing] = await db.select({ id: theses.id }).from(theses).where(and(eq(theses.cohortId, cohort.id), eq(theses.learnerId, learnerId)));
    if (existing) continue;
    const learner = (await loadActor(db, learnerId))!;
    const thesis = await createThesis({ db, actor: responsable, audit: auditOf(responsable), cohortId: cohort.id, input: { learnerId, title: d.title, organisation: d.organisation, kind: null, genre: null }, now });
    await changeThesisState({ db, actor: responsable, audit: auditOf(responsable), id: thesis.id, state: 'writing', note: 'Plan validé (démo).', now });
    const at = new Date(now.getTime() - (10 - i) * day);
    const bytes = await demoPdf(150 + i * 12);
    const versionId = await db.transaction(async (tx) => {
      const stored = await storeBytes({ tx, bytes, fileName: 'memoire-final.pdf', now: at });
      const [row] = await tx
        .insert(thesisFiles)
        .values({ thesisId: thesis.id, kind: 'version', number: 1, fileName: stored.fileName, format: stored.format, contentType: stored.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256, pageCount: stored.pageObjects, blobId: stored.blobId, createdAt: at, createdBy: learnerId })
        .returning({ id: thesisFiles.id });
      return row!.id;
    });
    await makeFinalDeposit({ db, actor: learner, audit: auditOf(learner), versionId, now });
  }
}
