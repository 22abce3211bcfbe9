/**
 * Walks every route × actor (role and ownership: own, other learner, other promotion, other centre,
 * same-centre candidate-staff) of the matrix and checks the answer; checks that the matrix covers
 * every route of the OpenAPI document, and that the UI is offered only what the API allows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '../../helpers/context.js';
import { MATRIX } from './matrix.js';
import { ACTORS, buildWorld, type TWorld } from './world.js';

let t: TTestContext;
let w: TWorld;
beforeAll(async () => {
  t = await createTestContext();
  w = await buildWorld(t);
}, 120_000);
afterAll(() => t.close());

describe('access matrix', () => {
  it('has a row for every route of the API, and no row for a route that does not exist', async () => {
    const doc = (await t.call('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const covered = new Set(MATRIX.map((r) => r.route));
    expect(routes.filter((r) => !covered.has(r)), 'routes without a row in tests/api/access/matrix.ts').toEqual([]);
    expect([...covered].filter((r) => !routes.includes(r)), 'rows naming no route').toEqual([]);
  });

  it('answers every route × actor as the matrix says (refusals are 403 with a reason, 401 when signed out)', async () => {
    const wrong: string[] = [];
    for (const row of MATRIX) {
      const allowed = (kind: (typeof ACTORS)[number]) => row.allow === 'public' || (row.allow as readonly string[]).includes(kind);
      // Refused actors first: an allowed write may change what later calls find.
      const order = [...ACTORS.filter((a) => !allowed(a)), ...ACTORS.filter(allowed)];
      for (const actor of order) {
        const method = row.route.split(' ')[0]!;
        const res = await t.call(method, row.path(w), { cookie: w.cookieOf(actor), body: row.body?.(w) });
        const label = `${row.route}${row.case ? ` (${row.case})` : ''} as ${actor}: ${res.status}`;
        if (res.status >= 500) wrong.push(`${label} ${JSON.stringify(res.body)}`);
        else if (allowed(actor)) {
          if (res.status === 401 || res.status === 403) wrong.push(`${label}, expected allowed — ${res.body?.message}`);
        } else {
          const expected = actor === 'anonymous' ? 401 : 403;
          if (res.status !== expected) wrong.push(`${label}, expected ${expected}`);
          else if (!(typeof res.body?.message === 'string' && res.body.message.length > 10)) wrong.push(`${label} without a reason`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 240_000);
});

describe('own files and declared conflicts', () => {
  it('the same-centre candidate-staff reads their own application as an applicant: no private note, no action offered', async () => {
    // A member of staff of the centre who has not stepped aside from this file (the matrix made others do so).
    const colleague = await t.createTestUser({ roles: ['gestionnaire'], centreIds: [w.centreA.id], name: 'Gestion Collègue' });
    const note = await t.call('POST', `/api/applications/${w.ownAppId}/notes`, { cookie: await t.signIn(colleague.email), body: { text: 'Note confidentielle sur la candidate' } });
    expect(note.status).toBe(201);
    const mine = await t.call('GET', `/api/applications/${w.ownAppId}`, { cookie: w.people.candidateStaff.cookie });
    expect(mine.status).toBe(200);
    expect(mine.body.view).toBe('applicant');
    expect(mine.body.availableActions).toEqual([]);
    expect(JSON.stringify(mine.body)).not.toContain('Note confidentielle');
    const accept = await t.call('POST', `/api/applications/${w.ownAppId}/transitions`, { cookie: w.people.candidateStaff.cookie, body: { action: 'refuse', reason: 'Je me refuse' } });
    expect(accept.status).toBe(403);
    expect(accept.body.message).toContain('propre dossier');
  });

  it('after declaring a conflict, a gestionnaire can neither read nor instruct that person’s file, and says why', async () => {
    const other = await t.createTestUser({ roles: ['gestionnaire'], centreIds: [w.centreA.id], name: 'Gestion Récusée' });
    const cookie = await t.signIn(other.email);
    const before = await t.call('GET', `/api/applications/${w.appConflictId}`, { cookie });
    expect(before.body.permissions.declareConflict).toBe(true);
    const declared = await t.call('POST', `/api/applications/${w.appConflictId}/conflict`, { cookie, body: { reason: 'Ma sœur' } });
    expect(declared.status).toBe(201);
    const read = await t.call('GET', `/api/applications/${w.appConflictId}`, { cookie });
    expect(read.status).toBe(403);
    expect(read.body.message).toContain('conflit d’intérêts');
    const act = await t.call('POST', `/api/applications/${w.appConflictId}/transitions`, { cookie, body: { action: 'start_review', reason: 'Dossier complet' } });
    expect(act.status).toBe(403);
    expect(act.body.message).toContain('conflit d’intérêts');
    const again = await t.call('POST', `/api/applications/${w.appConflictId}/conflict`, { cookie, body: { reason: 'Encore' } });
    expect(again.status).toBe(409);
    const mine = await t.call('GET', '/api/me/conflicts', { cookie });
    expect(mine.body.items.map((c: { reason: string }) => c.reason)).toEqual(['Ma sœur']);
  });

  it('the actions offered on an application are exactly those the API accepts, for every staff role', async () => {
    const { createApplicant } = await import('../../helpers/admissions.js');
    for (const kind of ['admin', 'gestionnaire', 'responsable', 'candidateStaff'] as const) {
      // A file of its own per role: starting a review needs no reason, so its probe really moves the file.
      const fresh = await createApplicant(t, w.cohortO.id, { file: true });
      const view = await t.call('GET', `/api/applications/${fresh.id}`, { cookie: w.cookieOf(kind) });
      expect(view.status).toBe(200);
      const offered: string[] = view.body.availableActions;
      // A filed application: "start_review" and "close" are possible from its status; accept/refuse are not.
      // Decisions are probed first with a reason of 1 character, refused with 422 after the policy;
      // start_review (no reason needed) last, since an allowed one changes the file's status.
      for (const action of ['request_correction', 'accept', 'refuse', 'close', 'start_review']) {
        const res = await t.call('POST', `/api/applications/${fresh.id}/transitions`, { cookie: w.cookieOf(kind), body: { action, reason: 'x' } });
        if (offered.includes(action)) expect(res.status, `${kind} offered ${action}`).toBe(action === 'start_review' ? 200 : 422);
        else expect([403, 409, 422], `${kind} not offered ${action}`).toContain(res.status);
      }
      if (kind === 'gestionnaire') expect(offered).not.toContain('accept');
    }
  });
});
