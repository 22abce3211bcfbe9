/** French formats: dates dd/mm/yyyy, date-times, euros from integer cents, hours « 490 h », « 149 h 40 ». */
import dayjs from 'dayjs';
import 'dayjs/locale/fr';

dayjs.locale('fr');

/** "2025-09-24" (or an ISO timestamp) → "24/09/2025". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (plain) return `${plain[3]}/${plain[2]}/${plain[1]}`;
  const d = dayjs(iso);
  return d.isValid() ? d.format('DD/MM/YYYY') : iso;
}

/** ISO timestamp → "25/11/2026 à 04:25" in the browser's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('DD/MM/YYYY [à] HH:mm:ss') : iso;
}

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

export function formatEuros(cents: number): string {
  return euros.format(cents / 100);
}

/** « 490 h », « 149 h 40 »: the one hour format, shared with the API's documents and messages. */
export { formatHours, formatMinutes } from '../../../src/shared/format/hours';
/** « 34e promotion — Cnam Paris », never with its centre twice. */
export { cohortLabel } from '../../../src/shared/format/cohort-label';

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count > 1 ? many : one}`;
}
