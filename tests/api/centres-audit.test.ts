import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '../helpers/context.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('centres', () => {
  it('lists the four reference centres to any signed-in user', async () => {
    const { cookie } = await t.as('auditeur');
    const res = await t.call('GET', '/api/centres', { cookie });
    expect(res.status).toBe(200);
    const codes = res.body.items.map((c: { code: string }) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['PARIS', 'LILLE', 'NANTES', 'DIJON']));
    const paris = res.body.items.find((c: { code: string }) => c.code === 'PARIS');
    expect(paris).toMatchObject({ address: '292 rue Saint-Martin', postalCode: '75003', city: 'Paris' });
  });

  it('lets an administrator add a centre; refuses a duplicate code and bad postal code', async () => {
    const { cookie } = await t.as('administrateur');
    const code = `ST${Date.now() % 100000}`;
    const created = await t.call('POST', '/api/centres', {
      cookie,
      body: { code, name: 'Cnam Grand Est', address: '4 rue du Doyen', postalCode: '67000', city: 'Strasbourg' },
    });
    expect(created.status).toBe(201);
    const duplicate = await t.call('POST', '/api/centres', { cookie, body: { code, name: 'Autre', city: 'Metz' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.issues[0].path).toBe('code');
    const bad = await t.call('POST', '/api/centres', { cookie, body: { code: 'ZZ1', name: 'Cnam', city: 'Metz', postalCode: '57' } });
    expect(bad.status).toBe(422);
    expect(bad.body.issues).toEqual([{ path: 'postalCode', message: 'Le code postal compte 5 chiffres.' }]);
    const edited = await t.call('PATCH', `/api/centres/${created.body.id}`, { cookie, body: { city: 'Strasbourg cedex' } });
    expect(edited.status).toBe(200);
    expect(edited.body.city).toBe('Strasbourg cedex');
  });

  it('refuses centre creation to a gestionnaire', async () => {
    const { cookie } = await t.as('gestionnaire');
    const res = await t.call('POST', '/api/centres', { cookie, body: { code: 'NOPE', name: 'Non', city: 'Nulle part' } });
    expect(res.status).toBe(403);
  });
});

describe('audit log', () => {
  it('shows an administrator who did what, with before and after, newest first', async () => {
    const admin = await t.as('administrateur');
    const centre = await t.call('POST', '/api/centres', {
      cookie: admin.cookie,
      body: { code: `AU${Date.now() % 100000}`, name: 'Centre audité', city: 'Rouen' },
    });
    await t.call('PATCH', `/api/centres/${centre.body.id}`, { cookie: admin.cookie, body: { name: 'Centre audité bis' } });
    const res = await t.call('GET', `/api/audit?entityType=centre&q=${encodeURIComponent(centre.body.id)}`, { cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual(['centre.updated', 'centre.created']);
    const [update] = res.body.items;
    expect(update.actorId).toBe(admin.user.id);
    expect(update.before.name).toBe('Centre audité');
    expect(update.after.name).toBe('Centre audité bis');
    expect(update.requestId).toBeTruthy();
  });

  it('records sign-in and never stores a password', async () => {
    const admin = await t.as('administrateur');
    const res = await t.call('GET', `/api/audit?q=auth.sign_in&pageSize=5`, { cookie: admin.cookie });
    expect(res.body.items.length).toBeGreaterThan(0);
    const created = await t.call('GET', `/api/audit?q=user.created&pageSize=50`, { cookie: admin.cookie });
    expect(JSON.stringify(created.body)).not.toContain('mot-de-passe-de-test');
  });

  it('is refused to non-administrators and validates its filters', async () => {
    const { cookie } = await t.as('responsable_pedagogique');
    expect((await t.call('GET', '/api/audit', { cookie })).status).toBe(403);
    const admin = await t.as('administrateur');
    const bad = await t.call('GET', '/api/audit?from=25/11/2026&pageSize=1000', { cookie: admin.cookie });
    expect(bad.status).toBe(422);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['from', 'pageSize']);
  });
});

describe('errors', () => {
  it('answers an unknown API route with a 404 JSON body in French', async () => {
    const res = await t.call('GET', '/api/nulle-part');
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Route inconnue : GET /api/nulle-part');
  });

  it('answers malformed JSON with 422', async () => {
    const { cookie } = await t.as('administrateur');
    const res = await t.call('POST', '/api/centres', { cookie, rawBody: '{ pas du json' });
    expect(res.status).toBe(422);
  });

  it('serves the OpenAPI document and its docs page', async () => {
    const doc = await t.call('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/me', '/api/users', '/api/users/{id}', '/api/centres', '/api/certifications/{code}', '/api/audit']),
    );
    // The page is ours (decision 016): its start script, served by us, points Scalar at the document.
    const docs = await t.call('GET', '/api/docs');
    expect(docs.status).toBe(200);
    const start = /<script src="(\/api\/docs\/start\.js)"><\/script>/.exec(String(docs.body));
    expect(start).not.toBeNull();
    const script = await t.call('GET', start![1]!);
    expect(script.status).toBe(200);
    expect(String(script.body)).toContain('/api/openapi.json');
  });
});

describe('crashes', () => {
  it('answer 500 with a request id; the details go to the log only', async () => {
    const logged: { message: string; fields?: Record<string, unknown> }[] = [];
    const capture = (message: string, fields?: Record<string, unknown>) => logged.push({ message, fields });
    const broken = await createTestContext({ logger: { debug: () => {}, info: () => {}, warn: capture, error: capture } });
    const { cookie } = await broken.as('auditeur');
    await broken.close(); // the database goes away under the app
    const res = await broken.call('GET', '/api/centres', { cookie });
    expect(res.status).toBe(500);
    expect(res.body.message).toBe('Erreur interne du serveur. Communiquez cet identifiant au support.');
    expect(res.body.requestId).toBeTruthy();
    expect(Object.keys(res.body).sort()).toEqual(['message', 'requestId']);
    const entry = logged.find((l) => l.fields?.requestId === res.body.requestId);
    expect(entry?.message).toBe('unhandled error');
    expect(String(entry?.fields?.error)).not.toHaveLength(0);
  });
});

describe('request log', () => {
  it('never writes a secret feed token', async () => {
    const lines: string[] = [];
    const keep = (message: string, fields?: Record<string, unknown>) => lines.push(JSON.stringify({ message, ...fields }));
    const logged = await createTestContext({ logger: { debug: keep, info: keep, warn: keep, error: keep } });
    await logged.call('GET', '/api/calendar/feeds/jeton-tres-secret-123.ics');
    await logged.close();
    expect(lines.some((l) => l.includes('/api/calendar/feeds/[secret]'))).toBe(true);
    expect(lines.join('\n')).not.toContain('jeton-tres-secret-123');
  });
});
