/**
 * New intakes use an open version (issue 8, item 6), at the tests' instant (10/03/2026). The dates
 * are the seeds': RNCP 35080 registered for five years from the decision of 18/11/2020, so ended on
 * 18/11/2025 (seed 003); RNCP 41336 registered on 24/09/2025 until 24/09/2030 (seed 000); RNCP 5385's
 * access is closed (seed 002). And the promotion number the form proposes is never one that exists.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohorts } from '../../src/features/cohorts/cohorts.tables.js';
import { createTestCohort } from '../helpers/admissions.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const byPath = (body: { issues?: { path: string; message: string }[] }) => Object.fromEntries((body.issues ?? []).map((i) => [i.path, i.message]));

async function world() {
  const centre = await t.createTestCentre(`Centre versions ${Math.random().toString(36).slice(2, 7)}`);
  const responsable = await staffOf(t, centre.id, 'responsable_pedagogique');
  let n = 40;
  const create = (body: Record<string, unknown>) =>
    t.call('POST', '/api/cohorts', { cookie: responsable.cookie, body: { number: n++, centreId: centre.id, capacity: 20, certificationVersionCode: 'RNCP41336', ...body } });
  const countOfCentre = async () => (await t.db.select().from(cohorts).where(eq(cohorts.centreId, centre.id))).length;
  return { centre, responsable, create, countOfCentre };
}

describe('a promotion runs under a version open to new intakes', () => {
  it('refuses a new promotion under RNCP 35080 (ended 18/11/2025) and RNCP 5385 (access closed), naming the version field, and writes nothing', async () => {
    const w = await world();
    const closed = await w.create({ certificationVersionCode: 'RNCP35080', startsOn: '2026-11-02', endsOn: '2028-10-27' });
    expect(closed.status).toBe(422);
    expect(byPath(closed.body).certificationVersionCode).toBe("L'enregistrement de RNCP 35080 a pris fin le 18/11/2025 : une nouvelle promotion s'ouvre sous une version ouverte.");
    const older = await w.create({ certificationVersionCode: 'RNCP5385', startsOn: '2026-11-02', endsOn: '2028-10-27' });
    expect(older.status).toBe(422);
    expect(byPath(older.body).certificationVersionCode).toContain("L'accès à RNCP 5385 est fermé");
    expect(await w.countOfCentre()).toBe(0);
  });

  it('refuses a promotion under RNCP 41336 starting after 24/09/2030; accepts one starting that day, warning that it ends after it', async () => {
    const w = await world();
    const after = await w.create({ startsOn: '2030-09-25', endsOn: '2032-09-24' });
    expect(after.status).toBe(422);
    expect(byPath(after.body).startsOn).toContain("après la fin de l'enregistrement de RNCP 41336 (24/09/2030)");
    const onTheDay = await w.create({ startsOn: '2030-09-24', endsOn: '2032-09-23' });
    expect(onTheDay.status, JSON.stringify(onTheDay.body)).toBe(201);
    expect(onTheDay.body.warnings.map((x: { path: string }) => x.path)).toEqual(['endsOn']);
    expect(onTheDay.body.warnings[0].message).toContain('se termine après la fin de l\'enregistrement de RNCP 41336 (24/09/2030)');
    expect(await w.countOfCentre()).toBe(1);
  });

  it('a start date already past is a warning, not a refusal; a future one inside the registration has none', async () => {
    const w = await world();
    const past = await w.create({ startsOn: '2026-01-05', endsOn: '2027-12-17' });
    expect(past.status).toBe(201);
    expect(past.body.warnings).toEqual([{ path: 'startsOn', message: 'La date de début (05/01/2026) est déjà passée.' }]);
    const future = await w.create({ startsOn: '2026-11-02', endsOn: '2028-10-27' });
    expect(future.status).toBe(201);
    expect(future.body.warnings).toEqual([]);
  });

  it('a promotion already under RNCP 35080 stays editable, but a promotion cannot be moved onto it, nor past 24/09/2030', async () => {
    const w = await world();
    const legacy = await createTestCohort(t.db, { centreId: w.centre.id, versionCode: 'RNCP35080', startsOn: '2024-11-04', endsOn: '2026-10-30' });
    const edit = await t.call('PATCH', `/api/cohorts/${legacy.id}`, { cookie: w.responsable.cookie, body: { capacity: 22 } });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    const current = await w.create({ startsOn: '2026-11-02', endsOn: '2028-10-27' });
    const move = await t.call('PATCH', `/api/cohorts/${current.body.id}`, { cookie: w.responsable.cookie, body: { certificationVersionCode: 'RNCP35080' } });
    expect(move.status).toBe(422);
    expect(byPath(move.body).certificationVersionCode).toContain('18/11/2025');
    const late = await t.call('PATCH', `/api/cohorts/${current.body.id}`, { cookie: w.responsable.cookie, body: { startsOn: '2030-10-01', endsOn: '2032-09-30' } });
    expect(late.status).toBe(422);
    expect(byPath(late.body).startsOn).toContain('24/09/2030');
  });
});

describe('the public application form lists only promotions under an open version', () => {
  it('a future promotion under RNCP 35080 is not offered, and the public start refuses it (422 on the promotion field)', async () => {
    const closed = await createTestCohort(t.db, { versionCode: 'RNCP35080', startsOn: '2026-11-02', endsOn: '2028-10-27' });
    const open = await createTestCohort(t.db, { startsOn: '2026-11-02', endsOn: '2028-10-27' });
    const list = await t.call('GET', '/api/admissions/open-cohorts');
    const ids = list.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(closed.id);
    const start = await t.call('POST', '/api/admissions/start', {
      body: { lastName: 'Fermée', firstName: 'Camille', birthDate: '1984-06-15', email: `ferme-${Date.now()}@exemple.fr`, password: 'mot-de-passe-candidate', cohortId: closed.id },
    });
    expect(start.status).toBe(422);
    expect(byPath(start.body).cohortId).toContain('ne reçoit pas de candidatures');
  });
});

describe('the number proposed for a new promotion', () => {
  it('is the one after the centre’s highest, never one that exists (and 1 for a centre without promotions)', async () => {
    const w = await world();
    const next = async () => (await t.call('GET', `/api/cohorts/next-number?centreId=${w.centre.id}`, { cookie: w.responsable.cookie })).body.number;
    expect(await next()).toBe(1);
    await w.create({ number: 33, startsOn: '2026-11-02', endsOn: '2028-10-27' });
    await w.create({ number: 34, startsOn: '2027-11-08', endsOn: '2029-10-26' });
    expect(await next()).toBe(35);
    const proposed = await w.create({ number: await next(), startsOn: '2028-11-06', endsOn: '2030-09-20' });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  });
});
