/**
 * Requests racing for the same record (issue 9, items 3 and 4): the loser gets a French 409, never a
 * 500, and no duplicate row exists. On PGlite the requests are serialised; the PostgreSQL pass of the
 * tests runs them truly in parallel.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications } from '../../src/features/admissions/admissions.tables.js';
import { attendanceRecords } from '../../src/features/attendance/attendance.tables.js';
import { cohortLearners } from '../../src/features/cohorts/cohorts.tables.js';
import { users } from '../../src/features/auth/auth.tables.js';
import { createTestCohort } from '../helpers/admissions.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, sessionAround, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const ATTEMPTS = 20;
const statuses = (answers: { status: number }[]) => answers.map((a) => a.status).sort();

describe('races', () => {
  it('the same learner enrolled 20 times at once: one 201, the others 409 in French, one row', async () => {
    const { cohort, responsable } = await createCohortWorld(t, { capacity: 30 });
    const learner = await t.createTestUser({ roles: ['auditeur'], name: 'Léa Concurrente' });
    const answers = await Promise.all(
      Array.from({ length: ATTEMPTS }, () => t.call('POST', `/api/cohorts/${cohort.id}/learners`, { cookie: responsable.cookie, body: { userId: learner.id } })),
    );
    expect(statuses(answers)).toEqual([201, ...Array(ATTEMPTS - 1).fill(409)]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.message).toMatch(/déjà inscrite/);
    const rows = await t.db.select().from(cohortLearners).where(and(eq(cohortLearners.cohortId, cohort.id), eq(cohortLearners.userId, learner.id)));
    expect(rows).toHaveLength(1);
  });

  it('a promotion of 1 place, 20 learners enrolled at once by staff: exactly one gets it', async () => {
    const { cohort, responsable } = await createCohortWorld(t, { capacity: 1 });
    const learners = await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => t.createTestUser({ roles: ['auditeur'], name: `Place ${i}` })));
    const answers = await Promise.all(learners.map((l) => t.call('POST', `/api/cohorts/${cohort.id}/learners`, { cookie: responsable.cookie, body: { userId: l.id } })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 201)) {
      expect(a.status).toBe(409);
      expect(typeof a.body.message).toBe('string');
    }
    expect(await t.db.select().from(cohortLearners).where(eq(cohortLearners.cohortId, cohort.id))).toHaveLength(1);
  });

  it('two teachers marking the same learner at once, 20 times: one record, the others 409', async () => {
    const { cohort, responsable, centre } = await createCohortWorld(t);
    const a = await staffOf(t, centre.id, 'gestionnaire');
    const b = await staffOf(t, centre.id, 'gestionnaire');
    const learner = await t.createTestUser({ roles: ['auditeur'], name: 'Marquée Deux Fois' });
    expect((await t.call('POST', `/api/cohorts/${cohort.id}/learners`, { cookie: responsable.cookie, body: { userId: learner.id } })).status).toBe(201);
    const s = await sessionAround(t, cohort.id, { startsAt: new Date(t.clock.now().getTime() - 30 * 60_000), endsAt: new Date(t.clock.now().getTime() + 60 * 60_000) });
    const answers = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) =>
        t.call('POST', `/api/sessions/${s.id}/attendance/marks`, { cookie: (i % 2 ? a : b).cookie, body: { entries: [{ learnerId: learner.id, status: 'present' }] } }),
      ),
    );
    expect(statuses(answers)).toEqual([200, ...Array(ATTEMPTS - 1).fill(409)]);
    expect(await t.db.select().from(attendanceRecords).where(and(eq(attendanceRecords.sessionId, s.id), eq(attendanceRecords.learnerId, learner.id)))).toHaveLength(1);
  });

  it('the public form sent 20 times at once with the same e-mail: one account, and the same 202 to all (none is told the address is taken)', async () => {
    const cohort = await createTestCohort(t.db);
    const email = 'meme-adresse@exemple.fr';
    const answers = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) =>
        t.call('POST', '/api/admissions/start', {
          body: { lastName: `Durand${i}`, firstName: 'Sam', birthDate: '1984-02-03', email, password: 'mot-de-passe-candidate', cohortId: cohort.id },
        }),
      ),
    );
    expect(statuses(answers)).toEqual(Array(ATTEMPTS).fill(202));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const accounts = await t.db.select().from(users).where(eq(users.email, email));
    expect(accounts).toHaveLength(1);
    expect(await t.db.select().from(applications).where(eq(applications.userId, accounts[0]!.id))).toHaveLength(1);
  });

  it('the same person sent 20 times at once through the public form, each under its own e-mail: one application, one account, 202 to all', async () => {
    const cohort = await createTestCohort(t.db);
    const lastName = `Simultanée${Date.now()}`;
    const answers = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) =>
        t.call('POST', '/api/admissions/start', {
          body: { lastName, firstName: 'Sam', birthDate: '1984-02-03', email: `simultanee-${i}-${Date.now()}@exemple.fr`, password: 'mot-de-passe-candidate', cohortId: cohort.id },
        }),
      ),
    );
    expect(statuses(answers)).toEqual(Array(ATTEMPTS).fill(202));
    const files = await t.db.select().from(applications).where(eq(applications.lastName, lastName));
    expect(files).toHaveLength(1);
    expect(await t.db.select().from(users).where(eq(users.email, files[0]!.email))).toHaveLength(1);
  });
});
