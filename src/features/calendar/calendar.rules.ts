/**
 * The calendar generator and the editing of residencies, as pure functions. Holidays come in as
 * sets of ISO dates (loaded by the service from @socialgouv/jours-feries and data/holidays/), so
 * these rules never read a file or the clock.
 */
import { addDays, daysBetween, isWeekend, mondayOf, weekdayOf, type TIsoDate } from './calendar.dates.js';
import type { TResidencyKind } from './calendar.tables.js';

export type TProposedResidency = { kind: TResidencyKind; label: string; days: TIsoDate[] };

export type TGeneratorInput = {
  /** The first day chosen for the first residency; inside the promotion (see `checkFirstDay`). */
  startsOn: TIsoDate;
  /** The promotion's last day: every day planned is on or before it, the soutenances in its last weeks. */
  endsOn: TIsoDate;
  /** Weeks on site (14 for RNCP 41336), each of `daysPerResidency` consecutive working days. */
  onSiteWeeks: number;
  daysPerResidency: number;
  remoteDays: number;
  defenseDays: number;
  publicHolidays: ReadonlySet<TIsoDate>;
  /** School holidays of the centre's zone, when the option is chosen: avoided when possible. */
  schoolHolidays?: ReadonlySet<TIsoDate>;
};

/** The soutenances fall in the promotion's last weeks: they start at most this many days before its end. */
export const DEFENSE_WINDOW_DAYS = 42;
/** Below this spacing the residencies would be crammed: the first day is too late. */
export const MIN_INTERVAL_DAYS = 21;

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

/**
 * Candidate start days around a target, nearest weeks first, later before earlier: one week off at
 * most when residencies are less than seven weeks apart, two otherwise, so the rhythm stays regular.
 */
const weekShifts = (intervalDays: number) => (intervalDays >= 49 ? [0, 1, -1, 2, -2] : [0, 1, -1]);

/**
 * Picks a block of `count` working days near `target`, inside [notBefore, notAfter]. Preference order:
 * a block with no public holiday inside and no school holiday; then no school holiday; then the
 * nearest block that fits.
 */
function placeBlock(target: TIsoDate, count: number, window: { notBefore: TIsoDate; notAfter: TIsoDate; latestWideStart?: TIsoDate }, input: TGeneratorInput, shifts: number[]): TIsoDate[] {
  const candidates = shifts
    .map((w) => addDays(target, 7 * w))
    .map((start) => workingDaysFrom(nextWorkingDay(start < window.notBefore ? window.notBefore : start, input.publicHolidays), count, input.publicHolidays))
    .filter((b) => b.at(-1)! <= window.notAfter);
  const school = input.schoolHolidays ?? new Set<TIsoDate>();
  const noSchool = (b: TIsoDate[]) => b.every((d) => !school.has(d));
  // Five working days spanning more calendar days than a plain Monday–Friday week had a holiday or weekend inside.
  const compact = (b: TIsoDate[]) => daysBetween(b[0]!, b[b.length - 1]!) === count - 1 || (count > 5 && daysBetween(b[0]!, b[b.length - 1]!) <= count + 1);
  const found = candidates.find((b) => compact(b) && noSchool(b)) ?? candidates.find(noSchool);
  if (found || !input.schoolHolidays) return found ?? candidates[0] ?? fallback(count, window, input);
  // The summer holidays last eight or nine weeks: out of them, up to five weeks off, never within ten days of the previous residency nor two weeks of the next one's target.
  const wide = [3, -3, 4, -4, 5, -5]
    .map((w) => addDays(target, 7 * w))
    .filter((start) => start >= addDays(window.notBefore, 10) && (!window.latestWideStart || start <= window.latestWideStart))
    .map((start) => workingDaysFrom(nextWorkingDay(start, input.publicHolidays), count, input.publicHolidays))
    .filter((b) => b.at(-1)! <= window.notAfter);
  return wide.find((b) => compact(b) && noSchool(b)) ?? wide.find(noSchool) ?? candidates[0] ?? fallback(count, window, input);
}

const fallback = (count: number, window: { notBefore: TIsoDate }, input: TGeneratorInput) =>
  workingDaysFrom(nextWorkingDay(window.notBefore, input.publicHolidays), count, input.publicHolidays);

/** Where the soutenances go: a Monday about two weeks before the promotion's end (its last ~6 weeks). */
function defenseTarget(endsOn: TIsoDate): TIsoDate {
  return mondayOf(addDays(endsOn, -14));
}

/**
 * Why a first day cannot be used for a promotion running [promotionStart, promotionEnd], in French
 * naming « premier jour », or null. The residencies need at least MIN_INTERVAL_DAYS between them.
 */
export function checkFirstDay(firstDay: TIsoDate, promotion: { startsOn: TIsoDate; endsOn: TIsoDate }, onSiteWeeks: number): string | null {
  if (firstDay < promotion.startsOn) {
    return `Le premier jour (${frDate(firstDay)}) est avant le début de la promotion (${frDate(promotion.startsOn)}).`;
  }
  if (firstDay > promotion.endsOn) {
    return `Le premier jour (${frDate(firstDay)}) est après la fin de la promotion (${frDate(promotion.endsOn)}).`;
  }
  if (daysBetween(firstDay, defenseTarget(promotion.endsOn)) < MIN_INTERVAL_DAYS * Math.max(1, onSiteWeeks)) {
    return `Le premier jour (${frDate(firstDay)}) laisse trop peu de temps avant la fin de la promotion (${frDate(promotion.endsOn)}) pour ${onSiteWeeks} regroupements et les soutenances.`;
  }
  return null;
}

