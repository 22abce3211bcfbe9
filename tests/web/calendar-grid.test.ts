/** The month and week views' rules (issue 8, item 15): Monday first, French titles, overlaps, subscribe links. */
import { describe, expect, it } from 'vitest';
import { findOverlaps, initialDate, lanes, monthTitle, monthWeeks, subscribeLinks, weekStart, WEEKDAY_SHORT, type TCalendarEvent } from '../../web/src/components/calendar/calendar-grid';

const at = (id: string, date: string, start: string, end: string, extra: Partial<TCalendarEvent> = {}): TCalendarEvent => ({
  id,
  title: `Séance ${id}`,
  date,
  startTime: start,
  endTime: end,
  // Paris is UTC+1 in winter: enough for ordering and overlap.
  startsAt: new Date(`${date}T${start}:00+01:00`).toISOString(),
  endsAt: new Date(`${date}T${end}:00+01:00`).toISOString(),
  ...extra,
});

describe('calendar grid', () => {
  it('weeks start on Monday: December 2026 opens on lundi 30 novembre and ends on dimanche 3 janvier', () => {
    const weeks = monthWeeks('2026-12-15');
    expect(weeks[0]![0]).toBe('2026-11-30');
    expect(weeks.at(-1)![6]).toBe('2027-01-03');
    expect(weeks).toHaveLength(5);
    expect(weekStart('2026-12-06')).toBe('2026-11-30'); // a Sunday belongs to the week before
    expect(WEEKDAY_SHORT).toEqual(['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.']);
    // February 2027 starts on a Monday and has 28 days: four weeks exactly.
    expect(monthWeeks('2027-02-01')).toHaveLength(4);
  });

  it('titles in French: « déc. 2026 », « mars 2026 »', () => {
    expect(monthTitle('2026-12-01')).toBe('déc. 2026');
    expect(monthTitle('2026-03-10')).toBe('mars 2026');
  });

  it('marks overlaps with the reason: a shared teacher, a shared room, or the same slot; touching sessions do not overlap', () => {
    const estelle = { userId: 'u1', name: 'Estelle Enseignante' };
    const o = findOverlaps([
      at('a', '2026-03-19', '09:00', '12:30', { teachers: [estelle], room: 'Salle 12' }),
      at('b', '2026-03-19', '10:00', '12:00', { teachers: [estelle], room: 'Salle 14' }),
      at('c', '2026-03-19', '12:30', '13:30', { room: 'salle  12' }),
      at('d', '2026-03-19', '13:00', '14:00', { room: 'Salle 12' }),
      at('e', '2026-03-20', '09:00', '12:30'),
    ]);
    expect(o.get('a')).toEqual([{ withTitle: 'Séance b', withTime: '10:00–12:00', reason: 'Estelle Enseignante est attendu·e dans les deux' }]);
    expect(o.get('b')?.[0]?.withTitle).toBe('Séance a');
    expect(o.get('c')).toEqual([{ withTitle: 'Séance d', withTime: '13:00–14:00', reason: 'même salle (salle  12)' }]);
    expect(o.has('e')).toBe(false);
    expect(o.get('a')).toHaveLength(1); // a ends at 12:30 when c starts
  });

  it('puts overlapping sessions side by side in the week view', () => {
    const placed = lanes([at('a', '2026-03-19', '09:00', '12:30'), at('b', '2026-03-19', '10:00', '12:00'), at('c', '2026-03-19', '14:00', '17:30')]);
    const byId = Object.fromEntries(placed.map((p) => [p.event.id, p]));
    expect([byId.a!.lane, byId.a!.lanes, byId.b!.lane, byId.b!.lanes]).toEqual([0, 2, 1, 2]);
    expect([byId.c!.lane, byId.c!.lanes]).toEqual([0, 1]);
  });

  it('opens on the next session’s month, else the last one’s, else today', () => {
    const events = [at('a', '2026-01-12', '09:00', '12:00'), at('b', '2026-04-15', '09:00', '12:00')];
    expect(initialDate(events, '2026-03-10')).toBe('2026-04-15');
    expect(initialDate(events, '2026-06-01')).toBe('2026-04-15');
    expect(initialDate([], '2026-03-10')).toBe('2026-03-10');
  });

  it('webcal, Google Agenda and Outlook links of a feed address', () => {
    const url = 'https://movsc.example.org/api/calendar/feeds/abc.ics';
    expect(subscribeLinks(url)).toEqual({
      webcal: 'webcal://movsc.example.org/api/calendar/feeds/abc.ics',
      google: 'https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fmovsc.example.org%2Fapi%2Fcalendar%2Ffeeds%2Fabc.ics',
      outlook: 'https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fmovsc.example.org%2Fapi%2Fcalendar%2Ffeeds%2Fabc.ics',
    });
  });
});
