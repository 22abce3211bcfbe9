/** Home pages as dashboards (issue 8, item 11) and the global search: each role lands on its work, within its scope. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplicant, createTestCohort } from '../helpers/admissions.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, sessionAround, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const minutes = (n: number) => new Date(t.clock.now().getTime() + n * 60_000);
const dashboard = async (cookie: string) => {
  const res = await t.call('GET', '/api/me/dashboard', { cookie });
  expect(res.status).toBe(200);
  return res.body;
};
const refs = (section: { items: { reference: string }[] }) => section.items.map((i) => i.reference);

describe('home dashboards', () => {
  it('staff of admissions: files to review of their centres only, and files back from correction apart', async () => {
    const centre = await t.createTestCentre('Centre du tableau de bord');
    const other = await t.createTestCentre('Autre centre');
    const gestion = await staffOf(t, centre.id, 'gestionnaire');
    const cohort = await createTestCohort(t.db, { centreId: centre.id });
    const elsewhere = await createTestCohort(t.db, { centreId: other.id });
    const a = await createApplicant(t, cohort.id, { file: true });
    const b = await createApplicant(t, cohort.id, { file: true });
    const draft = await createApplicant(t, cohort.id);
    const foreign = await createApplicant(t, elsewhere.id, { file: true });

    const before = await dashboard(gestion.cookie);
    expect(refs(before.admissions.toReview).sort()).toEqual([a.reference, b.reference].sort());
    expect(before.admissions.toReview.total).toBe(2);
    expect(before.admissions.backFromCorrection.total).toBe(0);
    expect(refs(before.admissions.toReview)).not.toContain(draft.reference);
    expect(refs(before.admissions.toReview)).not.toContain(foreign.reference);

    // b is sent back, then refiled by the applicant: it waits for staff again, as a file back from correction.
    const sentBack = await t.call('POST', `/api/applications/${b.id}/transitions`, {
      cookie: gestion.cookie,
      body: { action: 'request_correction', reason: 'Le CV est illisible, merci de le déposer à nouveau.' },
    });
    expect(sentBack.status).toBe(200);
    const during = await dashboard(gestion.cookie);
    expect(refs(during.admissions.toReview)).toEqual([a.reference]);
    expect(during.admissions.backFromCorrection.total).toBe(0);
    expect((await t.call('POST', `/api/applications/${b.id}/file`, { cookie: b.cookie })).status).toBe(200);
    const after = await dashboard(gestion.cookie);
    expect(refs(after.admissions.toReview)).toEqual([a.reference]);
    expect(refs(after.admissions.backFromCorrection)).toEqual([b.reference]);

    // Nothing of the teaching or learning kind for a gestionnaire.
    expect(after.learning).toBeNull();
    expect(after.myApplications).toBeNull();
  });

  it('the applicant sees their application, its status and the next step', async () => {
    const cohort = await createTestCohort(t.db);
    const applicant = await createApplicant(t, cohort.id);
    const draft = await dashboard(applicant.cookie);
    expect(draft.admissions).toBeNull();
    expect(draft.myApplications).toHaveLength(1);
    expect(draft.myApplications[0]).toMatchObject({ reference: applicant.reference, status: 'draft', statusLabel: 'Brouillon' });
    expect(draft.myApplications[0].nextStep).toMatch(/déposez-le/);
    await t.call('POST', `/api/applications/${applicant.id}/file`, { cookie: applicant.cookie });
    const filed = await dashboard(applicant.cookie);
    expect(filed.myApplications[0]).toMatchObject({ status: 'filed', statusLabel: 'Déposée' });
    expect(filed.myApplications[0].nextStep).toMatch(/commission/);
  });

  it('the teacher: today’s sessions, and past sheets still to sign until they sign them', async () => {
    const { cohort, centre } = await createCohortWorld(t);
    const teacher = await staffOf(t, centre.id, 'enseignant');
    const colleague = await staffOf(t, centre.id, 'enseignant');
    const now = await sessionAround(t, cohort.id, { startsAt: minutes(-30), endsAt: minutes(60), teacherIds: [teacher.user.id], title: 'Gouvernance associative' });
    const past = await sessionAround(t, cohort.id, { startsAt: minutes(-3 * 24 * 60), endsAt: minutes(-3 * 24 * 60 + 180), teacherIds: [teacher.user.id], title: 'Budget' });
    await sessionAround(t, cohort.id, { startsAt: minutes(-5 * 24 * 60), endsAt: minutes(-5 * 24 * 60 + 180), teacherIds: [colleague.user.id], title: 'Autre' });
    await sessionAround(t, cohort.id, { startsAt: minutes(2 * 24 * 60), endsAt: minutes(2 * 24 * 60 + 180), teacherIds: [teacher.user.id], title: 'Plus tard' });

    const first = await dashboard(teacher.cookie);
    expect(first.teaching.today.map((s: { id: string }) => s.id)).toEqual([now.id]);
    expect(first.teaching.today[0].cohortName).toBe(cohort.name);
    expect(first.teaching.unsigned.items.map((s: { id: string }) => s.id)).toEqual([past.id]);
    expect(first.teaching.unsigned.total).toBe(1);

    expect((await t.call('POST', `/api/sessions/${past.id}/attendance/teacher-signature`, { cookie: teacher.cookie, body: {} })).status).toBeLessThan(300);
    const signed = await dashboard(teacher.cookie);
    expect(signed.teaching.unsigned.total).toBe(0);
  });

  it('staff with attendance reports: learners under the threshold of running promotions, lowest first', async () => {
    const { cohort, responsable, centre } = await createCohortWorld(t);
    const gestion = await staffOf(t, centre.id, 'gestionnaire');
    const outsider = await staffOf(t, (await t.createTestCentre('Centre lointain')).id, 'gestionnaire');
    const assidue = await enrol(t, cohort.id, responsable.cookie);
    const absente = await enrol(t, cohort.id, responsable.cookie);
    const s1 = await sessionAround(t, cohort.id, { startsAt: minutes(-2 * 24 * 60), endsAt: minutes(-2 * 24 * 60 + 180) });
    const marks = await t.call('POST', `/api/sessions/${s1.id}/attendance/marks`, {
      cookie: gestion.cookie,
      body: {
        entries: [
          { learnerId: assidue.user.id, status: 'present' },
          { learnerId: absente.user.id, status: 'absent' },
        ],
      },
    });
    expect(marks.status).toBe(200);
    const board = await dashboard(gestion.cookie);
    const mine = board.attendanceAlerts.items.filter((i: { cohortId: string }) => i.cohortId === cohort.id);
    expect(mine.map((i: { userId: string }) => i.userId)).toEqual([absente.user.id]);
    expect(mine[0]).toMatchObject({ rate: 0, threshold: 80, cohortName: cohort.name });
    const far = await dashboard(outsider.cookie);
    expect(far.attendanceAlerts.items.filter((i: { cohortId: string }) => i.cohortId === cohort.id)).toEqual([]);
  });

  it('the learner: next sessions of their running promotion and their hours; no rate before any session', async () => {
    const { cohort, responsable } = await createCohortWorld(t);
    const learner = await enrol(t, cohort.id, responsable.cookie);
    const fresh = await dashboard(learner.cookie);
    expect(fresh.learning).toHaveLength(1);
    expect(fresh.learning[0]).toMatchObject({ cohortId: cohort.id, rate: null, attendedHours: 0, nextSessions: [] });
    const next = await sessionAround(t, cohort.id, { startsAt: minutes(24 * 60), endsAt: minutes(24 * 60 + 210) });
    const board = await dashboard(learner.cookie);
    expect(board.learning[0].nextSessions.map((s: { id: string }) => s.id)).toEqual([next.id]);
    expect(board.learning[0].programmeHours).toBe(3.5);
    expect(board.admissions).toBeNull();
    expect(board.teaching).toBeNull();
  });
});

describe('global search', () => {
  it('finds a file, a promotion and a person within the actor’s scope only', async () => {
    const { cohort, responsable, centre } = await createCohortWorld(t);
    const gestion = await staffOf(t, centre.id, 'gestionnaire');
    const outsider = await staffOf(t, (await t.createTestCentre('Centre d’ailleurs')).id, 'gestionnaire');
    const admissionsCohort = await createTestCohort(t.db, { centreId: centre.id });
    const applicant = await createApplicant(t, admissionsCohort.id, { file: true, lastName: 'Zéphyrin' });
    const learner = await t.createTestUser({ roles: ['auditeur'], name: 'Ondine Quenouille' });
    expect((await t.call('POST', `/api/cohorts/${cohort.id}/learners`, { cookie: responsable.cookie, body: { userId: learner.id } })).status).toBe(201);

    const search = async (cookie: string, q: string) => {
      const res = await t.call('GET', `/api/search?q=${encodeURIComponent(q)}`, { cookie });
      expect(res.status).toBe(200);
      return res.body.hits as { kind: string; title: string; href: string }[];
    };
    const byName = await search(gestion.cookie, 'zéphyrin');
    expect(byName).toEqual([expect.objectContaining({ kind: 'application', href: `/candidatures/${applicant.id}` })]);
    expect(await search(outsider.cookie, 'Zéphyrin')).toEqual([]);
    const byRef = await search(gestion.cookie, applicant.reference);
    expect(byRef.map((h) => h.href)).toEqual([`/candidatures/${applicant.id}`]);

    const people = await search(gestion.cookie, 'quenouille');
    expect(people).toEqual([expect.objectContaining({ kind: 'person', title: 'Ondine Quenouille', href: `/promotions/${cohort.id}` })]);
    expect(await search(outsider.cookie, 'quenouille')).toEqual([]);

    const promotions = await search(gestion.cookie, cohort.name);
    expect(promotions.filter((h) => h.kind === 'cohort').map((h) => h.href)).toContain(`/promotions/${cohort.id}`);
    expect((await search(outsider.cookie, cohort.name)).filter((h) => h.kind === 'cohort')).toEqual([]);

    // The applicant finds their own file, under their own page; a learner their own promotion.
    const own = await search(applicant.cookie, applicant.reference);
    expect(own.map((h) => h.href)).toEqual([`/mes-candidatures/${applicant.id}`]);
    const learnerCookie = await t.signIn(learner.email);
    expect((await search(learnerCookie, cohort.name)).map((h) => h.href)).toEqual([`/promotions/${cohort.id}`]);
    expect(await search(learnerCookie, 'Zéphyrin')).toEqual([]);
  });

  it('a query too short or too long is a 422 in French; LIKE wildcards are searched as text', async () => {
    const gestion = await t.as('gestionnaire');
    const short = await t.call('GET', '/api/search?q=a', { cookie: gestion.cookie });
    expect(short.status).toBe(422);
    expect(JSON.stringify(short.body)).toContain('au moins 2 caractères');
    const long = await t.call('GET', `/api/search?q=${'x'.repeat(101)}`, { cookie: gestion.cookie });
    expect(long.status).toBe(422);
    const wildcard = await t.call('GET', '/api/search?q=%25%25', { cookie: gestion.cookie });
    expect(wildcard.status).toBe(200);
    expect(wildcard.body.hits).toEqual([]);
    expect((await t.call('GET', '/api/search?q=ab')).status).toBe(401);
  });
});
