/**
 * Sessions: the default plan of a generated calendar, hour totals against the version's maquette,
 * and the conflicts that refuse a session. Pure functions.
 */
import { parisDateOf, parisTime, type TIsoDate } from './calendar.dates.js';
import { frDate, type TProposedResidency } from './calendar.rules.js';
import type { TSessionType } from './calendar.tables.js';

import { SESSION_TYPE_LABELS } from '../../shared/vocabulary/calendar.js';
import { formatHours } from '../../shared/format/hours.js';

export { SESSION_TYPE_LABELS };

/** Maquette kind of each session type: the four kinds of seminar count as `seminar`. */
export const KIND_OF_TYPE: Record<TSessionType, 'seminar' | 'thesis_workshop'> = {
  theoretical: 'seminar',
  technical: 'seminar',
  monographic: 'seminar',
  methodological: 'seminar',
  thesis_workshop: 'thesis_workshop',
};

export type TMaquette = { seminarHours: number; thesisWorkshopHours: number; totalHours: number };

export type TPlannedSession = { type: TSessionType; title: string; date: TIsoDate; startsAt: Date; endsAt: Date };

const SEMINAR_ROTATION: TSessionType[] = ['theoretical', 'technical', 'monographic', 'methodological', 'theoretical'];

/** "09:00" + 3.5 h → "12:30". */
function clockPlus(hhmm: string, hours: number): string {
  const [h, m] = hhmm.split(':').map(Number);
  const total = (h ?? 0) * 60 + (m ?? 0) + Math.round(hours * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * Two half-day sessions per on-site day whose hours add up to the maquette: each half-day lasts
 * total ÷ half-days, and ateliers mémoire take their share of half-days (afternoons, spread evenly
 * over the residencies). With RNCP 41336: 140 half-days of 3 h 30 = 420 h of seminars + 70 h of ateliers.
 */
export function planDefaultSessions(residencies: readonly TProposedResidency[], maquette: TMaquette): TPlannedSession[] {
  const onSite = residencies.filter((r) => r.kind === 'on_site');
  const halfDays = onSite.reduce((s, r) => s + r.days.length * 2, 0);
  if (halfDays === 0) return [];
  const hoursPerHalfDay = maquette.totalHours / halfDays;
  const workshopHalfDays = Math.round(maquette.thesisWorkshopHours / hoursPerHalfDay);
  const plan: TPlannedSession[] = [];
  onSite.forEach((residency, r) => {
    const workshops = Math.floor(((r + 1) * workshopHalfDays) / onSite.length) - Math.floor((r * workshopHalfDays) / onSite.length);
    const n = residency.days.length;
    residency.days.forEach((date, d) => {
      const seminar = SEMINAR_ROTATION[d % SEMINAR_ROTATION.length]!;
      // Ateliers on the afternoons of the last days of the residency.
      const afternoonIsWorkshop = d >= n - workshops;
      const morningIsWorkshop = workshops > n && d >= 2 * n - workshops;
      const slots: [string, TSessionType][] = [
        ['09:00', morningIsWorkshop ? 'thesis_workshop' : seminar],
        ['13:30', afternoonIsWorkshop ? 'thesis_workshop' : seminar],
      ];
      for (const [start, type] of slots) {
        plan.push({
          type,
          title: SESSION_TYPE_LABELS[type],
          date,
          startsAt: parisTime(date, start),
          endsAt: parisTime(date, clockPlus(start, hoursPerHalfDay)),
        });
      }
    });
  });
  return plan;
}

export const hoursOf = (s: { startsAt: Date; endsAt: Date }) => (s.endsAt.getTime() - s.startsAt.getTime()) / 3_600_000;

export type TTotals = {
  byType: Record<TSessionType, number>;
  seminarHours: number;
  thesisWorkshopHours: number;
  totalHours: number;
  expected: TMaquette;
  deviations: { kind: 'seminar' | 'thesis_workshop' | 'total'; planned: number; expected: number; message: string }[];
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Running totals per type and per maquette kind, with a French warning for every deviation. */
export function computeTotals(sessions: readonly { type: TSessionType; startsAt: Date; endsAt: Date }[], expected: TMaquette): TTotals {
  const byType: Record<TSessionType, number> = { theoretical: 0, technical: 0, monographic: 0, methodological: 0, thesis_workshop: 0 };
  for (const s of sessions) byType[s.type] += hoursOf(s);
  for (const k of Object.keys(byType) as TSessionType[]) byType[k] = round2(byType[k]);
  const seminarHours = round2(byType.theoretical + byType.technical + byType.monographic + byType.methodological);
  const thesisWorkshopHours = byType.thesis_workshop;
  const totalHours = round2(seminarHours + thesisWorkshopHours);
  const deviations: TTotals['deviations'] = [];
  const check = (kind: 'seminar' | 'thesis_workshop' | 'total', label: string, planned: number, exp: number) => {
    if (Math.abs(planned - exp) > 0.01) {
      const diff = planned - exp;
      deviations.push({
        kind,
        planned,
        expected: exp,
        message: `${label} : ${formatHours(planned)} planifiées pour ${formatHours(exp)} prévues par la maquette (${diff > 0 ? '+' : '−'}${formatHours(Math.abs(diff))}).`,
      });
    }
  };
  check('seminar', 'Séminaires', seminarHours, expected.seminarHours);
  check('thesis_workshop', 'Ateliers mémoire', thesisWorkshopHours, expected.thesisWorkshopHours);
  check('total', 'Total', totalHours, expected.totalHours);
  return { byType, seminarHours, thesisWorkshopHours, totalHours, expected, deviations };
}

export type TSessionSlot = { id?: string; title: string; startsAt: Date; endsAt: Date; teacherIds: readonly string[]; room: string | null };

export const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();

export const normaliseRoom = (room: string | null | undefined) => (room ?? '').trim().toLocaleLowerCase('fr').replace(/\s+/g, ' ') || null;

export type TConflict = { path: string; message: string };

/**
 * Why a session cannot be planned: ends before it starts, lies outside its residency's days, or books
 * a teacher or a room already taken at that time (`others`: sessions of any promotion of the centre).
 */
export function findSessionConflicts(
  candidate: TSessionSlot,
  residencyDays: readonly TIsoDate[],
  others: readonly (TSessionSlot & { cohortLabel?: string })[],
  teacherNames: ReadonlyMap<string, string> = new Map(),
): TConflict[] {
  const issues: TConflict[] = [];
  if (candidate.endsAt.getTime() <= candidate.startsAt.getTime()) {
    issues.push({ path: 'endsAt', message: 'La fin de la séance doit suivre son début.' });
    return issues;
  }
  const day = parisDateOf(candidate.startsAt);
  if (!residencyDays.includes(day) || parisDateOf(new Date(candidate.endsAt.getTime() - 1)) !== day) {
    issues.push({
      path: 'startsAt',
      message: `La séance doit se tenir un jour du regroupement (${residencyDays.map(frDate).join(', ')}) ; le ${frDate(day)} n'en fait pas partie.`,
    });
  }
  const room = normaliseRoom(candidate.room);
  for (const other of others) {
    if (other.id && other.id === candidate.id) continue;
    if (!overlaps(candidate, other)) continue;
    for (const t of candidate.teacherIds) {
      if (other.teacherIds.includes(t)) {
        issues.push({
          path: 'teacherIds',
          message: `${teacherNames.get(t) ?? 'Cet·te enseignant·e'} est déjà en séance à ce moment : « ${other.title} »${other.cohortLabel ? ` (${other.cohortLabel})` : ''}.`,
        });
      }
    }
    if (room && normaliseRoom(other.room) === room) {
      issues.push({ path: 'room', message: `La salle « ${candidate.room?.trim()} » est déjà réservée à ce moment : « ${other.title} ».` });
    }
  }
  return issues;
}

/** The hour maquette of a version (its `hours` block): seminars, ateliers mémoire and the declared total. */
export function maquetteOf(hours: { declaredTotalHours: number; components: { kind: string; hours: number }[] } | undefined): TMaquette {
  if (!hours) return { seminarHours: 0, thesisWorkshopHours: 0, totalHours: 0 };
  const sum = (kind: string) => hours.components.filter((c) => c.kind === kind).reduce((s, c) => s + c.hours, 0);
  const seminarHours = sum('seminar');
  const thesisWorkshopHours = sum('thesis_workshop');
  return { seminarHours, thesisWorkshopHours, totalHours: seminarHours + thesisWorkshopHours };
}
