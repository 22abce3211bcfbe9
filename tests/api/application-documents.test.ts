/**
 * The small things of a file people tripped on: withdrawing an uploaded document before filing (the
 * applicant, draft only), the reason of a refused upload said in words, an incomplete filing naming
 * each missing field, and starting the review without a written reason (decisions still need one).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationDocuments, applicationEvents } from '../../src/features/admissions/admissions.tables.js';
import { auditEvents } from '../../src/features/audit/audit.tables.js';
import { createApplicant, createTestCohort, pdfBase64 } from '../helpers/admissions.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

let t: TTestContext;
let cohort: Awaited<ReturnType<typeof createTestCohort>>;
let gestionnaire: string;
beforeAll(async () => {
  t = await createTestContext();
  cohort = await createTestCohort(t.db);
  const user = await t.createTestUser({ roles: ['gestionnaire'], centreIds: [cohort.centreId] });
  gestionnaire = await t.signIn(user.email);
});
afterAll(() => t.close());

const docsOf = async (id: string, cookie: string) => (await t.call('GET', `/api/applications/${id}`, { cookie })).body.documents as { id: string; type: string }[];

describe('withdrawing an uploaded document', () => {
  it('the applicant removes it from a draft: no longer listed nor served, audited, and the filing then misses it', async () => {
    const a = await createApplicant(t, cohort.id);
    const before = await docsOf(a.id, a.cookie);
    const cv = before.find((d) => d.type === 'cv')!;
    const view = await t.call('GET', `/api/applications/${a.id}`, { cookie: a.cookie });
    expect(view.body.permissions.removeDocument).toBe(true);

    // As the SPA sends it: JSON declared, no body.
    const raw = await t.app.request(`/api/applications/${a.id}/documents/${cv.id}`, {
      method: 'DELETE',
      headers: { cookie: a.cookie, origin: 'http://localhost:3000', 'content-type': 'application/json' },
    });
    expect(raw.status).toBe(200);
    const res = { body: (await raw.json()) as { documents: { id: string }[] } };
    expect(res.body.documents.map((d: { id: string }) => d.id)).not.toContain(cv.id);
    expect((await t.call('GET', `/api/applications/${a.id}/documents/${cv.id}`, { cookie: a.cookie })).status).toBe(404);
    expect((await t.call('DELETE', `/api/applications/${a.id}/documents/${cv.id}`, { cookie: a.cookie })).status).toBe(404);
    const audit = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, a.id), eq(auditEvents.action, 'application.document_removed')));
    expect(audit).toHaveLength(1);

    const filing = await t.call('POST', `/api/applications/${a.id}/file`, { cookie: a.cookie });
    expect(filing.status).toBe(422);
    expect(filing.body.issues).toContainEqual({ path: 'documents', message: 'Joignez votre CV.' });
  });

  it('nobody else removes it, and not once filed (the commission reads what was filed)', async () => {
    const a = await createApplicant(t, cohort.id);
    const [doc] = await docsOf(a.id, a.cookie);
    expect((await t.call('DELETE', `/api/applications/${a.id}/documents/${doc!.id}`, { cookie: gestionnaire })).status).toBe(403);
    expect((await t.call('DELETE', `/api/applications/${a.id}/documents/${doc!.id}`)).status).toBe(401);
    expect((await t.call('POST', `/api/applications/${a.id}/file`, { cookie: a.cookie })).status).toBe(200);
    const filed = await t.call('GET', `/api/applications/${a.id}`, { cookie: a.cookie });
    expect(filed.body.permissions.removeDocument).toBe(false);
    const refused = await t.call('DELETE', `/api/applications/${a.id}/documents/${doc!.id}`, { cookie: a.cookie });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('avant le dépôt');
    const links = await t.db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, a.id));
    expect(links.every((l) => !l.removed)).toBe(true);
  });
});

describe('refusals said in words', () => {
  it('a file that is not a PDF, PNG or JPEG is refused saying which types are accepted', async () => {
    const a = await createApplicant(t, cohort.id);
    const bad = await t.call('POST', `/api/applications/${a.id}/documents`, {
      cookie: a.cookie,
      body: { type: 'other', fileName: 'notes.docx', contentBase64: Buffer.from('PK\u0003\u0004 a word file').toString('base64') },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.issues).toEqual([{ path: 'contentBase64', message: 'Type de fichier refusé : seuls PDF, PNG et JPEG sont acceptés.' }]);
    const ok = await t.call('POST', `/api/applications/${a.id}/documents`, { cookie: a.cookie, body: { type: 'other', fileName: 'x.pdf', contentBase64: pdfBase64 } });
    expect(ok.status).toBe(201);
  });

  it('an incomplete filing names every missing field by its path, in French', async () => {
    const email = `vide-${Date.now()}@exemple.fr`;
    const start = await t.call('POST', '/api/admissions/start', {
      body: { lastName: 'Vide', firstName: 'Camille', birthDate: '1985-04-12', email, password: 'mot-de-passe-candidate', cohortId: cohort.id },
    });
    expect(start.status).toBe(202);
    const cookie = await t.signIn(email, 'mot-de-passe-candidate');
    const [draft] = (await t.call('GET', '/api/applications/mine', { cookie })).body.items;
    const filing = await t.call('POST', `/api/applications/${draft.id}/file`, { cookie });
    expect(filing.status).toBe(422);
    const paths = (filing.body.issues as { path: string }[]).map((i) => i.path);
    expect(new Set(paths)).toEqual(new Set(['phone', 'situation', 'fundingIntent', 'project', 'experiences', 'documents']));
  });
});

describe('starting the review', () => {
  it('needs no written reason; a decision still does', async () => {
    const a = await createApplicant(t, cohort.id, { file: true });
    const review = await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: gestionnaire, body: { action: 'start_review' } });
    expect(review.status).toBe(200);
    expect(review.body.status).toBe('in_review');
    const [event] = await t.db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, a.id), eq(applicationEvents.kind, 'review_started')));
    expect(event!.text).toBeNull();
    const close = await t.call('POST', `/api/applications/${a.id}/transitions`, { cookie: gestionnaire, body: { action: 'close', reason: ' ' } });
    expect(close.status).toBe(422);
    expect(close.body.issues).toEqual([{ path: 'reason', message: 'Le motif écrit est obligatoire (au moins 3 caractères).' }]);
  });
});
