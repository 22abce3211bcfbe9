/** Promotions: create, edit, list by centre and year, one promotion with its staff and learners. */
import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, notFound, validationError, type TIssue } from '../../http/errors.js';
import { getCohortFor, type TCohortRow } from '../../policies/cohort-access.js';
import { canCreateCohortIn, canEnrolLearner, canListCohorts, canManageCohort, canReadCohort, canReadCohortAsStaff, readCohort } from '../../policies/cohorts.policy.js';
import { enforce } from '../../policies/decision.js';
import { hasAbility, type TActor } from '../../policies/policies.js';
import { todayInParis } from '../../lib/dates.js';
import { actsInCentre, centreScopeOf } from '../../policies/scope.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { userCentres, userRoles, users } from '../auth/auth.tables.js';
import { centres } from '../centres/centres.tables.js';
import { certificationVersions } from '../referentiel/referentiel.tables.js';
import { checkCohortUnderVersion, nextCohortNumber } from './cohorts.rules.js';
import { cohortLearners, cohorts, cohortStaff, type TPriceLine } from './cohorts.tables.js';

export type TStaffRole = (typeof cohortStaff.$inferSelect)['role'];

export type TCohortInput = {
  number: number;
  name?: string;
  centreId: string;
  certificationVersionCode: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  priceGrid: TPriceLine[];
  attendanceAlertThreshold: number;
  staff: { userId: string; role: TStaffRole }[];
};

export type TCohortPatch = Partial<Omit<TCohortInput, 'centreId' | 'certificationVersionCode'>> & { certificationVersionCode?: string };

const defaultName = (number: number, centreName: string) => `${number}e promotion — ${centreName}`;

async function checkCentre(db: TDbOrTx, actor: TActor, centreId: string) {
  const [centre] = await db.select().from(centres).where(eq(centres.id, centreId));
  if (!centre) throw validationError([{ path: 'centreId', message: 'Centre inconnu.' }]);
  if (!actsInCentre(actor, centreId)) {
    throw validationError([{ path: 'centreId', message: `Vous ne pouvez créer une promotion que dans vos centres ; ${centre.name} n'en fait pas partie.` }]);
  }
  return centre;
}

const versionFacts = {
  id: certificationVersions.id,
  code: certificationVersions.code,
  registeredOn: certificationVersions.registeredOn,
  expiresOn: certificationVersions.expiresOn,
  accessClosed: certificationVersions.accessClosed,
};

async function getVersion(db: TDbOrTx, code: string) {
  const [v] = await db.select(versionFacts).from(certificationVersions).where(eq(certificationVersions.code, code));
  if (!v) throw validationError([{ path: 'certificationVersionCode', message: `Version de certification inconnue : ${code}.` }]);
  return v;
}

/** Each staff member must exist and hold the role they are assigned in the promotion. */
async function checkStaff(db: TDbOrTx, staff: TCohortInput['staff']) {
  if (!staff.length) return;
  const ids = [...new Set(staff.map((s) => s.userId))];
  const rows = await db.select({ userId: userRoles.userId, role: userRoles.role }).from(userRoles).where(inArray(userRoles.userId, ids));
  const issues: TIssue[] = [];
  staff.forEach((s, i) => {
    if (!rows.some((r) => r.userId === s.userId && (r.role === s.role || r.role === 'administrateur'))) {
      issues.push({ path: `staff[${i}].userId`, message: 'Cette personne n’a pas le rôle indiqué (ou le compte n’existe pas).' });
    }
  });
  if (issues.length) throw validationError(issues);
}

function checkDates(startsOn: string, endsOn: string) {
  if (endsOn <= startsOn) throw validationError([{ path: 'endsOn', message: 'La date de fin doit suivre la date de début.' }]);
}

async function checkNumberFree(db: TDbOrTx, centreId: string, number: number, exceptId?: string) {
  const [other] = await db.select({ id: cohorts.id }).from(cohorts).where(and(eq(cohorts.centreId, centreId), eq(cohorts.number, number)));
  if (other && other.id !== exceptId) {
    throw conflict(`La promotion n° ${number} existe déjà dans ce centre.`, [{ path: 'number', message: `La promotion n° ${number} existe déjà dans ce centre.` }]);
  }
}

const snapshot = (row: TCohortRow, staff: { userId: string; role: string }[]) => ({
  number: row.number,
  name: row.name,
  centreId: row.centreId,
  certificationVersionId: row.certificationVersionId,
  startsOn: row.startsOn,
  endsOn: row.endsOn,
  capacity: row.capacity,
  priceGrid: row.priceGrid,
  attendanceAlertThreshold: row.attendanceAlertThreshold,
  staff,
});

