/**
 * Reading the Education ministry's school calendar (dataset fr-en-calendrier-scolaire) as exported:
 * the CSV (semicolon-separated: description, population, start_date, end_date, location, zones,
 * annee_scolaire; one row per académie and period, dates at Paris midnight written in UTC) or one ICS
 * per zone (Zone-A.ics…). Pure: text in, periods or French issues (line, field) out.
 *
 * `start_date` is the first day off; `end_date` the day classes resume (« reprise des cours »), so
 * the last day off is the day before — the same days as the daily table of the initial load. A
 * period's zone set keeps the dates most académies of the zone share.
 */
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { SCHOOL_ZONE_VALUES, type TSchoolZone } from '../../shared/vocabulary/centres.js';
import { addDays, isValidIsoDate, parisDateOf, type TIsoDate } from './calendar.dates.js';

export type TSchoolHolidayPeriod = { zone: TSchoolZone; name: string; firstDay: TIsoDate; lastDay: TIsoDate; schoolYear: string };
export type TFileIssue = { line: number; field: string; message: string };
export type TParsedSchoolCalendar = { ok: true; periods: TSchoolHolidayPeriod[]; skipped: number } | { ok: false; issues: TFileIssue[] };

const CSV_FIELDS = ['description', 'population', 'start_date', 'end_date', 'location', 'zones', 'annee_scolaire'] as const;
const MAX_ISSUES = 20;

/** « 2026-2027 » for a period starting from August 2026 to July 2027. */
export function schoolYearOf(firstDay: TIsoDate): string {
  const y = Number(firstDay.slice(0, 4));
  return Number(firstDay.slice(5, 7)) >= 8 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
}

/** « 2026-10-16T22:00:00+00:00 » (Paris midnight in UTC) or « 2026-10-17 » → the Paris calendar date. */
export function parisDayOfField(value: string): TIsoDate | null {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return isValidIsoDate(v) ? v : null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) return null;
  const instant = new Date(v);
  return Number.isNaN(instant.getTime()) ? null : parisDateOf(instant);
}

const zoneOfLabel = (label: string): TSchoolZone | null => {
  const m = /^zone\s+([abc])$/i.exec(label.trim());
  return m ? (m[1]!.toUpperCase() as TSchoolZone) : null;
};

/** Several académies of a zone give the same period: keep one per zone, name and year (the dates most of them give). */
function mergeByZone(rows: (TSchoolHolidayPeriod & { line: number })[]): TSchoolHolidayPeriod[] {
  const groups = new Map<string, Map<string, { period: TSchoolHolidayPeriod; count: number }>>();
  for (const r of rows) {
    const key = `${r.zone}|${r.name}|${r.schoolYear}`;
    const dates = `${r.firstDay}|${r.lastDay}`;
    const group = groups.get(key) ?? new Map();
    const entry = group.get(dates) ?? { period: { zone: r.zone, name: r.name, firstDay: r.firstDay, lastDay: r.lastDay, schoolYear: r.schoolYear }, count: 0 };
    entry.count++;
    group.set(dates, entry);
    groups.set(key, group);
  }
  const periods = [...groups.values()].map((g) => [...g.values()].sort((a, b) => b.count - a.count)[0]!.period);
  return periods.sort((a, b) => (a.zone === b.zone ? (a.firstDay < b.firstDay ? -1 : 1) : a.zone < b.zone ? -1 : 1));
}

function noPeriod(): TParsedSchoolCalendar {
  return { ok: false, issues: [{ line: 1, field: 'zones', message: 'Le fichier ne contient aucune période de vacances des zones A, B ou C.' }] };
}

export function parseSchoolCalendarCsv(text: string): TParsedSchoolCalendar {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: ';', columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, skip_empty_lines: true, info: true, trim: true });
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return { ok: false, issues: [{ line, field: 'fichier', message: `Ligne ${line} : le CSV est mal formé (séparateur « ; », guillemets, nombre de champs).` }] };
  }
  const header = Object.keys(records[0]?.record ?? {});
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const columns = header.length ? header : firstLine.split(';').map((h) => h.trim().toLowerCase());
  const missing = CSV_FIELDS.filter((f) => !columns.includes(f));
  if (missing.length) {
    return { ok: false, issues: [{ line: 1, field: missing[0]!, message: `Ligne 1 : colonne${missing.length > 1 ? 's' : ''} manquante${missing.length > 1 ? 's' : ''} : ${missing.join(', ')} (export CSV du calendrier scolaire, séparateur « ; »).` }] };
  }
  const issues: TFileIssue[] = [];
  const rows: (TSchoolHolidayPeriod & { line: number })[] = [];
  let skipped = 0;
  for (const { record: r, info } of records) {
    const line = info.lines;
    const zone = zoneOfLabel(r.zones ?? '');
    // Other calendars (Corse, outre-mer) and the teachers' own dates are not the zones' school holidays.
    if (!zone || r.population === 'Enseignants') {
      skipped++;
      continue;
    }
    const issue = (field: string, message: string) => issues.push({ line, field, message: `Ligne ${line}, ${field} : ${message}` });
    const name = (r.description ?? '').trim();
    if (!name) issue('description', 'le nom de la période est vide.');
    const first = parisDayOfField(r.start_date ?? '');
    const resume = parisDayOfField(r.end_date ?? '');
    if (!first) issue('start_date', `« ${r.start_date ?? ''} » n’est pas une date (attendu : 2026-10-16T22:00:00+00:00).`);
    if (!resume) issue('end_date', `« ${r.end_date ?? ''} » n’est pas une date (attendu : 2026-11-01T23:00:00+00:00).`);
    const year = (r.annee_scolaire ?? '').trim();
    const ym = /^(\d{4})-(\d{4})$/.exec(year);
    if (!ym || Number(ym[2]) !== Number(ym[1]) + 1) issue('annee_scolaire', `« ${year} » n’est pas une année scolaire (attendu : 2026-2027).`);
    if (first && resume) {
      if (resume <= first) issue('end_date', 'la reprise des cours doit suivre le début des vacances.');
      else if (name && ym) rows.push({ line, zone, name, firstDay: first, lastDay: addDays(resume, -1), schoolYear: year });
    }
    if (issues.length >= MAX_ISSUES) break;
  }
  if (issues.length) return { ok: false, issues };
  if (!rows.length) return noPeriod();
  return { ok: true, periods: mergeByZone(rows), skipped };
}

