/**
 * The calendar generator and the editing of residencies, as pure functions. Holidays come in as
 * sets of ISO dates (loaded by the service from @socialgouv/jours-feries and data/holidays/), so
 * these rules never read a file or the clock.
 */
import { addDays, daysBetween, isWeekend, mondayOf, type TIsoDate } from './calendar.dates.js';
import type { TResidencyKind } from './calendar.tables.js';

export type TProposedResidency = { kind: TResidencyKind; label: string; days: TIsoDate[] };

export type TGeneratorInput = {
  startsOn: TIsoDate;
  /** Weeks on site (14 for RNCP 41336), each of `daysPerResidency` consecutive working days. */
  onSiteWeeks: number;
  daysPerResidency: number;
  remoteDays: number;
  defenseDays: number;
  /** Length of the programme; residencies are spread over it ("about every two months"). */
  durationWeeks: number;
  publicHolidays: ReadonlySet<TIsoDate>;
  /** School holidays of the centre's zone, when the option is chosen: avoided when possible. */
  schoolHolidays?: ReadonlySet<TIsoDate>;
};

export const isWorkingDay = (iso: TIsoDate, publicHolidays: ReadonlySet<TIsoDate>) => !isWeekend(iso) && !publicHolidays.has(iso);

/** The first working day on or after `iso`. */
export function nextWorkingDay(iso: TIsoDate, publicHolidays: ReadonlySet<TIsoDate>): TIsoDate {
  let d = iso;
  while (!isWorkingDay(d, publicHolidays)) d = addDays(d, 1);
  return d;
}

/** `count` consecutive working days from `start` (weekends and public holidays skipped). */
export function workingDaysFrom(start: TIsoDate, count: number, publicHolidays: ReadonlySet<TIsoDate>): TIsoDate[] {
  const days: TIsoDate[] = [];
  let d = start;
  while (days.length < count) {
    if (isWorkingDay(d, publicHolidays)) days.push(d);
    d = addDays(d, 1);
  }
  return days;
}

/** Candidate start days around a target, nearest weeks first, later before earlier. */
const WEEK_SHIFTS = [0, 1, -1, 2, -2, 3, -3, 4, 5, 6];

/**
 * Picks a block of `count` working days near `target`, after `notBefore`. Preference order: a block
 * with no public holiday inside and no school holiday; then no school holiday; then the target block.
 */
function placeBlock(target: TIsoDate, count: number, notBefore: TIsoDate, input: TGeneratorInput): TIsoDate[] {
  const candidates = WEEK_SHIFTS.map((w) => addDays(target, 7 * w))
    .filter((start) => start >= notBefore)
    .map((start) => workingDaysFrom(nextWorkingDay(start, input.publicHolidays), count, input.publicHolidays));
  const school = input.schoolHolidays ?? new Set<TIsoDate>();
  const noSchool = (b: TIsoDate[]) => b.every((d) => !school.has(d));
  // Five working days spanning more calendar days than a plain Monday–Friday week had a holiday or weekend inside.
  const compact = (b: TIsoDate[]) => daysBetween(b[0]!, b[b.length - 1]!) === count - 1 || (count > 5 && daysBetween(b[0]!, b[b.length - 1]!) <= count + 1);
  return (
    candidates.find((b) => compact(b) && noSchool(b)) ??
    candidates.find(noSchool) ??
    candidates[0] ??
    workingDaysFrom(nextWorkingDay(notBefore, input.publicHolidays), count, input.publicHolidays)
  );
}

/**
 * Two years of residencies: `onSiteWeeks` blocks at a regular interval, `remoteDays` single remote
 * days between them, then the soutenance days after the last residency.
 */
