/**
 * The public form tells its caller nothing about others (issue 9, item 12; decision 017): an address
 * that has an account, and a person (name, first name, birth date) who has already applied for this
 * diploma and intake, get the answer a newcomer gets — same status, same body, same headers — and
 * nothing is written but one e-mail, to the address that owns the account or the file.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications } from '../../src/features/admissions/admissions.tables.js';
import { START_ANSWER } from '../../src/features/admissions/admissions.start.js';
import { auditEvents } from '../../src/features/audit/audit.tables.js';
import { users } from '../../src/features/auth/auth.tables.js';
import { createApplicant, createTestCohort, queuedMailsTo } from '../helpers/admissions.js';
import { createTestContext, TEST_PASSWORD, type TTestContext } from '../helpers/context.js';
import { runJobs } from '../helpers/jobs.js';
import { startSmtpServer } from '../helpers/smtp.js';

let t: TTestContext;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let cohort: Awaited<ReturnType<typeof createTestCohort>>;

const FORM_PASSWORD = 'un-autre-mot-de-passe';

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  // A database of its own on PostgreSQL: its job runs must not take (or be taken) other files' e-mails.
  t = await createTestContext({ freshDatabase: true });
  cohort = await createTestCohort(t.db);
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await t.close();
  await smtp.close();
});

const person = (firstName = 'Camille') => ({ lastName: `Énumération-${randomUUID().slice(0, 8)}`, firstName, birthDate: '1987-09-21' });

async function startOnline(identity: ReturnType<typeof person>, email: string) {
  return t.call('POST', '/api/admissions/start', { body: { ...identity, email, password: FORM_PASSWORD, cohortId: cohort.id } });
}

/** What a caller can observe of an answer. */
const observable = (res: { status: number; body: unknown; headers: Headers }) => ({
  status: res.status,
  body: res.body,
  contentType: res.headers.get('content-type'),
  setCookie: res.headers.get('set-cookie'),
});

async function counts() {
  const [u] = await t.db.select({ n: sql<number>`count(*)::int` }).from(users);
  const [a] = await t.db.select({ n: sql<number>`count(*)::int` }).from(applications);
  return { users: u!.n, applications: a!.n };
}

const signInStatus = async (email: string, password: string) => (await t.call('POST', '/api/auth/sign-in/email', { body: { email, password } })).status;

