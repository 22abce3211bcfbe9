/**
 * Demo data of the versions of a mémoire (decision 021): the demo learner's record in promotion 33
 * (opened if the demo has none yet), supervised by the demo teacher, with two versions — a DOCX, then a
 * PDF — and the teacher's feedback on the first, one requested change done, one still to do.
 */
import { crc32 } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import PDFKit from 'pdfkit';
import type { TDb } from '../db/client.js';
import { users } from '../features/auth/auth.tables.js';
import { cohorts } from '../features/cohorts/cohorts.tables.js';
import { theses, thesisEvents } from '../features/memoire/memoire.tables.js';
import { storeBytes } from '../features/memoire/versions/versions.storage.js';
import { thesisChangeRequests, thesisFeedback, thesisFiles } from '../features/memoire/versions/versions.tables.js';

export function demoPdf(pages: number): Promise<Buffer> {
  const doc = new PDFKit({ autoFirstPage: false });
  const parts: Buffer[] = [];
  doc.on('data', (b: Buffer) => parts.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(parts))));
  for (let i = 1; i <= pages; i++) doc.addPage().fontSize(14).text(i === 1 ? 'Une coopérative en transition — mémoire (version de travail)' : `Chapitre ${Math.ceil(i / 10)} — page ${i}`);
  doc.end();
  return done;
}

/** A minimal DOCX package (stored zip): [Content_Types].xml, its relationships, word/document.xml. */
function demoDocx(): Buffer {
  const entries = [
    ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
    ['_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
    ['word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Une coopérative en transition : plan détaillé</w:t></w:r></w:p></w:body></w:document>'],
  ] as const;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [n, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const name = Buffer.from(n, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export async function seedDemoVersions(db: TDb, now: Date) {
  const idOf = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id;
  const [learnerId, teacherId] = [await idOf('auditeur@movsc.demo'), await idOf('enseignant@movsc.demo')];
  const [cohort] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.number, 33));
  if (!learnerId || !teacherId || !cohort) return;
  const pdf = await demoPdf(24);
  await db.transaction(async (tx) => {
    let [thesis] = await tx.select().from(theses).where(and(eq(theses.cohortId, cohort.id), eq(theses.learnerId, learnerId)));
    if (!thesis) {
      [thesis] = await tx.insert(theses).values({ cohortId: cohort.id, learnerId, title: 'Une coopérative en transition', organisation: 'SCOP Les Ateliers', state: 'project', createdAt: now, updatedAt: now }).returning();
      await tx.insert(thesisEvents).values({ thesisId: thesis!.id, at: now, actorId: learnerId, actorLabel: 'Aurélie Auditrice (démo)', fromState: null, toState: 'project', note: null });
    }
    if (!thesis!.supervisorId) await tx.update(theses).set({ supervisorId: teacherId, updatedAt: now }).where(eq(theses.id, thesis!.id));
    const existing = await tx.select({ id: thesisFiles.id }).from(thesisFiles).where(eq(thesisFiles.thesisId, thesis!.id));
    if (existing.length) return;
    const day = 24 * 3600_000;
    const files = [
      { bytes: demoDocx(), fileName: 'plan-detaille.docx', at: new Date(now.getTime() - 30 * day) },
      { bytes: pdf, fileName: 'memoire-version-2.pdf', at: new Date(now.getTime() - 7 * day) },
    ];
    const ids: string[] = [];
    for (const [i, f] of files.entries()) {
      const stored = await storeBytes({ tx, bytes: f.bytes, fileName: f.fileName, now: f.at });
      const [row] = await tx
        .insert(thesisFiles)
        .values({ thesisId: thesis!.id, kind: 'version', number: i + 1, fileName: stored.fileName, format: stored.format, contentType: stored.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256, pageCount: stored.pageObjects, blobId: stored.blobId, createdAt: f.at, createdBy: learnerId })
        .returning({ id: thesisFiles.id });
      ids.push(row!.id);
    }
    const [fb] = await tx
      .insert(thesisFeedback)
      .values({ thesisId: thesis!.id, versionId: ids[0]!, authorId: teacherId, authorLabel: 'Estelle Enseignante (démo)', comment: 'Le plan tient. Resserrez la question et appuyez le diagnostic sur des entretiens.', at: new Date(now.getTime() - 25 * day) })
      .returning({ id: thesisFeedback.id });
    await tx.insert(thesisChangeRequests).values([
      { feedbackId: fb!.id, thesisId: thesis!.id, position: 0, text: 'Reformuler la question de recherche en une phrase', doneAt: new Date(now.getTime() - 20 * day), doneBy: learnerId },
      { feedbackId: fb!.id, thesisId: thesis!.id, position: 1, text: 'Ajouter la grille d’entretien en annexe', doneAt: null, doneBy: null },
    ]);
  });
}
