/** Use cases on the référentiel: import a validated version file, list versions, read one. */
import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { notFound, validationError } from '../../http/errors.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { parseCertificationVersionText } from './referentiel.file.js';
import { computeHourTotals, versionStatus } from './referentiel.rules.js';
import type { TCertificationVersion } from './referentiel.schema.js';
import { certificationVersions, skillBlocks } from './referentiel.tables.js';

export type TImportResult = { code: string; outcome: 'created' | 'updated' | 'unchanged' };

const hashOf = (v: TCertificationVersion) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

/**
 * Imports (or updates, by code) one version. The caller has validated the file; blocs are matched
 * by code so their ids stay stable for everything that will point at them.
 */
export async function importCertificationVersion(o: {
  db: TDb;
  actor: TAuditActor;
  version: TCertificationVersion;
  sourceFile: string;
}): Promise<TImportResult> {
  const v = o.version;
  const contentHash = hashOf(v);
  return o.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(certificationVersions).where(eq(certificationVersions.code, v.code));
    if (existing && existing.contentHash === contentHash) return { code: v.code, outcome: 'unchanged' as const };
    const values = {
      code: v.code,
      family: v.family,
      rncpNumber: v.rncpNumber,
      title: v.title,
      registeredOn: v.registeredOn,
      expiresOn: v.expiresOn,
      accessClosed: v.accessClosed,
      document: v,
      contentHash,
      sourceFile: o.sourceFile,
      // A technical timestamp of the row: the database's clock (reference data loads outside any request).
      importedAt: sql`now()`,
      importedBy: o.actor.userId,
    };
    let versionId: string;
    if (existing) {
      await tx.update(certificationVersions).set(values).where(eq(certificationVersions.id, existing.id));
      versionId = existing.id;
    } else {
      const [row] = await tx.insert(certificationVersions).values(values).returning({ id: certificationVersions.id });
      versionId = row!.id;
    }
    const current = await tx.select().from(skillBlocks).where(eq(skillBlocks.versionId, versionId));
    for (const [position, bloc] of v.blocs.entries()) {
      const row = { code: bloc.code, franceCompetencesCode: bloc.franceCompetencesCode ?? null, title: bloc.title, position, content: bloc };
      const match = current.find((b) => b.code === bloc.code);
      if (match) await tx.update(skillBlocks).set(row).where(eq(skillBlocks.id, match.id));
      else await tx.insert(skillBlocks).values({ ...row, versionId });
    }
    for (const old of current.filter((b) => !v.blocs.some((bloc) => bloc.code === b.code))) {
      await tx.delete(skillBlocks).where(eq(skillBlocks.id, old.id));
    }
    await recordAudit(tx, o.actor, {
      action: existing ? 'referentiel.version_updated' : 'referentiel.version_imported',
      entityType: 'certification_version',
      entityId: v.code,
      before: existing ? { contentHash: existing.contentHash, sourceFile: existing.sourceFile } : undefined,
      after: { contentHash, sourceFile: o.sourceFile, blocs: v.blocs.map((b) => b.code) },
    });
    return { code: v.code, outcome: existing ? ('updated' as const) : ('created' as const) };
  });
}

/** Parses, validates and imports a file's text; refuses (422, nothing written) when it has errors. */
export async function importCertificationVersionText(o: { db: TDb; actor: TAuditActor; text: string; fileName: string }) {
  const parsed = parseCertificationVersionText(o.text, o.fileName);
  if (!parsed.ok) {
    throw validationError(
      parsed.problems.filter((p) => p.severity === 'error').map(({ path, message }) => ({ path, message })),
      `Le fichier ${o.fileName} n'est pas une version valide du référentiel.`,
    );
  }
  const result = await importCertificationVersion({ db: o.db, actor: o.actor, version: parsed.version, sourceFile: o.fileName });
  return { ...result, warnings: parsed.problems.filter((p) => p.severity === 'warning') };
}

export function presentVersionSummary(row: typeof certificationVersions.$inferSelect, today: string) {
  const d = row.document;
  return {
    code: row.code,
    family: row.family,
    rncpNumber: row.rncpNumber,
    title: row.title,
    registeredOn: row.registeredOn,
    expiresOn: row.expiresOn,
    status: versionStatus(d, today),
    blocCount: d.blocs.length,
    totalHours: d.hours?.declaredTotalHours ?? null,
    predecessor: d.predecessor,
    successor: d.successor,
  };
}

export async function findCertificationVersions(o: { db: TDbOrTx; today: string }) {
  const rows = await o.db.select().from(certificationVersions).orderBy(asc(certificationVersions.family), asc(certificationVersions.registeredOn));
  return rows.map((r) => presentVersionSummary(r, o.today)).reverse();
}

export async function getCertificationVersion(o: { db: TDbOrTx; code: string; today: string }) {
  const [row] = await o.db.select().from(certificationVersions).where(eq(certificationVersions.code, o.code));
  if (!row) throw notFound(`Version de certification introuvable : ${o.code}`);
  const family = await o.db
    .select()
    .from(certificationVersions)
    .where(eq(certificationVersions.family, row.family))
    .orderBy(asc(certificationVersions.registeredOn));
  const blocs = await o.db.select().from(skillBlocks).where(eq(skillBlocks.versionId, row.id)).orderBy(asc(skillBlocks.position));
  return {
    ...presentVersionSummary(row, o.today),
    document: row.document,
    blocIds: Object.fromEntries(blocs.map((b) => [b.code, b.id])),
    hourTotals: row.document.hours ? computeHourTotals(row.document.hours, row.document.modules) : null,
    lineage: family.map((r) => presentVersionSummary(r, o.today)),
    importedAt: row.importedAt.toISOString(),
    sourceFile: row.sourceFile,
  };
}
