import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/features/admissions/admissions.service.js';
import { applicationEvents, applications } from '../../src/features/admissions/admissions.tables.js';
import { users } from '../../src/features/auth/auth.tables.js';
import { cohortLearners } from '../../src/features/cohorts/cohorts.tables.js';
import { COMPLETE_DRAFT, createApplicant, createTestCohort, pdfBase64, queuedMailsTo } from '../helpers/admissions.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { runJobs } from '../helpers/jobs.js';
import { startSmtpServer } from '../helpers/smtp.js';

let t: TTestContext;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let cohort: Awaited<ReturnType<typeof createTestCohort>>;
let gestionnaire: { cookie: string };
let responsable: { cookie: string };
let otherCentreStaff: { cookie: string };

const byPath = (body: { issues: { path: string; message: string }[] }) => Object.fromEntries(body.issues.map((i) => [i.path, i.message]));

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  // A database of its own on PostgreSQL: its job runs must not take (or be taken) other files' e-mails.
  t = await createTestContext({ freshDatabase: true, ...(process.env.DEBUG_ADMISSIONS ? { logger: (await import('../../src/http/logger.js')).createLogger('error') } : {}) });
  cohort = await createTestCohort(t.db, { capacity: 1 });
  const staff = async (role: 'gestionnaire' | 'responsable_pedagogique', centreId: string) => {
    const user = await t.createTestUser({ roles: [role], centreIds: [centreId] });
    return { user, cookie: await t.signIn(user.email) };
  };
  gestionnaire = await staff('gestionnaire', cohort.centreId);
  responsable = await staff('responsable_pedagogique', cohort.centreId);
  const other = await t.createTestCentre('Autre centre');
  otherCentreStaff = await staff('gestionnaire', other.id);
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await t.close();
  await smtp.close();
});