/**
 * The residencies of a promotion (seed 001: « cinq jours tous les deux mois environ » over two
 * years): `onSiteWeeks` blocks spread at a regular interval from the first day to the soutenances,
 * which fall in the promotion's last weeks; `remoteDays` single remote days midway between
 * residencies. Every day lies in [startsOn, endsOn] (the caller checks the first day first).
 */
export function generateCalendar(input: TGeneratorInput): TProposedResidency[] {
  const weeks = Math.max(1, input.onSiteWeeks);
  const defenseAt = defenseTarget(input.endsOn);
  // n residencies, then the soutenances one interval after the last: n equal intervals from the first day.
  const intervalDays = daysBetween(input.startsOn, defenseAt) / weeks;
  const onSite: TProposedResidency[] = [];
  let notBefore = input.startsOn;
  // The last residency ends a week before the soutenances' window at the latest.
  const lastOnSiteDay = addDays(input.endsOn, -DEFENSE_WINDOW_DAYS - 1);
  for (let i = 0; i < weeks; i++) {
    // The first residency starts on the first day chosen; the others on the Monday nearest their share of the span.
    const target = i === 0 ? input.startsOn : mondayOf(addDays(input.startsOn, Math.round(i * intervalDays) + 3));
    const nextTarget = mondayOf(addDays(input.startsOn, Math.round((i + 1) * intervalDays) + 3));
    // The first residency keeps the first day chosen, holidays or not (no wide shift).
    const window = { notBefore, notAfter: lastOnSiteDay, latestWideStart: i === 0 ? addDays(notBefore, -1) : addDays(nextTarget, -14) };
    const days = placeBlock(target, input.daysPerResidency, window, input, i === 0 ? [0] : weekShifts(intervalDays));
    onSite.push({ kind: 'on_site', label: `Regroupement ${i + 1}`, days });
    notBefore = addDays(days[days.length - 1]!, 1);
  }

  const taken = new Set(onSite.flatMap((r) => r.days));
  const remote: TProposedResidency[] = [];
  for (let i = 1; i <= input.remoteDays; i++) {
    // Spread the remote days evenly between residencies, midway through an interval.
    const after = onSite[Math.min(onSite.length - 2, Math.max(0, Math.round((i * weeks) / (input.remoteDays + 1)) - 1))] ?? onSite[0]!;
    let day = nextWorkingDay(addDays(after.days[after.days.length - 1]!, Math.max(3, Math.floor(intervalDays / 2))), input.publicHolidays);
    while (taken.has(day)) day = nextWorkingDay(addDays(day, 1), input.publicHolidays);
    taken.add(day);
    remote.push({ kind: 'remote', label: `Journée à distance ${i}`, days: [day] });
  }

  const result = [...onSite, ...remote];
  if (input.defenseDays > 0) {
    const last = [...taken].sort().at(-1) ?? input.startsOn;
    const window = { notBefore: maxIso(addDays(last, 1), addDays(input.endsOn, -DEFENSE_WINDOW_DAYS)), notAfter: input.endsOn };
    const days = placeBlock(defenseAt, input.defenseDays, window, input, [0, -1, 1, -2, -3, -4]);
    result.push({ kind: 'defense', label: 'Soutenances', days });
  }
  return result.sort((a, b) => (a.days[0]! < b.days[0]! ? -1 : 1));
}

const maxIso = (a: TIsoDate, b: TIsoDate) => (a > b ? a : b);

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

const WEEKDAY_NAMES = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const shortDate = (iso: TIsoDate) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;

/**
 * The days a move gives, and why they are not the ones asked for: « Le 25/12/2026 est un jour férié
 * (Jour de Noël) : le regroupement commence le 28/12 », and each public holiday skipped inside it.
 */
export function explainMove(days: readonly TIsoDate[], newStart: TIsoDate, publicHolidays: ReadonlySet<TIsoDate>, names: ReadonlyMap<TIsoDate, string>) {
  const moved = moveDays(days, newStart, publicHolidays);
  const notes: string[] = [];
  const why = (d: TIsoDate) => (publicHolidays.has(d) ? `est un jour férié${names.get(d) ? ` (${names.get(d)})` : ''}` : `tombe un ${WEEKDAY_NAMES[weekdayOf(d)]}`);
  if (moved[0] !== newStart) notes.push(`Le ${frDate(newStart)} ${why(newStart)} : le regroupement commence le ${shortDate(moved[0]!)}.`);
  for (let d = addDays(moved[0]!, 1); d < moved.at(-1)!; d = addDays(d, 1)) {
    if (publicHolidays.has(d) && !isWeekend(d)) {
      notes.push(`Le ${frDate(d)} ${why(d)} : il est sauté, le regroupement garde ses ${moved.length} jours (du ${shortDate(moved[0]!)} au ${frDate(moved.at(-1)!)}).`);
    }
  }
  return { days: moved, notes };
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
