/**
 * Files received as multipart/form-data, streamed into the database in chunks of about 1 MB
 * (decision 021). The body is never held whole: busboy parses the request stream, each chunk is
 * written as it fills, the SHA-256 and the size are computed on the way, and what detection needs is
 * kept aside (the first 64 KB, the last two chunks for a zip's central directory). The caller runs
 * this inside its transaction: a refusal (too large, wrong type) or a cut connection rolls everything
 * back and leaves no row.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { and, eq } from 'drizzle-orm';
import { HTTPException } from 'hono/http-exception';
import type { TDbOrTx } from '../../../db/client.js';
import { validationError } from '../../../http/errors.js';
import { THESIS_FILE_CONTENT_TYPES, type TThesisFileFormat } from '../../../shared/vocabulary/memoire-versions.js';
import { detectFormat, OLE2 } from './versions.detect.js';
import { ContentScanner } from './versions.scan.js';
import { fileBlobs, fileChunks } from './versions.tables.js';

export const CHUNK_BYTES = 1024 * 1024;
const HEAD_BYTES = 64 * 1024;
/** What is read and dropped after a refusal before the connection is closed. */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;

export type TReceivedFile = {
  blobId: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  format: TThesisFileFormat;
  contentType: string;
  /** PDF page objects seen while streaming (null: not a PDF, or none seen). */
  pageObjects: number | null;
};

const mebibytes = (n: number) => `${Math.round(n / 1024 / 1024)} Mo`;

export const tooLarge = (max: number) =>
  new HTTPException(413, { message: `Fichier trop volumineux : ${mebibytes(max)} au plus. Rien n’a été enregistré ; réduisez le poids des images ou séparez les annexes.` });

const refuse = (fileName: string, reason: string) =>
  validationError([{ path: 'file', message: `Fichier « ${fileName} » refusé : ${reason}. Rien n’a été enregistré.` }], `Fichier « ${fileName} » refusé : ${reason}.`);

/** A refusal the first bytes already decide (a program, another kind of archive): no need to read the rest. */
function earlyRefusal(head: Buffer): string | null {
  if (head.length < 8) return null;
  const s = head.subarray(0, 5).toString('latin1');
  if (s === '%PDF-' || s.startsWith('PK') || OLE2.every((x, i) => head[i] === x)) return null;
  const verdict = detectFormat({ head, tail: head, size: head.length });
  return verdict.ok ? null : verdict.reason;
}

export function cleanFileName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const clean = (name ?? '').replace(/[\u0000-\u001f\u007f/\\]/g, '_').replace(/[\uD800-\uDFFF]/g, '_').trim().slice(0, 200);
  return clean || 'document';
}

/**
 * Reads the one file of a multipart body (field `file`) into `file_blobs` + `file_chunks`, checks its
 * type against `accepted` and its size against `maxBytes` (counted as it streams), and returns it.
 */
export function receiveFile(o: {
  tx: TDbOrTx;
  stream: Readable;
  contentType: string;
  maxBytes: number;
  refusalOf: (format: TThesisFileFormat) => string | null;
  now: Date;
}): Promise<TReceivedFile> {
  return new Promise<TReceivedFile>((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: { 'content-type': o.contentType }, defParamCharset: 'utf8', limits: { files: 1, fields: 10, fieldSize: 10_000, parts: 12, fileSize: o.maxBytes + 1 } });
    } catch {
      reject(validationError([{ path: 'file', message: 'Envoi illisible : le corps multipart/form-data n’a pas de délimiteur (boundary).' }]));
      return;
    }
    let work: Promise<TReceivedFile> | null = null;
    let settled = false;
    const stop = (error: unknown) => {
      if (settled) return;
      settled = true;
      o.stream.unpipe(bb);
      // What is left of the body is read and dropped, so the refusal reaches the browser; a client
      // that goes on sending long after it (an endless body) has its connection closed.
      let drained = 0;
      o.stream.on('data', (piece: Buffer) => {
        drained += piece.length;
        if (drained > DRAIN_MAX_BYTES) o.stream.destroy();
      });
      o.stream.resume();
      reject(error);
    };
    bb.on('file', (name, file, info) => {
      if (name !== 'file' || work) {
        file.resume();
        return;
      }
      work = consume(o, file, cleanFileName(info.filename));
      work.then(
        (received) => {
          if (settled) return;
          settled = true;
          resolve(received);
        },
        stop,
      );
    });
    bb.on('filesLimit', () => stop(validationError([{ path: 'file', message: 'Un seul fichier par envoi.' }])));
    bb.on('error', () => stop(validationError([{ path: 'file', message: 'Envoi illisible : le corps multipart/form-data est incomplet ou mal formé.' }])));
    bb.on('close', () => {
      if (!work) stop(validationError([{ path: 'file', message: 'Aucun fichier reçu : joignez le document dans le champ « file ».' }]));
    });
    o.stream.on('error', () => stop(validationError([{ path: 'file', message: 'L’envoi a été interrompu avant la fin du fichier. Rien n’a été enregistré.' }])));
    o.stream.pipe(bb);
  });
}

