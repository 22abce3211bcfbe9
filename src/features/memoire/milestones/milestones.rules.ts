/**
 * Pure rules of the mémoire's milestones (decision 022): the due dates proposed from a promotion's
 * calendar, a learner's status on a milestone, which reminder is due on a given day.
 */
import { MILESTONE_KIND_VALUES, type TMilestoneKind, type TMilestoneStatus } from '../../../shared/vocabulary/memoire-milestones.js';

const DAY_MS = 86_400_000;
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
export const addDays = (iso: string, n: number) => new Date(ms(iso) + n * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) => Math.round((ms(to) - ms(from)) / DAY_MS);

/** Reminders sent before a due date, in days (a week before, the day before). */
export const DEFAULT_REMINDER_DAYS = [7, 1] as const;

/** The final deposit comes this long before the soutenances, so the jury can read the mémoire. */
export const FINAL_DEPOSIT_LEAD_DAYS = 28;

export type TResidencyDates = { kind: string; startsOn: string };

/**
 * Due dates proposed from the promotion's calendar. The five milestones of the writing are spread over
 * its on-site residencies: milestone i (1…5) is due the eve of residency ⌈i·n/6⌉ + 1 (n residencies, never
 * the first), so that each is discussed at the atelier of the residency that follows it — with the
 * two-year rhythm of 12 residencies: the eves of the 3rd, 5th, 7th, 9th and 11th. The final deposit is
 * due four weeks before the soutenances (the first `defense` residency, else the promotion's last day).
 * Without two on-site residencies, the six are spread evenly between the promotion's first and last days.
 * Dates never go backwards: each is at least the previous one.
 */
export function proposeDueDates(residencies: TResidencyDates[], cohort: { startsOn: string; endsOn: string }): Record<TMilestoneKind, string> {
  const onSite = residencies.filter((r) => r.kind === 'on_site').map((r) => r.startsOn).sort();
  const defense = residencies.filter((r) => r.kind === 'defense').map((r) => r.startsOn).sort()[0];
  const end = defense ?? cohort.endsOn;
  const finalDeposit = maxDate(cohort.startsOn, addDays(end, -FINAL_DEPOSIT_LEAD_DAYS));
  const writing = MILESTONE_KIND_VALUES.slice(0, 5);
  const dates: string[] = [];
  if (onSite.length >= 2) {
    const n = onSite.length;
    writing.forEach((_, idx) => {
      const residency = Math.min(n, Math.max(2, Math.ceil(((idx + 1) * n) / 6) + 1));
      // The eve of the residency, never before the promotion starts (a residency on its first day).
      dates.push(maxDate(cohort.startsOn, addDays(onSite[residency - 1]!, -1)));
    });
  } else {
    const span = daysBetween(cohort.startsOn, finalDeposit);
    writing.forEach((_, idx) => dates.push(addDays(cohort.startsOn, Math.round(((idx + 1) * span) / 6))));
  }
  dates.push(finalDeposit);
  for (let i = 1; i < dates.length; i++) dates[i] = maxDate(dates[i - 1]!, dates[i]!);
  return Object.fromEntries(MILESTONE_KIND_VALUES.map((k, i) => [k, dates[i]!])) as Record<TMilestoneKind, string>;
}

const maxDate = (a: string, b: string) => (a > b ? a : b);

/** Done, or to do — late once the due day is over (Paris calendar day `today`). */
export function milestoneStatus(dueOn: string | null, doneAt: Date | null, today: string): TMilestoneStatus {
  if (doneAt) return 'done';
  return dueOn && dueOn < today ? 'late' : 'todo';
}

/**
 * The reminder to send today for a milestone due on `dueOn` that is not done, or null. With reminders
 * at 7 and 1 days: from 7 days before, the « 7 » one; from the day before to the due day itself, the « 1 »
 * one. A milestone set 3 days ahead gets the « 7 » one at once (its text says 3 days), then the « 1 ».
 * Nothing once the day is over: the learner is late, which the dashboards say.
 */
export function reminderDue(dueOn: string, today: string, reminderDays: readonly number[] = DEFAULT_REMINDER_DAYS): number | null {
  const left = daysBetween(today, dueOn);
  if (left < 0) return null;
  const candidates = reminderDays.filter((n) => n >= left);
  return candidates.length ? Math.min(...candidates) : null;
}

/** « dans 3 jours », « demain », « aujourd’hui ». */
export function daysLeftLabel(left: number): string {
  if (left <= 0) return 'aujourd’hui';
  if (left === 1) return 'demain';
  return `dans ${left} jours`;
}
