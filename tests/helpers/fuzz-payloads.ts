/**
 * Invalid requests for one write route, generated from its OpenAPI contract (issue 9, item 10).
 *
 * Every payload carries at least one defect that makes it certainly invalid — the contract forbids
 * it (a required field missing, a wrong type, a value out of its bounds, an impossible date), the
 * body guard refuses it (a NUL character, a lone surrogate, malformed JSON, a wrong content type, a
 * body too large), or nothing it names exists (an unknown id, a file that is not a document). On top
 * of that, noise that a valid request could carry too (unknown keys, odd but valid text) is mixed in.
 * So no payload may be accepted and none may write a row. Generation is driven by fast-check with a
 * fixed seed: the same seed gives the same payloads.
 */
import fc from 'fast-check';
import { formatPath } from '../../src/lib/paths.js';

export type TSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, TSchema>;
  required?: string[];
  items?: TSchema;
  anyOf?: TSchema[];
  oneOf?: TSchema[];
  allOf?: TSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  example?: unknown;
  default?: unknown;
};
export type TOperation = {
  parameters?: { name: string; in: string; schema?: TSchema }[];
  requestBody?: { content?: Record<string, { schema?: TSchema }> };
};
export type TOpenApiDoc = { paths: Record<string, Record<string, TOperation>>; components?: { schemas?: Record<string, TSchema> } };

export const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

/** `POST /api/x/{id}` for every write operation of the document. */
export function writeRoutesOf(doc: TOpenApiDoc): string[] {
  return Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.keys(ops)
      .filter((m) => (WRITE_METHODS as readonly string[]).includes(m))
      .map((m) => `${m.toUpperCase()} ${p}`),
  );
}

export type TPayload = {
  /** What the payload breaks, for the failure report. */
  defect: string;
  method: string;
  path: string;
  /** null: no Content-Type header. */
  contentType: string | null;
  /** undefined: no body. */
  body?: string;
  /** The field the refusal must name when it is a 422 (formatted as the API formats paths). */
  expectPath?: string;
  /** The defect is the body as a whole (not JSON, not an object): no field to name. */
  bodyLevel?: boolean;
  /** A 422 must say this (the name of a file whose content is refused). */
  expectText?: string;
};

export type TRouteTarget = {
  /** `METHOD /api/path/{param}` as in the OpenAPI document. */
  route: string;
  /** The path with real ids of the fixture. */
  realPath: string;
  /** A valid-looking body (real ids) the defects are applied to. */
  base?: unknown;
  /**
   * The route writes when sent a well-formed request to its real path: with no body schema, any
   * JSON body is ignored, so only what the body guard refuses may go to the real path.
   */
  bodiless: boolean;
};

type TPathSeg = string | number;

const UUID_NONE = '00000000-0000-4000-8000-000000000000';

export class SchemaWalker {
  constructor(private readonly doc: TOpenApiDoc) {}

  resolve(s: TSchema | undefined): TSchema {
    if (!s) return {};
    if (s.$ref) return this.resolve(this.doc.components?.schemas?.[s.$ref.split('/').pop()!]);
    if (s.allOf?.length === 1) return this.resolve(s.allOf[0]);
    return s;
  }

  /** The JSON types a value may have, or null when anything goes. */
  typesOf(s: TSchema): Set<string> | null {
    const r = this.resolve(s);
    const alt = r.anyOf ?? r.oneOf;
    if (alt) {
      const all = new Set<string>();
      for (const a of alt) {
        const t = this.typesOf(a);
        if (!t) return null;
        t.forEach((x) => all.add(x));
      }
      return all;
    }
    if (r.type) return new Set(Array.isArray(r.type) ? r.type : [r.type]);
    if (r.enum) return new Set(r.enum.map(jsonTypeOf));
    if (r.const !== undefined) return new Set([jsonTypeOf(r.const)]);
    return null;
  }

  /** The non-null branch of a nullable schema (`anyOf: [X, null]`), or the schema itself. */
  main(s: TSchema): TSchema {
    const r = this.resolve(s);
    const alt = r.anyOf ?? r.oneOf;
    if (alt) return this.main(alt.find((a) => this.resolve(a).type !== 'null') ?? alt[0]!);
    return r;
  }

