/**
 * Versions of a mémoire, annexes, feedback and the final deposit (issue 10, item 3; decision 021).
 * Every write locks the record `FOR UPDATE` before it decides (state, final deposit), so a version
 * arriving while the final deposit is made finds the record frozen (409). An upload streams into its
 * transaction first and takes the lock only at the end, so a slow upload holds no lock while it lasts.
 */
import type { Readable } from 'node:stream';
import { and, asc, eq, inArray, isNull, max } from 'drizzle-orm';
import { HTTPException } from 'hono/http-exception';
import type { TDb, TDbOrTx } from '../../../db/client.js';
import { conflict, notFound, validationError } from '../../../http/errors.js';
import { getCohortFor } from '../../../policies/cohort-access.js';
import type { TCohortRow } from '../../../policies/cohort-access.js';
import { enforce } from '../../../policies/decision.js';
import type { TCohortRelation } from '../../../policies/facts.js';
import { loadMentorRelation } from '../../../policies/memoire-relations.js';
import {
  canDepositVersion,
  canGiveFeedback,
  canMarkChange,
  canReadVersions,
  mentorFactsOf,
  versionsPermissions,
  type TMentorFacts,
} from '../../../policies/memoire-versions.policy.js';
import type { TActor } from '../../../policies/policies.js';
import {
  THESIS_FILE_FORMAT_VALUES,
  THESIS_FILE_MAX_BYTES,
  THESIS_VERSION_FORMATS,
  type TThesisFileKind,
} from '../../../shared/vocabulary/memoire-versions.js';
import { recordAudit, type TAuditActor } from '../../audit/audit.service.js';
import { users } from '../../auth/auth.tables.js';
import { checkTransition } from '../memoire.rules.js';
import { theses, thesisEvents } from '../memoire.tables.js';
import { formatRefusal } from './versions.detect.js';
import { countPdfPages } from './versions.pdf.js';
import { frozenReason, pageWarning, versionsOpen } from './versions.rules.js';
import { blobBytes, blobStream, receiveFile } from './versions.storage.js';
import { fileBlobs, thesisChangeRequests, thesisFeedback, thesisFiles, thesisFinalDeposits } from './versions.tables.js';

type TThesisRow = typeof theses.$inferSelect;
type TFileRow = typeof thesisFiles.$inferSelect;

export type TThesisAccess = { thesis: TThesisRow; cohort: TCohortRow; rel: TCohortRelation; mentor: TMentorFacts };

