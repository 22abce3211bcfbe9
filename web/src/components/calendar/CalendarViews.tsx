/**
 * Month and week views of sessions (a promotion's, a teacher's, a learner's), in French, Monday first.
 * Sessions that overlap another are marked (red border, « Chevauchement » and why), as the API's
 * checks would refuse them. The week view is a time grid on a computer and a list of days on a phone.
 * All-day markers (the mémoire's due dates, decision 022) sit above a day's sessions, flagged.
 */
import { ActionIcon, Badge, Box, Button, Group, Paper, SegmentedControl, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconChevronLeft, IconChevronRight, IconFlag } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import {
  byDate,
  findOverlaps,
  initialDate,
  lanes,
  minutesOf,
  monthTitle,
  monthWeeks,
  weekDays,
  weekStart,
  weekTitle,
  WEEKDAY_LONG,
  WEEKDAY_SHORT,
  type TCalendarEvent,
  type TOverlap,
} from './calendar-grid';
import classes from './calendar.module.css';

type TView = 'month' | 'week';

/** An all-day marker: a due date, not a session. */
export type TCalendarMarker = { id: string; on: string; title: string; description?: string | null };

export function CalendarViews({ events, markers = [], today, title = 'Calendrier' }: { events: TCalendarEvent[]; markers?: TCalendarMarker[]; today: string; title?: string }) {
  const [view, setView] = useState<TView>('month');
  const [anchor, setAnchor] = useState(() => initialDate(events, today));
  const overlaps = useMemo(() => findOverlaps(events), [events]);
  const days = useMemo(() => byDate(events), [events]);
  const marks = useMemo(() => {
    const byDay = new Map<string, TCalendarMarker[]>();
    for (const m of markers) byDay.set(m.on, [...(byDay.get(m.on) ?? []), m]);
    return byDay;
  }, [markers]);
  const step = (n: number) => setAnchor(dayjs(anchor).add(n, view === 'month' ? 'month' : 'week').format('YYYY-MM-DD'));
  const heading = view === 'month' ? monthTitle(anchor) : `Semaine ${weekTitle(weekStart(anchor))}`;
  const conflicts = [...overlaps.keys()].length;
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={2} size="h3">
          {title}
        </Title>
        <SegmentedControl
          aria-label="Vue du calendrier"
          value={view}
          onChange={(v) => setView(v as TView)}
          data={[
            { value: 'month', label: 'Mois' },
            { value: 'week', label: 'Semaine' },
          ]}
        />
      </Group>
      <Group gap="xs" wrap="wrap">
        <ActionIcon variant="default" size="lg" onClick={() => step(-1)} aria-label={view === 'month' ? 'Mois précédent' : 'Semaine précédente'}>
          <IconChevronLeft size={18} aria-hidden />
        </ActionIcon>
        <ActionIcon variant="default" size="lg" onClick={() => step(1)} aria-label={view === 'month' ? 'Mois suivant' : 'Semaine suivante'}>
          <IconChevronRight size={18} aria-hidden />
        </ActionIcon>
        <Button variant="default" size="sm" onClick={() => setAnchor(today)}>
          Aujourd’hui
        </Button>
        <Text fw={700} aria-live="polite" data-testid="calendar-period" style={{ textTransform: view === 'month' ? 'capitalize' : undefined }}>
          {heading}
        </Text>
      </Group>
      {conflicts > 0 && (
        <Text size="sm" c="red.8">
          <IconAlertTriangle size={14} aria-hidden style={{ verticalAlign: 'middle' }} /> {conflicts} séance{conflicts > 1 ? 's' : ''} en chevauchement dans ce calendrier.
        </Text>
      )}
      {view === 'month' ? (
        <MonthView anchor={anchor} today={today} days={days} marks={marks} overlaps={overlaps} onPickDay={(d) => (setAnchor(d), setView('week'))} />
      ) : (
        <WeekView anchor={anchor} today={today} days={days} marks={marks} overlaps={overlaps} />
      )}
    </Stack>
  );
}

type TViewProps = { anchor: string; today: string; days: Map<string, TCalendarEvent[]>; marks: Map<string, TCalendarMarker[]>; overlaps: Map<string, TOverlap[]> };

function MarkerChip({ m }: { m: TCalendarMarker }) {
  return (
    <li className={classes.chip} data-marker data-testid="calendar-marker" title={m.description ?? undefined}>
      <IconFlag size={12} aria-hidden className={classes.warn} />
      <span className={classes.srOnly}>Échéance : </span>
      <span className={classes.chipTitle}>{m.title}</span>
    </li>
  );
}

function overlapText(list: TOverlap[] | undefined) {
  return list?.map((o) => `Chevauchement avec « ${o.withTitle} » (${o.withTime}) : ${o.reason}.`).join(' ');
}

