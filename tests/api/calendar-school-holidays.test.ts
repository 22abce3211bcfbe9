/**
 * Issue 8, item 4: school holidays stopped at 2025/26 and « Éviter les vacances de la zone C »
 * silently did nothing afterwards. An administrator imports the ministry's calendar (CSV export or
 * ICS per zone); the screen says how far each zone's data goes and warns past it. The fixtures are
 * hand-written in the dataset's documented shape (tests/fixtures/holidays-fr/README.md); the
 * expected days below are read from them, not from the importer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schoolHolidays } from '../../src/features/calendar/calendar.tables.js';
import { addDays } from '../../src/features/calendar/calendar.dates.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld } from './cohorts-fixtures.js';

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/holidays-fr');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const daysOf = (first: string, last: string) => {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
};

describe('school holidays', () => {
  it('starts from the initial load (to the 2025/2026 school year) and warns when a zone-C promotion goes past it', async () => {
    const { cookie } = await t.as('gestionnaire');
    const coverage = await t.call('GET', '/api/school-holidays/coverage', { cookie });
    expect(coverage.status).toBe(200);
    // The daily table of the initial load ends with the summer 2026: 04/07 → 30/08/2026 in every zone.
    expect(coverage.body.zones.map((z: { zone: string; knownUntil: string }) => [z.zone, z.knownUntil])).toEqual([
      ['A', '2026-08-30'],
      ['B', '2026-08-30'],
      ['C', '2026-08-30'],
    ]);
    const { cohort, responsable, centre } = await createCohortWorld(t);
    const admin = await t.as('administrateur');
    await t.call('PATCH', `/api/centres/${centre.id}`, { cookie: admin.cookie, body: { schoolZone: 'C' } });
    const cal = await t.call('GET', `/api/cohorts/${cohort.id}/calendar`, { cookie: responsable.cookie });
    expect(cal.body.schoolHolidays.zone).toBe('C');
    expect(cal.body.schoolHolidays.knownUntil).toBe('2026-08-30');
    expect(cal.body.schoolHolidays.warning).toMatch(/^Les vacances scolaires de la zone C ne sont connues que jusqu’au 30\/08\/2026/);
  });

  it('refuses a bad file with the line and the field, and writes nothing', async () => {
    const { cookie } = await t.as('administrateur');
    const [{ n: before }] = (await t.db.select({ n: count() }).from(schoolHolidays)) as [{ n: number }];
    const res = await t.call('POST', '/api/school-holidays/import', { cookie, body: { fileName: 'fr-en-calendrier-scolaire_erreur.csv', content: fixture('fr-en-calendrier-scolaire_erreur.csv') } });
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([{ path: 'content', message: 'Ligne 5, end_date : « le 4 janvier » n’est pas une date (attendu : 2026-11-01T23:00:00+00:00).' }]);
    const noHeader = await t.call('POST', '/api/school-holidays/import', { cookie, body: { fileName: 'x.csv', content: 'date;zone\n2026-10-17;A\n' } });
    expect(noHeader.status).toBe(422);
    expect(noHeader.body.issues[0].message).toMatch(/^Ligne 1 : colonnes manquantes : description, population, start_date, end_date, location/);
    const [{ n: after }] = (await t.db.select({ n: count() }).from(schoolHolidays)) as [{ n: number }];
    expect(after).toBe(before);
  });

  it('is an administrator’s: a gestionnaire or a responsable cannot import', async () => {
    for (const role of ['gestionnaire', 'responsable_pedagogique'] as const) {
      const { cookie } = await t.as(role);
      const res = await t.call('POST', '/api/school-holidays/import', { cookie, body: { fileName: 'a.csv', content: fixture('fr-en-calendrier-scolaire_2026-2028.csv') } });
      expect(res.status).toBe(403);
    }
  });

  it('imports the CSV export: two school years per zone, the académies merged, Corse and teachers’ rows skipped; audited; importing again changes nothing', async () => {
    const { cookie, user } = await t.as('administrateur');
    const body = { fileName: 'fr-en-calendrier-scolaire_2026-2028.csv', content: fixture('fr-en-calendrier-scolaire_2026-2028.csv') };
    const res = await t.call('POST', '/api/school-holidays/import', { cookie, body });
    expect(res.status).toBe(200);
    // 6 periods in 2026/2027 and 5 in 2027/2028, for each of the three zones.
    expect(res.body).toMatchObject({ periods: 33, schoolYears: ['2026-2027', '2027-2028'] });
    expect(res.body.coverage.map((z: { knownUntil: string }) => z.knownUntil)).toEqual(['2028-08-31', '2028-08-31', '2028-08-31']);
    const [toussaint] = await t.db
      .select()
      .from(schoolHolidays)
      .where(and(eq(schoolHolidays.zone, 'C'), eq(schoolHolidays.schoolYear, '2026-2027'), eq(schoolHolidays.name, 'Vacances de la Toussaint')));
    // start_date 2026-10-16T22:00Z is Paris 17/10; end_date 2026-11-01T23:00Z is the return on 02/11: last day off 01/11.
    expect(toussaint).toMatchObject({ firstDay: '2026-10-17', lastDay: '2026-11-01', source: body.fileName });
    const winterC = await t.db.select().from(schoolHolidays).where(and(eq(schoolHolidays.zone, 'C'), eq(schoolHolidays.name, "Vacances d'Hiver"), eq(schoolHolidays.schoolYear, '2026-2027')));
    expect(winterC.map((r) => [r.firstDay, r.lastDay])).toEqual([['2027-02-06', '2027-02-21']]);

    const audit = await t.call('GET', `/api/audit?q=school_holidays.imported`, { cookie });
    expect(audit.body.items[0]).toMatchObject({ action: 'school_holidays.imported', actorId: user.id, entityType: 'school_holidays' });

    const [{ n: once }] = (await t.db.select({ n: count() }).from(schoolHolidays)) as [{ n: number }];
    expect((await t.call('POST', '/api/school-holidays/import', { cookie, body })).status).toBe(200);
    const [{ n: twice }] = (await t.db.select({ n: count() }).from(schoolHolidays)) as [{ n: number }];
    expect(twice).toBe(once);
    // The initial load before 2026/2027 is untouched.
    const [{ n: old }] = (await t.db.select({ n: count() }).from(schoolHolidays).where(eq(schoolHolidays.source, 'chargement initial'))) as [{ n: number }];
    expect(old).toBe(552);
  });

  it('the generator then avoids the imported zone-C holidays of a promotion starting in 11/2026, without a warning', async () => {
    const { centre, responsable } = await createCohortWorld(t);
    const admin = await t.as('administrateur');
    await t.call('PATCH', `/api/centres/${centre.id}`, { cookie: admin.cookie, body: { schoolZone: 'C' } });
    const created = await t.call('POST', '/api/cohorts', {
      cookie: responsable.cookie,
      body: { number: 90, centreId: centre.id, certificationVersionCode: 'RNCP41336', startsOn: '2026-11-02', endsOn: '2028-06-30', capacity: 20, staff: [{ userId: responsable.user.id, role: 'responsable_pedagogique' }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const res = await t.call('POST', `/api/cohorts/${created.body.id}/calendar/generate`, { cookie: responsable.cookie, body: { startsOn: '2026-11-02', schoolZone: 'C', withSessions: false } });
    expect(res.status).toBe(200);
    const onSite = (res.body.residencies as { kind: string; days: string[] }[]).filter((r) => r.kind === 'on_site').flatMap((r) => r.days);
    // Zone C in the fixture: Noël 19/12/2026–03/01/2027, hiver 06/02–21/02/2027, printemps 03/04–18/04/2027, été from 03/07/2027, Toussaint 23/10–07/11/2027.
    const off = [
      ...daysOf('2026-12-19', '2027-01-03'),
      ...daysOf('2027-02-06', '2027-02-21'),
      ...daysOf('2027-04-03', '2027-04-18'),
      ...daysOf('2027-07-03', '2027-08-31'),
      ...daysOf('2027-10-23', '2027-11-07'),
    ];
    expect(onSite.filter((d) => off.includes(d))).toEqual([]);
    expect(res.body.schoolHolidays).toEqual({ zone: 'C', knownUntil: '2028-08-31', warning: null });
  });

  it('imports one zone’s ICS: only that zone’s 2026/2027 is replaced, the « rentrée » event is not a holiday', async () => {
    const { cookie } = await t.as('administrateur');
    const res = await t.call('POST', '/api/school-holidays/import', { cookie, body: { fileName: 'Zone-C_2026-2027.ics', content: fixture('Zone-C_2026-2027.ics') } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ periods: 6, skipped: 1, schoolYears: ['2026-2027'] });
    const rows = await t.db.select().from(schoolHolidays).where(and(eq(schoolHolidays.zone, 'C'), eq(schoolHolidays.schoolYear, '2026-2027')));
    expect(rows.every((r) => r.source === 'Zone-C_2026-2027.ics')).toBe(true);
    expect(rows.find((r) => r.name === 'Vacances de la Toussaint')).toMatchObject({ firstDay: '2026-10-17', lastDay: '2026-11-01' });
    const zoneA = await t.db.select().from(schoolHolidays).where(and(eq(schoolHolidays.zone, 'A'), eq(schoolHolidays.schoolYear, '2026-2027')));
    expect(zoneA.every((r) => r.source === 'fr-en-calendrier-scolaire_2026-2028.csv')).toBe(true);
  });
});
