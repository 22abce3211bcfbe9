/**
 * Access review: "nobody sees another person's data without a role that allows it". Each test names
 * the route and who must be refused; the first two describe holes found by the review (now closed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userCentres, userRoles } from '../../src/features/auth/auth.tables.js';
import { createApplicant, createTestCohort, pdfBase64 } from '../helpers/admissions.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, sessionAround, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
let paris: Awaited<ReturnType<typeof createTestCohort>>;
let parisGestionnaire: { cookie: string };
let lilleGestionnaire: { cookie: string };
let lilleId: string;

beforeAll(async () => {
  t = await createTestContext();
  paris = await createTestCohort(t.db);
  parisGestionnaire = await staffOf(t, paris.centreId, 'gestionnaire');
  lilleId = (await t.createTestCentre('Centre de Lille')).id;
  lilleGestionnaire = await staffOf(t, lilleId, 'gestionnaire');
});
afterAll(() => t.close());

const minutes = (n: number) => new Date(t.clock.now().getTime() + n * 60_000);
const FUNDING = { payers: [{ kind: 'personal', name: 'Moi-même', weight: 100 }], cooperativeModule: false, instalments: 1, firstDueOn: '2099-01-01', monthsApart: 1 };

describe('holes found by the review', () => {
  it('an applicant who is also staff of another centre can neither add notes nor decide on their own application (no private note leaks)', async () => {
    const a = await createApplicant(t, paris.id, { file: true });
    const review = await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: parisGestionnaire.cookie, body: { action: 'start_review', reason: 'Complet' } });
    expect(review.status).toBe(200);
    const secret = 'Note privée : profil fragile, à surveiller';
    expect((await t.call('POST', `/api/applications/${a.id}/notes`, { cookie: parisGestionnaire.cookie, body: { text: secret } })).status).toBe(201);
    const me = await t.call('GET', '/api/me', { cookie: a.cookie });
    // The applicant is also responsable pédagogique and gestionnaire in Lille.
    await t.db.insert(userRoles).values([{ userId: me.body.user.id, role: 'responsable_pedagogique' }, { userId: me.body.user.id, role: 'gestionnaire' }]);
    await t.db.insert(userCentres).values({ userId: me.body.user.id, centreId: lilleId });

    const own = await t.call('GET', `/api/applications/${a.id}`, { cookie: a.cookie });
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).not.toContain(secret);

    const note = await t.call('POST', `/api/applications/${a.id}/notes`, { cookie: a.cookie, body: { text: 'je regarde' } });
    expect(note.status).toBe(403);
    expect(note.body.message).toContain('Accès refusé');
    expect(JSON.stringify(note.body)).not.toContain(secret);
    const accept = await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: a.cookie, body: { action: 'accept', reason: 'Je me prends' } });
    expect(accept.status).toBe(403);
    expect(JSON.stringify(accept.body)).not.toContain(secret);
    expect((await t.call('GET', `/api/applications/${a.id}`, { cookie: parisGestionnaire.cookie })).body.status).toBe('in_review');
    expect((await t.call('PUT', `/api/applications/${a.id}/funding`, { cookie: a.cookie, body: FUNDING })).status).toBe(403);
  });

  it('an absence justification (a medical certificate) is downloaded only by its learner and the staff who may list it', async () => {
    const { cohort, responsable, centre } = await createCohortWorld(t);
    const gestion = await staffOf(t, centre.id, 'gestionnaire');
    const alice = await enrol(t, cohort.id, responsable.cookie);
    const bob = await enrol(t, cohort.id, responsable.cookie);
    const outsideTeacher = await staffOf(t, lilleId, 'enseignant');
    await sessionAround(t, cohort.id, { startsAt: minutes(60 * 24 * 30), endsAt: minutes(60 * 24 * 30 + 60), teacherIds: [outsideTeacher.user.id] });
    const just = await t.call('POST', `/api/cohorts/${cohort.id}/justifications`, {
      cookie: alice.cookie,
      body: { fromDate: '2025-01-06', toDate: '2025-01-07', note: 'Arrêt maladie', fileName: 'arret.pdf', contentBase64: pdfBase64 },
    });
    expect(just.status).toBe(201);
    const path = `/api/justifications/${just.body.id}/document`;

    expect((await t.call('GET', path, { cookie: alice.cookie })).status).toBe(200);
    expect((await t.call('GET', path, { cookie: gestion.cookie })).status).toBe(200);
    // The teacher of one session of this promotion, from another centre: cannot list, cannot download.
    expect((await t.call('GET', `/api/cohorts/${cohort.id}/justifications`, { cookie: outsideTeacher.cookie })).status).toBe(403);
    const byTeacher = await t.call('GET', path, { cookie: outsideTeacher.cookie });
    expect(byTeacher.status).toBe(403);
    expect(byTeacher.body.message).toContain('Accès refusé');
    // Another learner of the promotion, and staff of another centre.
    expect((await t.call('GET', path, { cookie: bob.cookie })).status).toBe(403);
    expect((await t.call('GET', path, { cookie: lilleGestionnaire.cookie })).status).toBe(403);
    const bobList = await t.call('GET', `/api/cohorts/${cohort.id}/justifications`, { cookie: bob.cookie });
    expect(bobList.status).toBe(200);
    expect(bobList.body.items).toEqual([]);
  });
});

describe('refusals that hold today', () => {
  it('applications, their documents, funding and PDFs: another learner, Lille staff and a jury member are refused; lists stay within the centre', async () => {
    const a = await createApplicant(t, paris.id, { file: true });
    const b = await createApplicant(t, paris.id, { file: true });
    const jury = await t.as('jury');
    const view = await t.call('GET', `/api/applications/${a.id}`, { cookie: a.cookie });
    const docPath = `/api/applications/${a.id}/documents/${view.body.documents[0].id}`;
    for (const path of [`/api/applications/${a.id}`, docPath, `/api/applications/${a.id}/funding`, `/api/applications/${a.id}/quote.pdf`, `/api/applications/${a.id}/agreement.pdf`]) {
      for (const cookie of [b.cookie, lilleGestionnaire.cookie, jury.cookie]) {
        const res = await t.call('GET', path, { cookie });
        expect(res.status, `${path}`).toBe(403);
        expect(JSON.stringify(res.body)).not.toContain(a.email);
      }
    }
    // The other learner's document id, through their own application: not found there.
    expect((await t.call('GET', `/api/applications/${b.id}/documents/${view.body.documents[0].id}`, { cookie: b.cookie })).status).toBe(404);
    expect((await t.call('GET', docPath, { cookie: parisGestionnaire.cookie })).status).toBe(200);

    const mine = await t.call('GET', '/api/applications/mine', { cookie: b.cookie });
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    for (const path of ['/api/applications', '/api/applications/export?format=csv']) {
      const lille = await t.call('GET', path, { cookie: lilleGestionnaire.cookie });
      expect(lille.status).toBe(200);
      expect(JSON.stringify(lille.body)).not.toContain(a.reference);
      expect((await t.call('GET', path, { cookie: b.cookie })).status).toBe(403);
    }
    expect((await t.call('GET', `/api/admissions/cohorts/${paris.id}/waiting-list`, { cookie: lilleGestionnaire.cookie })).status).toBe(403);
    expect((await t.call('PUT', `/api/applications/${a.id}/funding`, { cookie: lilleGestionnaire.cookie, body: FUNDING })).status).toBe(403);
  });

  it('private notes never reach the applicant', async () => {
    const a = await createApplicant(t, paris.id, { file: true });
    await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: parisGestionnaire.cookie, body: { action: 'start_review', reason: 'Complet' } });
    await t.call('POST', `/api/applications/${a.id}/notes`, { cookie: parisGestionnaire.cookie, body: { text: 'Confidentiel commission' } });
    const staff = await t.call('GET', `/api/applications/${a.id}`, { cookie: parisGestionnaire.cookie });
    expect(JSON.stringify(staff.body.history)).toContain('Confidentiel commission');
    const own = await t.call('GET', `/api/applications/${a.id}`, { cookie: a.cookie });
    expect(own.body.view).toBe('applicant');
    expect(own.body.history.some((e: { private: boolean }) => e.private)).toBe(false);
    expect(JSON.stringify(own.body)).not.toContain('Confidentiel commission');
  });

  it('attendance: a learner sees only their own; another centre’s staff and other learners are refused', async () => {
    const { cohort, responsable } = await createCohortWorld(t);
    const alice = await enrol(t, cohort.id, responsable.cookie);
    const session = await sessionAround(t, cohort.id, { startsAt: minutes(-60), endsAt: minutes(-1) });
    await t.call('POST', `/api/sessions/${session.id}/attendance/marks`, { cookie: responsable.cookie, body: { entries: [{ learnerId: alice.user.id, status: 'absent' }] } });
    const stranger = await t.as('auditeur');
    const lilleResponsable = await staffOf(t, lilleId, 'responsable_pedagogique');
    const lilleTeacher = await staffOf(t, lilleId, 'enseignant');

    expect((await t.call('GET', `/api/cohorts/${cohort.id}/attendance/me`, { cookie: stranger.cookie })).status).toBe(403);
    for (const path of [`/api/cohorts/${cohort.id}/attendance`, `/api/cohorts/${cohort.id}/attendance/export?format=csv`, `/api/sessions/${session.id}/attendance`]) {
      expect((await t.call('GET', path, { cookie: alice.cookie })).status, path).toBe(403);
      expect((await t.call('GET', path, { cookie: lilleResponsable.cookie })).status, path).toBe(403);
    }
    expect((await t.call('GET', `/api/sessions/${session.id}/attendance`, { cookie: lilleTeacher.cookie })).status).toBe(403);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(session.startsAt);
    expect((await t.call('GET', `/api/cohorts/${cohort.id}/attendance/sheet?date=${day}`, { cookie: lilleResponsable.cookie })).status).toBe(403);
    const mine = await t.call('GET', `/api/cohorts/${cohort.id}/attendance/me`, { cookie: alice.cookie });
    expect(mine.status).toBe(200);
    expect(mine.body.summary.userId).toBe(alice.user.id);
  });

  it('calendar feeds: the list never shows tokens nor others’ feeds; a learner cannot subscribe to another promotion nor revoke another’s feed', async () => {
    const { cohort, responsable } = await createCohortWorld(t);
    const alice = await enrol(t, cohort.id, responsable.cookie);
    const other = await createCohortWorld(t);
    const feed = await t.call('POST', '/api/calendar/feeds', { cookie: alice.cookie, body: { scope: 'learner' } });
    expect(feed.status).toBe(201);
    const token = /feeds\/(.+)\.ics$/.exec(feed.body.url)![1]!;
    expect((await t.call('GET', '/api/calendar/feeds', { cookie: alice.cookie })).body.items).toHaveLength(1);
    expect(JSON.stringify((await t.call('GET', '/api/calendar/feeds', { cookie: alice.cookie })).body)).not.toContain(token);
    expect((await t.call('GET', '/api/calendar/feeds', { cookie: responsable.cookie })).body.items).toEqual([]);
    expect((await t.call('DELETE', `/api/calendar/feeds/${feed.body.id}`, { cookie: other.responsable.cookie })).status).toBe(403);
    expect((await t.call('POST', '/api/calendar/feeds', { cookie: alice.cookie, body: { scope: 'cohort', cohortId: other.cohort.id } })).status).toBe(403);
    expect((await t.call('GET', `/api/cohorts/${other.cohort.id}/calendar`, { cookie: alice.cookie })).status).toBe(403);
    expect((await t.call('GET', `/api/cohorts/${cohort.id}/learners`, { cookie: other.responsable.cookie })).status).toBe(403);
  });

  it('admin-only routes refuse every other role', async () => {
    for (const role of ['gestionnaire', 'responsable_pedagogique', 'enseignant', 'jury', 'auditeur'] as const) {
      const { cookie, user } = await t.as(role);
      for (const path of ['/api/users', `/api/users/${user.id}`, '/api/audit']) {
        expect((await t.call('GET', path, { cookie })).status, `${role} ${path}`).toBe(403);
      }
      expect((await t.call('PATCH', `/api/users/${user.id}`, { cookie, body: { roles: ['administrateur'] } })).status).toBe(403);
    }
  });
});
