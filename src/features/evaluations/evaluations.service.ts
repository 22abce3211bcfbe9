/**
 * Marks of a promotion (decision 024): markers per assessment, readings entered one by one or for the
 * whole promotion in one transaction (every bad cell named, nothing half-written), each change a new
 * dated, attributed row with its reason, releases to the learners, and what the juries will read: a
 * learner's marks per bloc and the bloc proposal from the plan's rule.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, forbidden, validationError, type TIssue } from '../../http/errors.js';
import { getCohortFor, loadCohortRow } from '../../policies/cohort-access.js';
import { enforce } from '../../policies/decision.js';
import { canEnterReading, canManageCohortEvaluations, canReadCohortMarks, canReadOwnMarks } from '../../policies/evaluations.policy.js';
import { loadCohortRelation } from '../../policies/facts.js';
import { can, type TActor } from '../../policies/policies.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { userRoles, users } from '../auth/auth.tables.js';
import { cohortLearners, cohorts } from '../cohorts/cohorts.tables.js';
import type { TAssessment } from '../referentiel/evaluation-plan.schema.js';
import { loadEffectiveRules, planOf } from './evaluations-plan.service.js';
import { assessmentOutcome, assessmentsOfBloc, blocProposal, fromCenti, type TAssessmentOutcome } from './evaluations.rules.js';
import { assessmentOf, currentReadings, loadMarkRows, loadVersionOf, namesOf, presentOutcome, presentProposal, readingsOf, readingValueOf, sameValue, type TMarkRow } from './evaluations.readings.js';
import { evaluationMarkers, evaluationMarks, evaluationReleases, type TMarkerRole } from './evaluations.tables.js';

// Readings a jury member enters on their voting seat (decision 026): the juries feature calls these.
export { enterDelegatedReading, findDelegatedReadings, type TDelegatedReadingInput } from './evaluations-delegated.service.js';

async function loadMarkers(db: TDbOrTx, cohortId: string) {
  return db
    .select({ assessmentId: evaluationMarkers.assessmentId, userId: evaluationMarkers.userId, role: evaluationMarkers.role, name: users.name })
    .from(evaluationMarkers)
    .innerJoin(users, eq(users.id, evaluationMarkers.userId))
    .where(eq(evaluationMarkers.cohortId, cohortId))
    .orderBy(asc(users.name));
}

async function loadLearners(db: TDbOrTx, cohortId: string, only?: string) {
  return db
    .select({ id: cohortLearners.userId, name: users.name, status: cohortLearners.status })
    .from(cohortLearners)
    .innerJoin(users, eq(users.id, cohortLearners.userId))
    .where(only ? and(eq(cohortLearners.cohortId, cohortId), eq(cohortLearners.userId, only)) : eq(cohortLearners.cohortId, cohortId))
    .orderBy(asc(users.name));
}

/** The promotion's grid: assessments with their markers and release, learners, every reading, outcome and bloc proposal. */
export async function getCohortMarks(o: { db: TDbOrTx; actor: TActor; cohortId: string }) {
  const cohort = await loadCohortRow(o.db, o.cohortId);
  const rel = await loadCohortRelation(o.db, o.actor, cohort.id);
  const markers = await loadMarkers(o.db, cohort.id);
  enforce(canReadCohortMarks(o.actor, cohort, rel, markers.some((m) => m.userId === o.actor.userId)));
  const version = await loadVersionOf(o.db, cohort);
  const plan = planOf(version.document);
  const [learners, rows, releases, rules] = await Promise.all([
    loadLearners(o.db, cohort.id),
    loadMarkRows(o.db, cohort.id),
    o.db.select().from(evaluationReleases).where(eq(evaluationReleases.cohortId, cohort.id)),
    loadEffectiveRules(o.db, version),
  ]);
  const current = currentReadings(rows);
  const names = await namesOf(o.db, [...rows.map((r) => r.enteredBy), ...releases.map((r) => r.releasedBy)]);
  const manage = canManageCohortEvaluations(o.actor, cohort, rel).allowed;
  const cells = [];
  const proposals = [];
  for (const l of learners) {
    const outcomes = new Map<string, TAssessmentOutcome>();
    for (const a of plan.assessments) {
      const readings = readingsOf(current, l.id, a.id);
      const outcome = assessmentOutcome(a, readings);
      outcomes.set(a.id, outcome);
      const entered = [1, 2, 3].map((n) => current.get(`${l.id}|${a.id}|${n}`)).filter((r): r is TMarkRow => Boolean(r));
      if (entered.length === 0) continue;
      cells.push({
        learnerId: l.id,
        assessmentId: a.id,
        readings: entered.map((r) => ({
          reading: r.reading,
          mark: r.markCenti === null ? null : fromCenti(r.markCenti),
          passed: r.passed,
          levels: r.levels,
          comment: r.comment,
          fromJury: r.juryCaseId !== null,
          by: { id: r.enteredBy, name: names.get(r.enteredBy) ?? '' },
          at: r.enteredAt.toISOString(),
          changes: r.seq - 1,
        })),
        outcome: presentOutcome(outcome),
      });
    }
    for (const b of version.document.blocs) {
      proposals.push({ learnerId: l.id, blocCode: b.code, ...presentProposal(blocProposal(assessmentsOfBloc(plan, b.code), outcomes, rules.get(b.code)!)) });
    }
  }
  return {
    cohort: { id: cohort.id, name: cohort.name, versionCode: version.code },
    assessments: plan.assessments.map((a) => {
      const release = releases.find((r) => r.assessmentId === a.id);
      const mine = markers.filter((m) => m.assessmentId === a.id && m.userId === o.actor.userId).map((m) => m.role);
      return {
        id: a.id,
        label: a.label,
        kind: a.kind,
        blocs: a.blocs,
        scale: a.scale,
        marking: a.marking,
        rubric: a.rubric ? (plan.rubrics.find((r) => r.id === a.rubric) ?? null) : null,
        markers: markers.filter((m) => m.assessmentId === a.id).map((m) => ({ id: m.userId, name: m.name, role: m.role })),
        released: release ? { at: release.releasedAt.toISOString(), by: { id: release.releasedBy, name: names.get(release.releasedBy) ?? '' } } : null,
        myRoles: mine,
      };
    }),
    blocs: version.document.blocs.map((b) => ({ code: b.code, title: b.title, rule: rules.get(b.code)! })),
    learners: learners.map((l) => ({ id: l.id, name: l.name, status: l.status })),
    cells,
    proposals,
    permissions: { manage, mark: can(o.actor, 'evaluations:mark') && markers.some((m) => m.userId === o.actor.userId) },
  };
}

