/**
 * The API's one contract: real calendar dates, the typed client, `/api/me`'s shape, media-typed
 * file routes, and a French label for every audit action the server can record.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZIsoDate } from '../../src/http/contract.js';
import * as policies from '../../src/policies/policies.js';
import { ABILITY_LABELS, ABILITY_VALUES, AUDIT_ACTION_LABELS, ROLE_LABELS } from '../../src/shared/vocabulary/index.js';
import { MEETING_ACTION_VALUES } from '../../src/shared/vocabulary/followup.js';
import { actionLabel } from '../../web/src/lib/labels.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

// The oracle: the Gregorian calendar's month lengths, written out, not the code under test.
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

describe('ZIsoDate', () => {
  it('accepts every real calendar date', () => {
    const realDate = fc.integer({ min: 1900, max: 2200 }).chain((y) =>
      fc.integer({ min: 1, max: 12 }).chain((m) => fc.integer({ min: 1, max: daysIn(y, m) }).map((d) => iso(y, m, d))),
    );
    fc.assert(fc.property(realDate, (d) => ZIsoDate.safeParse(d).success));
  });

  it('refuses a day past the end of its month, month 0 or 13, and day 0', () => {
    const pastMonthEnd = fc.integer({ min: 1900, max: 2200 }).chain((y) =>
      fc.integer({ min: 1, max: 12 }).chain((m) => fc.integer({ min: daysIn(y, m) + 1, max: 39 }).map((d) => iso(y, m, d))),
    );
    const badMonth = fc.tuple(fc.integer({ min: 1900, max: 2200 }), fc.constantFrom(0, 13), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => iso(y, m, d));
    const dayZero = fc.tuple(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => iso(y, m, 0));
    fc.assert(fc.property(fc.oneof(pastMonthEnd, badMonth, dayZero), (d) => !ZIsoDate.safeParse(d).success));
  });

  it('knows February: 31, 30 and 29 of a non-leap year fail, 29 of a leap year passes', () => {
    for (const d of ['2025-02-31', '2025-02-30', '2025-02-29', '1900-02-29', '2100-02-29', '2025-13-01', '2025-1-05', '05/02/2025']) {
      expect(ZIsoDate.safeParse(d).success, d).toBe(false);
    }
    for (const d of ['2024-02-29', '2000-02-29', '2025-02-28', '2025-12-31']) expect(ZIsoDate.safeParse(d).success, d).toBe(true);
  });
});

describe('a date that does not exist', () => {
  it('answers 422 naming the field on a query (the day sheet), not 500', async () => {
    const { api } = await t.asRole('administrateur');
    const res = await api.cohorts[':id'].attendance.sheet.$get({ param: { id: crypto.randomUUID() }, query: { date: '2025-02-31' } });
    // Validation answers (422) come from the router's hook, not the handler: the client types only the handler's answers.
    expect(res.status).toBe(422);
    const body: unknown = await res.json();
    expect(body).toMatchObject({ issues: [{ path: 'date', message: 'Date attendue au format AAAA-MM-JJ, et qui existe au calendrier.' }] });
  });

  it('answers 422 naming the field in a body (a promotion starting on 31 February) and creates nothing', async () => {
    const { api } = await t.asRole('administrateur');
    const centre = await t.createTestCentre();
    const res = await api.cohorts.$post({
      json: { number: 77, centreId: centre.id, certificationVersionCode: 'RNCP41336', startsOn: '2025-02-31', endsOn: '2027-01-31', capacity: 20 },
    });
    expect(res.status).toBe(422);
    const body: unknown = await res.json();
    expect(body).toEqual({ message: 'Certaines données sont invalides.', issues: [{ path: 'startsOn', message: expect.stringContaining('existe au calendrier') }] });
    const list = await api.cohorts.$get({ query: { centreId: centre.id } });
    expect(list.status).toBe(200);
    if (list.status === 200) expect((await list.json()).total).toBe(0);
  });

  it('refuses a malformed id with a French message naming what it identifies', async () => {
    const { api } = await t.asRole('administrateur');
    const res = await api.cohorts[':id'].$get({ param: { id: 'pas-un-uuid' } });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ issues: [{ path: 'id', message: 'Identifiant de promotion invalide.' }] });
  });
});

describe('/api/me', () => {
  it('gives the user, labelled roles, centres and abilities that are all known abilities', async () => {
    const { api, user } = await t.asRole('gestionnaire');
    const res = await api.me.$get();
    expect(res.status).toBe(200);
    if (res.status !== 200) return;
    const me = await res.json();
    expect(me.user).toEqual({ id: user.id, name: user.name, email: user.email });
    expect(me.roles).toEqual([{ role: 'gestionnaire', label: 'Gestionnaire de scolarité' }]);
    expect(me.centres).toEqual([]);
    expect(me.abilities.length).toBeGreaterThan(0);
    for (const a of me.abilities) expect(ABILITY_VALUES).toContain(a);
    expect(me.abilities).toContain('cohorts:read');
    expect(me.abilities).not.toContain('users:manage');
  });

  it('declares its abilities as an enum of every ability in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/api/openapi.json')).body as {
      components: { schemas: Record<string, { properties?: Record<string, { items?: { $ref?: string } }>; enum?: string[] }> };
    };
    const items = doc.components.schemas.Me!.properties!.abilities!.items!;
    expect(items.$ref).toBe('#/components/schemas/Ability');
    expect(doc.components.schemas.Ability!.enum).toEqual([...ABILITY_VALUES]);
    expect(doc.components.schemas.Role!.enum).toEqual(Object.keys(ROLE_LABELS));
  });
});

describe('the policies and the vocabulary', () => {
  it('give roles to exactly the abilities the vocabulary names, and refuse with the vocabulary’s label', () => {
    expect(Object.keys(policies.ABILITIES).sort()).toEqual([...ABILITY_VALUES].sort());
    const refusal = policies.hasAbility({ roles: ['auditeur'] }, 'users:manage');
    expect(refusal).toEqual({ allowed: false, reason: `il faut le droit « ${ABILITY_LABELS['users:manage']} ».` });
  });
});

describe('file routes', () => {
  it('declare the media types they return', async () => {
    const doc = (await t.call('GET', '/api/openapi.json')).body as {
      paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    const typesOf = (p: string) => Object.keys(doc.paths[`/api${p}`]?.get?.responses['200']?.content ?? {}).sort();
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    expect(typesOf('/applications/{id}/quote.pdf')).toEqual(['application/pdf']);
    expect(typesOf('/applications/{id}/agreement.pdf')).toEqual(['application/pdf']);
    expect(typesOf('/cohorts/{id}/attendance/sheet')).toEqual(['application/pdf']);
    expect(typesOf('/cohorts/{id}/attendance/export')).toEqual([xlsx, 'text/csv'].sort());
    expect(typesOf('/applications/export')).toEqual([xlsx, 'text/csv'].sort());
    expect(typesOf('/calendar/feeds/{file}')).toEqual(['text/calendar']);
    expect(typesOf('/justifications/{id}/document')).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
  });
});

/** Every `action:` a `recordAudit(...)` call passes, read from the source (literals and `prefix.${…}`). */
function recordedActionsInSource() {
  const root = path.resolve(import.meta.dirname, '../../src');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) files.push(p);
    }
  };
  walk(root);
  const literals = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const call of text.matchAll(/recordAudit\(/g)) {
      const window = text.slice(call.index, call.index + 1200);
      const action = /action:\s*([^\n]*?)(?:,\s*entityType|,\s*$)/m.exec(window)?.[1];
      if (!action) continue;
      for (const m of action.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) literals.add(m[1]!);
      for (const m of action.matchAll(/`([a-z_]+\.)\$\{/g)) prefixes.add(m[1]!);
    }
  }
  return { literals, prefixes };
}

describe('audit actions', () => {
  it('every action the server records has a French label, and the journal page shows it', () => {
    const { literals, prefixes } = recordedActionsInSource();
    expect(literals.size).toBeGreaterThan(30);
    const labelled = Object.keys(AUDIT_ACTION_LABELS);
    for (const a of literals) {
      expect(labelled, a).toContain(a);
      expect(actionLabel(a), a).not.toBe(a);
    }
    for (const p of prefixes) expect(labelled.some((a) => a.startsWith(p)), p).toBe(true);
    expect(prefixes).toEqual(new Set(['application.', 'justification.', 'mentoring.']));
    for (const a of MEETING_ACTION_VALUES) expect(labelled, `mentoring.${a}`).toContain(`mentoring.${a}`);
    for (const a of ['application.start_review', 'application.request_correction', 'application.accept', 'application.refuse', 'application.close', 'justification.accepted', 'justification.refused']) {
      expect(labelled, a).toContain(a);
    }
  });

  it('the journal labels the actions this very test file caused (sign-in, centre created)', async () => {
    await t.asRole('administrateur');
    await t.createTestCentre();
    const admin = await t.asRole('administrateur');
    const res = await admin.api.audit.$get({ query: {} });
    expect(res.status).toBe(200);
    if (res.status !== 200) return;
    const actions = new Set((await res.json()).items.map((e) => e.action));
    expect(actions).toContain('auth.sign_in');
    expect(actions).toContain('centre.created');
    for (const a of actions) expect(actionLabel(a), a).not.toBe(a);
    expect(actionLabel('centre.created')).toBe('Centre créé');
  });
});
