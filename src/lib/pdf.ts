/**
 * The frame of every official document MOVSC prints (quote, training agreement, attendance sheet,
 * certificates, minutes): the Cnam-CESTES letterhead with the centre that issues the document and the
 * certification's RNCP code, a title, and a footer with the centre's SIRET and declaration number
 * (numéro de déclaration d'activité, Code du travail L. 6351-1 ; its mention « cet enregistrement ne
 * vaut pas agrément de l'État », L. 6352-12), the generation date and page numbers.
 * Built on pdfkit with its standard Helvetica (WinAnsi covers French accents).
 */
import PDFDocument from 'pdfkit';
import { formatDateTimeFr } from './format.js';

export const ISSUER = {
  name: 'Conservatoire national des arts et métiers',
  unit: 'CESTES — Centre d’économie sociale, travail et société',
  address: '292 rue Saint-Martin, 75003 Paris',
  contact: 'cestes@cnam.fr — 01 40 27 26 46',
};

export type TPdfDoc = InstanceType<typeof PDFDocument>;

/** The centre that issues a document, from its settings (null: not entered yet). */
export type TIssuingCentre = {
  name: string;
  address: string;
  postalCode: string;
  city: string;
  siret: string | null;
  declarationNumber: string | null;
};

/** « 197 534 712 00017 »: SIREN in threes, then the NIC. */
export function formatSiret(siret: string): string {
  return /^\d{14}$/.test(siret) ? `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}` : siret;
}

/** « 11 75 12345 75 »: region code, department, order number, region again — as prefectures print it. */
export function formatDeclarationNumber(n: string): string {
  return /^\d{11}$/.test(n) ? `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 9)} ${n.slice(9)}` : n;
}

/** Not entered in the centre's settings yet: said, never invented. */
const NOT_ENTERED = 'non renseigné';

/** The legal identity lines of the footer: SIRET and declaration number of the issuing centre. */
export function legalIdentityLines(centre: TIssuingCentre): [string, string] {
  const siret = `SIRET ${centre.siret ? formatSiret(centre.siret) : NOT_ENTERED}`;
  const nda = `Déclaration d’activité n° ${centre.declarationNumber ? formatDeclarationNumber(centre.declarationNumber) : NOT_ENTERED}`;
  return [`${ISSUER.name} — ${centre.name} — ${siret} — ${nda}`, 'Cet enregistrement ne vaut pas agrément de l’État (article L. 6352-12 du Code du travail).'];
}

export type TOfficialDocumentOptions = {
  title: string;
  subtitle?: string;
  /** Reference printed under the title (e.g. "Devis n° 2026-0042"). */
  reference?: string;
  landscape?: boolean;
  now: Date;
  /** The centre that issues the document: its name and address in the header, SIRET and NDA in the footer. */
  centre?: TIssuingCentre;
  /** The certification, printed in the header: « RNCP 41336 ». */
  certification?: string;
};

export const COLORS = { ink: '#1a1a1a', muted: '#555555', accent: '#c1002a', rule: '#bbbbbb' };

