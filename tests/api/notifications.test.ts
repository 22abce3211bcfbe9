import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../src/features/jobs/jobs.tables.js';
import { createApplicant, createTestCohort } from '../helpers/admissions.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { runJobs } from '../helpers/jobs.js';
import { startSmtpServer } from '../helpers/smtp.js';

let t: TTestContext;
/** The subjects of the e-mails of an application's life sent to an applicant, after the public form's. */
const lifeMails = (email: string) => smtp.to(email).map((m) => m.subject).filter((subject) => !subject.endsWith(' est commencée'));
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let cohort: Awaited<ReturnType<typeof createTestCohort>>;
type TPerson = { user: { id: string; email: string }; cookie: string };
let gestionnaire: TPerson;
let responsable: TPerson;
let teacher: TPerson;
let otherCentre: TPerson;

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  // A database of its own on PostgreSQL: the runner here must not take (or be taken) other files' jobs.
  t = await createTestContext({ freshDatabase: true });
  const centre = await t.createTestCentre('Centre des notifications');
  cohort = await createTestCohort(t.db, { centreId: centre.id });
  const staff = async (role: 'gestionnaire' | 'responsable_pedagogique' | 'enseignant', centreId: string) => {
    const user = await t.createTestUser({ roles: [role], centreIds: [centreId] });
    return { user, cookie: await t.signIn(user.email) };
  };
  gestionnaire = await staff('gestionnaire', centre.id);
  responsable = await staff('responsable_pedagogique', centre.id);
  teacher = await staff('enseignant', centre.id);
  otherCentre = await staff('gestionnaire', (await t.createTestCentre('Autre centre')).id);
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await t?.close();
  await smtp?.close();
});

const notificationsOf = async (p: TPerson) => (await t.call('GET', '/api/notifications', { cookie: p.cookie })).body;
const unreadOf = async (p: TPerson) => (await t.call('GET', '/api/notifications/unread-count', { cookie: p.cookie })).body.unread as number;

describe('staff are told when a file is filed or filed again', () => {
  it('notifies the centre’s gestionnaires and responsables (in the app and by e-mail with a direct link), nobody else', async () => {
    const before = { g: await unreadOf(gestionnaire), r: await unreadOf(responsable) };
    const a = await createApplicant(t, cohort.id, { file: true });
    expect(await unreadOf(gestionnaire)).toBe(before.g + 1);
    expect(await unreadOf(responsable)).toBe(before.r + 1);
    expect(await unreadOf(teacher)).toBe(0);
    expect(await unreadOf(otherCentre)).toBe(0);

    const n = (await notificationsOf(gestionnaire)).items.find((x: { link: string }) => x.link === `/candidatures/${a.id}`);
    expect(n).toMatchObject({ kind: 'application.filed', title: `Nouvelle candidature ${a.reference}`, link: `/candidatures/${a.id}`, readAt: null });
    expect(n.body).toContain(`a déposé sa candidature ${a.reference}`);

    // E-mails leave through the job runner, not during the request.
    expect(smtp.to(gestionnaire.user.email)).toHaveLength(0);
    await runJobs(t);
    const staffMail = smtp.to(gestionnaire.user.email).at(-1)!;
    expect(staffMail.subject).toBe(`Nouvelle candidature ${a.reference}`);
    expect(staffMail.text).toContain(`Lien direct : http://localhost:3000/candidatures/${a.id}`);
    expect(smtp.to(responsable.user.email).at(-1)!.subject).toBe(`Nouvelle candidature ${a.reference}`);
    expect(smtp.to(teacher.user.email)).toHaveLength(0);
    expect(smtp.to(otherCentre.user.email)).toHaveLength(0);
    const applicantMail = smtp.to(a.email).at(-1)!;
    expect(applicantMail.subject).toBe(`Candidature ${a.reference} déposée`);
    expect(applicantMail.text).toContain(`Lien direct : http://localhost:3000/mes-candidatures/${a.id}`);
  });

  it('says “déposée à nouveau” after a correction', async () => {
    const a = await createApplicant(t, cohort.id, { file: true });
    const correction = await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: gestionnaire.cookie, body: { action: 'request_correction', reason: 'Joignez votre diplôme.' } });
    expect(correction.status).toBe(200);
    expect((await t.call('POST', `/api/applications/${a.id}/file`, { cookie: a.cookie })).status).toBe(200);
    const mine = (await notificationsOf(responsable)).items.filter((x: { link: string }) => x.link === `/candidatures/${a.id}`);
    expect(mine.map((x: { kind: string }) => x.kind).sort()).toEqual(['application.filed', 'application.refiled']);
    const n = mine.find((x: { kind: string }) => x.kind === 'application.refiled');
    expect(n).toMatchObject({ kind: 'application.refiled', title: `Candidature ${a.reference} déposée à nouveau` });
    expect(n.body).toContain('a corrigé et déposé à nouveau');
    await runJobs(t);
    // (The public form's own e-mail, « … est commencée », is admissions-enumeration.test.ts's.)
    expect(lifeMails(a.email)).toEqual([
      `Candidature ${a.reference} déposée`,
      `Candidature ${a.reference} : une correction est demandée`,
      `Candidature ${a.reference} déposée`,
    ]);
  });
});