  /** A plausible value for the schema (used to fill what the fixture's base does not give). */
  example(s: TSchema, depth = 0): unknown {
    const r = this.main(s);
    if (r.example !== undefined) return r.example;
    if (r.default !== undefined && r.default !== null) return r.default;
    if (r.enum) return r.enum.find((e) => e !== null);
    const type = [...(this.typesOf(r) ?? ['string'])].find((x) => x !== 'null');
    switch (type) {
      case 'integer':
      case 'number':
        return Math.max(r.minimum ?? 1, Math.min(r.maximum ?? 1, 1));
      case 'boolean':
        return false;
      case 'array':
        return depth < 4 && r.items && (r.minItems ?? 0) > 0 ? [this.example(r.items, depth + 1)] : [];
      case 'object': {
        const out: Record<string, unknown> = {};
        if (depth < 4) for (const k of r.required ?? []) out[k] = this.example(r.properties?.[k] ?? {}, depth + 1);
        return out;
      }
      default:
        if (r.format === 'date') return '2027-01-12';
        if (r.format === 'uuid') return UUID_NONE;
        if (r.format === 'email') return 'fuzz@exemple.fr';
        if (r.format === 'uri') return 'https://exemple.fr/';
        if (r.pattern && PATTERN_SAMPLES[r.pattern]) return PATTERN_SAMPLES[r.pattern];
        return 'Texte'.padEnd(Math.max(r.minLength ?? 1, 5), 'x').slice(0, r.maxLength ?? 200);
    }
  }

  /** Every field the schema names, with its path (array items at index 0) and whether it is required. */
  fields(s: TSchema, path: TPathSeg[] = [], depth = 0): { path: TPathSeg[]; schema: TSchema; required: boolean }[] {
    if (depth > 5) return [];
    const r = this.main(s);
    const out: { path: TPathSeg[]; schema: TSchema; required: boolean }[] = [];
    for (const [k, p] of Object.entries(r.properties ?? {})) {
      const at = [...path, k];
      out.push({ path: at, schema: p, required: (r.required ?? []).includes(k) });
      out.push(...this.fields(p, at, depth + 1));
    }
    if (r.items) {
      const at = [...path, 0];
      out.push({ path: at, schema: r.items, required: false });
      out.push(...this.fields(r.items, at, depth + 1));
    }
    return out;
  }
}

/** Samples for the patterns of the contract, so the base passes them. */
const PATTERN_SAMPLES: Record<string, string> = {
  '^([01]\\d|2[0-3]):[0-5]\\d$': '09:00',
  '^(\\d{5})?$': '75001',
  '^\\d{5}$': '75001',
  '^[A-Za-z0-9-]{2,20}$': 'FUZZ-1',
  '^\\d{2}(?:\\d{2}|2A|2B)\\d{5}(?:\\d{2}|2A|2B)$': '11755555575',
};

export function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function allowedType(types: Set<string>, v: unknown): boolean {
  const t = jsonTypeOf(v);
  return types.has(t) || (t === 'integer' && types.has('number'));
}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** Sets `value` at `path`, creating the containers on the way from the schema's example. */
function setAt(root: unknown, path: TPathSeg[], value: unknown, filler: (at: TPathSeg[]) => unknown): unknown {
  if (path.length === 0) return value;
  const out = (root && typeof root === 'object' ? root : typeof path[0] === 'number' ? [] : {}) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  let child = out[head!];
  if (rest.length > 0 && (child === null || typeof child !== 'object')) child = filler(path.slice(0, 1));
  out[head!] = rest.length === 0 ? value : setAt(child, rest, value, (at) => filler([head!, ...at]));
  return out;
}

function deleteAt(root: unknown, path: TPathSeg[]): void {
  let node = root as Record<string | number, unknown> | undefined;
  for (const seg of path.slice(0, -1)) {
    node = node?.[seg] as Record<string | number, unknown> | undefined;
    if (!node || typeof node !== 'object') return;
  }
  if (node && typeof node === 'object') delete node[path.at(-1)!];
}