describe('applying online without an account', () => {
  it('lists the open promotion, creates the account and the draft, and computes eligibility at each save', async () => {
    const open = await t.call('GET', '/api/admissions/open-cohorts');
    expect(open.status).toBe(200);
    expect(open.body.items.some((c: { id: string }) => c.id === cohort.id)).toBe(true);

    const a = await createApplicant(t, cohort.id);
    const me = await t.call('GET', '/api/me', { cookie: a.cookie });
    expect(me.body.roles.map((r: { role: string }) => r.role)).toEqual(['auditeur']);
    const view = await t.call('GET', `/api/applications/${a.id}`, { cookie: a.cookie });
    expect(view.status).toBe(200);
    expect(view.body.status).toBe('draft');
    expect(view.body.eligibility.verdict).toBe('eligible');
    expect(view.body.eligibility.summary).toContain('diplôme de niveau 6');
    expect(view.body.documents.map((d: { type: string }) => d.type).sort()).toEqual(['cv', 'letter']);
  });

  it('refuses a second application of the same person for the same diploma and year, even under another e-mail, and writes nothing', async () => {
    const a = await createApplicant(t, cohort.id, { lastName: 'Doublon', birthDate: '1979-02-03' });
    const email = `autre-${Date.now()}@exemple.fr`;
    const res = await t.call('POST', '/api/admissions/start', {
      body: { lastName: 'DOUBLON', firstName: 'camille', birthDate: '1979-02-03', email, password: 'un-mot-de-passe-long', cohortId: cohort.id },
    });
    // The public form reveals nobody's application: the answer of a success, the rule told to the file's address.
    expect(res.status).toBe(202);
    expect(JSON.stringify(res.body)).not.toContain(a.reference);
    expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    expect(await t.db.select().from(applications).where(eq(applications.lastName, 'Doublon'))).toHaveLength(1);
    const told = await queuedMailsTo(t.db, a.email);
    expect(told.some((m) => m.subject === `Votre candidature ${a.reference}` && m.text.includes('une seule candidature par personne, par diplôme et par an'))).toBe(true);
  });

  it('the database enforces the rule too: a racing duplicate is recognised as such', async () => {
    const a = await createApplicant(t, cohort.id);
    const [row] = await t.db.select().from(applications).where(eq(applications.id, a.id));
    const { id: _id, reference: _ref, ...copy } = row!;
    const error = await t.db.insert(applications).values({ ...copy, reference: `${row!.reference}-X` }).then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('refuses bad input with 422 and French messages naming the fields, and writes nothing', async () => {
    const email = `mauvais-${Date.now()}@exemple.fr`;
    const res = await t.call('POST', '/api/admissions/start', { body: { lastName: '', firstName: 'A', birthDate: '12/04/1985', email, password: 'court', cohortId: cohort.id } });
    expect(res.status).toBe(422);
    const issues = byPath(res.body);
    expect(issues.lastName).toBe('Indiquez votre nom.');
    expect(issues.birthDate).toBe('Date attendue au format AAAA-MM-JJ, et qui existe au calendrier.');
    expect(issues.password).toBe('Le mot de passe doit compter au moins 8 caractères.');
    expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it('refuses a promotion that has already started', async () => {
    const started = await createTestCohort(t.db, { centreId: cohort.centreId, startsOn: '2020-11-02', endsOn: '2022-10-30' });
    const email = `commencee-${Date.now()}@exemple.fr`;
    const res = await t.call('POST', '/api/admissions/start', {
      body: { lastName: 'Tardive', firstName: 'Léa', birthDate: '1990-01-01', email, password: 'mot-de-passe-long', cohortId: started.id },
    });
    expect(res.status).toBe(422);
    expect(res.body.issues[0]).toEqual({ path: 'cohortId', message: expect.stringContaining('ne reçoit plus de candidatures') });
    expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it('limits the public form per client address (429, French message)', async () => {
    const ip = '192.0.2.77';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const body = { lastName: `Limite${i}`, firstName: 'Lou', birthDate: '1990-01-01', email: `limite-${i}-${Date.now()}@exemple.fr`, password: 'mot-de-passe-long', cohortId: cohort.id };
      const res = await t.call('POST', '/api/admissions/start', { ip, body });
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.message).toContain('réessayez dans quelques minutes');
    }
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('refuses a file that is not a PDF/PNG/JPEG, and an incomplete filing, leaving the draft as it was', async () => {
    const a = await createApplicant(t, cohort.id);
    const bad = await t.call('POST', `/api/applications/${a.id}/documents`, {
      cookie: a.cookie,
      body: { type: 'cv', fileName: 'cv.exe', contentBase64: Buffer.from('MZ not a pdf').toString('base64') },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.issues[0]).toEqual({ path: 'contentBase64', message: expect.stringContaining('Type de fichier refusé') });
    await t.call('PATCH', `/api/applications/${a.id}`, { cookie: a.cookie, body: { project: 'trop court' } });
    const filing = await t.call('POST', `/api/applications/${a.id}/file`, { cookie: a.cookie });
    expect(filing.status).toBe(422);
    expect(byPath(filing.body).project).toBe('Décrivez votre projet (au moins 50 caractères).');
    const [row] = await t.db.select().from(applications).where(eq(applications.id, a.id));
    expect(row!.status).toBe('draft');
  });
});

describe('instruction by the staff and the commission', () => {
  it('files → in instruction → correction → filed again → accepted, with reasons, private notes and dated history; e-mails at each step', async () => {
    const a = await createApplicant(t, cohort.id, { file: true });
    await runJobs(t); // e-mails leave through the job runner
    expect(smtp.to(a.email).map((m) => m.subject)).toEqual([`Votre candidature ${a.reference} est commencée`, `Candidature ${a.reference} déposée`]);

    // Another centre's staff and the applicant cannot instruct.
    expect((await t.call('GET', `/api/applications/${a.id}`, { cookie: otherCentreStaff.cookie })).status).toBe(403);
    const list403 = await t.call('GET', '/api/applications', { cookie: a.cookie });
    expect(list403.status).toBe(403);
    expect(list403.body.message).toContain('Accès refusé');
    expect((await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: a.cookie, body: { action: 'start_review', reason: 'moi' } })).status).toBe(403);

    const list = await t.call('GET', `/api/applications?cohortId=${cohort.id}&status=filed&eligibility=eligible&q=${encodeURIComponent(a.reference)}`, { cookie: gestionnaire.cookie });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect((await t.call('GET', `/api/applications?cohortId=${cohort.id}`, { cookie: otherCentreStaff.cookie })).body.total).toBe(0);

    // A decision demands its written reason (starting the review does not: application-documents.test.ts).
    const missingReason = await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: gestionnaire.cookie, body: { action: 'close', reason: '' } });
    expect(missingReason.status).toBe(422);
    expect(byPath(missingReason.body).reason).toContain('motif écrit est obligatoire');

    const wrongState = await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: responsable.cookie, body: { action: 'accept', reason: 'Dossier solide' } });
    expect(wrongState.status).toBe(409);
    expect(wrongState.body.message).toContain('« Déposée »');

    const review = await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: gestionnaire.cookie, body: { action: 'start_review', reason: 'Dossier complet' } });
    expect(review.status).toBe(200);
    expect(review.body.status).toBe('in_review');

    expect((await t.call('POST', `/api/applications/${a.id}/notes`, { cookie: a.cookie, body: { text: 'moi' } })).status).toBe(403);
    const docId = review.body.documents[0].id;
    const download = await t.app.request(`/api/applications/${a.id}/documents/${docId}`, { headers: { cookie: gestionnaire.cookie } });
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect((await t.call('GET', `/api/applications/${a.id}/documents/${docId}`, { cookie: otherCentreStaff.cookie })).status).toBe(403);
    const note = await t.call('POST', `/api/applications/${a.id}/notes`, { cookie: gestionnaire.cookie, body: { text: 'À vérifier : dates de la licence' } });
    expect(note.status).toBe(201);

    const gestionnaireDecides = await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: gestionnaire.cookie, body: { action: 'accept', reason: 'Dossier solide' } });
    expect(gestionnaireDecides.status).toBe(403);

    const correction = await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: gestionnaire.cookie, body: { action: 'request_correction', reason: 'Joignez votre diplôme.' } });
    expect(correction.body.status).toBe('correction');
    await runJobs(t); // e-mails leave through the job runner
    expect(smtp.to(a.email).at(-1)!.text).toContain('Joignez votre diplôme.');

    const applicantView = await t.call('GET', `/api/applications/${a.id}`, { cookie: a.cookie });
    expect(applicantView.body.editable).toBe(true);
    expect(JSON.stringify(applicantView.body.history)).not.toContain('dates de la licence');
    await t.call('POST', `/api/applications/${a.id}/documents`, { cookie: a.cookie, body: { type: 'diploma', fileName: 'licence.pdf', contentBase64: pdfBase64 } });
    expect((await t.call('POST', `/api/applications/${a.id}/file`, { cookie: a.cookie })).body.status).toBe('filed');
    await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: gestionnaire.cookie, body: { action: 'start_review', reason: 'Diplôme reçu' } });

    const accepted = await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: responsable.cookie, body: { action: 'accept', reason: 'Projet cohérent, expérience solide.' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect(accepted.body.registrationStatus).toBe('pending');
    expect(accepted.body.history.map((h: { kind: string }) => h.kind)).toEqual([
      'created', 'filed', 'review_started', 'note', 'correction_requested', 'filed', 'review_started', 'accepted',
    ]);
    expect(accepted.body.history.find((h: { kind: string }) => h.kind === 'note').private).toBe(true);
    await runJobs(t); // e-mails leave through the job runner
    expect(smtp.to(a.email).at(-1)!.subject).toBe(`Candidature ${a.reference} : acceptée`);

    // Decisions are final.
    const again = await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: responsable.cookie, body: { action: 'refuse', reason: 'Changement d’avis' } });
    expect(again.status).toBe(409);
    const events = await t.db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, a.id));
    expect(events.filter((e) => e.kind === 'refused')).toHaveLength(0);

    // An accepted file can no longer be edited by the applicant.
    const edit = await t.call('PATCH', `/api/applications/${a.id}`, { cookie: a.cookie, body: { project: COMPLETE_DRAFT.project } });
    expect(edit.status).toBe(409);
  });

  it('exports the filtered list as CSV and XLSX', async () => {
    const a = await createApplicant(t, cohort.id, { file: true });
    const csv = await t.call('GET', `/api/applications/export?format=csv&cohortId=${cohort.id}`, { cookie: gestionnaire.cookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('Référence;Nom;Prénom');
    expect(csv.body).toContain(a.reference);
    // The file says what it is and the request's day (the test clock: 10/03/2026).
    expect(csv.headers.get('content-disposition')).toContain('filename="candidatures-2026-03-10.csv"');
    const xlsx = await t.call('GET', `/api/applications/export?format=xlsx&cohortId=${cohort.id}`, { cookie: gestionnaire.cookie });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });
});

