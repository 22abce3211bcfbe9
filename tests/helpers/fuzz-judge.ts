/**
 * How the fuzz tests judge an answer to an invalid payload (tests/helpers/fuzz-payloads.ts), and
 * how they see that nothing was written: every table's rows and a digest of their content.
 */
import { sql } from 'drizzle-orm';
import type { TDb } from '../../src/db/client.js';
import { FIELD_LABELS } from '../../src/shared/vocabulary/fields.js';
import type { TPayload } from './fuzz-payloads.js';

/** Rows and a digest of the content of every table of the database (all schemas but the catalogs). */
export async function tableSnapshot(db: TDb): Promise<Map<string, string>> {
  const tables = (await db.execute(
    sql`select table_schema as s, table_name as n from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`,
  )) as unknown as { rows: { s: string; n: string }[] };
  const parts = tables.rows.map(
    ({ s, n }) => `select '${s}.${n}' as name, count(*)::int as rows, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as digest from "${s}"."${n}" x`,
  );
  const result = (await db.execute(sql.raw(parts.join(' union all ')))) as unknown as { rows: { name: string; rows: number; digest: string }[] };
  return new Map(result.rows.map((r) => [r.name, `${r.rows} rows, ${r.digest}`]));
}

export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([name, v]) => before.get(name) !== v).map(([name, v]) => `${name}: ${before.get(name) ?? 'absent'} → ${v}`);
}

const ENGLISH = /\b(the|is|are|invalid|expected|required|received|must|should|unsupported|unexpected|error|bad request|not found|unauthorized|forbidden|too (big|small|large)|characters?|payload|malformed|unknown)\b/i;
const LABELS = Object.values(FIELD_LABELS);

/**
 * Routes that check without writing answer 200 with their verdict: a refusal is a verdict of
 * « not valid » that names the problems (in French, like every refusal).
 */
export const VERDICTS: Record<string, (body: any) => string[] | null> = {
  'POST /api/certifications/validate': (body) => (body?.ok === false && Array.isArray(body.problems) && body.problems.length ? body.problems.map((i: { message: string }) => i.message) : null),
};

/** What is wrong with the answer to an invalid payload, or null. */
export function judge(route: string, p: TPayload, res: { status: number; body: any; text: string }): string | null {
  if (res.status >= 500) return `answered ${res.status}`;
  const verdict = VERDICTS[route];
  if (res.status === 200 && verdict) {
    const messages = verdict(res.body);
    if (!messages) return `200 without a refusal: ${res.text.slice(0, 200)}`;
    const english = messages.find((m) => ENGLISH.test(m));
    return english ? `verdict in English: « ${english} »` : null;
  }
  if (res.status < 400) return `accepted (${res.status})`;
  const message = res.body?.message;
  if (typeof message !== 'string' || message.trim() === '') return `${res.status} without a message: ${res.text.slice(0, 200)}`;
  const issues: { path: string; message: string }[] = Array.isArray(res.body.issues) ? res.body.issues : [];
  const english = [message, ...issues.map((i) => i.message)].find((m) => ENGLISH.test(m));
  if (english) return `${res.status} in English: « ${english} »`;
  if (res.status === 422 && p.expectText !== undefined) {
    if (![message, ...issues.map((i) => i.message)].some((m) => m.includes(p.expectText!))) return `422 not naming ${p.expectText}: « ${message} »`;
  } else if (res.status === 422 && !p.bodyLevel) {
    const named = issues.some((i) => i.path !== '') || LABELS.some((l) => message.includes(l));
    if (!named) return `422 naming no field: « ${message} » ${JSON.stringify(issues)}`;
    if (p.expectPath !== undefined && !issues.some((i) => i.path === p.expectPath || i.path.startsWith(`${p.expectPath}.`) || i.path.startsWith(`${p.expectPath}[`))) {
      return `422 not naming ${p.expectPath}: ${JSON.stringify(issues).slice(0, 300)}`;
    }
  }
  return null;
}

