import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx, attachment } from './exports.js';
import { formatCents, formatDateFr } from './format.js';
import { pdfPageCount, pdfText } from '../../tests/helpers/pdf.js';
import { drawTable, renderOfficialDocument } from './pdf.js';


describe('French formats', () => {
  it('formats integer cents as euros to the cent', () => {
    expect(formatCents(1000500).replace(/\s/g, ' ')).toBe('10 005,00 €');
    expect(formatCents(500050).replace(/\s/g, ' ')).toBe('5 000,50 €');
    expect(() => formatCents(10.5)).toThrow();
  });
  it('keeps every cent through formatting', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), (cents) => {
        const digits = formatCents(cents).replace(/[^\d]/g, '');
        expect(Number(digits)).toBe(cents);
      }),
    );
  });
  it('formats calendar dates without a time-zone shift', () => {
    expect(formatDateFr('2025-09-24')).toBe('24/09/2025');
  });
});

describe('exports', () => {
  const rows = [{ name: 'Zoé "la" Dupont; fils', hours: 24.5 }];
  const columns = [
    { header: 'Nom', value: (r: (typeof rows)[number]) => r.name },
    { header: 'Heures', value: (r: (typeof rows)[number]) => r.hours },
  ];
  it('writes CSV in the French convention: BOM, semicolons, quoting, decimal comma', () => {
    const csv = toCsv(rows, columns);
    expect(csv.startsWith('\uFEFFNom;Heures\r\n')).toBe(true);
    expect(csv).toContain('"Zoé ""la"" Dupont; fils";24,5');
  });
  it('keeps text that a spreadsheet would run as a formula as text; numbers stay numbers', () => {
    const hostile = ['=HYPERLINK("http://x","clic")', '+SUM(A1:A9)', '-2+3', '@SOMME(A1)', '\t=1+1', '\r=1+1'].map((name) => ({ name, hours: -1.5 }));
    const lines = toCsv(hostile, columns).replace('\uFEFF', '').split('\r\n').slice(1, -1);
    expect(lines.map((l) => l.split(';').at(-1))).toEqual(Array(6).fill('-1,5'));
    for (const line of lines) expect(line).toMatch(/^"?'/);
    expect(toCsv([{ name: 'Zoé = Dupont', hours: 1 }], columns)).toContain('Zoé = Dupont;1');
  });
  it('writes an XLSX that a reader opens with the same cells', async () => {
    const buffer = await toXlsx(rows, columns, 'Liste');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as never);
    const sheet = wb.getWorksheet('Liste')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Nom', 'Heures']);
    expect(sheet.getRow(2).values).toEqual([undefined, 'Zoé "la" Dupont; fils', 24.5]);
  });
  it('names downloads with accents safely', () => {
    expect(attachment('émargement 25-11.pdf')).toBe(`attachment; filename="emargement 25-11.pdf"; filename*=UTF-8''%C3%A9margement%2025-11.pdf`);
  });
});

describe('official PDF frame', () => {
  it('prints the letterhead, title, table rows and page numbers on every page', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [`Auditrice n° ${i + 1}`, 'présente']);
    const bytes = await renderOfficialDocument({ now: new Date('2026-03-10T09:00:00Z'), title: "Feuille d'émargement", reference: 'Réf. 2026-001' }, (doc) => {
      drawTable(doc, [{ header: 'Nom', width: 300 }, { header: 'Statut', width: 100 }], rows);
    });
    const text = await pdfText(bytes);
    expect(text).toContain("Feuille d'émargement");
    expect(text).toContain('Conservatoire national des arts et métiers');
    expect(text).toContain('Auditrice n° 60');
    const pages = await pdfPageCount(bytes);
    expect(pages).toBeGreaterThan(1);
    // Every page is numbered against the real count, and no blank page is added by the footer.
    expect(text).toContain(`Page ${pages} / ${pages}`);
    expect(text).not.toContain(`Page ${pages + 1}`);
  });

  it('wraps a long cell instead of cutting it', async () => {
    const long = "Manager d'organismes à vocation sociale et culturelle en économie sociale et solidaire — parcours complet de deux ans";
    const bytes = await renderOfficialDocument({ now: new Date('2026-03-10T09:00:00Z'), title: 'Devis' }, (doc) => {
      drawTable(doc, [{ header: 'Désignation', width: 250 }, { header: 'Montant', width: 100, align: 'right' }], [[long, '10 005,00 €']]);
    });
    const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('parcours complet de deux ans');
  });

  it('keeps a short document on one page', async () => {
    const bytes = await renderOfficialDocument({ now: new Date('2026-03-10T09:00:00Z'), title: 'Devis' }, (doc) => {
      doc.text('Total net à payer : 10 005,00 €');
    });
    expect(await pdfPageCount(bytes)).toBe(1);
    expect(await pdfText(bytes)).toContain('Page 1 / 1');
  });
});