/** The responsable names who marks an assessment in the promotion (the whole set, replaced). */
export async function setAssessmentMarkers(o: {
  db: TDb;
  actor: TActor;
  audit: TAuditActor;
  cohortId: string;
  assessmentId: string;
  markers: Array<{ userId: string; role: TMarkerRole }>;
  now: Date;
}) {
  await o.db.transaction(async (tx) => {
    const { cohort } = await getCohortFor(tx, o.actor, o.cohortId, canManageCohortEvaluations, { forUpdate: true });
    const plan = planOf((await loadVersionOf(tx, cohort)).document);
    const assessment = assessmentOf(plan, o.assessmentId);
    const ids = [...new Set(o.markers.map((m) => m.userId))];
    const roleRows = ids.length ? await tx.select({ id: users.id, role: userRoles.role }).from(users).leftJoin(userRoles, eq(userRoles.userId, users.id)).where(inArray(users.id, ids)) : [];
    const found = ids.filter((id) => roleRows.some((r) => r.id === id)).map((id) => ({ id, roles: roleRows.filter((r) => r.id === id && r.role).map((r) => r.role!) }));
    const issues: TIssue[] = [];
    o.markers.forEach((m, i) => {
      const user = found.find((u) => u.id === m.userId);
      if (!user) issues.push({ path: `markers.${i}.userId`, message: 'Personne introuvable.' });
      else if (!can({ roles: user.roles }, 'evaluations:mark')) issues.push({ path: `markers.${i}.userId`, message: 'Seul·e un·e enseignant·e ou un·e responsable pédagogique corrige une épreuve.' });
      if (o.markers.findIndex((x) => x.userId === m.userId && x.role === m.role) !== i) issues.push({ path: `markers.${i}`, message: 'Cette personne est déjà désignée pour ce rôle.' });
    });
    if (assessment.marking.mode === 'single' && o.markers.some((m) => m.role === 'third_reader')) {
      issues.push({ path: 'markers', message: `« ${assessment.label} » se corrige une seule fois : pas de troisième lecteur·rice.` });
    }
    if (issues.length) throw validationError(issues, 'Les correcteur·rices ne peuvent pas être enregistré·es.');
    await tx.delete(evaluationMarkers).where(and(eq(evaluationMarkers.cohortId, cohort.id), eq(evaluationMarkers.assessmentId, assessment.id)));
    if (o.markers.length) {
      await tx.insert(evaluationMarkers).values(o.markers.map((m) => ({ cohortId: cohort.id, assessmentId: assessment.id, userId: m.userId, role: m.role, assignedBy: o.actor.userId, assignedAt: o.now })));
    }
    await recordAudit(tx, o.audit, { action: 'evaluations.markers_set', entityType: 'evaluation', entityId: `${cohort.id}:${assessment.id}`, after: { markers: o.markers } });
  });
  return getCohortMarks({ db: o.db, actor: o.actor, cohortId: o.cohortId });
}

