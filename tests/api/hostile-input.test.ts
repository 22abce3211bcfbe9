/**
 * Bodies no form would send (issue 9, item 10): a NUL character, a lone surrogate, an impossible
 * date, a body too large, not JSON or not sent as JSON. Each is a French 4xx, never a 500, and
 * nothing is written.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applications } from '../../src/features/admissions/admissions.tables.js';
import { cohorts } from '../../src/features/cohorts/cohorts.tables.js';
import { createApplicant, createTestCohort } from '../helpers/admissions.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** A request with full control of the raw body and its headers. */
async function raw(method: string, path: string, o: { cookie?: string; body?: string; type?: string | null }) {
  const headers: Record<string, string> = { origin: 'http://localhost:3000' };
  if (o.cookie) headers.cookie = o.cookie;
  if (o.type !== null) headers['content-type'] = o.type ?? 'application/json';
  const res = await t.app.request(path, { method, headers, body: o.body }, { incoming: { socket: { remoteAddress: '10.9.9.9' } } });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

describe('hostile bodies', () => {
  it('a NUL character or a lone surrogate in any string: 422 naming the field, the draft unchanged', async () => {
    const cohort = await createTestCohort(t.db);
    const applicant = await createApplicant(t, cohort.id);
    const [before] = await t.db.select().from(applications).where(eq(applications.id, applicant.id));

    const nul = await raw('PATCH', `/api/applications/${applicant.id}`, { cookie: applicant.cookie, body: '{"project":"Mon projet\\u0000 caché"}' });
    expect(nul.status).toBe(422);
    expect(nul.body.issues).toEqual([expect.objectContaining({ path: 'project' })]);
    expect(nul.body.message).toMatch(/caractère nul/);
    expect(nul.body.message).not.toMatch(/\bproject\b/);

    const nested = await raw('PATCH', `/api/applications/${applicant.id}`, {
      cookie: applicant.cookie,
      body: '{"experiences":[{"kind":"social","startDate":"2015-01-01","endDate":null,"field":"Sport\\ud800","responsibilities":"Trésorière"}]}',
    });
    expect(nested.status).toBe(422);
    expect(nested.body.issues[0].path).toBe('experiences[0].field');
    expect(nested.body.message).toMatch(/Unicode incomplet/);

    const [after] = await t.db.select().from(applications).where(eq(applications.id, applicant.id));
    expect(after!.project).toBe(before!.project);
    expect(after!.experiences).toEqual(before!.experiences);
  });

  it('an impossible date (30 February) is a 422, never a 500, and creates nothing', async () => {
    const centre = await t.createTestCentre('Centre des dates');
    const responsable = await staffOf(t, centre.id, 'responsable_pedagogique');
    const count = async () => (await t.db.select().from(cohorts).where(eq(cohorts.centreId, centre.id))).length;
    const res = await t.call('POST', '/api/cohorts', {
      cookie: responsable.cookie,
      body: { number: 71, centreId: centre.id, certificationVersionCode: 'RNCP41336', startsOn: '2027-02-30', endsOn: '2029-01-31', capacity: 20, staff: [] },
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).not.toMatch(/Erreur interne/);
    expect(await count()).toBe(0);

    const cohort = await createTestCohort(t.db);
    const applicant = await createApplicant(t, cohort.id);
    const birth = await t.call('PATCH', `/api/applications/${applicant.id}`, { cookie: applicant.cookie, body: { birthDate: '1985-02-30' } });
    expect(birth.status).toBe(422);
  });

  it('too large: 413 before the body is read; not JSON: 415; malformed JSON: 422 — all in French', async () => {
    const gestion = await t.as('gestionnaire');
    const cohort = await createTestCohort(t.db);
    const applicant = await createApplicant(t, cohort.id);

    // 2 MB on a route that takes no file; 16 MB on the upload route (its limit is 15 MB).
    const big = await raw('PATCH', `/api/applications/${applicant.id}`, { cookie: applicant.cookie, body: JSON.stringify({ project: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
    expect(big.body.message).toBe('Requête trop volumineuse : au plus 1 Mo pour cette action.');
    const huge = await raw('POST', `/api/applications/${applicant.id}/documents`, {
      cookie: applicant.cookie,
      body: JSON.stringify({ type: 'cv', fileName: 'cv.pdf', contentBase64: 'A'.repeat(16 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.message).toBe('Requête trop volumineuse : au plus 15 Mo pour cette action.');

    const plain = await raw('POST', '/api/cohorts', { cookie: gestion.cookie, body: 'bonjour', type: 'text/plain' });
    expect(plain.status).toBe(415);
    expect(plain.body.message).toMatch(/^Format de requête non pris en charge/);
    const form = await raw('PATCH', `/api/applications/${applicant.id}`, { cookie: applicant.cookie, body: 'project=x', type: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);

    // A bodiless write (a browser's DELETE or POST with neither Content-Length nor Content-Type) passes.
    const stream = new ReadableStream({ start: (controller) => controller.close() });
    const bodiless = await t.app.request(
      `/api/applications/${applicant.id}/documents/${'0'.repeat(8)}-0000-4000-8000-000000000000`,
      { method: 'DELETE', headers: { origin: 'http://localhost:3000', cookie: applicant.cookie }, body: stream, duplex: 'half' } as RequestInit,
      { incoming: { socket: { remoteAddress: '10.9.9.9' } } },
    );
    expect(bodiless.status).not.toBe(415);
        const broken = await raw('PATCH', `/api/applications/${applicant.id}`, { cookie: applicant.cookie, body: '{"project": "x",' });
    expect(broken.status).toBe(422);
    expect(broken.body.message).toBe('Requête illisible : le corps doit être un JSON valide.');
  });

  it('a name written as a formula reaches the CSV export as text, not as a formula', async () => {
    const { cohort, responsable } = await createCohortWorld(t);
    const hostile = await t.createTestUser({ roles: ['auditeur'], name: '=HYPERLINK("http://exemple.invalid","Cliquez")' });
    expect((await t.call('POST', `/api/cohorts/${cohort.id}/learners`, { cookie: responsable.cookie, body: { userId: hostile.id } })).status).toBe(201);
    const csv = await t.call('GET', `/api/cohorts/${cohort.id}/attendance/export?format=csv`, { cookie: responsable.cookie });
    expect(csv.status).toBe(200);
    const line = String(csv.body).split('\r\n').find((l) => l.includes('HYPERLINK'))!;
    expect(line.startsWith(`"'=HYPERLINK(`)).toBe(true);
  });
});
