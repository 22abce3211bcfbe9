/**
 * Reading certification version files: JSON text → schema → consistency rules, with every
 * problem in French and located by its path, so the person who edits a file can fix it alone.
 *
 * Zod's own messages are English; the translation below covers the issue codes our schema can
 * raise. Messages written in the schema itself (French already) take precedence over it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { formatPath } from '../../lib/paths.js';
import { checkCertificationVersion, type TReferentielProblem } from './referentiel.rules.js';
import { ZCertificationVersionSchema, type TCertificationVersion } from './referentiel.schema.js';

export type TParseResult =
  | { ok: true; version: TCertificationVersion; problems: TReferentielProblem[] }
  | { ok: false; problems: TReferentielProblem[] };

export type TLoadedVersionFile = { fileName: string; result: TParseResult };

/** data/certifications of the project, found from this module so no machine path is written down. */
export const DEFAULT_CERTIFICATIONS_DIR = fileURLToPath(new URL('../../../data/certifications/', import.meta.url));

// ---- JSON syntax -----------------------------------------------------------------------------

type TJsonSyntaxError = { offset: number; reason: string };

class JsonFault extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Finds where JSON.parse gave up. V8's messages are English and, depending on the Node version,
 * do not always give a position, so a small scanner of the JSON grammar locates the first fault.
 */
export function locateJsonSyntaxError(text: string): TJsonSyntaxError | null {
  let i = 0;
  function fail(reason?: string): never {
    const found = text[i];
    // At the end of the text the useful news is that the file is cut short, whatever was expected.
    if (found === undefined) throw new JsonFault(i, reason ? `fin de fichier inattendue (${reason})` : 'fin de fichier inattendue');
    throw new JsonFault(i, reason ?? `caractère inattendu « ${found} »`);
  }
  function skipSpace(): void {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  }
  function expectLiteral(literal: string): void {
    for (const ch of literal) {
      if (text[i] !== ch) fail();
      i++;
    }
  }
  function parseString(): void {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i] ?? '';
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        const esc = text[i + 1] ?? '';
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('séquence \\u invalide');
          i += 6;
        } else if (esc !== '' && '"\\/bfnrt'.includes(esc)) i += 2;
        else fail('séquence d’échappement invalide');
      } else if (ch < ' ') fail('caractère de contrôle dans une chaîne (retour à la ligne non échappé ?)');
      else i++;
    }
    fail('chaîne non terminée');
  }
  function parseNumber(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail();
    i += match[0].length;
  }
  function parseContainer(close: '}' | ']'): void {
    i++;
    skipSpace();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] === close) fail(`virgule en trop avant « ${close} »`);
      if (close === '}') {
        if (text[i] !== '"') fail('nom de propriété entre guillemets attendu');
        parseString();
        skipSpace();
        if (text[i] !== ':') fail('« : » attendu après le nom de propriété');
        i++;
      }
      parseValue();
      skipSpace();
      if (text[i] === ',') i++;
      else if (text[i] === close) {
        i++;
        return;
      } else fail(`« , » ou « ${close} » attendu`);
    }
  }
  function parseValue(): void {
    skipSpace();
    const ch = text[i];
    if (ch === '{') parseContainer('}');
    else if (ch === '[') parseContainer(']');
    else if (ch === '"') parseString();
    else if (ch === 't') expectLiteral('true');
    else if (ch === 'f') expectLiteral('false');
    else if (ch === 'n') expectLiteral('null');
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) parseNumber();
    else fail();
  }
  try {
    parseValue();
    skipSpace();
    if (i < text.length) fail('contenu après la fin du document JSON');
    return null;
  } catch (e) {
    if (e instanceof JsonFault) return { offset: e.offset, reason: e.reason };
    throw e;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

// ---- Zod issues in French ---------------------------------------------------------------------

const TYPE_NAMES: Record<string, string> = {
  string: 'texte',
  number: 'nombre',
  int: 'nombre entier',
  boolean: 'booléen (true ou false)',
  array: 'liste',
  object: 'objet',
  null: 'null',
  date: 'date',
};

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'liste';
  if (typeof value === 'number') return Number.isInteger(value) ? 'nombre entier' : 'nombre';
  return TYPE_NAMES[typeof value] ?? typeof value;
}

const show = (v: unknown) => JSON.stringify(v);