export type TMarkCell = {
  learnerId: string;
  assessmentId: string;
  reading: 1 | 2 | 3;
  mark?: number | null;
  passed?: boolean | null;
  levels?: Record<string, string> | null;
  reason?: string | null;
};

/**
 * Entering readings, one or a whole promotion's, in one transaction: every bad cell is named (422, in
 * French, by its learner and assessment) and nothing is written; a cell the actor may not mark refuses
 * the whole entry (403). A cell equal to the current reading writes nothing; a changed one needs a reason.
 */
export async function enterMarks(o: { db: TDb; actor: TActor; audit: TAuditActor; cohortId: string; cells: TMarkCell[]; now: Date }) {
  const written = await o.db.transaction(async (tx) => {
    const cohort = await loadCohortRow(tx, o.cohortId, true);
    const rel = await loadCohortRelation(tx, o.actor, cohort.id);
    const markers = await loadMarkers(tx, cohort.id);
    enforce(canReadCohortMarks(o.actor, cohort, rel, markers.some((m) => m.userId === o.actor.userId)));
    const plan = planOf((await loadVersionOf(tx, cohort)).document);
    const learners = await loadLearners(tx, cohort.id);
    const learnerName = new Map(learners.map((l) => [l.id, l.name]));
    const current = currentReadings(await loadMarkRows(tx, cohort.id, [...new Set(o.cells.map((c) => c.learnerId))].filter((id) => learnerName.has(id))));
    const issues: TIssue[] = [];
    const refusals: string[] = [];
    const inserts: Array<typeof evaluationMarks.$inferInsert> = [];
    const seen = new Set<string>();
    o.cells.forEach((cell, i) => {
      const where = (a?: TAssessment) => `${learnerName.get(cell.learnerId) ?? 'Auditeur·rice inconnu·e'}, ${a ? `« ${a.label} »` : `épreuve ${cell.assessmentId}`}, lecture ${cell.reading}`;
      const assessment = plan.assessments.find((a) => a.id === cell.assessmentId);
      if (!learnerName.has(cell.learnerId)) return void issues.push({ path: `cells.${i}.learnerId`, message: `Ligne ${i + 1} : cette personne n’est pas inscrite dans la promotion.` });
      if (!assessment) return void issues.push({ path: `cells.${i}.assessmentId`, message: `Ligne ${i + 1} (${where()}) : épreuve inconnue du plan d’évaluation.` });
      const key = `${cell.learnerId}|${cell.assessmentId}|${cell.reading}`;
      if (seen.has(key)) return void issues.push({ path: `cells.${i}`, message: `Ligne ${i + 1} (${where(assessment)}) : la même lecture est donnée deux fois.` });
      seen.add(key);
      // Authorization first: someone who may not mark this cell learns nothing of its value's faults.
      const existing = current.get(key);
      const readings = readingsOf(current, cell.learnerId, assessment.id);
      const otherReaders = new Map<number, string>();
      for (const n of [1, 2, 3]) {
        const r = current.get(`${cell.learnerId}|${assessment.id}|${n}`);
        if (r && n !== cell.reading) otherReaders.set(n, r.enteredBy);
      }
      const decision = canEnterReading(o.actor, {
        learnerId: cell.learnerId,
        reading: cell.reading,
        double: assessment.marking.mode === 'double',
        marker: { roles: markers.filter((m) => m.assessmentId === assessment.id && m.userId === o.actor.userId).map((m) => m.role) },
        otherReaders,
        thirdReadingOpen: assessmentOutcome(assessment, { 1: readings[1], 2: readings[2] }).status === 'third_reading',
        label: assessment.label,
      });
      if (!decision.allowed) return void refusals.push(`${where(assessment)} : ${decision.reason}`);
      const checked = readingValueOf(plan, assessment, cell);
      if (!checked.ok) {
        if (checked.field === null) return void issues.push({ path: `cells.${i}`, message: `${learnerName.get(cell.learnerId)}, lecture ${cell.reading} — ${checked.message}` });
        return void issues.push({ path: `cells.${i}.${checked.field}`, message: `${where(assessment)} : ${checked.message}` });
      }
      const { markCenti, passed, levels } = checked.value;
      if (existing && sameValue(existing, { markCenti, passed, levels })) return;
      const reason = cell.reason?.trim() || null;
      if (existing && !reason) return void issues.push({ path: `cells.${i}.reason`, message: `${where(assessment)} : une note déjà saisie ne change qu’avec un motif.` });
      const row = {
        cohortId: cohort.id,
        learnerId: cell.learnerId,
        assessmentId: assessment.id,
        reading: cell.reading,
        seq: (existing?.seq ?? 0) + 1,
        markCenti,
        passed,
        levels,
        reason,
        supersedesId: existing?.id ?? null,
        enteredBy: o.actor.userId,
        enteredAt: o.now,
      };
      inserts.push(row);
      // Later cells of the same entry see this one (a third reading after the second in one go).
      current.set(key, { ...row, id: existing?.id ?? `new-${i}`, levels, reason, supersedesId: row.supersedesId } as TMarkRow);
    });
    if (refusals.length) throw forbidden(`Accès refusé : ${refusals.join(' ; ')}`);
    if (issues.length) throw validationError(issues, `${issues.length} case(s) invalide(s) : rien n’a été enregistré.`);
    if (inserts.length) {
      await tx.insert(evaluationMarks).values(inserts);
      await recordAudit(tx, o.audit, {
        action: 'evaluations.marks_entered',
        entityType: 'evaluation',
        entityId: cohort.id,
        after: { cells: inserts.map((r) => ({ learnerId: r.learnerId, assessmentId: r.assessmentId, reading: r.reading, markCenti: r.markCenti, passed: r.passed, reason: r.reason })) },
      });
    }
    return inserts.length;
  });
  return { written, grid: await getCohortMarks({ db: o.db, actor: o.actor, cohortId: o.cohortId }) };
}

