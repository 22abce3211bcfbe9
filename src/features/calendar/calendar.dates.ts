/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD) and Paris wall-clock times. Pure: no I/O, no clock.
 * Dates are calendar dates, computed in UTC so that no time-zone shift can move a day.
 */
export type TIsoDate = string;

const DAY_MS = 86_400_000;

export function toUtcMs(iso: TIsoDate): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

export function fromUtcMs(ms: number): TIsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: TIsoDate, n: number): TIsoDate {
  return fromUtcMs(toUtcMs(iso) + n * DAY_MS);
}

export function daysBetween(from: TIsoDate, to: TIsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(iso: TIsoDate): number {
  return new Date(toUtcMs(iso)).getUTCDay();
}

export function isWeekend(iso: TIsoDate): boolean {
  const d = weekdayOf(iso);
  return d === 0 || d === 6;
}

export function mondayOf(iso: TIsoDate): TIsoDate {
  return addDays(iso, -((weekdayOf(iso) + 6) % 7));
}

export function isValidIsoDate(iso: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && fromUtcMs(toUtcMs(iso)) === iso;
}

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Offset of Paris from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function parisOffsetMinutes(at: Date): number {
  const p = Object.fromEntries(parisParts.formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant of a Paris wall-clock time ("09:00") on a date. */
export function parisTime(iso: TIsoDate, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  const guess = toUtcMs(iso) + ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
  let at = new Date(guess - parisOffsetMinutes(new Date(guess)) * 60_000);
  at = new Date(guess - parisOffsetMinutes(at) * 60_000);
  return at;
}

/** The Paris calendar date of an instant. */
export function parisDateOf(at: Date): TIsoDate {
  return fromUtcMs(at.getTime() + parisOffsetMinutes(at) * 60_000);
}

/** "HH:MM" in Paris. */
export function parisClockOf(at: Date): string {
  return new Date(at.getTime() + parisOffsetMinutes(at) * 60_000).toISOString().slice(11, 16);
}
