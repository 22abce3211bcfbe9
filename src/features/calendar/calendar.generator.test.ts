/**
 * The generator against the programme as published (seed 001: « La formation se déroule sur deux
 * années au rythme de cinq jours tous les deux mois environ, soit 14 semaines en présentiel et trois
 * jours en distanciel » and « trois jours de soutenances »), for random promotions. The counts come
 * from the version files of data/certifications, not from the generator's defaults.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isWeekend } from './calendar.dates.js';
import { checkFirstDay, generateCalendar } from './calendar.rules.js';
import { publicHolidaysBetween, schoolHolidays } from './holidays.js';

const HOLIDAYS = new Set(publicHolidaysBetween('2006-01-01', '2045-12-31').keys());
const DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../data/certifications');
const COUNTS = fs
  .readdirSync(DIR)
  .map((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as { code: string; hours?: { weeksOnSite?: number; remoteDays?: number; defenseDays?: number } | null })
  .filter((v) => v.hours?.weeksOnSite)
  .map((v) => ({ code: v.code, onSite: v.hours!.weeksOnSite!, remote: v.hours!.remoteDays ?? 0, defense: v.hours!.defenseDays ?? 0 }));

/** Adds calendar months, keeping the day of the month when it exists (31 → last day). */
function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const arbPromotion = fc.record({
  startsOn: fc.integer({ min: 0, max: 365 * 15 }).map((n) => addDays('2012-01-01', n)),
  months: fc.integer({ min: 18, max: 30 }),
  firstDayOffset: fc.integer({ min: 0, max: 21 }),
  counts: fc.constantFrom(...COUNTS),
  school: fc.boolean(),
});

describe('calendar generator over a promotion', () => {
  it('reads 14 weeks, 3 remote days and 3 soutenance days from the versions (seed 001)', () => {
    expect(COUNTS.length).toBeGreaterThanOrEqual(2);
    for (const c of COUNTS) expect(c).toMatchObject({ onSite: 14, remote: 3, defense: 3 });
  });

  it('keeps every day inside the promotion, spreads the residencies regularly over its span and puts the soutenances in its last six weeks', () => {
    fc.assert(
      fc.property(arbPromotion, ({ startsOn, months, firstDayOffset, counts, school }) => {
        const endsOn = addDays(addMonths(startsOn, months), -1);
        const firstDay = addDays(startsOn, firstDayOffset);
        expect(checkFirstDay(firstDay, { startsOn, endsOn }, counts.onSite)).toBeNull();
        const plan = generateCalendar({
          startsOn: firstDay,
          endsOn,
          onSiteWeeks: counts.onSite,
          daysPerResidency: 5,
          remoteDays: counts.remote,
          defenseDays: counts.defense,
          publicHolidays: HOLIDAYS,
          schoolHolidays: school ? schoolHolidays('C').days : undefined,
        });
        const all = plan.flatMap((r) => r.days);
        for (const d of all) {
          expect(d >= firstDay && d <= endsOn).toBe(true);
          expect(isWeekend(d) || HOLIDAYS.has(d)).toBe(false);
        }
        expect(new Set(all).size).toBe(all.length);
        const onSite = plan.filter((r) => r.kind === 'on_site');
        expect(onSite).toHaveLength(counts.onSite);
        expect(plan.filter((r) => r.kind === 'remote')).toHaveLength(counts.remote);

        // Soutenances: the promotion's last six weeks, after every residency.
        const defense = plan.filter((r) => r.kind === 'defense').flatMap((r) => r.days);
        expect(defense).toHaveLength(counts.defense);
        expect(daysBetween(defense[0]!, endsOn)).toBeLessThanOrEqual(42);
        expect(defense[0]! > all.filter((d) => !defense.includes(d)).sort().at(-1)!).toBe(true);

        // Regular: residency i starts within five weeks of its share of the span, from the first day to
        // about two and a half weeks before the end (two weeks' shift off a holiday, the Monday, a bridge;
        // six weeks when the summer school holidays are avoided).
        const span = daysBetween(firstDay, endsOn) - 17;
        const ideal = span / counts.onSite;
        onSite.forEach((r, i) => expect(Math.abs(daysBetween(firstDay, r.days[0]!) - i * ideal)).toBeLessThanOrEqual(school ? 42 : 35));
        // Never fewer than two weeks from one residency's start to the next.
        for (let i = 1; i < onSite.length; i++) expect(daysBetween(onSite[i - 1]!.days[0]!, onSite[i]!.days[0]!)).toBeGreaterThanOrEqual(14);
        expect(daysBetween(onSite[0]!.days[0]!, firstDay)).toBeLessThanOrEqual(0);
        expect(daysBetween(firstDay, onSite[0]!.days[0]!)).toBeLessThanOrEqual(3);
        // Spread over the whole span: the last residency is in the promotion's last four months.
        expect(daysBetween(onSite.at(-1)!.days[0]!, endsOn)).toBeLessThanOrEqual(122);
      }),
      { numRuns: 200 },
    );
  });

  it('spaces the residencies of a two-year promotion about every two months, not six weeks (seed 001)', () => {
    const plan = generateCalendar({
      startsOn: '2024-11-04',
      endsOn: '2026-10-30',
      onSiteWeeks: 14,
      daysPerResidency: 5,
      remoteDays: 3,
      defenseDays: 3,
      publicHolidays: HOLIDAYS,
    });
    const starts = plan.filter((r) => r.kind === 'on_site').map((r) => r.days[0]!);
    const mean = daysBetween(starts[0]!, starts.at(-1)!) / (starts.length - 1);
    // 14 weeks over two years: a residency every 7 weeks or so (6 weeks was the bug: soutenances 4 months early).
    expect(mean).toBeGreaterThanOrEqual(48);
    expect(mean).toBeLessThanOrEqual(62);
    const defense = plan.find((r) => r.kind === 'defense')!;
    expect(defense.days[0]! >= '2026-09-18').toBe(true);
    expect(defense.days.at(-1)! <= '2026-10-30').toBe(true);
  });

  it('refuses a first day outside the promotion, or too late to fit its residencies, naming « premier jour »', () => {
    const promotion = { startsOn: '2024-11-04', endsOn: '2026-10-30' };
    expect(checkFirstDay('2024-11-01', promotion, 14)).toBe('Le premier jour (01/11/2024) est avant le début de la promotion (04/11/2024).');
    expect(checkFirstDay('2026-11-02', promotion, 14)).toBe('Le premier jour (02/11/2026) est après la fin de la promotion (30/10/2026).');
    expect(checkFirstDay('2026-01-05', promotion, 14)).toMatch(/^Le premier jour \(05\/01\/2026\) laisse trop peu de temps avant la fin de la promotion \(30\/10\/2026\)/);
    expect(checkFirstDay('2024-11-04', promotion, 14)).toBeNull();
    expect(checkFirstDay('2026-10-30', { startsOn: '2024-11-04', endsOn: '2030-10-30' }, 14)).toBeNull();
  });
});