/** Every record of one learner's readings of one assessment, oldest first: who, when, what, why. */
export async function getMarkHistory(o: { db: TDbOrTx; actor: TActor; cohortId: string; learnerId: string; assessmentId: string }) {
  const cohort = await loadCohortRow(o.db, o.cohortId);
  const rel = await loadCohortRelation(o.db, o.actor, cohort.id);
  const markers = await loadMarkers(o.db, cohort.id);
  enforce(canReadCohortMarks(o.actor, cohort, rel, markers.some((m) => m.userId === o.actor.userId)));
  const assessment = assessmentOf(planOf((await loadVersionOf(o.db, cohort)).document), o.assessmentId);
  const rows = await o.db
    .select()
    .from(evaluationMarks)
    .where(and(eq(evaluationMarks.cohortId, cohort.id), eq(evaluationMarks.learnerId, o.learnerId), eq(evaluationMarks.assessmentId, assessment.id)))
    .orderBy(asc(evaluationMarks.enteredAt), asc(evaluationMarks.reading), asc(evaluationMarks.seq));
  const names = await namesOf(o.db, rows.map((r) => r.enteredBy));
  return {
    assessmentId: assessment.id,
    learnerId: o.learnerId,
    items: rows.map((r) => ({
      id: r.id,
      reading: r.reading,
      mark: r.markCenti === null ? null : fromCenti(r.markCenti),
      passed: r.passed,
      levels: r.levels,
      reason: r.reason,
      comment: r.comment,
      fromJury: r.juryCaseId !== null,
      supersedesId: r.supersedesId,
      by: { id: r.enteredBy, name: names.get(r.enteredBy) ?? '' },
      at: r.enteredAt.toISOString(),
    })),
  };
}