/** Creates a promotion; the answer carries the warnings (past start, end after the version's registration). */
export async function createCohort(o: { db: TDb; actor: TActor; audit: TAuditActor; input: TCohortInput; now: Date }) {
  enforce(hasAbility(o.actor, 'cohorts:manage'));
  let warnings: TIssue[] = [];
  const id = await o.db.transaction(async (tx) => {
    const centre = await checkCentre(tx, o.actor, o.input.centreId);
    const version = await getVersion(tx, o.input.certificationVersionCode);
    const vId = version.id;
    checkDates(o.input.startsOn, o.input.endsOn);
    const checked = checkCohortUnderVersion(o.input, version, todayInParis(o.now));
    if (checked.errors.length) throw validationError(checked.errors);
    warnings = checked.warnings;
    await checkStaff(tx, o.input.staff);
    await checkNumberFree(tx, centre.id, o.input.number);
    const [row] = await tx
      .insert(cohorts)
      .values({
        number: o.input.number,
        name: o.input.name?.trim() || defaultName(o.input.number, centre.name),
        centreId: centre.id,
        certificationVersionId: vId,
        startsOn: o.input.startsOn,
        endsOn: o.input.endsOn,
        capacity: o.input.capacity,
        priceGrid: o.input.priceGrid,
        attendanceAlertThreshold: o.input.attendanceAlertThreshold,
      })
      .returning();
    const staff = dedupeStaff(o.input.staff);
    if (staff.length) await tx.insert(cohortStaff).values(staff.map((s) => ({ ...s, cohortId: row!.id })));
    await recordAudit(tx, o.audit, { action: 'cohort.created', entityType: 'cohort', entityId: row!.id, after: snapshot(row!, staff) });
    return row!.id;
  });
  return { ...(await getCohort({ db: o.db, actor: o.actor, id })), warnings };
}

/** The promotion number the creation form proposes for a centre: never one that exists there. */
export async function findNextCohortNumber(o: { db: TDbOrTx; actor: TActor; centreId: string }) {
  enforce(canCreateCohortIn(o.actor, o.centreId));
  const rows = await o.db.select({ number: cohorts.number }).from(cohorts).where(eq(cohorts.centreId, o.centreId));
  return nextCohortNumber(rows.map((r) => r.number));
}

const dedupeStaff = (staff: TCohortInput['staff']) =>
  staff.filter((s, i) => staff.findIndex((x) => x.userId === s.userId && x.role === s.role) === i);

export async function updateCohort(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; patch: TCohortPatch; now: Date }) {
  let warnings: TIssue[] = [];
  await o.db.transaction(async (tx) => {
    const { cohort: before } = await getCohortFor(tx, o.actor, o.id, canManageCohort, { forUpdate: true });
    const beforeStaff = await tx.select({ userId: cohortStaff.userId, role: cohortStaff.role }).from(cohortStaff).where(eq(cohortStaff.cohortId, o.id));
    const p = o.patch;
    checkDates(p.startsOn ?? before.startsOn, p.endsOn ?? before.endsOn);
    if (p.number !== undefined) await checkNumberFree(tx, before.centreId, p.number, before.id);
    if (p.staff) await checkStaff(tx, p.staff);
    const version = p.certificationVersionCode
      ? await getVersion(tx, p.certificationVersionCode)
      : (await tx.select(versionFacts).from(certificationVersions).where(eq(certificationVersions.id, before.certificationVersionId)))[0]!;
    const vId = p.certificationVersionCode ? version.id : undefined;
    const checked = checkCohortUnderVersion({ startsOn: p.startsOn ?? before.startsOn, endsOn: p.endsOn ?? before.endsOn }, version, todayInParis(o.now), {
      versionChosen: version.id !== before.certificationVersionId,
      startChanged: p.startsOn !== undefined && p.startsOn !== before.startsOn,
    });
    if (checked.errors.length) throw validationError(checked.errors);
    warnings = checked.warnings;
    const [after] = await tx
      .update(cohorts)
      .set({
        ...(p.number !== undefined ? { number: p.number } : {}),
        ...(p.name !== undefined ? { name: p.name.trim() } : {}),
        ...(vId ? { certificationVersionId: vId } : {}),
        ...(p.startsOn ? { startsOn: p.startsOn } : {}),
        ...(p.endsOn ? { endsOn: p.endsOn } : {}),
        ...(p.capacity !== undefined ? { capacity: p.capacity } : {}),
        ...(p.priceGrid ? { priceGrid: p.priceGrid } : {}),
        ...(p.attendanceAlertThreshold !== undefined ? { attendanceAlertThreshold: p.attendanceAlertThreshold } : {}),
        updatedAt: o.now,
      })
      .where(eq(cohorts.id, o.id))
      .returning();
    let staff = beforeStaff;
    if (p.staff) {
      staff = dedupeStaff(p.staff);
      await tx.delete(cohortStaff).where(eq(cohortStaff.cohortId, o.id));
      if (staff.length) await tx.insert(cohortStaff).values(staff.map((s) => ({ ...s, cohortId: o.id })));
    }
    await recordAudit(tx, o.audit, {
      action: 'cohort.updated',
      entityType: 'cohort',
      entityId: o.id,
      before: snapshot(before, beforeStaff),
      after: snapshot(after!, staff),
    });
  });
  return { ...(await getCohort({ db: o.db, actor: o.actor, id: o.id })), warnings };
}

