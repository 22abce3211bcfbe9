/**
 * A teacher fixes their own roll call before signing the sheet: a mark they recorded is rectified by
 * a new dated record (the first stays in the register); a learner's own signature is not theirs to
 * change, and once the teacher has signed, the correction goes through the staff who correct.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceRecords } from '../../src/features/attendance/attendance.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, sessionAround, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const minutes = (n: number) => new Date(t.clock.now().getTime() + n * 60_000);
const recordsFor = (sessionId: string) => t.db.select().from(attendanceRecords).where(eq(attendanceRecords.sessionId, sessionId));

describe('a teacher’s own roll call', () => {
  it('is rectified before signing, not after; a learner’s own signature never by the teacher', async () => {
    const { cohort, responsable, centre } = await createCohortWorld(t);
    const teacher = await staffOf(t, centre.id, 'enseignant');
    const [alice, bob, chloe] = [await enrol(t, cohort.id, responsable.cookie), await enrol(t, cohort.id, responsable.cookie), await enrol(t, cohort.id, responsable.cookie)];
    const s = await sessionAround(t, cohort.id, { startsAt: minutes(-30), endsAt: minutes(60), teacherIds: [teacher.user.id] });
    await t.call('POST', `/api/sessions/${s.id}/attendance/sign`, { cookie: alice.cookie, body: {} });

    // « Tous présents » then one slip: Bob marked absent by mistake.
    const marked = await t.call('POST', `/api/sessions/${s.id}/attendance/marks`, {
      cookie: teacher.cookie,
      body: { entries: [{ learnerId: bob.user.id, status: 'absent' }, { learnerId: chloe.user.id, status: 'present' }] },
    });
    expect(marked.status).toBe(200);
    const row = (id: string) => marked.body.learners.find((l: { userId: string }) => l.userId === id);
    expect(row(bob.user.id).canCorrect).toBe(true);
    expect(row(alice.user.id).canCorrect).toBe(false);

    const bobMark = (await recordsFor(s.id)).find((r) => r.learnerId === bob.user.id)!;
    const fixed = await t.call('POST', `/api/attendance/${bobMark.id}/corrections`, { cookie: teacher.cookie, body: { status: 'present', reason: 'Rectification de mon appel' } });
    expect(fixed.status).toBe(200);
    const bobRow = fixed.body.learners.find((l: { userId: string }) => l.userId === bob.user.id);
    expect(bobRow.current).toMatchObject({ status: 'present', method: 'correction', supersedesId: bobMark.id });
    expect(bobRow.history.map((h: { status: string }) => h.status)).toEqual(['absent', 'present']);

    const aliceRecord = (await recordsFor(s.id)).find((r) => r.learnerId === alice.user.id)!;
    const notMine = await t.call('POST', `/api/attendance/${aliceRecord.id}/corrections`, { cookie: teacher.cookie, body: { status: 'absent', reason: 'Partie à 10 h' } });
    expect(notMine.status).toBe(403);
    expect(notMine.body.message).toContain('seul l’appel que vous avez fait vous-même');

    const signed = await t.call('POST', `/api/sessions/${s.id}/attendance/teacher-signature`, { cookie: teacher.cookie });
    expect(signed.status).toBe(200);
    const chloeMark = (await recordsFor(s.id)).find((r) => r.learnerId === chloe.user.id)!;
    expect(signed.body.learners.find((l: { userId: string }) => l.userId === chloe.user.id).canCorrect).toBe(false);
    const afterSigning = await t.call('POST', `/api/attendance/${chloeMark.id}/corrections`, { cookie: teacher.cookie, body: { status: 'absent', reason: 'Oubli' } });
    expect(afterSigning.status).toBe(403);
    expect(afterSigning.body.message).toContain('vous avez signé la feuille');
    expect((await recordsFor(s.id)).map((r) => r.status).sort()).toEqual(['absent', 'late', 'present', 'present']);
  });
});
