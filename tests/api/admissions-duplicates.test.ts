/**
 * « Pour un même diplôme une seule candidature par an et par personne sera acceptée » (seed 001, page
 * CESTES, note under « Coût et modalités d'inscription »): the person is their last name, first name
 * and date of birth (not their e-mail), the diploma is the certification (all its RNCP versions), the
 * year is the admission campaign: the intake of the promotion applied for, the year it starts
 * (docs/decisions/011-one-application-per-intake.md). Each case below changes one of the three, through the API.
 *
 * Filing across 1 January for the same promotion is the same intake (refused); the next intake's
 * promotion accepts the person again, whatever the day they file. The public form refuses a
 * duplicate silently (202, nothing written, the file's address is told: decision 017 and
 * admissions-enumeration.test.ts); a signed-in person gets the 409 with the rule.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications } from '../../src/features/admissions/admissions.tables.js';
import { users } from '../../src/features/auth/auth.tables.js';
import { certificationVersions } from '../../src/features/referentiel/referentiel.tables.js';
import { fixedClock } from '../../src/lib/clock.js';
import { createTestCohort } from '../helpers/admissions.js';
import { createTestContext, DEFAULT_TEST_NOW, type TTestContext } from '../helpers/context.js';

const clock = fixedClock(DEFAULT_TEST_NOW);
const A_YEAR_LATER = new Date(Date.parse(DEFAULT_TEST_NOW) + 365 * 86_400_000).toISOString();
const PASSWORD = 'mot-de-passe-candidate';

type TCohort = Awaited<ReturnType<typeof createTestCohort>>;

let t: TTestContext;
/** MOVSC (RNCP 41336), this year's intake, in two centres. */
let movsc: TCohort;
let movscElsewhere: TCohort;
/** MOVSC, the next year's intake. */
let movscNextYear: TCohort;
/** Another certification (another diploma) of the same centre, same intake. */
let otherDiploma: TCohort;

type TIdentity = { lastName: string; firstName: string; birthDate: string };

/** A person never seen before in this database (the PostgreSQL database may be shared). */
const newPerson = (firstName = 'Camille'): TIdentity => ({ lastName: `Lefèvre-${randomUUID().slice(0, 8)}`, firstName, birthDate: '1984-06-15' });

/**
 * The public form: a new account (its own e-mail) and a draft — or, for a person who has already
 * applied, the same 202 and nothing written (decision 017: the form does not tell who applied).
 */
async function startOnline(identity: TIdentity, cohortId: string) {
  const email = `p-${randomUUID().slice(0, 8)}@exemple.fr`;
  const res = await t.call('POST', '/api/admissions/start', { body: { ...identity, email, password: PASSWORD, cohortId } });
  return { ...res, email };
}

/** The draft the public form made for this address. */
const draftOf = async (email: string) => (await t.db.select({ id: applications.id }).from(applications).where(eq(applications.email, email)))[0]!.id;

/** The same person, signed in, starts another application. */
async function startSignedIn(email: string, identity: TIdentity, cohortId: string) {
  const cookie = await t.signIn(email, PASSWORD);
  return t.call('POST', '/api/applications', { cookie, body: { ...identity, cohortId } });
}

const applicationsOf = async (lastName: string) => t.db.select({ id: applications.id }).from(applications).where(eq(applications.lastName, lastName));

beforeAll(async () => {
  // A database of its own on PostgreSQL: the other certification must not show in other files' lists.
  t = await createTestContext({ clock, freshDatabase: true });
  movsc = await createTestCohort(t.db, { startsOn: '2099-11-02', endsOn: '2101-10-30' });
  movscElsewhere = await createTestCohort(t.db, { startsOn: '2099-11-16', endsOn: '2101-11-13' });
  movscNextYear = await createTestCohort(t.db, { centreId: movsc.centreId, startsOn: '2100-11-01', endsOn: '2102-10-29' });

  // Another diploma of CESTES (seed 004 names « manager d'associations »): the MOVSC rules under
  // another family, enough for an application to be started.
  const [base] = await t.db.select().from(certificationVersions).where(eq(certificationVersions.code, 'RNCP41336'));
  const code = `TEST-MA-${randomUUID().slice(0, 6)}`;
  const family = 'MANAGER-ASSOCIATIONS';
  const { id: _id, importedAt: _at, ...copy } = base!;
  await t.db.insert(certificationVersions).values({
    ...copy,
    code,
    family,
    rncpNumber: null,
    title: "Manager d'associations",
    document: { ...base!.document, code, family, title: "Manager d'associations" },
    contentHash: `${base!.contentHash}-${code}`,
  });
  otherDiploma = await createTestCohort(t.db, { centreId: movsc.centreId, versionCode: code, startsOn: '2099-11-02', endsOn: '2101-10-30' });
});

afterAll(async () => {
  await t.close();
});

