/**
 * Hours the French way, in hours and minutes: 490 → « 490 h », 149.6667 → « 149 h 40 »,
 * 0.5 → « 0 h 30 », 1000 → « 1 000 h ». One function for the SPA, the API's messages, the PDFs
 * (pure module: imported by the server and by the SPA).
 *
 * A decimal « 149,67 h » reads as 149 hours and 67 minutes to most people: a duration is written
 * with its minutes. Minutes are rounded to the nearest minute (sessions are planned to the minute;
 * reports carry hours rounded to 1/100 h, which is less than a minute).
 * Plain spaces, so the figure reads (and is found by text search) the same everywhere; screens keep
 * it on one line with white-space: nowrap, PDFs through `noBreak`.
 */

/** Hours (decimal) → whole minutes, rounded to the nearest minute. */
export function toMinutes(hours: number): number {
  return Math.round(hours * 60);
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** Whole minutes → « 149 h 40 ». */
export function formatMinutes(totalMinutes: number): string {
  const sign = totalMinutes < 0 ? '−' : '';
  const abs = Math.abs(Math.round(totalMinutes));
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `${sign}${thousands(h)} h${m ? ` ${String(m).padStart(2, '0')}` : ''}`;
}

/** Decimal hours → « 149 h 40 ». */
export function formatHours(hours: number): string {
  return formatMinutes(toMinutes(hours));
}

/** The same with no-break spaces, for text that wraps (PDF paragraphs). */
export const noBreak = (text: string) => text.replace(/ /g, '\u00a0');

/** Decimal hours for a spreadsheet cell in the French convention: 149.67 → « 149,67 ». */
export function decimalFr(n: number, fractionDigits = 2): string {
  const rounded = Math.round(n * 10 ** fractionDigits) / 10 ** fractionDigits;
  return String(rounded).replace('.', ',');
}
