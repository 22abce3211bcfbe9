/**
 * Where a refused request's issues go on a Mantine form, and how they read there: pure functions
 * (no DOM, no Mantine), shared by `forms.ts` and tested in `tests/web/form-errors.test.ts`.
 */
import { fieldLabelOf } from '../../../src/shared/vocabulary/fields';

export type TIssue = { path: string; message: string };

/** "roles[0]" → "roles", "centreIds" → "centreIds", "" → "". */
export function fieldOfPath(path: string): string {
  return path.split(/[.[]/)[0] ?? '';
}

/** The API's path (`experiences[0].endDate`) as a Mantine form path (`experiences.0.endDate`). */
export function formPathOf(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

function valueAt(values: unknown, formPath: string): unknown {
  if (formPath === '') return undefined;
  let v: unknown = values;
  for (const seg of formPath.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/** An input shows one value: a text, a number, a date, a choice, or a list of choices (MultiSelect). */
const isInputValue = (v: unknown) =>
  v === null || typeof v !== 'object' || v instanceof Date || v instanceof File || (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object'));

/**
 * Where an issue goes: its own path when the form has an input there, else its top-level field when
 * the caller lists it (a field rendered as one input), else nowhere (it is notified).
 */
export function placeOfIssue(path: string, values: unknown, fields?: readonly string[]): string | null {
  const exact = formPathOf(path);
  if (exact === '') return null;
  const v = valueAt(values, exact);
  // `roles.0` is a choice inside one input (MultiSelect): that goes on `roles` below.
  const itemOfList = /\.\d+$/.test(exact);
  if (values !== undefined && v !== undefined && isInputValue(v) && !itemOfList) return exact;
  const top = fieldOfPath(path);
  if (!fields?.includes(top)) return null;
  const topValue = valueAt(values, top);
  if (values !== undefined && (topValue === undefined || !isInputValue(topValue))) return null;
  return top;
}

/** The message without its « Label : » prefix, for the input that already shows that label. */
export function messageOnField(issue: TIssue): string {
  const label = fieldLabelOf(issue.path);
  if (label && issue.message.startsWith(`${label} : `)) {
    const rest = issue.message.slice(label.length + 3);
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  return issue.message;
}

/** The message naming its field in French, for a notification. */
export function messageNamingField(issue: TIssue): string {
  const label = fieldLabelOf(issue.path);
  if (!label || issue.message.startsWith(`${label} : `)) return issue.message;
  return `${label} : ${issue.message}`;
}
