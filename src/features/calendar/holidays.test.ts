/**
 * The public holidays the calendar generator avoids, checked against oracles that do not go through
 * the loader: the official dataset copied into `tests/fixtures/holidays-fr/` (2006–2031, see its
 * README) and, for the years it does not cover, a hand-written table of Easter Sundays with the list
 * of public holidays of the Code du travail (art. L3133-1).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { publicHolidaysBetween } from './holidays.js';

/** The official CSV: `date,annee,zone,nom_jour_ferie`, one line per holiday of metropolitan France. */
const official = fs
  .readFileSync('tests/fixtures/holidays-fr/jours_feries_metropole.csv', 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [date, year, zone, name] = line.split(',');
    return { date: date!, year: Number(year), zone: zone!, name: name! };
  });

const officialDates = (year: number) =>
  official
    .filter((h) => h.year === year)
    .map((h) => h.date)
    .sort();

/**
 * Easter Sunday, written by hand from the published tables of Easter dates (Gregorian computus;
 * e.g. the Bureau des longitudes / IMCCE table). 2024–2031 are checked below against the official
 * dataset's Easter Mondays, so a typo here shows up.
 */
const EASTER_SUNDAY: Record<number, string> = {
  2024: '2024-03-31',
  2025: '2025-04-20',
  2026: '2026-04-05',
  2027: '2027-03-28',
  2028: '2028-04-16',
  2029: '2029-04-01',
  2030: '2030-04-21',
  2031: '2031-04-13',
  2032: '2032-03-28',
  2033: '2033-04-17',
  2034: '2034-04-09',
  2035: '2035-03-25',
};

/** Days after an ISO date, by calendar arithmetic in UTC (no local time involved). */
const plusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The eleven public holidays of metropolitan France (Code du travail, art. L3133-1) for a year. */
function lawHolidays(year: number): string[] {
  const easter = EASTER_SUNDAY[year]!;
  return [
    `${year}-01-01`,
    plusDays(easter, 1), // lundi de Pâques
    `${year}-05-01`,
    `${year}-05-08`,
    plusDays(easter, 39), // Ascension
    plusDays(easter, 50), // lundi de Pentecôte
    `${year}-07-14`,
    `${year}-08-15`,
    `${year}-11-01`,
    `${year}-11-11`,
    `${year}-12-25`,
  ].sort();
}

const loadedDates = (year: number) => [...publicHolidaysBetween(`${year}-01-01`, `${year}-12-31`).keys()].sort();
const OFFICIAL_YEARS = [2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031];
const LATER_YEARS = [2032, 2033, 2034, 2035];

describe('the oracles agree with each other', () => {
  it('the official dataset has the eleven holidays of the law each year 2024–2031, Easter Monday included', () => {
    for (const year of OFFICIAL_YEARS) expect(officialDates(year), String(year)).toEqual(lawHolidays(year));
    for (const year of OFFICIAL_YEARS) {
      expect(official.find((h) => h.year === year && h.name === 'Lundi de Pâques')?.date, String(year)).toBe(plusDays(EASTER_SUNDAY[year]!, 1));
    }
  });
});

describe('public holidays of metropolitan France, 2024–2035', () => {
  it('each year 2024–2031 is exactly the official list', () => {
    for (const year of OFFICIAL_YEARS) expect(loadedDates(year), String(year)).toEqual(officialDates(year));
  });

  it('each year 2032–2035, after the official dataset ends, has the eleven holidays of the law', () => {
    for (const year of LATER_YEARS) expect(loadedDates(year), String(year)).toEqual(lawHolidays(year));
  });

  it('Easter Monday is a public holiday every year, named as such', () => {
    for (const year of [...OFFICIAL_YEARS, ...LATER_YEARS]) {
      const monday = plusDays(EASTER_SUNDAY[year]!, 1);
      expect(publicHolidaysBetween(`${year}-01-01`, `${year}-12-31`).get(monday), monday).toBe('Lundi de Pâques');
    }
  });

  it('one call over 2024–2035 returns all 132 holidays, the later years included', () => {
    const all = publicHolidaysBetween('2024-01-01', '2035-12-31');
    const expected = [...OFFICIAL_YEARS.flatMap(officialDates), ...LATER_YEARS.flatMap(lawHolidays)].sort();
    expect([...all.keys()].sort()).toEqual(expected);
    expect(expected).toHaveLength(12 * 11);
  });

  it('the dates do not depend on the server’s time zone (one whose DST ends in April, one in Europe)', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['Pacific/Auckland', 'Europe/Paris']) {
        process.env.TZ = tz;
        for (const year of LATER_YEARS) expect(loadedDates(year), `${tz} ${year}`).toEqual(lawHolidays(year));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('no Alsace-Moselle day (Vendredi saint, 26 décembre) in the metropolitan list', () => {
    const all = publicHolidaysBetween('2024-01-01', '2035-12-31');
    for (const year of [...OFFICIAL_YEARS, ...LATER_YEARS]) {
      expect(all.has(plusDays(EASTER_SUNDAY[year]!, -2)), `Vendredi saint ${year}`).toBe(false);
      expect(all.has(`${year}-12-26`), `26 décembre ${year}`).toBe(false);
    }
  });
});