const WRONG_VALUES: unknown[] = [42, -7, 1.5, true, false, 'texte', '', '12', 'true', [], ['a'], [1, 2], {}, { a: 1 }, null];
const IMPOSSIBLE_DATES = [
  '2025-02-30', '2026-02-29', '2025-04-31', '2025-06-31', '2025-13-01', '2025-00-10', '2025-06-00', '0000-00-00', '9999-99-99',
  '20250101', '2025-1-1', '01/03/2026', '2025-02-30T00:00:00Z', '+002025-01-01', '2025-02-3O', '２０２５-０１-０１', 'demain', '',
];
const BAD_UUIDS = ['abc', '1', '00000000-0000-0000-0000-00000000000Z', 'x'.repeat(36), `${UUID_NONE}0`, "' or 1=1 --", '../../etc/passwd'];
const BAD_EMAILS = ['pas-une-adresse', 'a@', '@exemple.fr', 'a b@exemple.fr', 'a@@exemple.fr', ''];
const BAD_URIS = ['pas une adresse', '://exemple', 'http//exemple.fr', ''];
const BAD_PATH_IDS = ['abc', '0', '-1', 'x'.repeat(300), '%00', '%F0%9F%92%A9', '%2e%2e', '..%2f..%2fadmin', 'null', 'undefined', '1e309', '%E2%80%AE', '%20', '%ED%A0%80', '%FF', 'a%00b', '%'];
const MALFORMED_JSON = ['{', '{"a":', '{"a":1,}', "{'a':1}", '{a:1}', 'NaN', 'undefined', '{"a":1}}', '[1,2', '{"a":"\\x41"}', '{"a":1e}', '\uFEFF{"a":1', '{"a":01}', '{"a":"\\uZZZZ"}', ')]}\'', '{"a" 1}'];
const WRONG_CONTENT_TYPES = [
  'text/plain', 'text/html', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----fuzz', 'application/octet-stream',
  'application/javascript', 'image/png', 'application/jsonp', 'application/x-json', 'json', '*/*', 'text/json',
  // Types that start like JSON but that the route validator does not read as JSON: never let through.
  'application/json-x', 'application/json; charset', 'application/json;', 'application/json ; charset=utf-8', 'application/jsonx', 'application/json, text/plain',
];
/** Content that is not a PDF, PNG or JPEG, sent as one (a spoofed upload). */
const SPOOFED_FILES: { fileName: string; content: Buffer }[] = [
  { fileName: 'cv.pdf', content: Buffer.from('<html><script>alert(1)</script></html>') },
  { fileName: 'cv.pdf', content: Buffer.from('MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode', 'latin1') },
  { fileName: 'photo.png', content: Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1') },
  { fileName: 'photo.jpg', content: Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1') },
  { fileName: 'lettre.pdf', content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') },
  { fileName: 'lettre.pdf', content: Buffer.from(' %PDF-1.4 (an espace before the signature)') },
  { fileName: 'cv.pdf', content: Buffer.from('%PD') },
  { fileName: '../../../etc/passwd.pdf', content: Buffer.from('root:x:0:0:root:/root:/bin/bash') },
  { fileName: 'cv.pdf.exe', content: Buffer.from('#!/bin/sh\nrm -rf /\n') },
  { fileName: 'cv.pdf', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]) },
];
const BAD_BASE64 = ['', '====', '@@@@', 'A', 'not base64 at all!', '%PDF-1.4'];

/** A string PostgreSQL cannot store, and a key that carries one. */
const UNSTORABLE = ['nul\u0000caché', '\u0000', 'a\uD800b', '\uDC00', 'fin\uDBFF', 'x'.repeat(20) + '\u0000'];
/** Valid but unusual text: what the noise puts in optional places (never the defect). */
const ODD_TEXT = ['Ωmega 🎓', 'عربى', '\u202Eevil', '   ', 'ǅ', 'a\tb\r\nc', '<b>gras</b>', "'; drop table users; --", '=HYPERLINK("x")', '😀'.repeat(20)];
const EXTRA_KEYS = ['__proto__', 'constructor', 'isAdmin', 'role', 'id', 'createdAt', 'é', '', ' ', 'a'.repeat(200), '$where', 'userId'];

/** The generated text of a deeply nested value, put in place of a sentinel. */
const DEEP = '"__fuzz_deep__"';
function deepText(depth: number, kind: number): string {
  return kind % 2 === 0 ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

type TRecipe = {
  kind: number;
  field: number;
  pick: number;
  noise: number[];
  real: boolean;
  /** A random JSON value (fast-check) the garbage kinds carry. */
  value?: unknown;
  /** A random media type (fast-check). */
  mediaType?: string;
  /** Only the catalogue makes the large payloads (a body over the limit, a string of megabytes). */
  heavy: boolean;
};

export type TGenerateOptions = {
  doc: TOpenApiDoc;
  target: TRouteTarget;
  seed: number;
  /** Payloads wanted (at least). */
  count: number;
  /** The body size over which the route answers 413. */
  bodyLimit: number;
};

/**
 * The payloads for one route: first a catalogue (every field × every defect it can have, every
 * body-level defect), then fast-check samples of random defect × field × noise up to `count`.
 */
export function generatePayloads(o: TGenerateOptions): TPayload[] {
  const { doc, target } = o;
  const walker = new SchemaWalker(doc);
  const [method, template] = target.route.split(' ') as [string, string];
  const op = doc.paths[template]![method.toLowerCase()]!;
  const schema = op.requestBody?.content?.['application/json']?.schema;
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
  const realIds = idsOf(template, target.realPath);
  const fields = schema ? walker.fields(schema) : [];
  const rootSchema = schema ? walker.main(schema) : undefined;
  const base = (): unknown => {
    if (!schema) return {};
    const example = walker.example(schema) as Record<string, unknown>;
    return { ...example, ...(clone(target.base) as Record<string, unknown> | undefined) };
  };
  const filler = (at: TPathSeg[]) => {
    const f = fields.find((x) => formatPath(x.path) === formatPath(at));
    return f ? clone(walker.example(f.schema)) : typeof at.at(-1) === 'number' ? {} : {};
  };

  const pathWith = (bogus: { param: string; value: string } | null) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => (bogus && bogus.param === name ? bogus.value : encodeURIComponent(realIds[name] ?? UUID_NONE)));
  const randomUuid = (n: number) => `${(0x10000000 + ((n * 2654435761) % 0xefffffff)).toString(16).padStart(8, '0')}-f022-4000-8000-${n.toString(16).padStart(12, '0')}`;

  const payloads: TPayload[] = [];
  const json = (value: unknown, p: Omit<TPayload, 'method' | 'path' | 'contentType' | 'body'>, path: string, deep?: string): TPayload => {
    let text = JSON.stringify(value);
    if (deep) text = text.replace(DEEP, deep);
    return { ...p, method, path, contentType: 'application/json', body: text };
  };
  /** The real path, or (for a route that takes no body, where only the guard's refusals may go there) a bogus id. */
  const pathFor = (real: boolean, n: number, guardRefuses: boolean) => {
    if (pathParams.length === 0) return template;
    if (real && (!target.bodiless || guardRefuses)) return pathWith(null);
    return pathWith({ param: pathParams[n % pathParams.length]!, value: randomUuid(n) });
  };

  /** Noise that keeps a valid request valid: unknown keys, odd text in optional strings. */
  const addNoise = (value: unknown, noise: number[], avoid: string, keys = true): unknown => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    let out = value;
    for (const n of noise) {
      if (n % 3 === 0) {
        if (!keys) continue;
        const key = EXTRA_KEYS[n % EXTRA_KEYS.length]!;
        if (key === '__proto__') continue; // JSON.stringify would drop it; sent raw below instead
        (out as Record<string, unknown>)[key] = WRONG_VALUES[n % WRONG_VALUES.length];
      } else {
        const optionalText = fields.filter((f) => !f.required && typeof f.path[0] === 'string' && f.path.length === 1 && walker.typesOf(f.schema)?.has('string') && !walker.main(f.schema).enum && !walker.main(f.schema).format && !walker.main(f.schema).pattern);
        const f = optionalText[n % Math.max(optionalText.length, 1)];
        if (f && formatPath(f.path) !== avoid && !avoid.startsWith(formatPath(f.path))) {
          const text = ODD_TEXT[n % ODD_TEXT.length]!;
          const r = walker.main(f.schema);
          if (text.trim().length >= (r.minLength ?? 0) && text.length <= (r.maxLength ?? Infinity)) out = setAt(out, f.path, text, filler) as object;
        }
      }
    }
    return out;
  };

  /** One payload from a recipe; null when the recipe does not apply to this route. */
  const build = (r: TRecipe, n: number): TPayload | null => {
    const kinds = KINDS;
    const kind = kinds[r.kind % kinds.length]!;
    const field = fields.length ? fields[r.field % fields.length]! : null;
    const fpath = field ? formatPath(field.path) : '';
    const fs = field ? walker.main(field.schema) : undefined;
    const types = field ? walker.typesOf(field.schema) : null;
    const v = base();
    switch (kind) {
      case 'malformed-json': {
        const text = MALFORMED_JSON[r.pick % MALFORMED_JSON.length]!;
        return { defect: `malformed JSON ${JSON.stringify(text)}`, method, path: pathFor(r.real, n, true), contentType: 'application/json', body: text, bodyLevel: true };
      }
      case 'truncated-json': {
        const text = JSON.stringify(addNoise(v, r.noise, ''));
        const cut = text.slice(0, Math.max(1, (r.pick % Math.max(text.length - 1, 1)) + 0));
        return { defect: `JSON cut after ${cut.length} characters`, method, path: pathFor(r.real, n, true), contentType: 'application/json', body: cut, bodyLevel: true };
      }
      case 'content-type': {
        const type = WRONG_CONTENT_TYPES[r.pick % WRONG_CONTENT_TYPES.length]!;
        const body = r.pick % 2 === 0 ? JSON.stringify(v) : Object.entries((v as Record<string, unknown>) ?? {}).map(([k, x]) => `${k}=${encodeURIComponent(String(x))}`).join('&') || 'a=1';
        return { defect: `sent as ${type}`, method, path: pathFor(r.real, n, true), contentType: type, body, bodyLevel: true };
      }
      case 'unstorable': {
        const text = UNSTORABLE[r.pick % UNSTORABLE.length]!;
        if (r.pick % 5 === 4 || !field || !types?.has('string')) {
          // In a key: the guard refuses it wherever it is.
          const value = { ...(v as object), [`clé${text}`]: 'x' };
          return { ...json(value, { defect: `unstorable key ${JSON.stringify(text)}` }, ''), path: pathFor(r.real, n, true) };
        }
        const value = setAt(v, field.path, text, filler);
        return { ...json(addNoise(value, r.noise, fpath), { defect: `unstorable string at ${fpath}`, expectPath: fpath }, ''), path: pathFor(r.real, n, true) };
      }
      case 'oversized': {
        // Rare (each costs a large body): one per route, from the catalogue.
        if (!r.heavy || r.field !== 0 || r.pick > 0) return null;
        const pad = 'x'.repeat(o.bodyLimit + 1024);
        const value = { ...(v as object), padding: pad };
        return { ...json(value, { defect: `body over ${o.bodyLimit} bytes`, bodyLevel: true }, ''), path: pathFor(r.real, n, true) };
      }
      case 'not-object': {
        if (!schema) return null;
        const values = [null, [], [v], 'texte', 42, true, ''];
        const value = values[r.pick % values.length];
        return { ...json(value, { defect: `body is ${JSON.stringify(value)?.slice(0, 40)}`, bodyLevel: true }, ''), path: pathFor(r.real, n, false) };
      }
      case 'empty-object': {
        if (!rootSchema?.required?.length) return null;
        return { ...json(addNoise({}, r.noise, ''), { defect: 'no field at all', expectPath: rootSchema.required[r.pick % rootSchema.required.length]! }, ''), path: pathFor(r.real, n, false) };
      }
      case 'missing': {
        const required = fields.filter((f) => f.required);
        if (!required.length) return null;
        const f = required[r.field % required.length]!;
        const at = formatPath(f.path);
        let value = v;
        // A nested required field needs its container present.
        if (f.path.length > 1) value = setAt(value, f.path, null, filler);
        deleteAt(value, f.path);
        return { ...json(addNoise(value, r.noise, at), { defect: `missing ${at}`, expectPath: at }, ''), path: pathFor(r.real, n, false) };
      }
      case 'wrong-type': {
        if (!field || !types) return null;
        const candidates = WRONG_VALUES.filter((x) => !allowedType(types, x));
        if (!candidates.length) return null;
        const bad = candidates[r.pick % candidates.length];
        return { ...json(addNoise(setAt(v, field.path, bad, filler), r.noise, fpath), { defect: `${fpath} = ${JSON.stringify(bad)}`, expectPath: fpath }, ''), path: pathFor(r.real, n, false) };
      }
      case 'deep': {
        if (!field || !types || (types.has('array') && types.has('object'))) return null;
        const depth = [64, 1000, 5000, 20000][r.pick % 4]!;
        const shape = types.has('array') ? 1 : types.has('object') ? 0 : r.pick;
        return { ...json(setAt(v, field.path, '__fuzz_deep__', filler), { defect: `${fpath} nested ${depth} deep`, expectPath: fpath }, '', deepText(depth, shape)), path: pathFor(r.real, n, false) };
      }
      case 'bounds': {
        if (!field || !fs) return null;
        const bad = outOfBounds(fs, r.pick, r.heavy);
        if (bad === undefined) return null;
        return { ...json(addNoise(setAt(v, field.path, bad, filler), r.noise, fpath), { defect: `${fpath} out of bounds (${describe(bad)})`, expectPath: fpath }, ''), path: pathFor(r.real, n, false) };
      }
      case 'huge': {
        // Past any sensible size, where the contract states no bound: the route must refuse it too
        // (a column overflows, a page cannot show it). Accepted, it is a bound missing in the schema.
        if (!field || !fs || !types || fs.enum || fs.pattern || fs.format === 'date' || fs.format === 'uuid') return null;
        let bad: unknown;
        if ((types.has('integer') || types.has('number')) && fs.maximum === undefined) bad = [2 ** 31, 1e15, 2 ** 53 + 2, 1e20, 1e308][r.pick % 5];
        else if (types.has('string') && fs.maxLength === undefined) bad = (r.pick % 2 ? 'é' : 'x').repeat(r.heavy ? 400_000 : 100_000 + (r.pick % 1000));
        else return null;
        return { ...json(setAt(v, field.path, bad, filler), { defect: `${fpath} huge (${describe(bad)})`, expectPath: fpath }, ''), path: pathFor(r.real, n, false) };
      }
      case 'format': {
        if (!field || !fs) return null;
        let bad: unknown;
        if (fs.format === 'date') bad = IMPOSSIBLE_DATES[r.pick % IMPOSSIBLE_DATES.length];
        else if (fs.format === 'uuid') bad = BAD_UUIDS[r.pick % BAD_UUIDS.length];
        else if (fs.format === 'email') bad = BAD_EMAILS[r.pick % BAD_EMAILS.length];
        else if (fs.format === 'uri') bad = BAD_URIS[r.pick % BAD_URIS.length];
        else if (fs.pattern) bad = breakPattern(fs.pattern, r.pick);
        else if (fs.enum) bad = badEnum(fs.enum, r.pick);
        else return null;
        if (bad === undefined) return null;
        return { ...json(addNoise(setAt(v, field.path, bad, filler), r.noise, fpath), { defect: `${fpath} = ${JSON.stringify(bad)}`, expectPath: fpath }, ''), path: pathFor(r.real, n, false) };
      }
      case 'unknown-id': {
        // Nothing exists at a random id: in the path, or in a body field that names a record.
        const idFields = fields.filter((f) => walker.main(f.schema).format === 'uuid' || /^(userId|learnerId|residencyId)$/.test(String(f.path.at(-1))) || (f.path.at(-1) === 0 && /Ids$/.test(String(f.path.at(-2)))));
        if (pathParams.length && (r.pick % 2 === 0 || !idFields.length)) {
          const param = pathParams[r.field % pathParams.length]!;
          const value = r.pick % 4 === 0 ? BAD_PATH_IDS[r.field % BAD_PATH_IDS.length]! : randomUuid(n);
          return { ...json(addNoise(v, r.noise, '', false), { defect: `unknown ${param} ${value.slice(0, 40)}` }, ''), path: pathWith({ param, value }), ...(target.bodiless ? { contentType: null, body: undefined } : {}) };
        }
        if (!idFields.length) return null;
        const f = idFields[r.field % idFields.length]!;
        return { ...json(addNoise(setAt(v, f.path, randomUuid(n), filler), r.noise, formatPath(f.path), false), { defect: `unknown id in ${formatPath(f.path)}` }, ''), path: pathFor(r.real, n, false) };
      }
      case 'spoofed-file': {
        const file = fields.find((f) => f.path.length === 1 && f.path[0] === 'contentBase64');
        if (!file) return null;
        if (r.heavy && r.field === 0 && r.pick === 1) {
          // A real PDF signature, but over the 10 MB a document may weigh (and under the contract's length).
          const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10_695_475, 0x20)]).toString('base64');
          return { ...json({ ...(v as object), fileName: 'gros.pdf', contentBase64: big }, { defect: 'a PDF of 10.2 MB', expectPath: 'contentBase64' }, ''), path: pathFor(r.real, n, false) };
        }
        const spoof = SPOOFED_FILES[r.pick % SPOOFED_FILES.length]!;
        const content = r.pick % 7 === 6 ? BAD_BASE64[r.field % BAD_BASE64.length]! : spoof.content.toString('base64');
        const value = { ...(v as object), fileName: spoof.fileName, contentBase64: content };
        return { ...json(addNoise(value, r.noise, 'contentBase64', false), { defect: `spoofed upload ${spoof.fileName} (${content.slice(0, 12)}…)`, expectPath: content === '' ? 'contentBase64' : undefined }, ''), path: pathFor(r.real, n, false) };
      }
      case 'garbage-unstorable': {
        // Any JSON at all, under a key PostgreSQL cannot store.
        const key = `${UNSTORABLE[r.pick % UNSTORABLE.length]}${r.field}`;
        const value = r.pick % 3 === 0 ? { [key]: r.value ?? 'x' } : { ...(v as object), nested: { [key]: r.value ?? 'x' } };
        return { ...json(value, { defect: `unstorable key in random JSON` }, ''), path: pathFor(r.real, n, true) };
      }
      case 'garbage-malformed': {
        const text = JSON.stringify(r.value ?? null);
        const broken = [`${text},`, `{${text}`, `${text}}`, `[${text}`, `${text} x`, `${text}\u0000`, `{"a":${text}`, `${text}${text}`][r.pick % 8]!;
        return { defect: `malformed random JSON ${broken.slice(0, 40)}`, method, path: pathFor(r.real, n, true), contentType: 'application/json', body: broken, bodyLevel: true };
      }
      case 'garbage-content-type': {
        const type = r.mediaType ?? 'text/plain';
        if (/^application\/json\b/i.test(type)) return null;
        return { defect: `sent as ${type}`, method, path: pathFor(r.real, n, true), contentType: type, body: JSON.stringify(r.value ?? v), bodyLevel: true };
      }
      case 'hostile-file': {
        // A référentiel or holidays file given as text: broken in its own format.
        const file = fields.find((f) => f.path.length === 1 && f.path[0] === 'content');
        if (!file) return null;
        const content = HOSTILE_FILES[r.pick % HOSTILE_FILES.length]!();
        const fileName = `fichier-${r.field}.${r.pick % 2 ? 'json' : 'csv'}`;
        // The refusal names the file (its problems are places in the file, not fields of the request).
        return { ...json({ ...(v as object), fileName, content }, { defect: `hostile file content (${content.slice(0, 30)}…)`, expectText: fileName }, ''), path: pathFor(r.real, n, false) };
      }
    }
  };

  // Catalogue: each kind × each field it applies to, several picks.
  let n = 0;
  const seen = new Set<string>();
  const push = (p: TPayload | null) => {
    if (!p) return;
    const key = `${p.path} ${p.contentType} ${p.body?.length} ${p.body?.slice(0, 2000)}`;
    if (seen.has(key)) return;
    seen.add(key);
    payloads.push(p);
  };
  for (let kind = 0; kind < KINDS.length; kind++) {
    for (let field = 0; field < Math.max(fields.length, 1); field++) {
      for (let p = 0; p < 2; p++) push(build({ kind, field, pick: field * 2 + p, noise: [], real: p === 0, heavy: true }, n++));
    }
  }
  // fast-check samples to reach the count: random defect, field, variant, noise, real or bogus path.
  const recipe = fc.record({
    kind: fc.nat({ max: KINDS.length - 1 }),
    field: fc.nat({ max: 1000 }),
    pick: fc.nat({ max: 1000 }),
    noise: fc.array(fc.nat({ max: 1000 }), { maxLength: 3 }),
    real: fc.boolean(),
    value: fc.jsonValue({ maxDepth: 3 }),
    mediaType: fc.stringMatching(/^(text|application|multipart|image|x-[a-z]{1,5})\/[a-z0-9.+-]{1,16}(; ?charset=[a-z0-9-]{1,10})?$/),
  });
  let round = 0;
  while (payloads.length < o.count && round < 20) {
    for (const r of fc.sample(recipe, { seed: o.seed + round * 7919, numRuns: o.count })) {
      if (payloads.length >= o.count) break;
      push(build({ ...r, heavy: false }, n++));
    }
    round++;
  }
  return payloads;
}