/** Per-parse error map: the issue still carries its input here, which tells "missing" from "wrong". */
function frenchIssueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'champ obligatoire manquant';
      return `type attendu : ${TYPE_NAMES[issue.expected] ?? issue.expected}, reçu : ${describeValue(issue.input)}`;
    case 'invalid_value':
      if (issue.input === undefined) return 'champ obligatoire manquant';
      return issue.values.length === 1
        ? `valeur attendue : ${show(issue.values[0])}, reçu : ${show(issue.input)}`
        : `valeur invalide ${show(issue.input)} ; valeurs permises : ${issue.values.map(show).join(', ')}`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array') return min <= 1 ? 'la liste ne doit pas être vide' : `la liste doit contenir au moins ${min} éléments`;
      if (issue.origin === 'string') return min <= 1 ? 'le texte ne doit pas être vide' : `le texte doit contenir au moins ${min} caractères`;
      return issue.inclusive === false ? `la valeur doit être strictement supérieure à ${min}` : `la valeur doit être supérieure ou égale à ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array') return `la liste doit contenir au plus ${max} éléments`;
      if (issue.origin === 'string') return `le texte doit contenir au plus ${max} caractères`;
      return issue.inclusive === false ? `la valeur doit être strictement inférieure à ${max}` : `la valeur doit être inférieure ou égale à ${max}`;
    }
    case 'invalid_format':
      if (issue.format === 'date') return 'date attendue au format AAAA-MM-JJ (date réelle du calendrier)';
      if (issue.format === 'regex') return `format invalide (motif attendu : ${issue.pattern ?? '?'})`;
      return `format invalide (${issue.format})`;
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? `clé inconnue : ${show(issue.keys[0])}` : `clés inconnues : ${issue.keys.map(show).join(', ')}`;
    case 'invalid_union':
      return 'aucune des formes permises ne correspond à cette valeur';
    case 'not_multiple_of':
      return `la valeur doit être un multiple de ${issue.divisor}`;
    default:
      return 'valeur invalide';
  }
}

export { formatPath as formatIssuePath };

const located = (message: string, path: string) => `${message} (${path === '' ? 'racine du fichier' : path})`;

function zodIssuesToProblems(issues: readonly z.core.$ZodIssue[]): TReferentielProblem[] {
  return issues.flatMap((issue): TReferentielProblem[] => {
    const base = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      // One problem per key, located at the key itself: that is the line to delete or rename.
      return issue.keys.map((key) => {
        const keyPath = base === '' ? key : `${base}.${key}`;
        return { path: keyPath, message: located(`clé inconnue : ${show(key)}`, keyPath), severity: 'error' };
      });
    }
    return [{ path: base, message: located(issue.message, base), severity: 'error' }];
  });
}

function withoutKeys(data: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  const copy = structuredClone(data);
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    let target: unknown = copy;
    for (const seg of issue.path) target = (target as Record<PropertyKey, unknown>)?.[seg];
    if (target && typeof target === 'object') for (const key of issue.keys) delete (target as Record<string, unknown>)[key];
  }
  return copy;
}

// ---- entry points ------------------------------------------------------------------------------

const result = (problems: TReferentielProblem[], version?: TCertificationVersion): TParseResult =>
  version && !problems.some((p) => p.severity === 'error') ? { ok: true, version, problems } : { ok: false, problems };

export function parseCertificationVersionText(text: string, fileName: string): TParseResult {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    const fault = locateJsonSyntaxError(source) ?? { offset: 0, reason: 'syntaxe invalide' };
    const { line, column } = lineAndColumn(source, fault.offset);
    return result([
      {
        path: '',
        message: `${fileName} : JSON invalide à la ligne ${line}, colonne ${column} (position ${fault.offset}) : ${fault.reason}.`,
        severity: 'error',
      },
    ]);
  }
  const parsed = ZCertificationVersionSchema.safeParse(data, { error: frenchIssueMessage });
  if (parsed.success) return result(checkCertificationVersion(parsed.data), parsed.data);
  const problems = zodIssuesToProblems(parsed.error.issues);
  // When unknown keys are the only fault, the rest of the file can still be checked: report
  // every problem at once rather than one round of corrections at a time.
  if (parsed.error.issues.every((i) => i.code === 'unrecognized_keys')) {
    const cleaned = withoutKeys(data, parsed.error.issues);
    const again = ZCertificationVersionSchema.safeParse(cleaned, { error: frenchIssueMessage });
    if (again.success) problems.push(...checkCertificationVersion(again.data));
  }
  return result(problems);
}

export async function readCertificationVersionFile(filePath: string): Promise<TParseResult> {
  const fileName = path.basename(filePath);
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : 'erreur inconnue';
    return result([{ path: '', message: `Impossible de lire le fichier ${fileName} (${code}).`, severity: 'error' }]);
  }
  return parseCertificationVersionText(text, fileName);
}

/** Every *.json of the folder, by file name, each with its own result (one bad file does not hide the others). */
export async function loadReferenceVersions(dir: string = DEFAULT_CERTIFICATIONS_DIR): Promise<TLoadedVersionFile[]> {
  const names = (await readdir(dir)).filter((name) => name.toLowerCase().endsWith('.json')).sort();
  return Promise.all(names.map(async (fileName) => ({ fileName, result: await readCertificationVersionFile(path.join(dir, fileName)) })));
}