describe('the public form answers alike', () => {
  it('a new address: the account and the draft are made, and the address is told how to continue', async () => {
    const email = `nouvelle-${randomUUID().slice(0, 8)}@exemple.fr`;
    const before = await counts();
    const res = await startOnline(person(), email);
    expect(observable(res)).toEqual({ status: 202, body: START_ANSWER, contentType: 'application/json', setCookie: null });
    expect(await counts()).toEqual({ users: before.users + 1, applications: before.applications + 1 });
    const [draft] = await t.db.select().from(applications).where(eq(applications.email, email));
    const mails = await queuedMailsTo(t.db, email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Votre candidature ${draft!.reference} est commencée`);
    expect(mails[0]!.link).toBe(`/mes-candidatures/${draft!.id}`);
    expect(await signInStatus(email, FORM_PASSWORD)).toBe(200);
  });

  it('an address that has an account: the same answer, nothing created, that account is told and its password unchanged', async () => {
    const newcomer = await startOnline(person(), `nouvelle-${randomUUID().slice(0, 8)}@exemple.fr`);
    const account = await t.createTestUser({ name: 'Ada Existante' });
    const before = await counts();
    // Written in capitals: still the same address.
    const res = await startOnline(person(), account.email.toUpperCase());
    expect(observable(res)).toEqual(observable(newcomer));
    expect(JSON.stringify(res.body)).not.toContain('existe déjà');
    expect(await counts()).toEqual(before);
    // The rehearsed creation (same statements, for the same time) left nothing behind.
    const [traces] = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(sql`${auditEvents.after}::text like '%repetition-%'`);
    expect(traces!.n).toBe(0);
    const [diverted] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, account.id), eq(auditEvents.action, 'application.start_diverted')));
    expect(diverted).toMatchObject({ action: 'application.start_diverted', after: { reason: 'account_exists' } });

    const mails = await queuedMailsTo(t.db, account.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Une candidature a été envoyée avec votre adresse e-mail');
    expect(mails[0]!.text).toContain('Bonjour Ada Existante');
    expect(mails[0]!.text).toContain('connectez-vous avec votre mot de passe habituel pour suivre votre dossier');
    expect(mails[0]!.text).toContain("Si ce n'était pas vous, ignorez ce message");
    expect(await signInStatus(account.email, TEST_PASSWORD)).toBe(200);
    expect(await signInStatus(account.email, FORM_PASSWORD)).toBe(401);

    // Delivered by the job runner, with the direct link.
    await runJobs(t);
    const [sent] = smtp.to(account.email);
    expect(sent?.subject).toBe('Une candidature a été envoyée avec votre adresse e-mail');
    expect(sent?.text).toContain('Lien direct : http://localhost:3000/mes-candidatures');
  });

  it('a person who has already applied this year: the same answer, nothing created, the address on the file is told', async () => {
    const first = await createApplicant(t, cohort.id, { lastName: `Doublon-${randomUUID().slice(0, 6)}`, birthDate: '1979-02-03' });
    const newcomer = await startOnline(person(), `nouvelle-${randomUUID().slice(0, 8)}@exemple.fr`);
    const before = await counts();
    const otherAddress = `autre-${randomUUID().slice(0, 8)}@exemple.fr`;
    // Written differently (case, accents, spaces) under another address: the same person.
    const [file] = await t.db.select().from(applications).where(eq(applications.id, first.id));
    const res = await startOnline({ lastName: file!.lastName.toUpperCase(), firstName: ' camille ', birthDate: '1979-02-03' }, otherAddress);
    expect(observable(res)).toEqual(observable(newcomer));
    expect(JSON.stringify(res.body)).not.toContain(first.reference);
    expect(await counts()).toEqual(before);
    expect(await queuedMailsTo(t.db, otherAddress)).toHaveLength(0);
    expect(await signInStatus(otherAddress, FORM_PASSWORD)).toBe(401);

    const told = (await queuedMailsTo(t.db, first.email)).filter((m) => m.subject === `Votre candidature ${first.reference}`);
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('une seule candidature par personne, par diplôme et par an est acceptée');
    expect(told[0]!.text).toContain("Si ce n'était pas vous, ignorez ce message");
    expect(told[0]!.link).toBe(`/mes-candidatures/${first.id}`);
  });

  it('the same person under an address that has an account: the file wins, one e-mail to its address, nothing created', async () => {
    const first = await createApplicant(t, cohort.id, { lastName: `Double-${randomUUID().slice(0, 6)}`, birthDate: '1980-01-01' });
    const [file] = await t.db.select().from(applications).where(eq(applications.id, first.id));
    const account = await t.createTestUser();
    const before = await counts();
    const mailsBefore = (await queuedMailsTo(t.db, first.email)).length;
    const res = await startOnline({ lastName: file!.lastName, firstName: 'Camille', birthDate: '1980-01-01' }, account.email);
    expect(observable(res)).toEqual({ status: 202, body: START_ANSWER, contentType: 'application/json', setCookie: null });
    expect(await counts()).toEqual(before);
    expect(await queuedMailsTo(t.db, first.email)).toHaveLength(mailsBefore + 1);
    expect(await queuedMailsTo(t.db, account.email)).toHaveLength(0);
  });

  it('sent again and again with a known address: the same answer each time, one e-mail per hour to the account (no mailbox flooding)', async () => {
    const account = await t.createTestUser();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(observable(await startOnline(person(), account.email)));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await queuedMailsTo(t.db, account.email)).toHaveLength(1);
    const now = t.clock.now().getTime();
    try {
      t.clock.set(new Date(now + 3600_000));
      expect((await startOnline(person(), account.email)).status).toBe(202);
      expect(await queuedMailsTo(t.db, account.email)).toHaveLength(2);
    } finally {
      t.clock.set(new Date(now));
    }
  });

  it('refusals that depend on the request alone are still said at once, alike for a known and a new address', async () => {
    const account = await t.createTestUser();
    const started = await createTestCohort(t.db, { centreId: cohort.centreId, startsOn: '2020-11-02', endsOn: '2022-10-30' });
    const answers = [];
    for (const email of [account.email, `nouvelle-${randomUUID().slice(0, 8)}@exemple.fr`]) {
      answers.push(await t.call('POST', '/api/admissions/start', { body: { ...person(), email, password: FORM_PASSWORD, cohortId: started.id } }));
    }
    expect(answers[0]!.status).toBe(422);
    expect(observable(answers[0]!)).toEqual(observable(answers[1]!));
  });
});
