import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarSessions, residencies } from '../../src/features/calendar/calendar.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type TCal = { residencies: { id: string; kind: string; days: string[]; sessions: { id: string; date: string; startTime: string }[] }[]; totals: { totalHours: number; seminarHours: number; thesisWorkshopHours: number; deviations: { message: string }[] } };

describe('calendar', () => {
  it('generates two years of residencies with default sessions totalling 490 h (420 + 70), off public holidays', async () => {
    const { cohort, responsable } = await createCohortWorld(t);
    const res = await t.call('POST', `/api/cohorts/${cohort.id}/calendar/generate`, { cookie: responsable.cookie, body: { startsOn: '2024-11-04', schoolZone: 'C' } });
    expect(res.status).toBe(200);
    const cal = res.body as TCal;
    expect(cal.residencies.filter((r) => r.kind === 'on_site')).toHaveLength(14);
    expect(cal.residencies.filter((r) => r.kind === 'remote')).toHaveLength(3);
    expect(cal.residencies.filter((r) => r.kind === 'defense')[0]!.days).toHaveLength(3);
    expect(cal.totals.totalHours).toBe(490);
    expect(cal.totals.seminarHours).toBe(420);
    expect(cal.totals.thesisWorkshopHours).toBe(70);
    expect(cal.totals.deviations).toEqual([]);
    const days = cal.residencies.flatMap((r) => r.days);
    for (const holiday of ['2024-11-11', '2024-12-25', '2025-05-01', '2025-05-08', '2025-05-29', '2025-07-14', '2025-11-11', '2026-05-14']) expect(days).not.toContain(holiday);
    expect(cal.residencies[0]!.sessions[0]).toMatchObject({ date: '2024-11-04', startTime: '09:00' });

    // A second generation needs the confirmation.
    const again = await t.call('POST', `/api/cohorts/${cohort.id}/calendar/generate`, { cookie: responsable.cookie, body: { startsOn: '2024-11-04' } });
    expect(again.status).toBe(409);
    const replaced = await t.call('POST', `/api/cohorts/${cohort.id}/calendar/generate`, { cookie: responsable.cookie, body: { startsOn: '2025-01-06', replace: true, withSessions: false } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.totals.totalHours).toBe(0);
    expect(replaced.body.totals.deviations[0].message).toBe('Séminaires : 0 h planifiées pour 420 h prévues par la maquette (−420 h).');
  });

  it('edits residencies freely: move (sessions follow, SEQUENCE grows), split, add a day; refuses a public holiday with 422', async () => {
    const { cohort, responsable } = await createCohortWorld(t);
    const gen = (await t.call('POST', `/api/cohorts/${cohort.id}/calendar/generate`, { cookie: responsable.cookie, body: { startsOn: '2024-11-04' } })).body as TCal;
    const first = gen.residencies[0]!;
    const moved = await t.call('PATCH', `/api/residencies/${first.id}`, { cookie: responsable.cookie, body: { moveTo: '2024-11-18' } });
    expect(moved.status).toBe(200);
    const r1 = (moved.body as TCal).residencies.find((r) => r.id === first.id)!;
    expect(r1.days).toEqual(['2024-11-18', '2024-11-19', '2024-11-20', '2024-11-21', '2024-11-22']);
    expect(r1.sessions[0]).toMatchObject({ date: '2024-11-18', startTime: '09:00' });
    expect(moved.body.totals.totalHours).toBe(490);
    const [seq] = await t.db.select({ sequence: calendarSessions.sequence }).from(calendarSessions).where(eq(calendarSessions.id, r1.sessions[0]!.id));
    expect(seq!.sequence).toBe(1);

    const split = await t.call('POST', `/api/residencies/${first.id}/split`, { cookie: responsable.cookie, body: { atDay: '2024-11-21' } });
    expect(split.status).toBe(200);
    const parts = (split.body as TCal).residencies.filter((r) => r.days.some((d) => d.startsWith('2024-11-')));
    expect(parts.map((r) => r.days.length)).toEqual([3, 2]);
    expect(parts[1]!.sessions).toHaveLength(4);

    const holiday = await t.call('PATCH', `/api/residencies/${first.id}`, { cookie: responsable.cookie, body: { days: ['2024-11-11', '2024-11-18', '2024-11-19', '2024-11-20'] } });
    expect(holiday.status).toBe(422);
    expect(holiday.body.issues).toEqual([{ path: 'days[0]', message: 'Le 11/11/2024 est un jour férié (11 novembre).' }]);
    const added = await t.call('PATCH', `/api/residencies/${first.id}`, { cookie: responsable.cookie, body: { days: ['2024-11-15', '2024-11-18', '2024-11-19', '2024-11-20'] } });
    expect(added.status).toBe(200);
    const removeBusy = await t.call('PATCH', `/api/residencies/${first.id}`, { cookie: responsable.cookie, body: { days: ['2024-11-15'] } });
    expect(removeBusy.status).toBe(409);
  });

  it('refuses a teacher or a room booked twice and a session outside its residency (409, nothing written); a teacher cannot plan', async () => {
    const { cohort, responsable, centre } = await createCohortWorld(t);
    const teacher = await staffOf(t, centre.id, 'enseignant');
    const res = await t.call('POST', `/api/cohorts/${cohort.id}/residencies`, { cookie: responsable.cookie, body: { kind: 'on_site', label: 'Regroupement test', days: ['2025-01-06', '2025-01-07'] } });
    expect(res.status).toBe(200);
    const residencyId = res.body.residencies[0].id as string;
    const base = { residencyId, type: 'technical', title: 'Gestion financière', teacherIds: [teacher.user.id], room: 'Salle 31.2.85', remoteUrl: null, date: '2025-01-06', startTime: '09:00', endTime: '12:30' };
    const ok = await t.call('POST', '/api/sessions', { cookie: responsable.cookie, body: base });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ startsAt: '2025-01-06T08:00:00.000Z', hours: 3.5 });
    const count = async () => (await t.db.select().from(calendarSessions).where(eq(calendarSessions.residencyId, residencyId))).length;

    const teacherTwice = await t.call('POST', '/api/sessions', { cookie: responsable.cookie, body: { ...base, room: 'Salle 2', startTime: '11:00', endTime: '13:00' } });
    expect(teacherTwice.status).toBe(409);
    expect(teacherTwice.body.issues[0].path).toBe('teacherIds');
    expect(teacherTwice.body.message).toMatch(/est déjà en séance à ce moment : « Gestion financière »/);
    const roomTwice = await t.call('POST', '/api/sessions', { cookie: responsable.cookie, body: { ...base, teacherIds: [], room: 'salle 31.2.85', startTime: '10:00' } });
    expect(roomTwice.status).toBe(409);
    expect(roomTwice.body.issues[0]).toEqual({ path: 'room', message: 'La salle « salle 31.2.85 » est déjà réservée à ce moment : « Gestion financière ».' });
    const outside = await t.call('POST', '/api/sessions', { cookie: responsable.cookie, body: { ...base, teacherIds: [], date: '2025-01-08' } });
    expect(outside.status).toBe(409);
    expect(outside.body.issues[0].path).toBe('startsAt');
    const bad = await t.call('POST', '/api/sessions', { cookie: responsable.cookie, body: { ...base, type: 'cours', startTime: '25:00' } });
    expect(bad.status).toBe(422);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['startTime', 'type']);
    const asTeacher = await t.call('POST', '/api/sessions', { cookie: teacher.cookie, body: { ...base, startTime: '14:00', endTime: '17:00' } });
    expect(asTeacher.status).toBe(403);
    expect(await count()).toBe(1);
    // Back to back is fine.
    const next = await t.call('POST', '/api/sessions', { cookie: responsable.cookie, body: { ...base, startTime: '12:30', endTime: '16:00' } });
    expect(next.status).toBe(201);
    const residencyRows = await t.db.select().from(residencies).where(eq(residencies.cohortId, cohort.id));
    expect(residencyRows).toHaveLength(1);
  });
});
