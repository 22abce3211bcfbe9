import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isWeekend, parisClockOf, parisDateOf, parisTime } from './calendar.dates.js';
import { checkResidencyDays, generateCalendar, moveDays, splitDays, type TGeneratorInput } from './calendar.rules.js';
import { publicHolidaysBetween, schoolHolidays } from './holidays.js';
import { computeTotals, findSessionConflicts, planDefaultSessions } from './sessions.rules.js';

const HOLIDAYS = new Set(publicHolidaysBetween('2006-01-01', '2040-12-31').keys());
const MAQUETTE = { seminarHours: 420, thesisWorkshopHours: 70, totalHours: 490 };

/** A two-year promotion starting on `startsOn` (the first day of its first residency). */
const inputFor = (startsOn: string, withSchool: boolean): TGeneratorInput => ({
  startsOn,
  endsOn: addDays(startsOn, 729),
  onSiteWeeks: 14,
  daysPerResidency: 5,
  remoteDays: 3,
  defenseDays: 3,
  publicHolidays: HOLIDAYS,
  schoolHolidays: withSchool ? schoolHolidays('C').days : undefined,
});

const arbStart = fc.integer({ min: 0, max: 365 * 12 }).map((n) => addDays('2010-01-01', n));

describe('calendar generator', () => {
  it('plans 14 residencies of 5 working days, 3 remote days and 3 soutenance days, never on a holiday or a weekend, without overlap', () => {
    fc.assert(
      fc.property(arbStart, fc.boolean(), (start, school) => {
        const plan = generateCalendar(inputFor(start, school));
        const onSite = plan.filter((r) => r.kind === 'on_site');
        expect(onSite).toHaveLength(14);
        expect(onSite.every((r) => r.days.length === 5)).toBe(true);
        expect(plan.filter((r) => r.kind === 'remote').flatMap((r) => r.days)).toHaveLength(3);
        expect(plan.filter((r) => r.kind === 'defense').flatMap((r) => r.days)).toHaveLength(3);
        const all = plan.flatMap((r) => r.days);
        expect(new Set(all).size).toBe(all.length);
        for (const d of all) {
          expect(HOLIDAYS.has(d)).toBe(false);
          expect(isWeekend(d)).toBe(false);
          expect(d >= start).toBe(true);
        }
        // Residencies follow each other: each ends before the next begins.
        for (let i = 1; i < onSite.length; i++) expect(onSite[i]!.days[0]! > onSite[i - 1]!.days.at(-1)!).toBe(true);
        // The soutenances come last, inside the two years.
        const defense = plan.find((r) => r.kind === 'defense')!;
        expect(defense.days[0]! > onSite.at(-1)!.days.at(-1)!).toBe(true);
        expect(defense.days.at(-1)! <= addDays(start, 729)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('avoids the school holidays of the zone when asked, for a start in 2024', () => {
    const zone = schoolHolidays('C').days;
    const plan = generateCalendar(inputFor('2024-11-04', true));
    const within = plan.filter((r) => r.kind === 'on_site' && r.days[0]! < '2026-06-30');
    expect(within.flatMap((r) => r.days).filter((d) => zone.has(d))).toEqual([]);
  });

  it('default sessions of a generated calendar total the maquette: 420 h + 70 h = 490 h, one session per half-day, no overlap', () => {
    fc.assert(
      fc.property(arbStart, (start) => {
        const sessions = planDefaultSessions(generateCalendar(inputFor(start, false)), MAQUETTE);
        expect(sessions).toHaveLength(140);
        const totals = computeTotals(sessions, MAQUETTE);
        expect(totals.seminarHours).toBe(420);
        expect(totals.thesisWorkshopHours).toBe(70);
        expect(totals.totalHours).toBe(490);
        expect(totals.deviations).toEqual([]);
        const sorted = [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
        for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(sorted[i - 1]!.endsAt.getTime());
      }),
      { numRuns: 40 },
    );
  });

  it('totals equal the sum of the sessions, per type, and warn on every deviation', () => {
    const arbSession = fc.record({
      type: fc.constantFrom('theoretical', 'technical', 'monographic', 'methodological', 'thesis_workshop' as const),
      start: fc.integer({ min: 0, max: 10_000 }),
      minutes: fc.integer({ min: 30, max: 480 }),
    });
    fc.assert(
      fc.property(fc.array(arbSession, { maxLength: 60 }), (raw) => {
        const sessions = raw.map((s) => ({
          type: s.type,
          startsAt: new Date(Date.UTC(2025, 0, 1) + s.start * 3_600_000),
          endsAt: new Date(Date.UTC(2025, 0, 1) + s.start * 3_600_000 + s.minutes * 60_000),
        }));
        const totals = computeTotals(sessions, MAQUETTE);
        const sum = raw.reduce((acc, s) => acc + s.minutes / 60, 0);
        expect(totals.totalHours).toBeCloseTo(sum, 1);
        expect(totals.deviations.some((d) => d.kind === 'total')).toBe(Math.abs(totals.totalHours - 490) > 0.01);
      }),
    );
    const few = computeTotals([{ type: 'technical', startsAt: parisTime('2025-01-06', '09:00'), endsAt: parisTime('2025-01-06', '12:30') }], MAQUETTE);
    expect(few.deviations.map((d) => d.message)).toContain('Séminaires : 3 h 30 planifiées pour 420 h prévues par la maquette (−416 h 30).');
  });
});

describe('editing residencies', () => {
  it('refuses a public holiday with its name, a weekend, a day of another residency', () => {
    const names = publicHolidaysBetween('2025-01-01', '2025-12-31');
    const issues = checkResidencyDays(['2025-05-01', '2025-05-03', '2025-05-05'], {
      publicHolidays: HOLIDAYS,
      holidayNames: names,
      otherDays: new Set(['2025-05-05']),
    });
    expect(issues.map((i) => i.message)).toEqual([
      'Le 01/05/2025 est un jour férié (1er mai).',
      'Le 03/05/2025 tombe un week-end.',
      'Le 05/05/2025 appartient déjà à un autre regroupement.',
    ]);
  });

  it('moving keeps the number of working days and skips holidays; splitting keeps every day', () => {
    fc.assert(
      fc.property(arbStart, arbStart, fc.integer({ min: 1, max: 8 }), (a, b, n) => {
        const days = Array.from({ length: n }, (_, i) => addDays(a, i));
        const moved = moveDays(days, b, HOLIDAYS);
        expect(moved).toHaveLength(n);
        expect(moved.every((d) => !HOLIDAYS.has(d) && !isWeekend(d))).toBe(true);
        const split = splitDays(days, addDays(a, Math.min(n - 1, 1)));
        if (split) expect([...split[0], ...split[1]]).toEqual(days);
      }),
    );
  });
});

describe('Paris times', () => {
  it('09:00 in Paris is 08:00 UTC in winter and 07:00 UTC in summer, across the DST change', () => {
    expect(parisTime('2025-03-28', '09:00').toISOString()).toBe('2025-03-28T08:00:00.000Z');
    expect(parisTime('2025-03-31', '09:00').toISOString()).toBe('2025-03-31T07:00:00.000Z');
    expect(parisTime('2025-10-27', '13:30').toISOString()).toBe('2025-10-27T12:30:00.000Z');
    fc.assert(
      fc.property(arbStart, fc.integer({ min: 0, max: 23 }), (d, h) => {
        const hh = `${String(h).padStart(2, '0')}:15`;
        const at = parisTime(d, hh);
        // 02:15 does not exist on the spring-forward day.
        if (parisClockOf(at) === hh) expect(parisDateOf(at)).toBe(d);
      }),
    );
  });

  it('refuses a teacher or a room booked twice and a session outside its residency', () => {
    const slot = (start: string, end: string, extra: Partial<{ id: string; teacherIds: string[]; room: string | null }> = {}) => ({
      title: 'Séance',
      startsAt: parisTime('2025-01-06', start),
      endsAt: parisTime('2025-01-06', end),
      teacherIds: [],
      room: null,
      ...extra,
    });
    const others = [{ ...slot('09:00', '12:30', { id: 'x', teacherIds: ['t1'], room: 'Salle 31.2.85' }), title: 'Économie sociale' }];
    const issues = findSessionConflicts(slot('11:00', '13:00', { teacherIds: ['t1'], room: ' salle 31.2.85 ' }), ['2025-01-06'], others, new Map([['t1', 'Estelle']]));
    expect(issues.map((i) => i.path)).toEqual(['teacherIds', 'room']);
    expect(findSessionConflicts(slot('12:30', '16:00', { teacherIds: ['t1'] }), ['2025-01-06'], others)).toEqual([]);
    expect(findSessionConflicts(slot('09:00', '12:00'), ['2025-01-07'], [])[0]!.path).toBe('startsAt');
  });
});
