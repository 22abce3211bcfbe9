import { asc, eq } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, notFound } from '../../http/errors.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import type { TSchoolZone } from '../../shared/vocabulary/centres.js';
import { centres } from './centres.tables.js';

export type TCentreInput = {
  code: string;
  name: string;
  address: string;
  postalCode: string;
  city: string;
  schoolZone?: TSchoolZone | null;
  siret?: string | null;
  declarationNumber?: string | null;
};
export type TCentre = typeof centres.$inferSelect;

export function presentCentre(c: TCentre) {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    address: c.address,
    postalCode: c.postalCode,
    city: c.city,
    schoolZone: c.schoolZone,
    siret: c.siret,
    declarationNumber: c.declarationNumber,
  };
}

/** The centre, or null (no centre of that id). */
export async function findCentre(o: { db: TDbOrTx; id: string }) {
  const [row] = await o.db.select().from(centres).where(eq(centres.id, o.id));
  return row ? presentCentre(row) : null;
}

export async function findCentres(o: { db: TDbOrTx }) {
  return (await o.db.select().from(centres).orderBy(asc(centres.name))).map(presentCentre);
}

export async function createCentre(o: { db: TDb; actor: TAuditActor; input: TCentreInput }) {
  return o.db.transaction(async (tx) => {
    const code = o.input.code.trim().toUpperCase();
    const [existing] = await tx.select({ id: centres.id }).from(centres).where(eq(centres.code, code));
    if (existing) {
      throw conflict('Un centre porte déjà ce code.', [{ path: 'code', message: `Le code « ${code} » est déjà utilisé.` }]);
    }
    const [row] = await tx.insert(centres).values({ ...o.input, code }).returning();
    await recordAudit(tx, o.actor, { action: 'centre.created', entityType: 'centre', entityId: row!.id, after: presentCentre(row!) });
    return presentCentre(row!);
  });
}

export async function updateCentre(o: { db: TDb; actor: TAuditActor; id: string; patch: Partial<Omit<TCentreInput, 'code'>>; now: Date }) {
  return o.db.transaction(async (tx) => {
    const [before] = await tx.select().from(centres).where(eq(centres.id, o.id));
    if (!before) throw notFound('Centre introuvable.');
    const [row] = await tx
      .update(centres)
      .set({ ...o.patch, updatedAt: o.now })
      .where(eq(centres.id, o.id))
      .returning();
    await recordAudit(tx, o.actor, {
      action: 'centre.updated',
      entityType: 'centre',
      entityId: o.id,
      before: presentCentre(before),
      after: presentCentre(row!),
    });
    return presentCentre(row!);
  });
}
