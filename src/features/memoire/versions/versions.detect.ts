/**
 * The type of an uploaded file, read from its content, never from its name (decision 021). The
 * upload streams, so detection sees the first bytes (`head`), the last ones (`tail`, where a zip keeps
 * its central directory), the total size, and what the streaming scanner saw (OLE2 stream names).
 * Pure module: tested on real files and on forged ones.
 */
import { THESIS_FILE_FORMAT_LABELS, type TThesisFileFormat } from '../../../shared/vocabulary/memoire-versions.js';

export type TDetected = { ok: true; format: TThesisFileFormat } | { ok: false; reason: string };

const startsWith = (b: Buffer, bytes: number[]) => b.length >= bytes.length && bytes.every((x, i) => b[i] === x);

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
export const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Signatures of what is refused with its own reason (programs, archives of other kinds, images…). */
const REFUSED: { bytes: number[]; reason: string }[] = [
  { bytes: [0x4d, 0x5a], reason: 'c’est un programme Windows (exécutable), pas un document' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], reason: 'c’est un programme Linux (exécutable ELF), pas un document' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], reason: 'c’est un programme macOS (exécutable), pas un document' },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], reason: 'c’est un programme (exécutable ou classe Java), pas un document' },
  { bytes: [0x23, 0x21], reason: 'c’est un script exécutable, pas un document' },
  { bytes: [0x52, 0x61, 0x72, 0x21], reason: 'c’est une archive RAR, pas un document' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], reason: 'c’est une archive 7-Zip, pas un document' },
  { bytes: [0x1f, 0x8b], reason: 'c’est une archive gzip, pas un document' },
];

export type TZipEntry = { name: string };

/**
 * The names of a zip's entries, from its central directory found in `tail` (the file's last bytes).
 * Null when the directory cannot be read there (not a zip, cut, or a directory larger than the tail).
 */
export function zipEntriesFromTail(tail: Buffer, size: number): string[] | null {
  // End of central directory: 22 bytes + a comment of at most 65,535 bytes, at the very end.
  const from = Math.max(0, tail.length - 22 - 65_535);
  for (let i = tail.length - 22; i >= from; i--) {
    if (tail.readUInt32LE(i) !== 0x06054b50) continue;
    const entries = tail.readUInt16LE(i + 10);
    const cdSize = tail.readUInt32LE(i + 12);
    const cdOffset = tail.readUInt32LE(i + 16);
    if (cdOffset === 0xffffffff || cdSize === 0xffffffff) return null; // zip64: not an office file of ours
    const tailStart = size - tail.length;
    const at = cdOffset - tailStart;
    if (at < 0 || at + cdSize > i) return null;
    const names: string[] = [];
    let p = at;
    for (let n = 0; n < entries; n++) {
      if (p + 46 > i || tail.readUInt32LE(p) !== 0x02014b50) return null;
      const nameLength = tail.readUInt16LE(p + 28);
      const extra = tail.readUInt16LE(p + 30);
      const comment = tail.readUInt16LE(p + 32);
      names.push(tail.subarray(p + 46, p + 46 + nameLength).toString('utf8'));
      p += 46 + nameLength + extra + comment;
    }
    return names;
  }
  return null;
}

/** An OpenDocument file: its first entry is `mimetype`, stored uncompressed, holding the media type. */
function openDocumentType(head: Buffer): string | null {
  if (head.length < 30 || !startsWith(head, ZIP_LOCAL)) return null;
  const method = head.readUInt16LE(8);
  const size = head.readUInt32LE(18);
  const nameLength = head.readUInt16LE(26);
  const extra = head.readUInt16LE(28);
  if (head.subarray(30, 30 + nameLength).toString('latin1') !== 'mimetype' || method !== 0 || size > 200) return null;
  const start = 30 + nameLength + extra;
  return head.subarray(start, start + size).toString('latin1');
}

const ODF: Record<string, TThesisFileFormat> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
};

/** Which OLE2 (Office 97-2003) document it is, from the stream names the scanner saw. */
export type TOleSeen = { word: boolean; excel: boolean; powerpoint: boolean };

export function detectFormat(o: { head: Buffer; tail: Buffer; size: number; ole?: TOleSeen }): TDetected {
  const { head, tail, size } = o;
  if (size === 0) return { ok: false, reason: 'le fichier est vide' };
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return { ok: true, format: 'pdf' };
  const refused = REFUSED.find((r) => startsWith(head, r.bytes));
  if (refused) return { ok: false, reason: refused.reason };
  if (startsWith(head, ZIP_LOCAL) || startsWith(head, ZIP_EMPTY)) {
    const odf = openDocumentType(head);
    const names = zipEntriesFromTail(tail, size);
    if (!names) return { ok: false, reason: 'c’est une archive ZIP illisible ou incomplète, pas un document bureautique' };
    if (odf) {
      const format = ODF[odf];
      if (format && names.includes('content.xml')) return { ok: true, format };
      return { ok: false, reason: `c’est une archive OpenDocument d’un type non pris en charge (${odf.slice(0, 80)})` };
    }
    if (names.includes('[Content_Types].xml')) {
      if (names.some((n) => n.startsWith('word/'))) return { ok: true, format: 'docx' };
      if (names.some((n) => n.startsWith('xl/'))) return { ok: true, format: 'xlsx' };
      if (names.some((n) => n.startsWith('ppt/'))) return { ok: true, format: 'pptx' };
    }
    return { ok: false, reason: 'c’est une archive ZIP qui n’est pas un document bureautique (ni Word, Excel, PowerPoint, ni OpenDocument)' };
  }
  if (startsWith(head, OLE2)) {
    if (o.ole?.word) return { ok: true, format: 'doc' };
    if (o.ole?.excel) return { ok: true, format: 'xls' };
    if (o.ole?.powerpoint) return { ok: true, format: 'ppt' };
    return { ok: false, reason: 'c’est un fichier Office 97-2003 qui n’est ni un document Word, ni un classeur Excel, ni une présentation PowerPoint' };
  }
  return { ok: false, reason: 'son contenu n’est ni un PDF, ni un document Word, Excel, PowerPoint ou OpenDocument' };
}

/** The French refusal of a file whose format the kind of deposit does not take. */
export function formatRefusal(format: TThesisFileFormat, accepted: readonly TThesisFileFormat[]): string | null {
  if (accepted.includes(format)) return null;
  const list = new Intl.ListFormat('fr', { type: 'disjunction' }).format(accepted.map((f) => THESIS_FILE_FORMAT_LABELS[f]));
  return `c’est un fichier ${THESIS_FILE_FORMAT_LABELS[format]} ; une version doit être un ${list}`;
}