describe('the list of notifications', () => {
  it('marks one read, then all, and never shows or touches someone else’s', async () => {
    await createApplicant(t, cohort.id, { file: true });
    await createApplicant(t, cohort.id, { file: true });
    const list = await notificationsOf(gestionnaire);
    expect(list.unread).toBeGreaterThanOrEqual(2);
    expect(list.total).toBe(list.items.length);
    const first = list.items[0];

    const foreign = await t.call('POST', `/api/notifications/${first.id}/read`, { cookie: responsable.cookie });
    expect(foreign.status).toBe(404);
    expect((await t.call('GET', '/api/notifications', { cookie: responsable.cookie })).body.items.some((n: { id: string }) => n.id === first.id)).toBe(false);

    const one = await t.call('POST', `/api/notifications/${first.id}/read`, { cookie: gestionnaire.cookie });
    expect(one.status).toBe(200);
    expect(one.body.readAt).toBe(t.clock.now().toISOString());
    expect(await unreadOf(gestionnaire)).toBe(list.unread - 1);
    const unreadOnly = await t.call('GET', '/api/notifications?unread=true', { cookie: gestionnaire.cookie });
    expect(unreadOnly.body.items.some((n: { id: string }) => n.id === first.id)).toBe(false);

    const all = await t.call('POST', '/api/notifications/read-all', { cookie: gestionnaire.cookie });
    expect(all.body).toEqual({ updated: list.unread - 1, unread: 0 });
    expect(await unreadOf(gestionnaire)).toBe(0);
    expect(await unreadOf(responsable)).toBeGreaterThan(0); // someone else's untouched

    expect((await t.call('GET', '/api/notifications')).status).toBe(401);
    expect((await t.call('POST', '/api/notifications/pas-un-id/read', { cookie: gestionnaire.cookie })).body.issues[0].message).toBe('Identifiant de notification invalide.');
  });
});

describe('an e-mail the SMTP server refuses', () => {
  it('is kept and sent again after the back-off, without the request having waited or failed', async () => {
    await runJobs(t); // nothing else pending
    process.env.SMTP_URL = 'smtp://127.0.0.1:9'; // nobody listens there
    const a = await createApplicant(t, cohort.id, { file: true }); // the request succeeds all the same
    const first = await runJobs(t);
    expect(first.succeeded).toBe(0);
    expect(first.retried).toBeGreaterThanOrEqual(3); // applicant + gestionnaire + responsable
    const waiting = await t.db.select().from(jobs).where(and(eq(jobs.kind, 'mail.send'), eq(jobs.status, 'pending'), isNotNull(jobs.lastError)));
    expect(waiting.length).toBeGreaterThanOrEqual(3);
    expect(waiting[0]!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(smtp.to(a.email)).toHaveLength(0);

    process.env.SMTP_URL = smtp.url; // the server is back
    expect((await runJobs(t)).succeeded).toBe(0); // not before its time
    const now = t.clock.now().getTime();
    try {
      t.clock.set(new Date(now + 30_000));
      expect((await runJobs(t)).succeeded).toBeGreaterThanOrEqual(3);
    } finally {
      t.clock.set(new Date(now));
    }
    expect(lifeMails(a.email)).toEqual([`Candidature ${a.reference} déposée`]);
    expect(smtp.to(gestionnaire.user.email).at(-1)!.subject).toBe(`Nouvelle candidature ${a.reference}`);
  });
});