export function generateCalendar(input: TGeneratorInput): TProposedResidency[] {
  const weeks = Math.max(1, input.onSiteWeeks);
  // Leave room for the soutenances at the end: the last residency comes one interval before them.
  const intervalWeeks = Math.max(1, Math.floor(input.durationWeeks / (weeks + 1)));
  // Residencies start on Mondays: the first is the week of the start date (or the next, if that Monday has passed).
  const first = mondayOf(input.startsOn);
  const onSite: TProposedResidency[] = [];
  let notBefore = input.startsOn;
  for (let i = 0; i < weeks; i++) {
    const target = addDays(first, i * intervalWeeks * 7);
    const days = placeBlock(target, input.daysPerResidency, notBefore, input);
    onSite.push({ kind: 'on_site', label: `Regroupement ${i + 1}`, days });
    notBefore = addDays(days[days.length - 1]!, 1);
  }

  const taken = new Set(onSite.flatMap((r) => r.days));
  const remote: TProposedResidency[] = [];
  for (let i = 1; i <= input.remoteDays; i++) {
    // Spread the remote days evenly between residencies, midway through an interval.
    const after = onSite[Math.min(onSite.length - 1, Math.max(0, Math.round((i * weeks) / (input.remoteDays + 1)) - 1))]!;
    let day = nextWorkingDay(addDays(after.days[after.days.length - 1]!, Math.max(3, Math.floor((intervalWeeks * 7) / 2))), input.publicHolidays);
    while (taken.has(day)) day = nextWorkingDay(addDays(day, 1), input.publicHolidays);
    taken.add(day);
    remote.push({ kind: 'remote', label: `Journée à distance ${i}`, days: [day] });
  }

  const result = [...onSite, ...remote];
  if (input.defenseDays > 0) {
    const last = [...taken].sort().at(-1) ?? input.startsOn;
    const target = addDays(onSite[onSite.length - 1]?.days[0] ?? first, intervalWeeks * 7);
    const days = placeBlock(target > last ? target : addDays(last, 7), input.defenseDays, addDays(last, 1), input);
    result.push({ kind: 'defense', label: 'Soutenances', days });
  }
  return result.sort((a, b) => (a.days[0]! < b.days[0]! ? -1 : 1));
}

export type TDayIssue = { index: number; message: string };

/**
 * Problems with the days of one residency: not a date, a weekend, a public holiday, a duplicate, or
 * a day already in another residency of the promotion. Returns French messages with the day's index.
 */
export function checkResidencyDays(
  days: readonly string[],
  context: { publicHolidays: ReadonlySet<TIsoDate>; holidayNames?: ReadonlyMap<TIsoDate, string>; otherDays: ReadonlySet<TIsoDate> },
): TDayIssue[] {
  const issues: TDayIssue[] = [];
  const seen = new Set<string>();
  days.forEach((d, index) => {
    if (seen.has(d)) issues.push({ index, message: `Le ${frDate(d)} figure deux fois.` });
    seen.add(d);
    if (isWeekend(d)) issues.push({ index, message: `Le ${frDate(d)} tombe un week-end.` });
    if (context.publicHolidays.has(d)) {
      const name = context.holidayNames?.get(d);
      issues.push({ index, message: `Le ${frDate(d)} est un jour férié${name ? ` (${name})` : ''}.` });
    }
    if (context.otherDays.has(d)) issues.push({ index, message: `Le ${frDate(d)} appartient déjà à un autre regroupement.` });
  });
  if (days.length === 0) issues.push({ index: 0, message: 'Un regroupement compte au moins un jour.' });
  return issues;
}

/** Moves a residency so that it starts on `newStart` (or the next working day), keeping its number of days. */
export function moveDays(days: readonly TIsoDate[], newStart: TIsoDate, publicHolidays: ReadonlySet<TIsoDate>): TIsoDate[] {
  return workingDaysFrom(nextWorkingDay(newStart, publicHolidays), days.length, publicHolidays);
}

/** Splits at `atDay`: the days before it, and the days from it on. Both parts must be non-empty. */
export function splitDays(days: readonly TIsoDate[], atDay: TIsoDate): [TIsoDate[], TIsoDate[]] | null {
  const sorted = [...days].sort();
  const before = sorted.filter((d) => d < atDay);
  const after = sorted.filter((d) => d >= atDay);
  return before.length && after.length ? [before, after] : null;
}

export function frDate(iso: TIsoDate): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