async function loadThesis(db: TDbOrTx, id: string, forUpdate = false): Promise<TThesisRow> {
  const query = db.select().from(theses).where(eq(theses.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Fiche mémoire introuvable.');
  return row;
}

/** The record, its promotion, the actor's relations to it — when the actor may read its versions. */
async function accessTo(db: TDbOrTx, actor: TActor, thesisId: string, forUpdate = false): Promise<TThesisAccess> {
  const thesis = await loadThesis(db, thesisId, forUpdate);
  // The supervisor (theses.supervisorId) and the leader of the learner's current atelier group.
  const relation = await loadMentorRelation(db, actor.userId, thesis.learnerId, thesis.cohortId);
  const mentor = mentorFactsOf(actor, thesis, relation.leadsGroup);
  const { cohort, rel } = await getCohortFor(db, actor, thesis.cohortId, (a, c, r) => canReadVersions(a, c, r, thesis, mentor));
  return { thesis, cohort: cohort as TCohortRow, rel, mentor };
}

async function fileOf(db: TDbOrTx, id: string): Promise<TFileRow> {
  const [row] = await db.select().from(thesisFiles).where(eq(thesisFiles.id, id));
  if (!row) throw notFound('Fichier de mémoire introuvable.');
  return row;
}

/** The record a file belongs to (404 when there is no such file). */
export async function thesisIdOfFile(db: TDbOrTx, fileId: string): Promise<string> {
  return (await fileOf(db, fileId)).thesisId;
}

async function isDeposited(db: TDbOrTx, thesisId: string): Promise<boolean> {
  const [row] = await db.select({ id: thesisFinalDeposits.thesisId }).from(thesisFinalDeposits).where(eq(thesisFinalDeposits.thesisId, thesisId));
  return Boolean(row);
}

/** 409 unless the record still takes files and feedback. */
async function ensureOpen(db: TDbOrTx, thesis: TThesisRow): Promise<void> {
  const deposited = await isDeposited(db, thesis.id);
  if (deposited || !versionsOpen(thesis.state)) throw conflict(frozenReason(thesis.state, deposited));
}

const MULTIPART = /^multipart\/form-data\s*;\s*boundary=/i;

export async function uploadThesisFile(o: {
  db: TDb;
  actor: TActor;
  audit: TAuditActor;
  thesisId: string;
  kind: TThesisFileKind;
  /** An annex attached to this version (else to the record). */
  versionId?: string;
  stream: () => Readable;
  contentType: string;
  now: Date;
}) {
  // Decided before a byte of the body is read: who, which record, whether it still takes files.
  const { thesis } = await accessTo(o.db, o.actor, o.thesisId);
  enforce(canDepositVersion(o.actor, thesis));
  await ensureOpen(o.db, thesis);
  if (o.versionId) {
    const version = await fileOf(o.db, o.versionId);
    if (version.thesisId !== thesis.id || version.kind !== 'version') throw notFound('Version introuvable dans ce mémoire.');
  }
  if (!MULTIPART.test(o.contentType)) {
    throw new HTTPException(415, { message: 'Format de requête non pris en charge : envoyez le fichier en multipart/form-data (champ « file »).' });
  }
  const accepted = o.kind === 'version' ? THESIS_VERSION_FORMATS : THESIS_FILE_FORMAT_VALUES;
  return o.db.transaction(async (tx) => {
    const received = await receiveFile({
      tx,
      stream: o.stream(),
      contentType: o.contentType,
      maxBytes: THESIS_FILE_MAX_BYTES,
      refusalOf: (format) => formatRefusal(format, accepted),
      now: o.now,
    });
    // The file is in; now the record is locked and read again: a final deposit may have come meanwhile.
    const locked = await loadThesis(tx, thesis.id, true);
    await ensureOpen(tx, locked);
    let number: number | null = null;
    if (o.kind === 'version') {
      const [last] = await tx.select({ n: max(thesisFiles.number) }).from(thesisFiles).where(and(eq(thesisFiles.thesisId, thesis.id), eq(thesisFiles.kind, 'version')));
      number = (last?.n ?? 0) + 1;
    }
    const [row] = await tx
      .insert(thesisFiles)
      .values({
        thesisId: thesis.id,
        kind: o.kind,
        number,
        versionId: o.versionId ?? null,
        fileName: received.fileName,
        format: received.format,
        contentType: received.contentType,
        sizeBytes: received.sizeBytes,
        sha256: received.sha256,
        pageCount: received.pageObjects,
        blobId: received.blobId,
        createdAt: o.now,
        createdBy: o.actor.userId,
      })
      .returning();
    await recordAudit(tx, o.audit, {
      action: 'thesis.file_deposited',
      entityType: 'thesis',
      entityId: thesis.id,
      after: { fileId: row!.id, kind: o.kind, number, versionId: o.versionId ?? null, fileName: received.fileName, format: received.format, sizeBytes: received.sizeBytes, sha256: received.sha256 },
    });
    return presentFile(row!);
  });
}

function presentFile(f: TFileRow) {
  return {
    id: f.id,
    kind: f.kind,
    number: f.number,
    versionId: f.versionId,
    fileName: f.fileName,
    format: f.format,
    contentType: f.contentType,
    sizeBytes: f.sizeBytes,
    sha256: f.sha256,
    pageCount: f.pageCount,
    createdAt: f.createdAt.toISOString(),
  };
}

async function namesOf(db: TDbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Everything the versions panel shows: versions (newest first) with their annexes and thread, the record's annexes, the final deposit. */
async function presentPanel(db: TDbOrTx, actor: TActor, access: TThesisAccess) {
  const { thesis, mentor } = access;
  const files = await db.select().from(thesisFiles).where(eq(thesisFiles.thesisId, thesis.id)).orderBy(asc(thesisFiles.createdAt), asc(thesisFiles.number));
  const feedback = await db.select().from(thesisFeedback).where(eq(thesisFeedback.thesisId, thesis.id)).orderBy(asc(thesisFeedback.at), asc(thesisFeedback.id));
  const changes = await db.select().from(thesisChangeRequests).where(eq(thesisChangeRequests.thesisId, thesis.id)).orderBy(asc(thesisChangeRequests.position));
  const [deposit] = await db.select().from(thesisFinalDeposits).where(eq(thesisFinalDeposits.thesisId, thesis.id));
  const names = await namesOf(db, [...feedback.map((f) => f.authorId), ...changes.map((c) => c.doneBy)]);
  const open = !deposit && versionsOpen(thesis.state);
  const perms = versionsPermissions(actor, thesis, mentor);
  const threadOf = (versionId: string) =>
    feedback
      .filter((f) => f.versionId === versionId)
      .map((f) => ({
        id: f.id,
        at: f.at.toISOString(),
        author: { id: f.authorId, name: names.get(f.authorId) ?? f.authorLabel },
        comment: f.comment,
        changes: changes
          .filter((c) => c.feedbackId === f.id)
          .map((c) => ({ id: c.id, text: c.text, done: c.doneAt !== null, doneAt: c.doneAt?.toISOString() ?? null, doneBy: c.doneBy ? { id: c.doneBy, name: names.get(c.doneBy) ?? '' } : null })),
      }));
  const versions = files
    .filter((f) => f.kind === 'version')
    .sort((a, b) => (b.number ?? 0) - (a.number ?? 0))
    .map((v) => ({ ...presentFile(v), annexes: files.filter((a) => a.kind === 'annex' && a.versionId === v.id).map(presentFile), feedback: threadOf(v.id), final: deposit?.versionId === v.id }));
  return {
    thesisId: thesis.id,
    learnerId: thesis.learnerId,
    state: thesis.state,
    open,
    permissions: { deposit: perms.deposit && open, feedback: perms.feedback && open, markChanges: perms.markChanges && open, finalDeposit: perms.deposit && open && thesis.state === 'writing' },
    maxBytes: THESIS_FILE_MAX_BYTES,
    versions,
    annexes: files.filter((a) => a.kind === 'annex' && !a.versionId).map(presentFile),
    finalDeposit: deposit ? presentDeposit(deposit, files.find((f) => f.id === deposit.versionId)!) : null,
  };
}

function presentDeposit(d: typeof thesisFinalDeposits.$inferSelect, version: TFileRow) {
  return { versionId: d.versionId, number: version.number!, fileName: version.fileName, at: d.at.toISOString(), sha256: d.sha256, sizeBytes: d.sizeBytes, pageCount: d.pageCount, pageWarning: d.pageWarning };
}

export async function getVersionsPanel(o: { db: TDbOrTx; actor: TActor; thesisId: string }) {
  const access = await accessTo(o.db, o.actor, o.thesisId);
  return presentPanel(o.db, o.actor, access);
}

/** A stored file, streamed from its chunks, for someone who may read the record's versions. */
export async function downloadThesisFile(o: { db: TDbOrTx; actor: TActor; fileId: string }) {
  const file = await fileOf(o.db, o.fileId);
  await accessTo(o.db, o.actor, file.thesisId);
  const [blob] = await o.db.select().from(fileBlobs).where(eq(fileBlobs.id, file.blobId));
  return { file, body: blobStream(o.db, file.blobId, blob!.chunkCount) };
}

export async function addFeedback(o: { db: TDb; actor: TActor; audit: TAuditActor; versionId: string; comment: string; changes: string[]; now: Date }) {
  const comment = o.comment.trim();
  const changes = o.changes.map((c) => c.trim()).filter(Boolean);
  return o.db.transaction(async (tx) => {
    const version = await fileOf(tx, o.versionId);
    if (version.kind !== 'version') throw notFound('Version introuvable : on répond à une version, pas à une annexe.');
    const access = await accessTo(tx, o.actor, version.thesisId, true);
    enforce(canGiveFeedback(o.actor, access.thesis, access.mentor));
    await ensureOpen(tx, access.thesis);
    if (!comment && !changes.length) throw validationError([{ path: 'comment', message: 'Écrivez un commentaire ou au moins une modification demandée.' }]);
    const [fb] = await tx
      .insert(thesisFeedback)
      .values({ thesisId: access.thesis.id, versionId: version.id, authorId: o.actor.userId, authorLabel: o.audit.label, comment, at: o.now })
      .returning();
    if (changes.length) await tx.insert(thesisChangeRequests).values(changes.map((text, position) => ({ feedbackId: fb!.id, thesisId: access.thesis.id, position, text })));
    await recordAudit(tx, o.audit, { action: 'thesis.feedback_given', entityType: 'thesis', entityId: access.thesis.id, after: { versionId: version.id, feedbackId: fb!.id, comment, changes } });
    return presentPanel(tx, o.actor, access);
  });
}

export async function markChange(o: { db: TDb; actor: TActor; audit: TAuditActor; changeId: string; done: boolean; now: Date }) {
  return o.db.transaction(async (tx) => {
    const [change] = await tx.select().from(thesisChangeRequests).where(eq(thesisChangeRequests.id, o.changeId));
    if (!change) throw notFound('Modification demandée introuvable.');
    const access = await accessTo(tx, o.actor, change.thesisId, true);
    enforce(canMarkChange(o.actor, access.thesis));
    await ensureOpen(tx, access.thesis);
    const wasDone = change.doneAt !== null;
    if (wasDone !== o.done) {
      await tx
        .update(thesisChangeRequests)
        .set(o.done ? { doneAt: o.now, doneBy: o.actor.userId } : { doneAt: null, doneBy: null })
        .where(and(eq(thesisChangeRequests.id, change.id), o.done ? isNull(thesisChangeRequests.doneAt) : eq(thesisChangeRequests.doneAt, change.doneAt!)));
      await recordAudit(tx, o.audit, { action: 'thesis.change_marked', entityType: 'thesis', entityId: access.thesis.id, before: { changeId: change.id, done: wasDone }, after: { changeId: change.id, done: o.done } });
    }
    return presentPanel(tx, o.actor, access);
  });
}

/**
 * The final deposit: the learner chooses one PDF version; its page count is read with pdf-lib, the
 * deposit is recorded and the record moves rédaction → déposé in the same transaction, under the
 * record's lock and on the condition of the state read (decision 019's rule). After it, nothing changes.
 */
export async function makeFinalDeposit(o: { db: TDb; actor: TActor; audit: TAuditActor; versionId: string; now: Date; band?: { min: number; max: number } }) {
  return o.db.transaction(async (tx) => {
    const version = await fileOf(tx, o.versionId);
    const access = await accessTo(tx, o.actor, version.thesisId, true);
    const { thesis } = access;
    enforce(canDepositVersion(o.actor, thesis));
    await ensureOpen(tx, thesis);
    if (version.kind !== 'version') throw validationError([{ path: 'versionId', message: 'Le dépôt final porte sur une version, pas sur une annexe.' }]);
    if (version.format !== 'pdf') throw validationError([{ path: 'versionId', message: `Le dépôt final est un PDF : la version ${version.number} est un fichier ${version.format.toUpperCase()}. Déposez-la d’abord en PDF.` }]);
    const verdict = checkTransition(thesis.state, 'deposited');
    if (!verdict.allowed) throw conflict(`${verdict.reason} Le dépôt final se fait pendant la rédaction.`);
    const pages = await countPdfPages(await blobBytes(tx, version.blobId));
    if (pages === null || pages === 0) throw validationError([{ path: 'versionId', message: `Le PDF de la version ${version.number} est illisible : son nombre de pages ne peut pas être lu. Déposez une nouvelle version.` }]);
    const warning = pageWarning(pages, o.band);
    const [moved] = await tx
      .update(theses)
      .set({ state: 'deposited', updatedAt: o.now })
      .where(and(eq(theses.id, thesis.id), eq(theses.state, thesis.state)))
      .returning();
    if (!moved) throw conflict('L’état de ce mémoire vient de changer : rechargez la fiche.');
    await tx.insert(thesisFinalDeposits).values({ thesisId: thesis.id, versionId: version.id, at: o.now, actorId: o.actor.userId, sha256: version.sha256, sizeBytes: version.sizeBytes, pageCount: pages, pageWarning: warning });
    await tx.insert(thesisEvents).values({
      thesisId: thesis.id,
      at: o.now,
      actorId: o.actor.userId,
      actorLabel: o.audit.label,
      fromState: thesis.state,
      toState: 'deposited',
      note: `Dépôt final de la version ${version.number} (${pages} pages, SHA-256 ${version.sha256}).`,
    });
    await recordAudit(tx, o.audit, {
      action: 'thesis.final_deposit',
      entityType: 'thesis',
      entityId: thesis.id,
      before: { state: thesis.state },
      after: { state: 'deposited', versionId: version.id, sha256: version.sha256, pageCount: pages, pageWarning: warning },
    });
    return presentPanel(tx, o.actor, { ...access, thesis: moved });
  });
}

/**
 * The frozen final deposit of a record, for the jury's file (next issue): the version, its instant,
 * fingerprint and page count; null before the deposit. No policy here: the caller decides who reads.
 */
export async function finalDepositOf(db: TDbOrTx, thesisId: string) {
  const [deposit] = await db.select().from(thesisFinalDeposits).where(eq(thesisFinalDeposits.thesisId, thesisId));
  if (!deposit) return null;
  const version = await fileOf(db, deposit.versionId);
  return { ...presentDeposit(deposit, version), thesisId, blobId: version.blobId, contentType: version.contentType };
}

/**
 * The final deposit's file, streamed, for a caller whose own policy already decided (the jury's space:
 * a member reads the mémoire of a case they sit on, decision 026). Null when nothing was deposited.
 */
export async function streamFinalDeposit(db: TDbOrTx, thesisId: string) {
  const deposit = await finalDepositOf(db, thesisId);
  if (!deposit) return null;
  const [blob] = await db.select().from(fileBlobs).where(eq(fileBlobs.id, deposit.blobId));
  return { fileName: deposit.fileName, contentType: deposit.contentType, sizeBytes: deposit.sizeBytes, body: blobStream(db, deposit.blobId, blob!.chunkCount) };
}
