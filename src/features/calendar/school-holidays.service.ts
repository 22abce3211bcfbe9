/**
 * School holidays per zone in the database: what the generator avoids, how far each zone's data
 * goes, and the administrator's import of the ministry's calendar (all or nothing, audited).
 */
import { and, asc, count, eq, gte, inArray, lte, max, min } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { validationError } from '../../http/errors.js';
import { SCHOOL_ZONE_VALUES, type TSchoolZone } from '../../shared/vocabulary/centres.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { addDays, type TIsoDate } from './calendar.dates.js';
import { frDate } from './calendar.rules.js';
import { schoolHolidays } from './calendar.tables.js';
import { parseSchoolCalendar } from './school-holidays.file.js';

export type TZoneCoverage = { zone: TSchoolZone; knownFrom: TIsoDate | null; knownUntil: TIsoDate | null; periods: number };

/** Per zone: the first and last day the data covers (the last day off of the last period known). */
export async function getSchoolHolidayCoverage(o: { db: TDbOrTx }): Promise<TZoneCoverage[]> {
  const rows = await o.db
    .select({ zone: schoolHolidays.zone, knownFrom: min(schoolHolidays.firstDay), knownUntil: max(schoolHolidays.lastDay), periods: count() })
    .from(schoolHolidays)
    .groupBy(schoolHolidays.zone);
  return SCHOOL_ZONE_VALUES.map((zone) => {
    const r = rows.find((x) => x.zone === zone);
    return { zone, knownFrom: r?.knownFrom ?? null, knownUntil: r?.knownUntil ?? null, periods: r?.periods ?? 0 };
  });
}

/** The days off of a zone within [from, to], and the last day its data covers. */
export async function loadSchoolHolidayDays(db: TDbOrTx, zone: TSchoolZone, from: TIsoDate, to: TIsoDate) {
  const rows = await db
    .select({ firstDay: schoolHolidays.firstDay, lastDay: schoolHolidays.lastDay })
    .from(schoolHolidays)
    .where(and(eq(schoolHolidays.zone, zone), lte(schoolHolidays.firstDay, to), gte(schoolHolidays.lastDay, from)));
  const days = new Set<TIsoDate>();
  for (const r of rows) for (let d = r.firstDay; d <= r.lastDay; d = addDays(d, 1)) days.add(d);
  const [known] = await db.select({ until: max(schoolHolidays.lastDay) }).from(schoolHolidays).where(eq(schoolHolidays.zone, zone));
  return { days, knownUntil: known?.until ?? null };
}

/** « Les vacances scolaires de la zone C ne sont connues que jusqu'au 30/08/2026 » when a plan goes past the data, else null. */
export function schoolHolidayWarning(zone: TSchoolZone | null, knownUntil: TIsoDate | null, lastPlannedDay: TIsoDate | null): string | null {
  if (!zone || !lastPlannedDay) return null;
  if (!knownUntil) return `Aucune vacance scolaire de la zone ${zone} n’est connue : importez le calendrier scolaire pour les éviter.`;
  if (lastPlannedDay <= knownUntil) return null;
  return `Les vacances scolaires de la zone ${zone} ne sont connues que jusqu’au ${frDate(knownUntil)} : le calendrier va jusqu’au ${frDate(lastPlannedDay)}, les dates suivantes ne les évitent pas. Un administrateur peut importer le calendrier scolaire officiel.`;
}

/**
 * Imports a calendar file (CSV export or ICS of one zone). For each zone in the file, the school
 * years it covers are replaced by its periods, in one transaction: a bad file writes nothing.
 */
export async function importSchoolHolidays(o: { db: TDb; audit: TAuditActor; now: Date; fileName: string; content: string }) {
  const parsed = parseSchoolCalendar(o.content, o.fileName);
  if (!parsed.ok) {
    throw validationError(
      parsed.issues.map((i) => ({ path: 'content', message: i.message })),
      `Le fichier « ${o.fileName} » n’a pas été importé : ${parsed.issues[0]!.message}`,
    );
  }
  const before = await getSchoolHolidayCoverage({ db: o.db });
  await o.db.transaction(async (tx) => {
    for (const zone of SCHOOL_ZONE_VALUES) {
      const periods = parsed.periods.filter((p) => p.zone === zone);
      if (!periods.length) continue;
      const years = [...new Set(periods.map((p) => p.schoolYear))];
      await tx.delete(schoolHolidays).where(and(eq(schoolHolidays.zone, zone), inArray(schoolHolidays.schoolYear, years)));
      // A period of another school year may already hold the first day (data regrouped differently): the file wins.
      await tx.delete(schoolHolidays).where(and(eq(schoolHolidays.zone, zone), inArray(schoolHolidays.firstDay, periods.map((p) => p.firstDay))));
      await tx.insert(schoolHolidays).values(periods.map((p) => ({ ...p, source: o.fileName, importedAt: o.now })));
    }
    const after = await getSchoolHolidayCoverage({ db: tx });
    await recordAudit(tx, o.audit, {
      action: 'school_holidays.imported',
      entityType: 'school_holidays',
      entityId: o.fileName,
      before: { coverage: before },
      after: {
        fileName: o.fileName,
        periods: parsed.periods.length,
        schoolYears: [...new Set(parsed.periods.map((p) => p.schoolYear))].sort(),
        zones: [...new Set(parsed.periods.map((p) => p.zone))],
        coverage: after,
      },
    });
  });
  const coverage = await getSchoolHolidayCoverage({ db: o.db });
  return {
    fileName: o.fileName,
    periods: parsed.periods.length,
    skipped: parsed.skipped,
    schoolYears: [...new Set(parsed.periods.map((p) => p.schoolYear))].sort(),
    coverage,
  };
}

/** The periods of a zone, latest first (for the admin page). */
export async function findSchoolHolidayPeriods(o: { db: TDbOrTx; zone: TSchoolZone; limit: number }) {
  const rows = await o.db.select().from(schoolHolidays).where(eq(schoolHolidays.zone, o.zone)).orderBy(asc(schoolHolidays.firstDay));
  return rows.slice(-o.limit).reverse().map((r) => ({ zone: r.zone, name: r.name, firstDay: r.firstDay, lastDay: r.lastDay, schoolYear: r.schoolYear, source: r.source }));
}