/** Runs `draw` on a new document with the letterhead and returns the PDF bytes. */
export async function renderOfficialDocument(options: TOfficialDocumentOptions, draw: (doc: TPdfDoc) => void | Promise<void>): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.landscape ? 'landscape' : 'portrait',
    margins: { top: 110, bottom: 70, left: 50, right: 50 },
    bufferPages: true,
    info: { Title: options.title, Author: ISSUER.name, Creator: 'MOVSC' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  doc.fillColor(COLORS.ink).font('Helvetica-Bold').fontSize(16).text(options.title, { align: 'left' });
  if (options.subtitle) doc.moveDown(0.2).font('Helvetica').fontSize(11).fillColor(COLORS.muted).text(options.subtitle);
  if (options.reference) doc.moveDown(0.2).font('Helvetica').fontSize(10).fillColor(COLORS.muted).text(options.reference);
  doc.moveDown(1).fillColor(COLORS.ink).font('Helvetica').fontSize(10);

  await draw(doc);

  const range = doc.bufferedPageRange();
  const generated = formatDateTimeFr(options.now);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    drawLetterhead(doc, options);
    const bottom = doc.page.height - 40;
    const { left, right } = doc.page.margins;
    const width = doc.page.width - left - right;
    // The footer sits inside the bottom margin: lift the margin while writing it, or pdfkit would
    // open a new page for text written below it.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7).fillColor(COLORS.muted);
    if (options.centre) {
      const [identity, notice] = legalIdentityLines(options.centre);
      doc.text(identity, left, bottom - 22, { width, align: 'left', lineBreak: false });
      doc.text(notice, left, bottom - 13, { width, align: 'left', lineBreak: false });
    }
    doc.font('Helvetica').fontSize(8).fillColor(COLORS.muted);
    doc.text(`Document généré par MOVSC le ${generated}`, left, bottom, { width, align: 'left', lineBreak: false });
    doc.text(`Page ${i - range.start + 1} / ${range.count}`, left, bottom, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function drawLetterhead(doc: TPdfDoc, options: TOfficialDocumentOptions) {
  const { left, right } = doc.page.margins;
  const width = doc.page.width - left - right;
  const centre = options.centre;
  doc.save();
  doc.rect(left, 40, 6, 44).fill(COLORS.accent);
  doc.fillColor(COLORS.ink).font('Helvetica-Bold').fontSize(13).text(centre ? centre.name : 'Cnam', left + 14, 40, { lineBreak: false });
  doc.font('Helvetica').fontSize(8).fillColor(COLORS.muted);
  doc.text(ISSUER.name, left + 14, 57, { lineBreak: false });
  doc.text(ISSUER.unit, left + 14, 67, { lineBreak: false });
  const address = centre ? `${centre.address}, ${centre.postalCode} ${centre.city}`.replace(/^, /, '') : ISSUER.address;
  doc.text(address, left, 44, { width, align: 'right', lineBreak: false });
  doc.text(ISSUER.contact, left, 54, { width, align: 'right', lineBreak: false });
  if (options.certification) doc.font('Helvetica-Bold').fillColor(COLORS.ink).text(options.certification, left, 66, { width, align: 'right', lineBreak: false });
  doc.moveTo(left, 92).lineTo(left + width, 92).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
  doc.restore();
}

export type TTableColumn = { header: string; width: number; align?: 'left' | 'right' | 'center' };

/**
 * A ruled table that wraps long cells (each row as tall as its tallest cell), breaks across pages
 * and repeats its header on each new page.
 */
export function drawTable(doc: TPdfDoc, columns: TTableColumn[], rows: string[][], options: { minRowHeight?: number } = {}) {
  const { left } = doc.page.margins;
  const padding = 5;
  const minRowHeight = options.minRowHeight ?? 20;
  const totalWidth = columns.reduce((s, c) => s + c.width, 0);
  const drawRow = (cells: string[], bold: boolean, isHeader: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const rowHeight = Math.max(
      minRowHeight,
      ...cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i]!.width - 2 * padding }) + 2 * padding),
    );
    if (doc.y + rowHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!isHeader) drawHeader();
    }
    const y = doc.y;
    let x = left;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9).fillColor(COLORS.ink);
    cells.forEach((cell, i) => {
      const col = columns[i]!;
      doc.text(cell, x + padding, y + padding, { width: col.width - 2 * padding, align: col.align ?? 'left' });
      x += col.width;
    });
    doc.moveTo(left, y + rowHeight).lineTo(left + totalWidth, y + rowHeight).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
    doc.x = left;
    doc.y = y + rowHeight;
  };
  const drawHeader = () => drawRow(columns.map((c) => c.header), true, true);
  drawHeader();
  for (const row of rows) drawRow(row, false, false);
  doc.x = left;
  doc.moveDown(1);
}