export async function findCohorts(o: { db: TDbOrTx; actor: TActor; centreId?: string; year?: number; page: number; pageSize: number }) {
  enforce(canListCohorts(o.actor));
  const where: SQL[] = [];
  if (o.centreId) where.push(eq(cohorts.centreId, o.centreId));
  const scope = centreScopeOf(o.actor);
  if (scope) where.push(scope.length ? inArray(cohorts.centreId, scope) : sql`false`);
  if (o.year) {
    where.push(gte(cohorts.startsOn, `${o.year}-01-01`));
    where.push(lt(cohorts.startsOn, `${o.year + 1}-01-01`));
  }
  const condition = where.length ? and(...where) : undefined;
  const learnerCount = o.db
    .select({ cohortId: cohortLearners.cohortId, n: count().as('n') })
    .from(cohortLearners)
    .where(eq(cohortLearners.status, 'enrolled'))
    .groupBy(cohortLearners.cohortId)
    .as('lc');
  const rows = await o.db
    .select({ cohort: cohorts, centre: { id: centres.id, code: centres.code, name: centres.name }, versionCode: certificationVersions.code, learners: learnerCount.n })
    .from(cohorts)
    .innerJoin(centres, eq(centres.id, cohorts.centreId))
    .innerJoin(certificationVersions, eq(certificationVersions.id, cohorts.certificationVersionId))
    .leftJoin(learnerCount, eq(learnerCount.cohortId, cohorts.id))
    .where(condition)
    .orderBy(desc(cohorts.startsOn), asc(centres.code))
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize);
  const [{ total } = { total: 0 }] = await o.db.select({ total: count() }).from(cohorts).where(condition);
  return {
    items: rows.map((r) => ({
      id: r.cohort.id,
      number: r.cohort.number,
      name: r.cohort.name,
      centre: r.centre,
      certificationVersionCode: r.versionCode,
      startsOn: r.cohort.startsOn,
      endsOn: r.cohort.endsOn,
      capacity: r.cohort.capacity,
      learnerCount: Number(r.learners ?? 0),
    })),
    total,
  };
}

export async function getCohort(o: { db: TDbOrTx; actor: TActor; id: string }) {
  const { cohort, rel } = await getCohortFor(o.db, o.actor, o.id, canReadCohort);
  const asLearner = readCohort(o.actor, cohort, rel).view === 'learner';
  const [centre] = await o.db.select({ id: centres.id, code: centres.code, name: centres.name }).from(centres).where(eq(centres.id, cohort.centreId));
  const [version] = await o.db
    .select({ code: certificationVersions.code, title: certificationVersions.title })
    .from(certificationVersions)
    .where(eq(certificationVersions.id, cohort.certificationVersionId));
  const staff = await o.db
    .select({ userId: cohortStaff.userId, role: cohortStaff.role, name: users.name, email: users.email })
    .from(cohortStaff)
    .innerJoin(users, eq(users.id, cohortStaff.userId))
    .where(eq(cohortStaff.cohortId, o.id))
    .orderBy(asc(users.name));
  const [{ n } = { n: 0 }] = await o.db
    .select({ n: count() })
    .from(cohortLearners)
    .where(and(eq(cohortLearners.cohortId, o.id), eq(cohortLearners.status, 'enrolled')));
  return {
    id: cohort.id,
    number: cohort.number,
    name: cohort.name,
    centre: centre!,
    certificationVersion: version!,
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    capacity: cohort.capacity,
    priceGrid: asLearner ? [] : cohort.priceGrid,
    attendanceAlertThreshold: cohort.attendanceAlertThreshold,
    staff: asLearner ? staff.map((s) => ({ ...s, email: '' })) : staff,
    learnerCount: n,
    viewerIsLearner: asLearner,
  };
}

