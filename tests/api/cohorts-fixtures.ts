/** Shared set-up of the promotion, calendar and attendance tests: a centre, its staff, a promotion. */
import { randomUUID } from 'node:crypto';
import { residencies, calendarSessions, sessionTeachers } from '../../src/features/calendar/calendar.tables.js';
import { parisDateOf } from '../../src/features/calendar/calendar.dates.js';
import type { TRole } from '../../src/features/auth/auth.tables.js';
import type { TTestContext } from '../helpers/context.js';

export async function staffOf(t: TTestContext, centreId: string, ...roles: TRole[]) {
  const user = await t.createTestUser({ roles, centreIds: [centreId], name: `${roles[0]} ${randomUUID().slice(0, 4)}` });
  return { user, cookie: await t.signIn(user.email) };
}

/**
 * A centre, a responsable of it, and a promotion of RNCP 41336 created through the API. The centre is
 * new, so the promotion is always its n° 33: a number drawn from a counter shared by the files of a
 * worker (isolate: false) once reached the 90 a test then created in the same centre (a 409 in CI).
 */
export async function createCohortWorld(t: TTestContext, o: { capacity?: number } = {}) {
  const centre = await t.createTestCentre(`Centre ${randomUUID().slice(0, 6)}`);
  const responsable = await staffOf(t, centre.id, 'responsable_pedagogique');
  const res = await t.call('POST', '/api/cohorts', {
    cookie: responsable.cookie,
    body: {
      number: 33,
      centreId: centre.id,
      certificationVersionCode: 'RNCP41336',
      startsOn: '2024-11-04',
      endsOn: '2026-10-30',
      capacity: o.capacity ?? 20,
      staff: [{ userId: responsable.user.id, role: 'responsable_pedagogique' }],
    },
  });
  if (res.status !== 201) throw new Error(`cohort ${res.status} ${JSON.stringify(res.body)}`);
  return { centre, responsable, cohort: res.body as { id: string; name: string } };
}

export async function enrol(t: TTestContext, cohortId: string, cookie: string, funderLabel: string | null = null) {
  const learner = await t.createTestUser({ roles: ['auditeur'], name: `Auditeur ${randomUUID().slice(0, 4)}` });
  const res = await t.call('POST', `/api/cohorts/${cohortId}/learners`, { cookie, body: { userId: learner.id, funderLabel } });
  if (res.status !== 201) throw new Error(`enrol ${res.status} ${JSON.stringify(res.body)}`);
  return { user: learner, cookie: await t.signIn(learner.email) };
}

/**
 * A session around a given instant, written straight to the tables: attendance tests need a session
 * whose signing window contains "now", whatever day the tests run (weekends included).
 */
export async function sessionAround(t: TTestContext, cohortId: string, o: { startsAt: Date; endsAt: Date; teacherIds?: string[]; title?: string }) {
  const day = parisDateOf(o.startsAt);
  const [r] = await t.db.insert(residencies).values({ cohortId, kind: 'on_site', label: 'Test', days: [day], startsOn: day, endsOn: day }).returning();
  const [s] = await t.db
    .insert(calendarSessions)
    .values({ cohortId, residencyId: r!.id, type: 'theoretical', title: o.title ?? 'Séance de test', room: 'Salle 1', startsAt: o.startsAt, endsAt: o.endsAt })
    .returning();
  if (o.teacherIds?.length) await t.db.insert(sessionTeachers).values(o.teacherIds.map((userId) => ({ sessionId: s!.id, userId })));
  return s!;
}
