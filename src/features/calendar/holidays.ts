/**
 * Public holidays (etalab data copied into data/holidays/, computed by @socialgouv/jours-feries for
 * other years) and school holidays per zone. Read once per process; the rules get plain sets.
 */
import fs from 'node:fs';
import path from 'node:path';
import joursFeries from '@socialgouv/jours-feries';
import { addDays, type TIsoDate } from './calendar.dates.js';

const DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../data/holidays');

/** The zone of a centre is data of the centre (`centres.school_zone`), not a constant here. */
import { SCHOOL_ZONE_VALUES as SCHOOL_ZONES, type TSchoolZone } from '../../shared/vocabulary/centres.js';
export { SCHOOL_ZONES, type TSchoolZone };

let publicCache: Map<TIsoDate, string> | null = null;
let schoolCache: { lastKnown: TIsoDate; zones: Record<TSchoolZone, Set<TIsoDate>> } | null = null;

/**
 * The library steps from Easter in 24-hour days from local midnight, so where a DST change falls in
 * between (time zones whose DST ends in April) it lands at 23:00 the day before: the nearest local
 * midnight is the day meant.
 */
const localIso = (d: Date) => {
  const day = new Date(d.getTime() + 12 * 3_600_000);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
};

/** Public holidays (date → French name) for the years of [from, to]. */
export function publicHolidaysBetween(from: TIsoDate, to: TIsoDate): Map<TIsoDate, string> {
  if (!publicCache) {
    publicCache = new Map(Object.entries(JSON.parse(fs.readFileSync(path.join(DIR, 'jours_feries_metropole.json'), 'utf8')) as Record<string, string>));
  }
  const result = new Map<TIsoDate, string>();
  const known = [...publicCache.keys()].map((d) => Number(d.slice(0, 4)));
  const [minYear, maxYear] = [Math.min(...known), Math.max(...known)];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    if (year >= minYear && year <= maxYear) {
      for (const [d, name] of publicCache) if (d.startsWith(`${year}-`)) result.set(d, name);
    } else {
      for (const [name, date] of Object.entries(joursFeries(year) as Record<string, Date>)) {
        // Alsace-Moselle days are not in the metropolitan list.
        if (name === 'Vendredi Saint' || name === 'Saint Étienne') continue;
        result.set(localIso(date), name);
      }
    }
  }
  return result;
}

/**
 * School holiday days of a zone in the initial-load file (data/holidays/vacances_scolaires.json, the
 * same rows as migration 0007). The application reads the database (`school-holidays.service.ts`),
 * where administrators import later years; this reader serves the pure tests.
 */
export function schoolHolidays(zone: TSchoolZone): { days: Set<TIsoDate>; lastKnown: TIsoDate } {
  if (!schoolCache) {
    const data = JSON.parse(fs.readFileSync(path.join(DIR, 'vacances_scolaires.json'), 'utf8')) as { zones: Record<TSchoolZone, [string, string, string][]> };
    const zones = { A: new Set<TIsoDate>(), B: new Set<TIsoDate>(), C: new Set<TIsoDate>() };
    let lastKnown = '2006-01-01';
    for (const z of SCHOOL_ZONES) {
      for (const [first, last] of data.zones[z]) {
        for (let d = first; d <= last; d = addDays(d, 1)) zones[z].add(d);
        if (last > lastKnown) lastKnown = last;
      }
    }
    schoolCache = { lastKnown, zones };
  }
  return { days: schoolCache.zones[zone], lastKnown: schoolCache.lastKnown };
}
