/**
 * The learner's workspace (decision 023), pure: when a journal entry may still change or be unshared,
 * and the monthly pace of personal work against the 2 to 4 days a month the programme expects.
 */
import { EXPECTED_DAYS_PER_MONTH, HOURS_PER_WORK_DAY } from '../../../shared/vocabulary/followup.js';

export type TEntryFacts = { sharedAt: Date | null; readAt: Date | null };

/** Once a teacher has read a shared entry, it is part of the accompaniment: it stays shared and as read. */
export const entryFrozen = (e: TEntryFacts) => e.readAt !== null;

export function checkUnshare(e: TEntryFacts): string | null {
  if (!e.sharedAt) return null;
  return e.readAt ? 'Votre enseignant·e a déjà lu cette entrée : elle reste partagée.' : null;
}

export function checkEntryChange(e: TEntryFacts): string | null {
  return entryFrozen(e) ? 'Votre enseignant·e a déjà lu cette entrée : elle ne change plus (écrivez-en une nouvelle).' : null;
}

/** A private entry may be deleted; a shared one must first be unshared (and a read one never is). */
export function checkDelete(e: TEntryFacts): string | null {
  if (e.readAt) return 'Votre enseignant·e a déjà lu cette entrée : elle ne se supprime plus.';
  if (e.sharedAt) return 'Cessez d’abord de partager cette entrée.';
  return null;
}

export type TPaceStatus = 'below' | 'within' | 'above';
export type TMonthPace = { month: string; minutes: number; hours: number; days: number; status: TPaceStatus };

export const EXPECTED_MINUTES_PER_MONTH = {
  min: EXPECTED_DAYS_PER_MONTH.min * HOURS_PER_WORK_DAY * 60,
  max: EXPECTED_DAYS_PER_MONTH.max * HOURS_PER_WORK_DAY * 60,
} as const;

export function paceStatus(minutes: number): TPaceStatus {
  if (minutes < EXPECTED_MINUTES_PER_MONTH.min) return 'below';
  if (minutes > EXPECTED_MINUTES_PER_MONTH.max) return 'above';
  return 'within';
}

const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

/**
 * One row per month from the first month logged (or `from`) to `until` ("YYYY-MM"), months without a
 * log included at 0: a month with nothing logged is a month below the pace, not a missing bar.
 */
export function monthlyPace(totals: readonly { month: string; minutes: number }[], until: string, from?: string): TMonthPace[] {
  const byMonth = new Map<string, number>();
  for (const t of totals) byMonth.set(t.month, (byMonth.get(t.month) ?? 0) + t.minutes);
  const months = [...byMonth.keys(), ...(from ? [from] : [])].sort();
  const first = months[0];
  if (!first) return [];
  const last = [...months, until].sort().at(-1)!;
  const rows: TMonthPace[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) {
    const minutes = byMonth.get(m) ?? 0;
    rows.push({ month: m, minutes, hours: Math.round((minutes / 60) * 100) / 100, days: Math.round((minutes / 60 / HOURS_PER_WORK_DAY) * 100) / 100, status: paceStatus(minutes) });
  }
  return rows;
}