const KINDS = [
  'malformed-json', 'truncated-json', 'content-type', 'unstorable', 'oversized', 'not-object', 'empty-object', 'missing',
  'wrong-type', 'deep', 'bounds', 'format', 'unknown-id', 'spoofed-file', 'hostile-file', 'garbage-unstorable', 'garbage-malformed',
  'garbage-content-type', 'huge',
] as const;

function describe(v: unknown): string {
  if (typeof v === 'string') return `${v.length} characters`;
  if (Array.isArray(v)) return `${v.length} items`;
  return JSON.stringify(v);
}

/** A value of the right type that breaks a bound the contract states; undefined when there is none. */
function outOfBounds(s: TSchema, pick: number, heavy: boolean): unknown {
  const options: unknown[] = [];
  // A limit of megabytes (a file as base64) is passed once, by the catalogue.
  if (s.maxLength !== undefined && (s.maxLength < 50_000 || (heavy && pick < 2))) options.push('x'.repeat(s.maxLength + 1), 'é'.repeat(s.maxLength + 1 + (pick % 1000)));
  if (s.minLength !== undefined && s.minLength >= 1) options.push('x'.repeat(s.minLength - 1));
  if (s.maximum !== undefined) options.push(s.maximum + 1, 1e15, 1e308, 2 ** 31, 2 ** 53 + 2);
  if (s.exclusiveMaximum !== undefined) options.push(s.exclusiveMaximum);
  if (s.minimum !== undefined) options.push(s.minimum - 1, -1e15, -(2 ** 31) - 1);
  if (s.exclusiveMinimum !== undefined) options.push(s.exclusiveMinimum);
  if (s.type === 'integer' || (Array.isArray(s.type) && s.type.includes('integer'))) options.push(1.5, 0.1 + 0.2, 1e-9 + 1);
  if (s.maxItems !== undefined) options.push(Array.from({ length: s.maxItems + 1 }, () => 'x'));
  if (s.minItems !== undefined && s.minItems >= 1) options.push([]);
  // Only values that are certain defects: the right type, past a bound the contract states.
  return options.length ? options[pick % options.length] : undefined;
}