function MonthView({ anchor, today, days, marks, overlaps, onPickDay }: TViewProps & { onPickDay: (date: string) => void }) {
  const month = dayjs(anchor).month();
  return (
    <Box className={classes.scroller} tabIndex={0} role="region" aria-label="Mois, défilable horizontalement">
      <table className={classes.month} aria-label={`Séances de ${dayjs(anchor).format('MMMM YYYY')}`}>
        <thead>
          <tr>
            {WEEKDAY_SHORT.map((d, i) => (
              <th key={d} scope="col" abbr={WEEKDAY_LONG[i]}>
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(anchor).map((week) => (
            <tr key={week[0]}>
              {week.map((date) => {
                const list = days.get(date) ?? [];
                const outside = dayjs(date).month() !== month;
                return (
                  <td key={date} className={classes.day} data-outside={outside || undefined} data-today={date === today || undefined} data-date={date}>
                    <button type="button" className={classes.dayNumber} onClick={() => onPickDay(date)} aria-label={`Semaine du ${dayjs(date).format('dddd D MMMM YYYY')}`}>
                      {dayjs(date).date()}
                    </button>
                    <ul className={classes.events}>
                      {(marks.get(date) ?? []).map((m) => (
                        <MarkerChip key={m.id} m={m} />
                      ))}
                      {list.map((e) => {
                        const o = overlaps.get(e.id);
                        return (
                          <li key={e.id} className={classes.chip} data-overlap={o ? true : undefined} data-testid="calendar-event" title={overlapText(o)}>
                            {o && <IconAlertTriangle size={12} aria-hidden className={classes.warn} />}
                            <span className={classes.time}>{e.startTime}</span> <span className={classes.chipTitle}>{e.title}</span>
                            {o && <span className={classes.srOnly}> {overlapText(o)}</span>}
                          </li>
                        );
                      })}
                    </ul>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Box>
  );
}

const DAY_START = 8 * 60;
const DAY_END = 20 * 60;
const PX_PER_MIN = 0.8;

function EventCard({ e, overlap }: { e: TCalendarEvent; overlap?: TOverlap[] }) {
  return (
    <Paper withBorder p={6} className={classes.card} data-overlap={overlap ? true : undefined} data-testid="calendar-event">
      <Text size="xs" fw={700}>
        {e.startTime}–{e.endTime}
      </Text>
      <Text size="sm" fw={600} lh={1.2}>
        {e.title}
      </Text>
      {(e.detail || e.room || e.remote) && (
        <Text size="xs">
          {[e.detail, e.room ?? (e.remote ? 'À distance' : null)].filter(Boolean).join(' · ')}
        </Text>
      )}
      {overlap && (
        <Tooltip label={overlapText(overlap)} multiline w={260} withinPortal={false}>
          <Badge color="red" variant="light" tt="none" mt={4} leftSection={<IconAlertTriangle size={12} aria-hidden />}>
            Chevauchement
            <span className={classes.srOnly}> : {overlapText(overlap)}</span>
          </Badge>
        </Tooltip>
      )}
    </Paper>
  );
}

function WeekView({ anchor, today, days, marks, overlaps }: TViewProps) {
  const phone = useMediaQuery('(max-width: 48em)', false);
  const week = weekDays(weekStart(anchor));
  const empty = week.every((d) => !(days.get(d) ?? []).length && !(marks.get(d) ?? []).length);
  const dayMarks = (d: string) =>
    (marks.get(d) ?? []).length > 0 && (
      <ul className={classes.events} aria-label="Échéances">
        {(marks.get(d) ?? []).map((m) => (
          <MarkerChip key={m.id} m={m} />
        ))}
      </ul>
    );
  if (phone || empty) {
    return (
      <Stack gap="xs" aria-label={`Séances de la semaine ${weekTitle(week[0]!)}`} role="group">
        {empty && <Text size="sm">Aucune séance cette semaine.</Text>}
        {week
          .filter((d) => (days.get(d) ?? []).length || (marks.get(d) ?? []).length)
          .map((d) => (
            <Stack key={d} gap={4} data-date={d}>
              <Text fw={700} size="sm" c={d === today ? 'blue.9' : undefined} tt="capitalize">
                {dayjs(d).format('dddd D MMMM')}
              </Text>
              {dayMarks(d)}
              {(days.get(d) ?? []).map((e) => (
                <EventCard key={e.id} e={e} overlap={overlaps.get(e.id)} />
              ))}
            </Stack>
          ))}
      </Stack>
    );
  }
  const first = Math.min(DAY_START, ...week.flatMap((d) => (days.get(d) ?? []).map((e) => minutesOf(e.startTime))));
  const last = Math.max(DAY_END, ...week.flatMap((d) => (days.get(d) ?? []).map((e) => minutesOf(e.endTime))));
  const height = (last - first) * PX_PER_MIN;
  const hours = Array.from({ length: Math.floor((last - first) / 60) + 1 }, (_, i) => Math.ceil(first / 60) + i).filter((h) => h * 60 <= last);
  return (
    <Box className={classes.scroller} tabIndex={0} role="region" aria-label="Semaine, défilable horizontalement">
      <div className={classes.week} role="group" aria-label={`Séances de la semaine ${weekTitle(week[0]!)}`}>
        <div className={classes.hours} style={{ height }} aria-hidden>
          {hours.map((h) => (
            <span key={h} style={{ top: (h * 60 - first) * PX_PER_MIN }}>
              {String(h).padStart(2, '0')} h
            </span>
          ))}
        </div>
        {week.map((d) => (
          <section key={d} className={classes.column} aria-label={dayjs(d).format('dddd D MMMM YYYY')} data-date={d}>
            <Text component="h3" size="sm" fw={700} ta="center" className={classes.columnHead} data-today={d === today || undefined}>
              {dayjs(d).format('ddd D')}
            </Text>
            {dayMarks(d)}
            <div className={classes.track} style={{ height }}>
              {lanes(days.get(d) ?? []).map(({ event, lane, lanes: n }) => (
                <div
                  key={event.id}
                  className={classes.slot}
                  style={{
                    top: (minutesOf(event.startTime) - first) * PX_PER_MIN,
                    height: Math.max(28, (minutesOf(event.endTime) - minutesOf(event.startTime)) * PX_PER_MIN),
                    left: `${(lane / n) * 100}%`,
                    width: `${100 / n}%`,
                  }}
                >
                  <EventCard e={event} overlap={overlaps.get(event.id)} />
                </div>
              ))}
            </div>
          </section>
        ))}
      </div>
    </Box>
  );
}
