/**
 * Signed attendance holds its session in place: the calendar cannot move, re-time, delete or
 * regenerate a session that has attendance records (the database says so: foreign key and trigger),
 * and the answer is a 409 with the reason, never a 500.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, sessionAround, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext({ logger: (await import('../../src/http/logger.js')).createLogger('error') });
});
afterAll(() => t.close());

it('a session with attendance is neither moved, re-timed, deleted nor regenerated (409, nothing changed)', async () => {
  const { cohort, responsable, centre } = await createCohortWorld(t);
  const teacher = await staffOf(t, centre.id, 'enseignant');
  const learner = await enrol(t, cohort.id, responsable.cookie);
  const now = t.clock.now().getTime();
  const s = await sessionAround(t, cohort.id, { startsAt: new Date(now - 10 * 60_000), endsAt: new Date(now + 3600_000), teacherIds: [teacher.user.id] });
  expect((await t.call('POST', `/api/sessions/${s.id}/attendance/sign`, { cookie: learner.cookie, body: {} })).status).toBe(201);

  const moved = await t.call('PATCH', `/api/residencies/${s.residencyId}`, { cookie: responsable.cookie, body: { moveTo: '2026-03-17' } });
  expect(moved.status).toBe(409);
  expect(moved.body.message).toBe('Des émargements existent pour ce regroupement : il ne peut plus être déplacé.');

  const retimed = await t.call('PUT', `/api/sessions/${s.id}`, {
    cookie: responsable.cookie,
    body: { residencyId: s.residencyId, type: 'theoretical', title: 'Séance de test', teacherIds: [teacher.user.id], room: 'Salle 1', date: '2026-03-10', startTime: '13:30', endTime: '17:00' },
  });
  expect(retimed.status).toBe(409);
  expect(retimed.body.message).toBe('Des émargements existent pour cette séance : ses horaires ne peuvent plus changer.');

  const deleted = await t.call('DELETE', `/api/sessions/${s.id}`, { cookie: responsable.cookie });
  expect(deleted.status).toBe(409);
  expect(deleted.body.message).toBe('Cette séance a des émargements : elle ne peut plus être supprimée.');

  const regenerated = await t.call('POST', `/api/cohorts/${cohort.id}/calendar/generate`, {
    cookie: responsable.cookie,
    body: { startsOn: '2024-11-04', schoolZone: null, replace: true, withSessions: true },
  });
  expect(regenerated.status).toBe(409);
  expect(regenerated.body.message).toMatch(/^Des émargements existent déjà/);

  const calendar = await t.call('GET', `/api/cohorts/${cohort.id}/calendar`, { cookie: responsable.cookie });
  const session = calendar.body.residencies.flatMap((r: { sessions: { id: string; startsAt: string }[] }) => r.sessions).find((x: { id: string }) => x.id === s.id);
  expect(session.startsAt).toBe(s.startsAt.toISOString());
});