export async function findCohortLearners(o: { db: TDbOrTx; actor: TActor; id: string }) {
  await getCohortFor(o.db, o.actor, o.id, canReadCohortAsStaff);
  const rows = await o.db
    .select({
      userId: cohortLearners.userId,
      name: users.name,
      email: users.email,
      status: cohortLearners.status,
      funderLabel: cohortLearners.funderLabel,
      jobSeeker: cohortLearners.jobSeeker,
      enrolledAt: cohortLearners.enrolledAt,
    })
    .from(cohortLearners)
    .innerJoin(users, eq(users.id, cohortLearners.userId))
    .where(eq(cohortLearners.cohortId, o.id))
    .orderBy(asc(users.name));
  return rows.map((r) => ({ ...r, enrolledAt: r.enrolledAt.toISOString() }));
}

/** Staff enrol a learner by hand (admissions create the same rows when a registration becomes final). */
export async function addCohortLearner(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; input: { userId: string; funderLabel?: string | null; jobSeeker?: boolean }; now: Date }) {
  return o.db.transaction(async (tx) => {
    // The promotion row is locked: two enrolments at once cannot both take the last place.
    const { cohort } = await getCohortFor(tx, o.actor, o.id, (a, c, r) => canEnrolLearner(a, c, r, o.input.userId), { forUpdate: true });
    const [role] = await tx.select().from(userRoles).where(and(eq(userRoles.userId, o.input.userId), eq(userRoles.role, 'auditeur')));
    if (!role) throw validationError([{ path: 'userId', message: 'Ce compte n’est pas celui d’un·e auditeur·rice.' }]);
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(cohortLearners).where(and(eq(cohortLearners.cohortId, o.id), eq(cohortLearners.status, 'enrolled')));
    if (n >= cohort.capacity) throw conflict(`La promotion est complète (${cohort.capacity} places).`);
    const [existing] = await tx.select({ id: cohortLearners.id }).from(cohortLearners).where(and(eq(cohortLearners.cohortId, o.id), eq(cohortLearners.userId, o.input.userId)));
    if (existing) throw conflict('Cette personne est déjà inscrite dans la promotion.', [{ path: 'userId', message: 'Déjà inscrite dans la promotion.' }]);
    const [row] = await tx
      .insert(cohortLearners)
      .values({ cohortId: o.id, userId: o.input.userId, funderLabel: o.input.funderLabel ?? null, jobSeeker: o.input.jobSeeker ?? false, enrolledAt: o.now })
      .returning();
    await recordAudit(tx, o.audit, { action: 'cohort.learner_added', entityType: 'cohort', entityId: o.id, after: { userId: row!.userId, funderLabel: row!.funderLabel } });
    return { userId: row!.userId };
  });
}

/** People who can be assigned to a promotion of a centre (staff roles), for the staff picker. */
export async function findStaffCandidates(o: { db: TDbOrTx; actor: TActor; centreId: string }) {
  enforce(canCreateCohortIn(o.actor, o.centreId));
  const rows = await o.db
    .selectDistinct({ userId: users.id, name: users.name, role: userRoles.role })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(userCentres, eq(userCentres.userId, users.id))
    .where(and(eq(userCentres.centreId, o.centreId), inArray(userRoles.role, ['responsable_pedagogique', 'enseignant', 'gestionnaire']), eq(users.disabled, false)))
    .orderBy(asc(users.name));
  return rows as { userId: string; name: string; role: TStaffRole }[];
}

/** Learner accounts of a centre not yet in this promotion, for the enrolment picker. */
export async function findLearnerCandidates(o: { db: TDbOrTx; actor: TActor; id: string }) {
  const { cohort } = await getCohortFor(o.db, o.actor, o.id, canManageCohort);
  const enrolled = await o.db.select({ userId: cohortLearners.userId }).from(cohortLearners).where(eq(cohortLearners.cohortId, o.id));
  const rows = await o.db
    .selectDistinct({ userId: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(userCentres, eq(userCentres.userId, users.id))
    .where(and(eq(userCentres.centreId, cohort.centreId), eq(userRoles.role, 'auditeur')))
    .orderBy(asc(users.name));
  return rows.filter((r) => !enrolled.some((e) => e.userId === r.userId));
}

export async function requireCohort(db: TDbOrTx, id: string) {
  const [row] = await db.select().from(cohorts).where(eq(cohorts.id, id));
  if (!row) throw notFound('Promotion introuvable.');
  return row;
}