function breakPattern(pattern: string, pick: number): string | undefined {
  const re = new RegExp(pattern, 'u');
  // Not '': a schema may read an empty text as « not given ».
  const candidates = ['x', '25:00', '9:00', '09h00', '0900', '7500', '750011', 'ABCDE', '99:99', '12345678901234567890123', 'A B', '../x', '١٢٣٤٥', '11755555575x'];
  const bad = candidates.filter((c) => !re.test(c));
  return bad.length ? bad[pick % bad.length] : undefined;
}

function badEnum(values: unknown[], pick: number): unknown {
  const first = String(values.find((v) => typeof v === 'string') ?? 'x');
  const candidates = ['inconnu', first.toUpperCase(), ` ${first}`, `${first}\u200B`, first.replace(/_/g, '-'), '*', 'null'];
  const bad = candidates.filter((c) => !values.includes(c));
  return bad[pick % bad.length];
}

/** Text files broken in their own format: the route reads them, none is a valid référentiel or calendar. */
const HOSTILE_FILES: (() => string)[] = [
  () => '{'.repeat(5000) + '}'.repeat(5000),
  () => `{"code":"RNCP99998","blocs":${'['.repeat(20000)}${']'.repeat(20000)}}`,
  () => `{"code":"RNCP99997","blocs":[${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}]}`,
  () => '['.repeat(20000) + ']'.repeat(20000),
  () => JSON.stringify({ code: 'RNCP\u0000', title: 'nul' }),
  () => JSON.stringify({ code: '\uD800', blocs: [{ code: 'B1', hours: 1e308 }] }),
  () => '{"code":"RNCP1","hours":1e400,"validFrom":"2025-02-30"}',
  () => JSON.stringify({ code: 'RNCP99999', validFrom: '2025-02-30', blocs: 'pas une liste' }),
  () => 'null',
  () => '[]',
  () => '"texte"',
  () => 'pas du JSON ni du CSV',
  () => 'description;population;start_date;end_date;location;zones;annee_scolaire\nVacances;-;2025-02-30;2025-13-01;Paris;Zone C;2024-2025',
  () => 'description;population;start_date;end_date;location;zones;annee_scolaire\n' + 'x;'.repeat(10000),
  () => 'description,population\n"non fermé',
  () => '\uFEFF',
  () => 'a;b\n' + '\u0085\u2028'.repeat(100),
];

/** Maps the template's params to the values of a concrete path: `/a/{id}` + `/a/42` → { id: '42' }. */
export function idsOf(template: string, path: string): Record<string, string> {
  const t = template.split('/');
  const p = path.split('?')[0]!.split('/');
  const out: Record<string, string> = {};
  t.forEach((seg, i) => {
    const m = /^\{(\w+)\}$/.exec(seg);
    if (m && p[i] !== undefined) out[m[1]!] = decodeURIComponent(p[i]!);
  });
  return out;
}
