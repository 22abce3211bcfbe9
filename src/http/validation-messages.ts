/**
 * Zod's generic wording, said in French with the field's label: « Niveau de responsabilité : au plus
 * 8. » instead of « Trop grand : nombre doit être <=8 », « Tri : valeur inconnue. » instead of the
 * list of accepted identifiers. Installed as Zod's `customError`, so it applies only where a schema
 * gave no message of its own (a schema's message names its field already), and it sees the issue's
 * full path. A path whose key has no label keeps Zod's French locale message.
 */
import { z } from '@hono/zod-openapi';
import { fieldLabelOf } from '../shared/vocabulary/fields.js';
import { formatPath } from '../lib/paths.js';

type TRawIssue = Parameters<NonNullable<z.core.$ZodConfig['customError']>>[0];

const TYPE_WORDS: Record<string, string> = {
  string: 'texte attendu',
  number: 'nombre attendu',
  int: 'nombre entier attendu',
  boolean: 'oui ou non attendu',
  array: 'liste attendue',
  object: 'objet attendu',
  date: 'date attendue',
};

const plural = (n: number | bigint, one: string, many: string) => `${n.toString()} ${Number(n) > 1 ? many : one}`;

function sizeWords(origin: string | undefined, n: number | bigint): string {
  if (origin === 'string') return plural(n, 'caractère', 'caractères');
  if (origin === 'array' || origin === 'set') return plural(n, 'élément', 'éléments');
  if (origin === 'file') return plural(n, 'octet', 'octets');
  return n.toLocaleString('fr-FR');
}

function detail(iss: TRawIssue): string | null {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined || iss.input === null) return 'à renseigner.';
      return `${TYPE_WORDS[iss.expected] ?? 'autre valeur attendue'}.`;
    case 'invalid_value':
      return 'valeur inconnue.';
    case 'too_small': {
      if (iss.origin === 'string' && Number(iss.minimum) <= 1) return 'à renseigner.';
      if (iss.origin === 'array' && Number(iss.minimum) <= 1) return 'au moins un élément.';
      return iss.inclusive ? `au moins ${sizeWords(iss.origin, iss.minimum)}.` : `plus de ${sizeWords(iss.origin, iss.minimum)}.`;
    }
    case 'too_big':
      return iss.inclusive ? `au plus ${sizeWords(iss.origin, iss.maximum)}.` : `moins de ${sizeWords(iss.origin, iss.maximum)}.`;
    case 'invalid_format':
      return 'format invalide.';
    case 'not_multiple_of':
      return `multiple de ${iss.divisor.toString()} attendu.`;
    default:
      return null;
  }
}

/** The message of a generic issue on a labelled field; undefined leaves it to the locale. */
export function labelledIssueMessage(iss: TRawIssue): string | undefined {
  const label = fieldLabelOf(formatPath(iss.path ?? []));
  if (!label) return undefined;
  const words = detail(iss);
  return words ? `${label} : ${words}` : `${label} : valeur invalide.`;
}

export function installValidationMessages() {
  z.config(z.locales.fr());
  z.config({ customError: labelledIssueMessage });
}