describe('one application per person, per diploma, per year', () => {
  it('same person, same diploma, same year, under another e-mail: the public form writes nothing (and says so to the file only)', async () => {
    const person = newPerson();
    expect((await startOnline(person, movsc.id)).status).toBe(202);
    // Written differently: case, accents and spaces do not make another person.
    const again = await startOnline({ lastName: person.lastName.toUpperCase().replace('È', 'E'), firstName: ' camille ', birthDate: person.birthDate }, movsc.id);
    expect(again.status).toBe(202);
    expect(await t.db.select().from(users).where(eq(users.email, again.email))).toHaveLength(0);
    expect(await applicationsOf(person.lastName)).toHaveLength(1);
  });

  it('same diploma in another centre the same year: refused (the rule is per diploma, not per promotion)', async () => {
    const person = newPerson();
    const first = await startOnline(person, movsc.id);
    expect(first.status).toBe(202);
    expect((await startOnline(person, movscElsewhere.id)).status).toBe(202);
    expect(await applicationsOf(person.lastName)).toHaveLength(1);
    const signedIn = await startSignedIn(first.email, person, movscElsewhere.id);
    expect(signedIn.status).toBe(409);
    expect(signedIn.body.message).toContain('une seule candidature par personne, par diplôme et par an');
    expect(await applicationsOf(person.lastName)).toHaveLength(1);
  });

  it('the same person may apply again the next year, for the next promotion', async () => {
    const person = newPerson();
    const first = await startOnline(person, movsc.id);
    expect(first.status).toBe(202);
    clock.set(A_YEAR_LATER);
    try {
      const next = await startSignedIn(first.email, person, movscNextYear.id);
      expect(next.status, JSON.stringify(next.body)).toBe(201);
      expect(await applicationsOf(person.lastName)).toHaveLength(2);
      // And only once that year too.
      expect((await startOnline(person, movscNextYear.id)).status).toBe(202);
      expect(await applicationsOf(person.lastName)).toHaveLength(2);
    } finally {
      clock.set(DEFAULT_TEST_NOW);
    }
  });

  it('filed on 31/12 and again on 02/01 for the same promotion: the same intake, 409 with the rule in French', async () => {
    const intake2027 = await createTestCohort(t.db, { startsOn: '2027-11-08', endsOn: '2029-10-26' });
    const intake2028 = await createTestCohort(t.db, { centreId: intake2027.centreId, startsOn: '2028-11-06', endsOn: '2030-10-25' });
    const person = newPerson();
    clock.set('2026-12-31T16:00:00Z');
    try {
      const first = await startOnline(person, intake2027.id);
      expect(first.status, JSON.stringify(first.body)).toBe(202);
      clock.set('2027-01-02T09:00:00Z');
      const again = await startOnline(person, intake2027.id);
      expect(again.status).toBe(202);
      expect(await applicationsOf(person.lastName)).toHaveLength(1);
      const signedIn = await startSignedIn(first.email, person, intake2027.id);
      expect(signedIn.status).toBe(409);
      expect(signedIn.body.message).toContain('pour les promotions qui commencent en 2027');
      expect(signedIn.body.message).toContain('une seule candidature par personne, par diplôme et par an');
      expect(await applicationsOf(person.lastName)).toHaveLength(1);
      // The next intake's promotion accepts them.
      const next = await startSignedIn(first.email, person, intake2028.id);
      expect(next.status, JSON.stringify(next.body)).toBe(201);
      expect(next.body.year).toBe(2028);
      expect(await applicationsOf(person.lastName)).toHaveLength(2);
    } finally {
      clock.set(DEFAULT_TEST_NOW);
    }
  });

  it('the next intake’s promotion accepts the same person on the same day (the year is not the day of filing)', async () => {
    const person = newPerson();
    const first = await startOnline(person, movsc.id);
    expect(first.status).toBe(202);
    const next = await startSignedIn(first.email, person, movscNextYear.id);
    expect(next.status, JSON.stringify(next.body)).toBe(201);
  });

  it('a draft moved to the next intake’s promotion frees its intake; moved back onto a taken intake: 409', async () => {
    const person = newPerson();
    const first = await startOnline(person, movsc.id);
    expect(first.status).toBe(202);
    const cookie = await t.signIn(first.email, PASSWORD);
    const firstId = await draftOf(first.email);
    const moved = await t.call('PATCH', `/api/applications/${firstId}`, { cookie, body: { cohortId: movscNextYear.id } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const second = await startSignedIn(first.email, person, movsc.id);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const back = await t.call('PATCH', `/api/applications/${firstId}`, { cookie, body: { cohortId: movscElsewhere.id } });
    expect(back.status).toBe(409);
  });

  it('the same person may apply the same year for another diploma', async () => {
    const person = newPerson();
    const first = await startOnline(person, movsc.id);
    expect(first.status).toBe(202);
    const other = await startSignedIn(first.email, person, otherDiploma.id);
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    expect(await applicationsOf(person.lastName)).toHaveLength(2);
  });

  it('twins (same last name and date of birth, other first name) each apply the same year for the same diploma', async () => {
    const camille = newPerson('Camille');
    const dominique = { ...camille, firstName: 'Dominique' };
    expect((await startOnline(camille, movsc.id)).status).toBe(202);
    const twin = await startOnline(dominique, movsc.id);
    expect(twin.status, JSON.stringify(twin.body)).toBe(202);
    expect(await applicationsOf(camille.lastName)).toHaveLength(2);
  });

  it('a draft renamed into another person’s identity that has already applied: 409, and the draft keeps its name', async () => {
    const camille = newPerson('Camille');
    const dominique = { ...camille, firstName: 'Dominique' };
    expect((await startOnline(camille, movsc.id)).status).toBe(202);
    const twin = await startOnline(dominique, movsc.id);
    expect(twin.status).toBe(202);
    const cookie = await t.signIn(twin.email, PASSWORD);
    const twinId = await draftOf(twin.email);
    const rename = await t.call('PATCH', `/api/applications/${twinId}`, { cookie, body: { firstName: 'Camille' } });
    expect(rename.status).toBe(409);
    const view = await t.call('GET', `/api/applications/${twinId}`, { cookie });
    expect(view.body.firstName).toBe('Dominique');
  });
});
