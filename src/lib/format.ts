/** French formats for documents and exports (the SPA uses the same Intl settings). */

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 });

/** Integer cents → "10 005,00 €". Amounts are integer cents everywhere; never floats. */
export function formatCents(cents: number): string {
  if (!Number.isInteger(cents)) throw new Error(`Montant non entier en centimes : ${cents}`);
  // Intl groups thousands with U+202F, which the PDF standard fonts cannot draw: use U+00A0.
  return euros.format(cents / 100).replace(/\u202f/g, '\u00a0');
}

/** "2026-11-25" → "25/11/2026" (a calendar date, no time-zone shift). */
export function formatDateFr(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** "2026-11-25" → "mercredi 25 novembre 2026". */
export function formatLongDateFr(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  return new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** An instant shown in Paris time: "25/11/2026 14:05". */
export function formatDateTimeFr(at: Date): string {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}
