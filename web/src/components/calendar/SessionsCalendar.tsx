/** The month/week views fed by the API's sessions: a promotion's calendar, or « Mon calendrier ». */
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { CalendarViews, type TCalendarMarker } from './CalendarViews';
import type { TCalendarEvent } from './calendar-grid';

type TSessionLike = Omit<TCalendarEvent, 'detail'>;

/** A promotion's sessions, each with its residency's label. */
export function CohortCalendarView({ residencies, markers }: { residencies: { label: string; sessions: TSessionLike[] }[]; markers?: TCalendarMarker[] }) {
  const events = useMemo(() => residencies.flatMap((r) => r.sessions.map((s) => ({ ...s, detail: r.label }))), [residencies]);
  return <CalendarViews events={events} markers={markers} today={dayjs().format('YYYY-MM-DD')} title="Vue du calendrier" />;
}

/** A person's sessions (those they follow, those they teach), each with its promotion. */
export function MySessionsCalendarView({ items }: { items: (TSessionLike & { cohortName: string; role: 'learner' | 'teacher' })[] }) {
  const events = useMemo(() => items.map((s) => ({ ...s, detail: s.role === 'teacher' ? `${s.cohortName} (j’anime)` : s.cohortName })), [items]);
  if (!items.length) return null;
  return <CalendarViews events={events} today={dayjs().format('YYYY-MM-DD')} title="Mon agenda" />;
}
