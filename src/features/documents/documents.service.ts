/** Storing and reading uploaded files, with the type and size checks every feature shares. */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TDbOrTx } from '../../db/client.js';
import { notFound, validationError } from '../../http/errors.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { documents } from './documents.tables.js';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** Accepted types, recognised by their first bytes (the browser's declared type is not trusted). */
const SIGNATURES: { contentType: string; label: string; matches: (b: Buffer) => boolean }[] = [
  { contentType: 'application/pdf', label: 'PDF', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { contentType: 'image/png', label: 'PNG', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { contentType: 'image/jpeg', label: 'JPEG', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
];

export function detectContentType(bytes: Buffer): string | null {
  return SIGNATURES.find((s) => s.matches(bytes))?.contentType ?? null;
}

export type TUpload = { fileName: string; bytes: Buffer };

/**
 * Checks and stores one file. `field` names the form field in error messages (422 issues).
 * Call inside the transaction of the write the document belongs to.
 */
export async function storeDocument(o: {
  db: TDbOrTx;
  actor: TAuditActor;
  ownerUserId: string | null;
  kind: string;
  upload: TUpload;
  field: string;
}): Promise<{ id: string; fileName: string; contentType: string; sizeBytes: number }> {
  const { bytes } = o.upload;
  const fileName = o.upload.fileName.replace(/[/\\]/g, '_').slice(0, 200) || 'document';
  if (bytes.length === 0) throw validationError([{ path: o.field, message: 'Le fichier est vide.' }]);
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw validationError([{ path: o.field, message: `Le fichier dépasse 10 Mo (${(bytes.length / 1024 / 1024).toFixed(1).replace('.', ',')} Mo).` }]);
  }
  const contentType = detectContentType(bytes);
  if (!contentType) {
    throw validationError([{ path: o.field, message: `Type de fichier refusé : seuls ${new Intl.ListFormat('fr', { type: 'conjunction' }).format(SIGNATURES.map((s) => s.label))} sont acceptés.` }]);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const [row] = await o.db
    .insert(documents)
    .values({ ownerUserId: o.ownerUserId, kind: o.kind, fileName, contentType, sizeBytes: bytes.length, sha256, content: bytes, createdBy: o.actor.userId })
    .returning({ id: documents.id });
  await recordAudit(o.db, o.actor, {
    action: 'document.stored',
    entityType: 'document',
    entityId: row!.id,
    after: { kind: o.kind, fileName, contentType, sizeBytes: bytes.length, sha256, ownerUserId: o.ownerUserId },
  });
  return { id: row!.id, fileName, contentType, sizeBytes: bytes.length };
}

/** The file with its content; the caller checks who may read it. */
export async function getDocument(o: { db: TDbOrTx; id: string }) {
  const [row] = await o.db.select().from(documents).where(eq(documents.id, o.id));
  if (!row) throw notFound('Document introuvable.');
  return row;
}
