/**
 * Every 422 the API's contracts answer names its field in French: for each route of the OpenAPI
 * document, bodies, queries and params that break each field (missing, wrong type, out of range,
 * unknown value) are sent, and no issue's message may contain a camelCase identifier (`endsAt`) or
 * be Zod's generic wording that does not say which field (« Trop grand : nombre doit être <=8 »).
 * Every field of a request has its French label in `src/shared/vocabulary/fields.ts`.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_LABELS } from '../../src/shared/vocabulary/fields.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

type TSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, TSchema>;
  items?: TSchema;
  anyOf?: TSchema[];
  oneOf?: TSchema[];
  allOf?: TSchema[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
};
type TOperation = { parameters?: { name: string; in: string; schema?: TSchema }[]; requestBody?: { content?: Record<string, { schema?: TSchema }> } };
type TDoc = { paths: Record<string, Record<string, TOperation>>; components?: { schemas?: Record<string, TSchema> } };

const CAMEL_CASE = /\b[a-z]+[A-Z][A-Za-z0-9]*\b/;
const ZOD_GENERIC = /^(Entrée invalide|Option invalide|Trop petit|Trop grand|Chaîne de caractères invalide|Nombre invalide|Valeur invalide|Invalid input)/;

let t: TTestContext;
let doc: TDoc;
let cookie: string;
beforeAll(async () => {
  t = await createTestContext();
  doc = (await t.call('GET', '/api/openapi.json')).body as TDoc;
  cookie = (await t.as('administrateur')).cookie;
});
afterAll(() => t.close());

function resolve(s: TSchema | undefined): TSchema {
  if (!s) return {};
  if (s.$ref) return resolve(doc.components?.schemas?.[s.$ref.split('/').pop()!]);
  // A nullable field is `anyOf: [X, { type: 'null' }]`: break X.
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return resolve(alt.find((x) => x.type !== 'null') ?? alt[0]);
  if (s.allOf?.length) return resolve(s.allOf[0]);
  return s;
}
const typeOf = (s: TSchema) => (Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type);

/** A value of the wrong kind for this schema. */
function wrongType(s: TSchema): unknown {
  const r = resolve(s);
  switch (typeOf(r)) {
    case 'number':
    case 'integer':
    case 'boolean':
    case 'array':
    case 'object':
      return 'pas-ça';
    default:
      return 12345;
  }
}

/** A value of the right kind that breaks a bound or an enum (or an item of a list). */
function outOfRange(s: TSchema, depth = 0): unknown {
  const r = resolve(s);
  if (r.enum) return 'valeur-inconnue';
  switch (typeOf(r)) {
    case 'integer':
      return r.maximum !== undefined ? r.maximum + 1 : r.minimum !== undefined ? r.minimum - 1 : 1.5;
    case 'number':
      return r.maximum !== undefined ? r.maximum + 1 : r.minimum !== undefined ? r.minimum - 1 : r.exclusiveMinimum !== undefined ? r.exclusiveMinimum : -1;
    case 'boolean':
      return null;
    case 'array':
      if (r.minItems) return [];
      return depth < 3 && r.items ? [outOfRange(r.items, depth + 1)] : 'pas-ça';
    case 'object':
      return depth < 3 ? objectOf(r, (p) => outOfRange(p, depth + 1)) : 'pas-ça';
    default:
      if (r.maxLength !== undefined) return 'x'.repeat(r.maxLength + 1);
      return r.format ? 'pas-au-format' : '';
  }
}

function objectOf(s: TSchema, value: (p: TSchema) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(resolve(s).properties ?? {}).map(([k, p]) => [k, value(p)]));
}

/** Every key named by a request (params, query, body, nested). */
function requestKeys(): Set<string> {
  const keys = new Set<string>();
  const walk = (s: TSchema | undefined, depth = 0) => {
    if (!s || depth > 6) return;
    const r = resolve(s);
    for (const [k, p] of Object.entries(r.properties ?? {})) {
      keys.add(k);
      walk(p, depth + 1);
    }
    if (r.items) walk(r.items, depth + 1);
  };
  for (const ops of Object.values(doc.paths))
    for (const op of Object.values(ops)) {
      for (const p of op.parameters ?? []) keys.add(p.name);
      walk(op.requestBody?.content?.['application/json']?.schema);
    }
  return keys;
}

type TCase = { method: string; url: string; body?: unknown };
function cases(): TCase[] {
  const out: TCase[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters ?? []).filter((p) => p.in === 'path');
      const withParams = (value: () => string) => path.replace(/\{(\w+)\}/g, () => encodeURIComponent(value()));
      const url = withParams(() => randomUUID());
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      if (params.length) out.push({ method, url: withParams(() => 'pas-un-identifiant') });
      if (query.length) {
        out.push({ method, url: `${url}?${query.map((q) => `${q.name}=${encodeURIComponent('§pas-ça§')}`).join('&')}` });
        out.push({ method, url: `${url}?${query.map((q) => `${q.name}=${encodeURIComponent(String(outOfRange(q.schema ?? {})))}`).join('&')}` });
      }
      const schema = op.requestBody?.content?.['application/json']?.schema;
      if (schema) {
        out.push({ method, url, body: {} });
        out.push({ method, url, body: objectOf(schema, wrongType) });
        out.push({ method, url, body: objectOf(schema, (p) => outOfRange(p)) });
      }
    }
  }
  return out;
}

describe('validation messages', () => {
  it('every request field has a French label', () => {
    const missing = [...requestKeys()].filter((k) => !Object.hasOwn(FIELD_LABELS, k));
    expect(missing, 'add their French labels to src/shared/vocabulary/fields.ts').toEqual([]);
  });

  it('no 422 of any route names a field by its identifier or leaves it unnamed', async () => {
    const bad: string[] = [];
    let refused = 0;
    for (const c of cases()) {
      const res = await t.call(c.method.toUpperCase(), c.url, { cookie, body: c.body });
      expect(res.status, `${c.method} ${c.url} ${JSON.stringify(res.body)}`).not.toBe(500);
      if (res.status !== 422) continue;
      refused += 1;
      const issues = (res.body as { issues?: { path: string; message: string }[] }).issues ?? [];
      for (const i of issues) {
        if (CAMEL_CASE.test(i.message) || ZOD_GENERIC.test(i.message)) bad.push(`${c.method.toUpperCase()} ${c.url.split('?')[0]} ${i.path} : ${i.message}`);
      }
    }
    expect(refused).toBeGreaterThan(60);
    expect([...new Set(bad)]).toEqual([]);
  }, 120_000);

  it('says which field and why, in French (a level of responsibility of 9 on a draft)', async () => {
    const res = await t.call('PATCH', `/api/applications/${randomUUID()}`, {
      cookie,
      body: { experiences: [{ kind: 'professional', startDate: '2020-01-01', endDate: null, field: 'Animation', responsibilities: 'Direction', responsibilityLevel: 9 }], sort: 1 },
    });
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual(
      expect.arrayContaining([{ path: 'experiences[0].responsibilityLevel', message: 'Niveau de responsabilité : au plus 8.' }]),
    );
  });
});
