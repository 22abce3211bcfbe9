/**
 * Issue 8, item 7: a signed session could be moved or shortened (planned hours 490 → 487 and the
 * learners' attended hours with it). Its times are fixed once it has attendance; a change is a
 * correction with a reason, recorded, attributed, audited and in the session's history (decision 012).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceRecords } from '../../src/features/attendance/attendance.tables.js';
import { calendarSessions } from '../../src/features/calendar/calendar.tables.js';
import { parisTime } from '../../src/features/calendar/calendar.dates.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, sessionAround, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

async function signedSession() {
  const { cohort, responsable, centre } = await createCohortWorld(t);
  const teacher = await staffOf(t, centre.id, 'enseignant');
  const learner = await enrol(t, cohort.id, responsable.cookie);
  const s = await sessionAround(t, cohort.id, { startsAt: parisTime('2026-03-09', '09:00'), endsAt: parisTime('2026-03-09', '12:30'), teacherIds: [teacher.user.id] });
  await t.db.insert(attendanceRecords).values({ sessionId: s.id, learnerId: learner.user.id, status: 'present', method: 'teacher', recordedBy: teacher.user.id, recordedAt: t.clock.now() });
  return { cohort, responsable, centre, teacher, learner, session: s };
}

describe('a signed session', () => {
  it('says it is signed, and a plain edit of its times stays refused (409)', async () => {
    const { cohort, responsable, session } = await signedSession();
    const cal = await t.call('GET', `/api/cohorts/${cohort.id}/calendar`, { cookie: responsable.cookie });
    const shown = cal.body.residencies.flatMap((r: { sessions: { id: string; signed: boolean }[] }) => r.sessions).find((s: { id: string }) => s.id === session.id);
    expect(shown.signed).toBe(true);
    const edit = await t.call('PUT', `/api/sessions/${session.id}`, {
      cookie: responsable.cookie,
      body: { residencyId: session.residencyId, type: 'theoretical', title: 'Séance de test', teacherIds: [], room: 'Salle 1', remoteUrl: null, date: '2026-03-09', startTime: '09:00', endTime: '12:00' },
    });
    expect(edit.status).toBe(409);
    const [row] = await t.db.select().from(calendarSessions).where(eq(calendarSessions.id, session.id));
    expect(row!.endsAt.toISOString()).toBe(parisTime('2026-03-09', '12:30').toISOString());
  });

  it('is corrected with a reason: recorded, attributed, audited, in its history; refused without a reason or to a teacher', async () => {
    const { responsable, teacher, session, learner } = await signedSession();
    const url = `/api/sessions/${session.id}/time-corrections`;
    const noReason = await t.call('POST', url, { cookie: responsable.cookie, body: { startTime: '09:00', endTime: '12:00', reason: '' } });
    expect(noReason.status).toBe(422);
    expect(noReason.body.issues[0]).toEqual({ path: 'reason', message: 'Le motif de la correction est obligatoire (10 caractères au moins).' });
    const byTeacher = await t.call('POST', url, { cookie: teacher.cookie, body: { startTime: '09:00', endTime: '12:00', reason: 'La séance a fini plus tôt' } });
    expect(byTeacher.status).toBe(403);

    const ok = await t.call('POST', url, { cookie: responsable.cookie, body: { startTime: '09:00', endTime: '12:00', reason: 'La séance a fini à midi (erreur de saisie)' } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      before: { startTime: '09:00', endTime: '12:30', hours: 3.5 },
      after: { startTime: '09:00', endTime: '12:00', hours: 3 },
      reason: 'La séance a fini à midi (erreur de saisie)',
      correctedBy: { userId: responsable.user.id },
      correctedAt: t.clock.now().toISOString(),
      learnersWithAttendance: 1,
    });
    const [row] = await t.db.select().from(calendarSessions).where(eq(calendarSessions.id, session.id));
    expect(row!.endsAt.toISOString()).toBe(parisTime('2026-03-09', '12:00').toISOString());
    // The attendance record is untouched (append-only); the learner's hours for it follow the corrected session.
    const records = await t.db.select().from(attendanceRecords).where(eq(attendanceRecords.sessionId, session.id));
    expect(records.map((r) => [r.learnerId, r.status])).toEqual([[learner.user.id, 'present']]);

    const history = await t.call('GET', url, { cookie: responsable.cookie });
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0].reason).toBe('La séance a fini à midi (erreur de saisie)');
    const admin = await t.as('administrateur');
    const audit = await t.call('GET', `/api/audit?q=${session.id}`, { cookie: admin.cookie });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('session.times_corrected');

    // Still no plain edit after a correction.
    const edit = await t.call('PUT', `/api/sessions/${session.id}`, {
      cookie: responsable.cookie,
      body: { residencyId: session.residencyId, type: 'theoretical', title: 'Séance de test', teacherIds: [], room: 'Salle 1', remoteUrl: null, date: '2026-03-09', startTime: '09:00', endTime: '11:00' },
    });
    expect(edit.status).toBe(409);
  });

  it('the database itself refuses new times without a correction recorded in the same transaction', async () => {
    const { session } = await signedSession();
    await expect(t.db.update(calendarSessions).set({ endsAt: parisTime('2026-03-09', '11:00') }).where(eq(calendarSessions.id, session.id))).rejects.toThrow();
  });
});