/** The zone an ICS is for: its calendar name (« Zone A »), else its file name (Zone-A.ics). */
function zoneOfIcs(calendar: ICAL.Component, fileName: string): TSchoolZone | null {
  const name = String(calendar.getFirstPropertyValue('x-wr-calname') ?? '');
  const fromName = /zone[\s_-]*([abc])\b/i.exec(name) ?? /zone[\s_-]*([abc])\b/i.exec(fileName);
  return fromName ? (fromName[1]!.toUpperCase() as TSchoolZone) : null;
}

const icsDay = (t: ICAL.Time): TIsoDate => (t.isDate ? `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}` : parisDateOf(t.toJSDate()));

export function parseSchoolCalendarIcs(text: string, fileName: string): TParsedSchoolCalendar {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch (e) {
    return { ok: false, issues: [{ line: 1, field: 'fichier', message: `Le fichier ICS est illisible : ${(e as Error).message}` }] };
  }
  const zone = zoneOfIcs(calendar, fileName);
  if (!zone) {
    return { ok: false, issues: [{ line: 1, field: 'zone', message: 'Zone inconnue : le calendrier (X-WR-CALNAME) ou le nom du fichier doit dire « Zone A », « Zone B » ou « Zone C ».' }] };
  }
  // Line of each event, for the messages.
  const eventLines = text.split(/\r?\n/).flatMap((l, i) => (l.trim() === 'BEGIN:VEVENT' ? [i + 1] : []));
  const issues: TFileIssue[] = [];
  const rows: (TSchoolHolidayPeriod & { line: number })[] = [];
  let skipped = 0;
  calendar.getAllSubcomponents('vevent').forEach((ev, i) => {
    const line = eventLines[i] ?? 1;
    const summary = String(ev.getFirstPropertyValue('summary') ?? '').trim();
    // « Rentrée scolaire des élèves », « Prérentrée »: dates, not holidays.
    if (!/vacances|pont/i.test(summary)) {
      skipped++;
      return;
    }
    const name = summary.replace(/\s*-\s*zones?\s+[abc](\s*[,/et]+\s*[abc])*\s*$/i, '').trim();
    const start = ev.getFirstPropertyValue('dtstart');
    const end = ev.getFirstPropertyValue('dtend');
    if (!(start instanceof ICAL.Time)) {
      issues.push({ line, field: 'DTSTART', message: `Ligne ${line}, DTSTART : « ${summary} » n’a pas de date de début.` });
      return;
    }
    if (!(end instanceof ICAL.Time)) {
      issues.push({ line, field: 'DTEND', message: `Ligne ${line}, DTEND : « ${summary} » n’a pas de date de reprise des cours.` });
      return;
    }
    const first = icsDay(start);
    const resume = icsDay(end);
    if (resume <= first) {
      issues.push({ line, field: 'DTEND', message: `Ligne ${line}, DTEND : la reprise des cours doit suivre le début des vacances (« ${summary} »).` });
      return;
    }
    rows.push({ line, zone, name, firstDay: first, lastDay: addDays(resume, -1), schoolYear: schoolYearOf(first) });
  });
  if (issues.length) return { ok: false, issues: issues.slice(0, MAX_ISSUES) };
  if (!rows.length) return noPeriod();
  return { ok: true, periods: mergeByZone(rows), skipped };
}

/** Reads either format: an ICS starts with BEGIN:VCALENDAR, anything else is read as the CSV export. */
export function parseSchoolCalendar(text: string, fileName: string): TParsedSchoolCalendar {
  return /^\uFEFF?\s*BEGIN:VCALENDAR/i.test(text) ? parseSchoolCalendarIcs(text, fileName) : parseSchoolCalendarCsv(text);
}

export { SCHOOL_ZONE_VALUES };
