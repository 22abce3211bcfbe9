/**
 * Reference data every installation needs: the centres and the certification versions stated in
 * data/. Loading is idempotent (by code; a version whose file did not change is left untouched).
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { projectRoot } from '../config/env.js';
import type { TDb } from '../db/client.js';
import { SYSTEM_ACTOR, type TAuditActor } from '../features/audit/audit.service.js';
import { centres } from '../features/centres/centres.tables.js';
import { ZCentreCreateSchema } from '../features/centres/centres.routes.js';
import { createCentre } from '../features/centres/centres.service.js';
import { loadReferenceVersions } from '../features/referentiel/referentiel.file.js';
import { checkLineage } from '../features/referentiel/referentiel.rules.js';
import { importCertificationVersion, type TImportResult } from '../features/referentiel/referentiel.service.js';

export const referenceDataDir = path.join(projectRoot, 'data');

const ZCentresFile = z.object({
  source: z.string(),
  demoValues: z.string().optional(),
  centres: z.array(ZCentreCreateSchema),
});

export async function loadReferenceCentres(db: TDb, actor: TAuditActor = SYSTEM_ACTOR): Promise<number> {
  const file = ZCentresFile.parse(JSON.parse(fs.readFileSync(path.join(referenceDataDir, 'centres.json'), 'utf8')));
  let created = 0;
  for (const centre of file.centres) {
    // A centre already there is the administrator's (its zone was filled by migration 0005): never overwritten.
    const [existing] = await db.select({ id: centres.id }).from(centres).where(eq(centres.code, centre.code));
    if (!existing) {
      await createCentre({ db, actor, input: centre });
      created++;
    }
  }
  return created;
}

/** Imports every version file of data/certifications; refuses to start on an invalid one. */
export async function loadReferenceCertifications(db: TDb, actor: TAuditActor = SYSTEM_ACTOR): Promise<TImportResult[]> {
  const dir = path.join(referenceDataDir, 'certifications');
  const loaded = await loadReferenceVersions(dir);
  const failures = loaded.filter((l) => !l.result.ok);
  if (failures.length) {
    const lines = failures.flatMap((f) => f.result.problems.filter((p) => p.severity === 'error').map((p) => `  ${f.fileName} ${p.path}: ${p.message}`));
    throw new Error(`Fichiers du référentiel invalides :\n${lines.join('\n')}`);
  }
  const versions = loaded.flatMap((l) => (l.result.ok ? [{ fileName: l.fileName, version: l.result.version }] : []));
  const lineageProblems = checkLineage(versions.map((v) => v.version)).filter((p) => p.severity === 'error');
  if (lineageProblems.length) {
    throw new Error(`Filiation incohérente :\n${lineageProblems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
  const results: TImportResult[] = [];
  for (const { fileName, version } of versions) {
    results.push(await importCertificationVersion({ db, actor, version, sourceFile: `data/certifications/${fileName}` }));
  }
  return results;
}