/** The responsable releases an assessment's marks to the promotion's learners (once; later corrections show at once). */
export async function releaseMarks(o: { db: TDb; actor: TActor; audit: TAuditActor; cohortId: string; assessmentId: string; now: Date }) {
  await o.db.transaction(async (tx) => {
    const { cohort } = await getCohortFor(tx, o.actor, o.cohortId, canManageCohortEvaluations, { forUpdate: true });
    const assessment = assessmentOf(planOf((await loadVersionOf(tx, cohort)).document), o.assessmentId);
    const [already] = await tx.select().from(evaluationReleases).where(and(eq(evaluationReleases.cohortId, cohort.id), eq(evaluationReleases.assessmentId, assessment.id)));
    if (already) throw conflict(`Les notes de « ${assessment.label} » sont déjà publiées.`);
    await tx.insert(evaluationReleases).values({ cohortId: cohort.id, assessmentId: assessment.id, releasedBy: o.actor.userId, releasedAt: o.now });
    await recordAudit(tx, o.audit, { action: 'evaluations.released', entityType: 'evaluation', entityId: `${cohort.id}:${assessment.id}` });
  });
  return getCohortMarks({ db: o.db, actor: o.actor, cohortId: o.cohortId });
}

/**
 * A learner's marks per bloc in a promotion, and each bloc's proposal from the plan's rule. For the
 * juries and the deliberation: no access check here, the caller's policy decides who reads it.
 * `releasedOnly` keeps what the learner may see (an unreleased assessment counts as not marked yet).
 */
export async function getLearnerBlocResults(o: { db: TDbOrTx; cohortId: string; learnerId: string; releasedOnly?: boolean }) {
  const cohort = await loadCohortRow(o.db, o.cohortId);
  const version = await loadVersionOf(o.db, cohort);
  const plan = planOf(version.document);
  const [rows, releases, rules] = await Promise.all([
    loadMarkRows(o.db, cohort.id, [o.learnerId]),
    o.db.select().from(evaluationReleases).where(eq(evaluationReleases.cohortId, cohort.id)),
    loadEffectiveRules(o.db, version),
  ]);
  const released = new Set(releases.map((r) => r.assessmentId));
  const current = currentReadings(rows);
  const outcomes = new Map<string, TAssessmentOutcome>();
  for (const a of plan.assessments) {
    outcomes.set(a.id, o.releasedOnly && !released.has(a.id) ? { status: 'pending', readings: 0 } : assessmentOutcome(a, readingsOf(current, o.learnerId, a.id)));
  }
  return {
    cohort: { id: cohort.id, name: cohort.name, versionCode: version.code },
    blocs: version.document.blocs.map((b) => {
      const as = assessmentsOfBloc(plan, b.code);
      return {
        code: b.code,
        title: b.title,
        rule: rules.get(b.code)!,
        assessments: as.map((a) => ({ id: a.id, label: a.label, kind: a.kind, scale: a.scale, released: released.has(a.id), outcome: presentOutcome(outcomes.get(a.id)!) })),
        proposal: presentProposal(blocProposal(as, outcomes, rules.get(b.code)!)),
      };
    }),
  };
}

/** « Mes évaluations »: in each promotion the learner is enrolled in, their released marks per bloc. */
export async function getMyEvaluations(o: { db: TDbOrTx; actor: TActor }) {
  const enrolments = await o.db
    .select({ cohortId: cohortLearners.cohortId, startsOn: cohorts.startsOn })
    .from(cohortLearners)
    .innerJoin(cohorts, eq(cohorts.id, cohortLearners.cohortId))
    .where(eq(cohortLearners.userId, o.actor.userId));
  // Someone enrolled nowhere (an applicant) has no marks yet: an empty page, not a refusal.
  enforce(canReadOwnMarks(o.actor, { assigned: false, teaches: false, learner: true }));
  const items = [];
  for (const e of enrolments.sort((a, b) => b.startsOn.localeCompare(a.startsOn))) {
    const cohort = await loadCohortRow(o.db, e.cohortId);
    const version = await loadVersionOf(o.db, cohort);
    if (!version.document.evaluationPlan) continue;
    items.push(await getLearnerBlocResults({ db: o.db, cohortId: e.cohortId, learnerId: o.actor.userId, releasedOnly: true }));
  }
  return { items };
}
