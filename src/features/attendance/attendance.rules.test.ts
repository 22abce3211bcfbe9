import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeAttendance, currentRecords, keyOf, selfSignedStatus, selfSigningRefusal } from './attendance.rules.js';
import { ATTENDANCE_STATUSES, type TAttendanceStatus } from './attendance.tables.js';

const arbStatus = fc.constantFrom(...ATTENDANCE_STATUSES);
const NOW = new Date('2026-03-10T12:00:00Z');

describe('attendance rules', () => {
  it('the current record of a chain of corrections is its last one', () => {
    fc.assert(
      fc.property(fc.array(arbStatus, { minLength: 1, maxLength: 6 }), (statuses) => {
        const chain = statuses.map((status, i) => ({ id: `r${i}`, sessionId: 's', learnerId: 'l', status, supersedesId: i === 0 ? null : `r${i - 1}` }));
        // Order of the rows does not matter.
        const current = currentRecords([...chain].reverse());
        expect(current.get(keyOf('s', 'l'))!.id).toBe(`r${statuses.length - 1}`);
        expect(current.size).toBe(1);
      }),
    );
  });

  it('hours add up, rates stay within 0–100 %, alerts follow the threshold, funders sum to the promotion', () => {
    const arbSession = fc.record({ hours: fc.constantFrom(3.5, 3, 7), pastMinutes: fc.integer({ min: -600, max: 600 }) });
    fc.assert(
      fc.property(
        fc.array(arbSession, { minLength: 0, maxLength: 20 }),
        fc.array(fc.constantFrom('OPCO', 'CPF', null), { minLength: 1, maxLength: 5 }),
        fc.array(fc.option(arbStatus, { nil: undefined }), { minLength: 100, maxLength: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (rawSessions, funders, statuses, threshold) => {
          const sessions = rawSessions.map((s, i) => ({ id: `s${i}`, hours: s.hours, endsAt: new Date(NOW.getTime() - s.pastMinutes * 60_000) }));
          const learners = funders.map((f, i) => ({ userId: `l${i}`, name: `L${i}`, funderLabel: f }));
          const current = new Map<string, { status: TAttendanceStatus }>();
          sessions.forEach((s, i) =>
            learners.forEach((l, j) => {
              const status = statuses[(i * 7 + j) % 100];
              if (status) current.set(keyOf(s.id, l.userId), { status });
            }),
          );
          const report = computeAttendance({ sessions, learners, current, now: NOW, threshold });
          const past = sessions.filter((s) => s.endsAt <= NOW).reduce((a, s) => a + s.hours, 0);
          for (const l of report.learners) {
            expect(l.plannedHours).toBeCloseTo(past, 5);
            expect(l.attendedHours + l.excusedHours + l.absentHours + l.unrecordedHours).toBeCloseTo(l.plannedHours, 5);
            if (l.rate !== null) {
              expect(l.rate).toBeGreaterThanOrEqual(0);
              expect(l.rate).toBeLessThanOrEqual(100);
            }
            expect(l.alert).toBe(l.rate !== null && l.rate < threshold);
          }
          const byFunder = report.byFunder.reduce((a, f) => a + f.attendedHours, 0);
          expect(byFunder).toBeCloseTo(report.cohort.attendedHours, 5);
        },
      ),
    );
  });

  it('a learner who joins a running promotion today owes none of its earlier sessions: no rate, no alert until a session is over', () => {
    // Ten half-days of 3.5 h already over, then this morning's session (signed, not over at NOW).
    const sessions = Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, hours: 3.5, endsAt: new Date(Date.UTC(2026, 1, 2 + i, 11, 30)) }));
    sessions.push({ id: 'today', hours: 3.5, endsAt: new Date('2026-03-10T12:30:00Z') });
    const newcomer = { userId: 'new', name: 'Nouvelle', funderLabel: null, enrolledAt: new Date('2026-03-10T08:00:00Z') };
    const since = { userId: 'old', name: 'Ancienne', funderLabel: null, enrolledAt: new Date('2026-01-05T08:00:00Z') };
    const current = new Map<string, { status: TAttendanceStatus }>([[keyOf('today', 'new'), { status: 'present' }]]);
    const report = computeAttendance({ sessions, learners: [newcomer, since], current, now: NOW, threshold: 75 });
    const [n, o] = report.learners;
    expect(n).toMatchObject({ plannedHours: 0, rate: null, alert: false });
    // Enrolled before them, the other learner owes the ten sessions (35 h, none signed: 0 %, alert).
    expect(o).toMatchObject({ plannedHours: 35, unrecordedHours: 35, rate: 0, alert: true });
    // Once this morning's session is over, the newcomer's signed 3.5 h are 100 %.
    const later = computeAttendance({ sessions, learners: [newcomer], current, now: new Date('2026-03-10T13:00:00Z'), threshold: 75 });
    expect(later.learners[0]).toMatchObject({ plannedHours: 3.5, attendedHours: 3.5, rate: 100, alert: false });
    expect(later.learners[0]).not.toHaveProperty('enrolledAt');
  });

  it('learners sign from 15 minutes before the start to the end; late after 15 minutes', () => {
    const s = { startsAt: new Date('2026-03-10T08:00:00Z'), endsAt: new Date('2026-03-10T11:30:00Z') };
    const fmt = (d: Date) => d.toISOString();
    expect(selfSigningRefusal(new Date('2026-03-10T07:44:59Z'), s, fmt)).toBe('L’émargement de cette séance ouvre le 2026-03-10T07:45:00.000Z.');
    expect(selfSigningRefusal(new Date('2026-03-10T07:45:00Z'), s, fmt)).toBeNull();
    expect(selfSigningRefusal(new Date('2026-03-10T11:30:00Z'), s, fmt)).toBeNull();
    expect(selfSigningRefusal(new Date('2026-03-10T11:30:01Z'), s, fmt)).toMatch(/^L’émargement de cette séance est clos/);
    expect(selfSignedStatus(new Date('2026-03-10T08:15:00Z'), s)).toBe('present');
    expect(selfSignedStatus(new Date('2026-03-10T08:15:01Z'), s)).toBe('late');
  });
});
