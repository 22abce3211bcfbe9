/**
 * Pure helpers of the month and week views: weeks start on Monday (lundi), days are Paris calendar
 * dates (« 2026-12-01 »), and two sessions of one view that overlap in time are marked, with what
 * they share (a teacher, a room) — the checks the API applies when a session is planned.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/fr';

export type TCalendarEvent = {
  id: string;
  title: string;
  /** Paris date of the session, YYYY-MM-DD. */
  date: string;
  startTime: string;
  endTime: string;
  startsAt: string;
  endsAt: string;
  room?: string | null;
  remote?: boolean;
  teachers?: { userId: string; name: string }[];
  /** A second line: the promotion, the residency… */
  detail?: string;
};

export type TOverlap = { withTitle: string; withTime: string; reason: string };

const MONDAY_FIRST = (d: dayjs.Dayjs) => (d.day() + 6) % 7;

/** Monday of the week of `date`. */
export function weekStart(date: string): string {
  const d = dayjs(date);
  return d.subtract(MONDAY_FIRST(d), 'day').format('YYYY-MM-DD');
}

/** The seven dates of the week that starts on `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => dayjs(monday).add(i, 'day').format('YYYY-MM-DD'));
}

/** The weeks (Monday to Sunday) that cover the month of `date`, days outside it included. */
export function monthWeeks(date: string): string[][] {
  const first = dayjs(date).startOf('month');
  const last = first.endOf('month');
  const weeks: string[][] = [];
  for (let monday = dayjs(weekStart(first.format('YYYY-MM-DD'))); !monday.isAfter(last, 'day'); monday = monday.add(7, 'day')) {
    weeks.push(weekDays(monday.format('YYYY-MM-DD')));
  }
  return weeks;
}

/** « déc. 2026 », « mars 2026 ». */
export const monthTitle = (date: string) => dayjs(date).locale('fr').format('MMM YYYY');

/** « du 30/11/2026 au 06/12/2026 ». */
export function weekTitle(monday: string) {
  const days = weekDays(monday);
  return `du ${dayjs(days[0]).format('DD/MM/YYYY')} au ${dayjs(days[6]).format('DD/MM/YYYY')}`;
}

/** Short names of the days, Monday first: « lun. », « mar. »… */
export const WEEKDAY_SHORT = weekDays('2026-11-30').map((d) => dayjs(d).locale('fr').format('ddd'));
export const WEEKDAY_LONG = weekDays('2026-11-30').map((d) => dayjs(d).locale('fr').format('dddd'));

/** Sessions by date, each day in order of start. */
export function byDate<T extends TCalendarEvent>(events: readonly T[]): Map<string, T[]> {
  const days = new Map<string, T[]>();
  for (const e of [...events].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const list = days.get(e.date) ?? [];
    list.push(e);
    days.set(e.date, list);
  }
  return days;
}

const norm = (room: string | null | undefined) => (room ?? '').trim().toLocaleLowerCase('fr').replace(/\s+/g, ' ') || null;

/**
 * For each session that overlaps another of the view, what it overlaps and why it matters: the same
 * teacher, the same room, or — for one promotion or one person — simply the same time.
 */
export function findOverlaps(events: readonly TCalendarEvent[]): Map<string, TOverlap[]> {
  const result = new Map<string, TOverlap[]>();
  const sorted = [...events].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (b.startsAt >= a.endsAt) break;
      if (new Date(b.startsAt).getTime() >= new Date(a.endsAt).getTime()) continue;
      const shared = (a.teachers ?? []).filter((t) => (b.teachers ?? []).some((u) => u.userId === t.userId)).map((t) => t.name);
      const room = norm(a.room) && norm(a.room) === norm(b.room) ? a.room!.trim() : null;
      const reason = shared.length
        ? `${shared.join(', ')} ${shared.length > 1 ? 'sont' : 'est'} attendu·e dans les deux`
        : room
          ? `même salle (${room})`
          : 'même créneau';
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        const list = result.get(x.id) ?? [];
        list.push({ withTitle: y.title, withTime: `${y.startTime}–${y.endTime}`, reason });
        result.set(x.id, list);
      }
    }
  }
  return result;
}

/** The month to open: the one of the next session from `today`, else of the last one, else today's. */
export function initialDate(events: readonly TCalendarEvent[], today: string): string {
  const dates = events.map((e) => e.date).sort();
  return dates.find((d) => d >= today) ?? dates[dates.length - 1] ?? today;
}

/** Lanes for the week view: overlapping sessions of one day side by side. */
export function lanes<T extends TCalendarEvent>(day: readonly T[]): { event: T; lane: number; lanes: number }[] {
  const placed: { event: T; lane: number; lanes: number }[] = [];
  let group: { event: T; lane: number; lanes: number }[] = [];
  let groupEnd = '';
  const close = () => {
    const n = Math.max(1, ...group.map((g) => g.lane + 1));
    for (const g of group) g.lanes = n;
    placed.push(...group);
    group = [];
  };
  for (const event of [...day].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    if (group.length && event.startsAt >= groupEnd) close();
    const used = new Set(group.filter((g) => g.event.endsAt > event.startsAt).map((g) => g.lane));
    let lane = 0;
    while (used.has(lane)) lane++;
    group.push({ event, lane, lanes: 1 });
    if (event.endsAt > groupEnd) groupEnd = event.endsAt;
  }
  if (group.length) close();
  return placed;
}

/** « 09:30 » → minutes since midnight. */
export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Subscribing the iCalendar feed from an agenda: the webcal:// form of its address (agendas open it
 * as a subscription), Google Agenda's and Outlook's « add from the web » pages.
 */
export function subscribeLinks(feedUrl: string) {
  const webcal = feedUrl.replace(/^https?:\/\//, 'webcal://');
  return {
    webcal,
    google: `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(feedUrl)}`,
  };
}
