import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/features/audit/audit.tables.js';
import { cohorts } from '../../src/features/cohorts/cohorts.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('promotions', () => {
  it('creates the 33rd promotion with its staff and price grid, lists it by centre and year, and audits it', async () => {
    const centre = await t.createTestCentre('Centre Promo');
    const resp = await staffOf(t, centre.id, 'responsable_pedagogique');
    const teacher = await staffOf(t, centre.id, 'enseignant');
    // Through the client typed from the routes, as the SPA calls them: bodies and answers are checked by the compiler.
    const api = t.client(resp.cookie);
    const res = await api.cohorts.$post({
      json: {
        number: 33,
        centreId: centre.id,
        certificationVersionCode: 'RNCP41336',
        startsOn: '2024-11-04',
        endsOn: '2026-10-30',
        capacity: 25,
        priceGrid: [{ label: 'Tiers payeur ou CPF', payer: 'third_party', amountCents: 1_000_500, period: 'programme' }],
        attendanceAlertThreshold: 75,
        staff: [
          { userId: resp.user.id, role: 'responsable_pedagogique' },
          { userId: teacher.user.id, role: 'enseignant' },
        ],
      },
    });
    if (res.status !== 201) throw new Error(`expected 201, got ${res.status}`);
    const created = await res.json();
    expect(created.name).toBe('33e promotion — Centre Promo');
    expect(created.staff.map((s) => s.role).sort()).toEqual(['enseignant', 'responsable_pedagogique']);
    expect(created.certificationVersion.code).toBe('RNCP41336');

    const list = await api.cohorts.$get({ query: { centreId: centre.id, year: '2024' } });
    if (list.status !== 200) throw new Error(`expected 200, got ${list.status}`);
    expect((await list.json()).items.map((c) => c.number)).toEqual([33]);
    const none = await api.cohorts.$get({ query: { centreId: centre.id, year: '2025' } });
    if (none.status !== 200) throw new Error(`expected 200, got ${none.status}`);
    expect((await none.json()).items).toEqual([]);

    const patched = await api.cohorts[':id'].$patch({ param: { id: created.id }, json: { capacity: 30, attendanceAlertThreshold: 80 } });
    if (patched.status !== 200) throw new Error(`expected 200, got ${patched.status}`);
    expect((await patched.json()).capacity).toBe(30);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, created.id));
    expect(events.map((e) => e.action).sort()).toEqual(['cohort.created', 'cohort.updated']);
  });

  it('refuses bad input (422 naming the field), a duplicate number (409), a wrong role (403), and writes nothing', async () => {
    const { centre, responsable } = await createCohortWorld(t);
    // Count this test's centre only: on PostgreSQL other test files write cohorts at the same time.
    const countOfCentre = async () => (await t.db.select().from(cohorts).where(eq(cohorts.centreId, centre.id))).length;
    const before = await countOfCentre();
    const bad = await t.call('POST', '/api/cohorts', {
      cookie: responsable.cookie,
      body: { number: 0, centreId: centre.id, certificationVersionCode: 'RNCP41336', startsOn: '2024-11-04', endsOn: '2024-01-01', capacity: 0 },
    });
    expect(bad.status).toBe(422);
    const paths = bad.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('number');
    expect(paths).toContain('capacity');
    const dates = await t.call('POST', '/api/cohorts', {
      cookie: responsable.cookie,
      body: { number: 90, centreId: centre.id, certificationVersionCode: 'RNCP41336', startsOn: '2024-11-04', endsOn: '2024-01-01', capacity: 10 },
    });
    expect(dates.status).toBe(422);
    expect(dates.body.issues).toEqual([{ path: 'endsOn', message: 'La date de fin doit suivre la date de début.' }]);
    const existing = (await t.call('GET', `/api/cohorts?centreId=${centre.id}`, { cookie: responsable.cookie })).body.items[0].number;
    const dup2 = await t.call('POST', '/api/cohorts', {
      cookie: responsable.cookie,
      body: { number: existing, centreId: centre.id, certificationVersionCode: 'RNCP41336', startsOn: '2024-11-04', endsOn: '2026-10-30', capacity: 10 },
    });
    expect(dup2.status).toBe(409);
    expect(dup2.body.message).toBe(`La promotion n° ${existing} existe déjà dans ce centre.`);
    const learner = await t.as('auditeur');
    const forbidden = await t.call('POST', '/api/cohorts', {
      cookie: learner.cookie,
      body: { number: 91, centreId: centre.id, certificationVersionCode: 'RNCP41336', startsOn: '2024-11-04', endsOn: '2026-10-30', capacity: 10 },
    });
    expect(forbidden.status).toBe(403);
    expect(await countOfCentre()).toBe(before);
  });

  it('hides a promotion from staff of another centre, and from a learner who is not in it', async () => {
    const { cohort } = await createCohortWorld(t);
    const otherCentre = await t.createTestCentre('Autre centre');
    const stranger = await staffOf(t, otherCentre.id, 'gestionnaire');
    expect((await t.call('GET', `/api/cohorts/${cohort.id}`, { cookie: stranger.cookie })).status).toBe(403);
    const list = await t.call('GET', '/api/cohorts', { cookie: stranger.cookie });
    expect(list.body.items.some((c: { id: string }) => c.id === cohort.id)).toBe(false);
    const outsider = await t.as('auditeur');
    expect((await t.call('GET', `/api/cohorts/${cohort.id}`, { cookie: outsider.cookie })).status).toBe(403);
  });

  it('enrols learners up to capacity; a learner sees the promotion without its price grid', async () => {
    const { cohort, responsable } = await createCohortWorld(t, { capacity: 1 });
    const learner = await enrol(t, cohort.id, responsable.cookie, 'OPCO Uniformation');
    const seen = await t.call('GET', `/api/cohorts/${cohort.id}`, { cookie: learner.cookie });
    expect(seen.status).toBe(200);
    expect(seen.body.viewerIsLearner).toBe(true);
    expect(seen.body.priceGrid).toEqual([]);
    const extra = await t.createTestUser({ roles: ['auditeur'] });
    const full = await t.call('POST', `/api/cohorts/${cohort.id}/learners`, { cookie: responsable.cookie, body: { userId: extra.id } });
    expect(full.status).toBe(409);
    expect(full.body.message).toBe('La promotion est complète (1 places).');
    const learners = await t.call('GET', `/api/cohorts/${cohort.id}/learners`, { cookie: responsable.cookie });
    expect(learners.body.items.map((l: { funderLabel: string }) => l.funderLabel)).toEqual(['OPCO Uniformation']);
  });
});

describe('API contract', () => {
  it('documents the promotion, calendar and attendance routes in the OpenAPI document', async () => {
    const doc = await t.call('GET', '/api/openapi.json');
    const paths = Object.keys(doc.body.paths);
    for (const p of ['/api/cohorts', '/api/cohorts/{id}/calendar/generate', '/api/sessions/{id}/attendance/sign', '/api/attendance/{id}/corrections', '/api/calendar/feeds/{file}']) {
      expect(paths).toContain(p);
    }
  });
});