async function consume(o: Parameters<typeof receiveFile>[0], file: Readable, fileName: string): Promise<TReceivedFile> {
  const [blob] = await o.tx.insert(fileBlobs).values({ sizeBytes: 0, sha256: '', contentType: 'application/octet-stream', chunkCount: 0, createdAt: o.now }).returning({ id: fileBlobs.id });
  const blobId = blob!.id;
  const hash = createHash('sha256');
  const scanner = new ContentScanner();
  let size = 0;
  let head = Buffer.alloc(0);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let seq = 0;
  let previous = Buffer.alloc(0);
  let last = Buffer.alloc(0);
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await o.tx.insert(fileChunks).values({ blobId, seq: seq++, data });
    previous = last;
    last = data;
  };
  for await (const piece of file as AsyncIterable<Buffer>) {
    size += piece.length;
    if (size > o.maxBytes) throw tooLarge(o.maxBytes);
    hash.update(piece);
    scanner.push(piece);
    if (head.length < HEAD_BYTES) {
      head = Buffer.concat([head, piece.subarray(0, HEAD_BYTES - head.length)]);
      const early = earlyRefusal(head);
      if (early) throw refuse(fileName, early);
    }
    pending.push(piece);
    pendingBytes += piece.length;
    if (pendingBytes >= CHUNK_BYTES) await flush();
  }
  await flush();
  const verdict = detectFormat({ head, tail: Buffer.concat([previous, last]), size, ole: scanner.ole });
  if (!verdict.ok) throw refuse(fileName, verdict.reason);
  const formatRefused = o.refusalOf(verdict.format);
  if (formatRefused) throw refuse(fileName, formatRefused);
  const sha256 = hash.digest('hex');
  const contentType = THESIS_FILE_CONTENT_TYPES[verdict.format];
  await o.tx.update(fileBlobs).set({ sizeBytes: size, sha256, contentType, chunkCount: seq }).where(eq(fileBlobs.id, blobId));
  const pages = verdict.format === 'pdf' ? scanner.pageObjects() : 0;
  return { blobId, fileName, sizeBytes: size, sha256, format: verdict.format, contentType, pageObjects: pages > 0 ? pages : null };
}

/** Stores bytes already in hand (the demo seed) as an upload would: chunks, fingerprint, type from the content. */
export function storeBytes(o: { tx: TDbOrTx; bytes: Buffer; fileName: string; now: Date }): Promise<TReceivedFile> {
  return consume({ tx: o.tx, stream: Readable.from([]), contentType: '', maxBytes: Number.MAX_SAFE_INTEGER, refusalOf: () => null, now: o.now }, Readable.from([o.bytes]), cleanFileName(o.fileName));
}

/** The content of a stored file, chunk after chunk, as a web stream (one chunk in memory at a time). */
export function blobStream(db: TDbOrTx, blobId: string, chunkCount: number): ReadableStream<Uint8Array> {
  let seq = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (seq >= chunkCount) {
        controller.close();
        return;
      }
      const [row] = await db.select({ data: fileChunks.data }).from(fileChunks).where(and(eq(fileChunks.blobId, blobId), eq(fileChunks.seq, seq)));
      seq++;
      if (!row) {
        controller.error(new Error(`chunk ${seq - 1} of blob ${blobId} missing`));
        return;
      }
      controller.enqueue(new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength));
    },
  });
}

/** The whole content (the final deposit's page count needs it: at most the 50 MB limit, once). */
export async function blobBytes(db: TDbOrTx, blobId: string): Promise<Buffer> {
  const rows = await db.select({ data: fileChunks.data }).from(fileChunks).where(eq(fileChunks.blobId, blobId)).orderBy(fileChunks.seq);
  return Buffer.concat(rows.map((r) => r.data));
}
