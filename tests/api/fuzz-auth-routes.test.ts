/**
 * Fuzz of better-auth's write routes under /api/auth (issue 9, item 10): they are not in our OpenAPI
 * document, so their bodies are described here; each gets 300+ generated invalid payloads
 * (tests/helpers/fuzz-payloads.ts) judged as our own routes are: no 5xx, no acceptance, French,
 * a 422 naming its field, and no table written — but `rate_limits`, where better-auth counts
 * every attempt (that count is the point of a limit).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { changedTables, judge, tableSnapshot } from '../helpers/fuzz-judge.js';
import { generatePayloads, type TOpenApiDoc, type TPayload, type TSchema } from '../helpers/fuzz-payloads.js';

const SEED = Number(process.env.FUZZ_SEED ?? 90_010);
/** 300 per route on PGlite; 100 on PostgreSQL, the whole catalogue kept (see fuzz-write-routes.test.ts). */
const PER_ROUTE = Number(process.env.FUZZ_PER_ROUTE ?? (process.env.TEST_DATABASE_URL ? 100 : 300));
const COUNTED = 'public.rate_limits';

const text = (o: TSchema = {}): TSchema => ({ type: 'string', ...o });
const body = (properties: Record<string, TSchema>, required: string[]) => ({
  requestBody: { content: { 'application/json': { schema: { type: 'object', properties, required } } } },
});

/** The bodies better-auth takes on the routes the app uses (sign-up and update-user are closed). */
const AUTH_DOC: TOpenApiDoc = {
  paths: {
    '/api/auth/sign-in/email': { post: body({ email: text({ format: 'email' }), password: text({ minLength: 1 }), rememberMe: { type: 'boolean' } }, ['email', 'password']) },
    '/api/auth/change-password': {
      post: body({ currentPassword: text({ minLength: 1 }), newPassword: text({ minLength: 8, maxLength: 128 }), revokeOtherSessions: { type: 'boolean' } }, ['currentPassword', 'newPassword']),
    },
  },
};

let t: TTestContext;
let cookie: string;
let email: string;
beforeAll(async () => {
  // A database of its own, and a limit high enough that the payloads meet validation, not a 429.
  t = await createTestContext({ freshDatabase: true, loginRateLimit: { max: 100_000, windowSeconds: 60 } });
  const person = await t.as('auditeur');
  cookie = person.cookie;
  email = person.user.email;
});
afterAll(() => t?.close());

async function send(p: TPayload, withCookie: boolean) {
  const headers: Record<string, string> = { origin: 'http://localhost:3000' };
  if (withCookie) headers.cookie = cookie;
  if (p.contentType !== null) headers['content-type'] = p.contentType;
  const res = await t.app.request(p.path, { method: p.method, headers, body: p.body }, { incoming: { socket: { remoteAddress: '10.78.0.1' } } });
  const raw = await res.text();
  let parsed: any = null;
  try {
    parsed = JSON.parse(raw);
  } catch {
    /* not JSON: the judge says so */
  }
  return { status: res.status, body: parsed, text: raw };
}

describe('fuzz of better-auth’s write routes', () => {
  it(`refuses ${PER_ROUTE}+ invalid payloads per route: no 5xx, French, the field named, nothing but the attempt counted (seed ${SEED})`, async () => {
    const wrong: string[] = [];
    const routes = [
      // A real account's address (wrong password): the route reaches the password check.
      { route: 'POST /api/auth/sign-in/email', base: { email, password: 'pas le bon mot de passe' }, signedIn: false },
      { route: 'POST /api/auth/change-password', base: { currentPassword: 'pas le bon mot de passe', newPassword: 'un nouveau mot de passe' }, signedIn: true },
    ];
    for (const [i, { route, base, signedIn }] of routes.entries()) {
      const path = route.split(' ')[1]!;
      const payloads = generatePayloads({ doc: AUTH_DOC, target: { route, realPath: path, base, bodiless: false }, seed: SEED + i, count: PER_ROUTE, bodyLimit: 1024 * 1024 });
      expect(payloads.length, route).toBeGreaterThanOrEqual(PER_ROUTE);
      const before = await tableSnapshot(t.db);
      for (const p of payloads) {
        const res = await send(p, signedIn);
        const fault = judge(route, p, res);
        if (fault) wrong.push(`${route} — ${p.defect}: ${fault}`);
      }
      const changed = changedTables(before, await tableSnapshot(t.db)).filter((c) => !c.startsWith(`${COUNTED}:`));
      if (changed.length) wrong.push(`${route}: tables written ${changed.join('; ')}`);
    }
    expect(wrong, `fuzz seed ${SEED} (rerun with FUZZ_SEED=${SEED}); ${wrong.length} faults`).toEqual([]);
  }, 300_000);
});
