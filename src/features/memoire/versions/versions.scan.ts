/**
 * What the upload learns from the bytes as they stream past, holding only a small overlap between
 * chunks: the number of PDF page objects (`/Type /Page`, not `/Pages`) and, for an Office 97-2003
 * file, which document stream it holds. The page count is the fallback decision 021 documents: it
 * misses pages kept inside compressed object streams (PDF 1.5+), so the final deposit counts them
 * again with pdf-lib, and a count of 0 is stored as unknown.
 */
import type { TOleSeen } from './versions.detect.js';

const PAGE = /\/Type\s{0,16}\/Page(?![A-Za-z])/g;
/** Longer than any match, plus the character after it. */
const OVERLAP = 64;

const utf16 = (s: string) => [...s].map((ch) => `${ch}\u0000`).join('');
const OLE_NAMES: { key: keyof TOleSeen; text: string }[] = [
  { key: 'word', text: utf16('WordDocument') },
  { key: 'excel', text: utf16('Workbook') },
  { key: 'excel', text: utf16('Book\u0000') },
  { key: 'powerpoint', text: utf16('PowerPoint Document') },
];

export class ContentScanner {
  private carry = '';
  private pages = 0;
  readonly ole: TOleSeen = { word: false, excel: false, powerpoint: false };

  push(chunk: Buffer): void {
    const window = this.carry + chunk.toString('latin1');
    const prevEnd = this.carry.length;
    for (const m of window.matchAll(PAGE)) {
      const end = m.index + m[0].length;
      // Counted in the previous window if it ended before that window's end; deferred if the next character is not seen yet.
      if (end >= prevEnd && end < window.length) this.pages++;
    }
    for (const n of OLE_NAMES) if (!this.ole[n.key] && window.includes(n.text)) this.ole[n.key] = true;
    this.carry = window.slice(-OVERLAP);
  }

  /** The page objects seen, the last bytes included. */
  pageObjects(): number {
    let last = 0;
    for (const m of this.carry.matchAll(PAGE)) if (m.index + m[0].length === this.carry.length) last++;
    return this.pages + last;
  }
}
