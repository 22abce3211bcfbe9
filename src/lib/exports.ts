/** CSV and XLSX exports of a list: same columns, French headers, one function per format. */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { decimalFr } from '../shared/format/hours.js';

export type TExportColumn<T> = { header: string; value: (row: T) => string | number | null | undefined; width?: number };

/**
 * CSV in the French convention, so that French Excel and LibreOffice open it as a table of numbers:
 * UTF-8 with a BOM (Excel reads UTF-8 only with it), « ; » between fields (the comma is the decimal
 * separator), decimal comma in numbers (149,67), no thousands separator, CRLF line ends.
 */
export function toCsv<T>(rows: readonly T[], columns: readonly TExportColumn<T>[]): string {
  const cell = (v: string | number | null | undefined) => (typeof v === 'number' ? decimalFr(v) : neutralizeFormula(v ?? ''));
  const body = stringify(
    [columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => cell(c.value(row))))],
    { delimiter: ';', record_delimiter: '\r\n' },
  );
  return `\uFEFF${body}`;
}

/**
 * A text cell that a spreadsheet would run as a formula (it starts with = + - @, or a tab or carriage
 * return before one): a name like « =HYPERLINK(…) » typed in a form must stay text. Prefixed with an
 * apostrophe, which Excel and LibreOffice show as text (OWASP, « CSV Injection »). Numbers are
 * numbers, never prefixed.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export async function toXlsx<T>(rows: readonly T[], columns: readonly TExportColumn<T>[], sheetName = 'Export'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MOVSC';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, c.header.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row) ?? null));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition for a download with a French (non-ASCII) file name. */
export function attachment(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
