/**
 * Type detection from the content and the streaming page count (decision 021), on files written by
 * real libraries and on impostors; the page count is checked against PDF.js (unpdf), an independent
 * parser, and the streaming scanner gives the same count however the bytes are cut.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { docx, linuxElf, odf, pdfkitPdf, pdfLibPdf, storedZip, windowsExe, xlsx, zipOfOther } from '../../../../tests/helpers/memoire-files.js';
import { pdfPageCount } from '../../../../tests/helpers/pdf.js';
import { detectFormat, formatRefusal } from './versions.detect.js';
import { countPdfPages } from './versions.pdf.js';
import { pageWarning } from './versions.rules.js';
import { ContentScanner } from './versions.scan.js';

const whole = (b: Buffer) => detectFormat({ head: b.subarray(0, 64 * 1024), tail: b, size: b.length });

function scanPages(b: Buffer, cuts: number[]): number {
  const s = new ContentScanner();
  let from = 0;
  for (const cut of [...cuts].sort((x, y) => x - y)) {
    s.push(b.subarray(from, cut));
    from = cut;
  }
  s.push(b.subarray(from));
  return s.pageObjects();
}

describe('detectFormat', () => {
  it('recognises PDF, DOCX, XLSX (exceljs, compressed), ODT, ODS, ODP from their bytes', async () => {
    expect(whole(await pdfkitPdf(1))).toEqual({ ok: true, format: 'pdf' });
    expect(whole(docx())).toEqual({ ok: true, format: 'docx' });
    expect(whole(await xlsx())).toEqual({ ok: true, format: 'xlsx' });
    expect(whole(odf('text'))).toEqual({ ok: true, format: 'odt' });
    expect(whole(odf('spreadsheet'))).toEqual({ ok: true, format: 'ods' });
    expect(whole(odf('presentation'))).toEqual({ ok: true, format: 'odp' });
  });

  it('refuses programs, archives of anything else and look-alikes, with the reason', () => {
    expect(whole(windowsExe)).toEqual({ ok: false, reason: 'c’est un programme Windows (exécutable), pas un document' });
    expect(whole(linuxElf)).toMatchObject({ ok: false, reason: expect.stringMatching(/programme Linux/) });
    expect(whole(zipOfOther)).toMatchObject({ ok: false, reason: expect.stringMatching(/n’est pas un document bureautique/) });
    // [Content_Types].xml without a word/, xl/ or ppt/ part; word/ parts without [Content_Types].xml.
    expect(whole(storedZip([{ name: '[Content_Types].xml', content: '<Types/>' }, { name: 'evil/payload.exe', content: windowsExe }])).ok).toBe(false);
    expect(whole(storedZip([{ name: 'word/document.xml', content: '<w/>' }])).ok).toBe(false);
    // An ODF mimetype that is not one of ours, or without content.
    expect(whole(storedZip([{ name: 'mimetype', content: 'application/vnd.oasis.opendocument.graphics' }, { name: 'content.xml', content: '<x/>' }])).ok).toBe(false);
    expect(whole(storedZip([{ name: 'mimetype', content: 'application/vnd.oasis.opendocument.text' }])).ok).toBe(false);
    // A DOCX cut before its central directory.
    const d = docx();
    expect(detectFormat({ head: d, tail: d.subarray(0, d.length - 30), size: d.length - 30 })).toMatchObject({ ok: false, reason: expect.stringMatching(/illisible ou incomplète/) });
    expect(whole(Buffer.alloc(0))).toEqual({ ok: false, reason: 'le fichier est vide' });
  });

  it('a zip whose central directory is beyond the bytes kept (tail) is refused, not guessed', () => {
    const d = docx();
    expect(detectFormat({ head: d.subarray(0, 100), tail: d.subarray(d.length - 40), size: d.length }).ok).toBe(false);
  });

  it('an Office 97-2003 file is told by the stream the scanner saw', () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('WordDocument', 'utf16le')]);
    const s = new ContentScanner();
    s.push(ole.subarray(0, 515));
    s.push(ole.subarray(515));
    expect(detectFormat({ head: ole, tail: ole, size: ole.length, ole: s.ole })).toEqual({ ok: true, format: 'doc' });
    expect(detectFormat({ head: ole, tail: ole, size: ole.length, ole: { word: false, excel: false, powerpoint: false } }).ok).toBe(false);
  });

  it('a version takes PDF, DOCX, ODT; the refusal names the format found', () => {
    expect(formatRefusal('pdf', ['pdf', 'docx', 'odt'])).toBeNull();
    expect(formatRefusal('xlsx', ['pdf', 'docx', 'odt'])).toBe('c’est un fichier Excel (XLSX) ; une version doit être un PDF, Word (DOCX) ou Texte OpenDocument (ODT)');
  });
});

describe('page counts', () => {
  it('pdfkit PDFs: the streaming count, pdf-lib and PDF.js agree, however the bytes are cut', async () => {
    for (const pages of [1, 3, 150, 201]) {
      const pdf = await pdfkitPdf(pages);
      expect(await pdfPageCount(pdf)).toBe(pages);
      expect(await countPdfPages(pdf)).toBe(pages);
      expect(scanPages(pdf, [])).toBe(pages);
    }
    const pdf = await pdfkitPdf(40);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: pdf.length }), { maxLength: 200 }), (cuts) => scanPages(pdf, cuts) === 40),
      { numRuns: 200 },
    );
    // Cut in the middle of « /Type /Page » and right before the « s » of « /Pages ».
    const text = Buffer.from('<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type /Page>>', 'latin1');
    for (let cut = 0; cut <= text.length; cut++) expect(scanPages(text, [cut])).toBe(2);
  });

  it('pdf-lib PDFs keep pages in compressed object streams: the streaming count sees none, pdf-lib counts them (what the final deposit records)', async () => {
    const pdf = await pdfLibPdf(9);
    expect(scanPages(pdf, [])).toBe(0);
    expect(await countPdfPages(pdf)).toBe(9);
    expect(await pdfPageCount(pdf)).toBe(9);
    expect(await countPdfPages(Buffer.from('%PDF-1.4\nnot really'))).toBeNull();
  });

  it('warns outside 100–200 pages, in French, and the band is a parameter', () => {
    expect(pageWarning(150)).toBeNull();
    expect(pageWarning(100)).toBeNull();
    expect(pageWarning(200)).toBeNull();
    expect(pageWarning(99)).toBe('Le document compte 99 pages, loin des quelque 150 pages attendues (moins de 100).');
    expect(pageWarning(1)).toBe('Le document compte 1 page, loin des quelque 150 pages attendues (moins de 100).');
    expect(pageWarning(201)).toBe('Le document compte 201 pages, loin des quelque 150 pages attendues (plus de 200).');
    expect(pageWarning(130, { min: 140, max: 160 })).toMatch(/moins de 140/);
  });
});
