/**
 * Attendance rules, pure: when a learner may sign, which record is current, hours and rates.
 * Records are append-only; the current one for a learner and a session is the one nobody superseded.
 */
import { todayInParis } from '../../lib/dates.js';
import { ATTENDANCE_STATUS_LABELS, type TAttendanceStatus } from '../../shared/vocabulary/attendance.js';

/** Learners may sign from 15 minutes before the start until the end of the session. */
export const SIGN_OPENS_MINUTES_BEFORE = 15;
/** Signing more than 15 minutes after the start records "en retard". */
export const LATE_AFTER_MINUTES = 15;

export const STATUS_LABELS = ATTENDANCE_STATUS_LABELS;

export function signingWindow(s: { startsAt: Date; endsAt: Date }) {
  return { opensAt: new Date(s.startsAt.getTime() - SIGN_OPENS_MINUTES_BEFORE * 60_000), closesAt: s.endsAt };
}

/** Null when the learner may sign now; otherwise why not, in French. */
export function selfSigningRefusal(now: Date, s: { startsAt: Date; endsAt: Date }, format: (d: Date) => string): string | null {
  const { opensAt, closesAt } = signingWindow(s);
  if (now < opensAt) return `L’émargement de cette séance ouvre le ${format(opensAt)}.`;
  if (now > closesAt) return `L’émargement de cette séance est clos depuis le ${format(closesAt)} : demandez à l’enseignant·e ou à la scolarité.`;
  return null;
}

export function selfSignedStatus(now: Date, s: { startsAt: Date }): TAttendanceStatus {
  return now.getTime() > s.startsAt.getTime() + LATE_AFTER_MINUTES * 60_000 ? 'late' : 'present';
}

export type TRecordLite = { id: string; sessionId: string; learnerId: string; status: TAttendanceStatus; supersedesId: string | null };

export const keyOf = (sessionId: string, learnerId: string) => `${sessionId}|${learnerId}`;

/** The current record of each (session, learner): the one no other record supersedes. */
export function currentRecords<T extends TRecordLite>(records: readonly T[]): Map<string, T> {
  const superseded = new Set(records.map((r) => r.supersedesId).filter((x): x is string => Boolean(x)));
  const current = new Map<string, T>();
  for (const r of records) if (!superseded.has(r.id)) current.set(keyOf(r.sessionId, r.learnerId), r);
  return current;
}

export const ATTENDED: readonly TAttendanceStatus[] = ['present', 'late'];

export type TReportSession = { id: string; hours: number; endsAt: Date };
/** `enrolledAt`: sessions of the days before it (in Paris) are not due from this learner, unless they have a record there. */
export type TReportLearner = { userId: string; name: string; funderLabel: string | null; enrolledAt?: Date };

export type TLearnerAttendance = TReportLearner & {
  plannedHours: number;
  attendedHours: number;
  excusedHours: number;
  absentHours: number;
  /** Past sessions with no record at all: counted absent. */
  unrecordedHours: number;
  /** Percent of the hours due (planned minus excused), one decimal; null before any session. */
  rate: number | null;
  alert: boolean;
};

const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Hours and rates over the sessions already over at `now`. Excused hours leave the denominator;
 * a past session without any record counts as an absence — from the day of the learner's enrolment
 * on: one who joins a running promotion today owes none of its earlier days (no « 0 % sous le seuil »
 * on day one). `threshold` is the promotion's alert rate.
 */
export function computeAttendance(o: {
  sessions: readonly TReportSession[];
  learners: readonly TReportLearner[];
  current: ReadonlyMap<string, { status: TAttendanceStatus }>;
  now: Date;
  threshold: number;
}) {
  const past = o.sessions.filter((s) => s.endsAt.getTime() <= o.now.getTime());
  const learners: TLearnerAttendance[] = o.learners.map(({ enrolledAt, ...l }) => {
    const enrolledOn = enrolledAt ? todayInParis(enrolledAt) : null;
    let attended = 0;
    let excused = 0;
    let absent = 0;
    let unrecorded = 0;
    let planned = 0;
    for (const s of past) {
      const status = o.current.get(keyOf(s.id, l.userId))?.status;
      if (!status && enrolledOn && todayInParis(s.endsAt) < enrolledOn) continue;
      planned += s.hours;
      if (status === 'present' || status === 'late') attended += s.hours;
      else if (status === 'excused') excused += s.hours;
      else if (status === 'absent') absent += s.hours;
      else unrecorded += s.hours;
    }
    const due = planned - excused;
    const rate = due > 0 ? r1((attended / due) * 100) : null;
    return {
      ...l,
      plannedHours: r2(planned),
      attendedHours: r2(attended),
      excusedHours: r2(excused),
      absentHours: r2(absent),
      unrecordedHours: r2(unrecorded),
      rate,
      alert: rate !== null && rate < o.threshold,
    };
  });
  const attended = learners.reduce((s, l) => s + l.attendedHours, 0);
  const due = learners.reduce((s, l) => s + l.plannedHours - l.excusedHours, 0);
  const funders = new Map<string, { funder: string; learners: number; attendedHours: number; dueHours: number }>();
  for (const l of learners) {
    const funder = l.funderLabel?.trim() || 'Non renseigné';
    const f = funders.get(funder) ?? { funder, learners: 0, attendedHours: 0, dueHours: 0 };
    f.learners += 1;
    f.attendedHours = r2(f.attendedHours + l.attendedHours);
    f.dueHours = r2(f.dueHours + l.plannedHours - l.excusedHours);
    funders.set(funder, f);
  }
  return {
    learners,
    cohort: { attendedHours: r2(attended), dueHours: r2(due), rate: due > 0 ? r1((attended / due) * 100) : null, alerts: learners.filter((l) => l.alert).length },
    byFunder: [...funders.values()].sort((a, b) => a.funder.localeCompare(b.funder, 'fr')),
    pastSessions: past.length,
  };
}