async function acceptApplicant(cohortId: string) {
  const a = await createApplicant(t, cohortId, { file: true });
  await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: gestionnaire.cookie, body: { action: 'start_review', reason: 'Complet' } });
  const res = await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: responsable.cookie, body: { action: 'accept', reason: 'Admis·e' } });
  expect(res.status).toBe(200);
  return a;
}

const FORM = { address: '10 rue de la Paix', postalCode: '75002', city: 'Paris', phone: '0612345678', employerName: null, jobSeeker: true, acceptsRules: true };

describe('registration, capacity and waiting list', () => {
  it('the returned form makes a learner of the promotion; beyond capacity, an ordered waiting list', async () => {
    const small = await createTestCohort(t.db, { capacity: 1, centreId: cohort.centreId });
    const first = await acceptApplicant(small.id);
    const second = await acceptApplicant(small.id);

    const refused = await t.call('POST', `/api/applications/${first.id}/registration`, { cookie: first.cookie, body: { ...FORM, acceptsRules: false } });
    expect(refused.status).toBe(422);
    expect(byPath(refused.body).acceptsRules).toContain('règlement intérieur');
    const notMine = await t.call('POST', `/api/applications/${first.id}/registration`, { cookie: second.cookie, body: FORM });
    expect(notMine.status).toBe(403);

    const r1 = await t.call('POST', `/api/applications/${first.id}/registration`, { cookie: first.cookie, body: FORM });
    expect(r1.status).toBe(200);
    expect(r1.body.registrationStatus).toBe('complete');
    expect(r1.body.internshipWeeksRequired).toBe(8);
    const learners = await t.db.select().from(cohortLearners).where(eq(cohortLearners.cohortId, small.id));
    expect(learners).toHaveLength(1);
    expect(learners[0]).toMatchObject({ applicationId: first.id, jobSeeker: true });
    await runJobs(t); // e-mails leave through the job runner
    expect(smtp.to(first.email).at(-1)!.subject).toContain('Inscription définitive');

    const twice = await t.call('POST', `/api/applications/${first.id}/registration`, { cookie: first.cookie, body: FORM });
    expect(twice.status).toBe(409);

    const r2 = await t.call('POST', `/api/applications/${second.id}/registration`, { cookie: second.cookie, body: { ...FORM, jobSeeker: false } });
    expect(r2.body.registrationStatus).toBe('waiting');
    const overview = await t.call('GET', '/api/admissions/cohorts', { cookie: gestionnaire.cookie });
    expect(overview.body.items.find((c: { id: string }) => c.id === small.id)).toMatchObject({ capacity: 1, enrolled: 1, waiting: 1 });
    expect((await t.call('GET', '/api/admissions/cohorts', { cookie: otherCentreStaff.cookie })).body.items.some((c: { id: string }) => c.id === small.id)).toBe(false);
    expect((await t.call('GET', `/api/admissions/cohorts/${small.id}/waiting-list`, { cookie: otherCentreStaff.cookie })).status).toBe(403);
    const waiting = await t.call('GET', `/api/admissions/cohorts/${small.id}/waiting-list`, { cookie: gestionnaire.cookie });
    expect(waiting.body).toMatchObject({ capacity: 1, enrolled: 1, items: [{ id: second.id, position: 1 }] });
    const promote = await t.call('POST', `/api/admissions/cohorts/${small.id}/waiting-list/promote`, { cookie: gestionnaire.cookie });
    expect(promote.status).toBe(409);
    expect(promote.body.message).toContain('complète');

    // A place frees up: the first of the list is enrolled.
    await t.db.update(cohortLearners).set({ status: 'withdrawn' }).where(and(eq(cohortLearners.cohortId, small.id), eq(cohortLearners.userId, learners[0]!.userId)));
    const promoted = await t.call('POST', `/api/admissions/cohorts/${small.id}/waiting-list/promote`, { cookie: gestionnaire.cookie });
    expect(promoted.status).toBe(200);
    expect(promoted.body.registrationStatus).toBe('complete');
  });
});
