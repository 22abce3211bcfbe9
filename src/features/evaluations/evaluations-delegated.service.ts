/**
 * Readings entered on another feature's authority (decision 026): a jury member's voting seat on a
 * learner's case stands in for a marker assignment. The caller decides that authority (its policy, its
 * facts) and passes the decision; the readings' own rules (one reading or two by two people, the third
 * past the threshold, never one's own file), the value's check and the append-only record stay here.
 * Exported through `evaluations.service.ts`; evaluations imports nothing of juries.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { TDbOrTx } from '../../db/client.js';
import { conflict, validationError } from '../../http/errors.js';
import { loadCohortRow } from '../../policies/cohort-access.js';
import { enforce, type TDecision } from '../../policies/decision.js';
import { canEnterDelegatedReading } from '../../policies/evaluations.policy.js';
import type { TActor } from '../../policies/policies.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import type { TAssessment, TEvaluationPlan } from '../referentiel/evaluation-plan.schema.js';
import { planOf } from './evaluations-plan.service.js';
import { assessmentOutcome, delegatedReading, fromCenti, type TReadingNo } from './evaluations.rules.js';
import { assessmentOf, currentReadings, loadMarkRows, loadVersionOf, namesOf, presentOutcome, readingsOf, readingValueOf, sameValue, type TMarkRow, type TReadingInput } from './evaluations.readings.js';
import { evaluationMarks } from './evaluations.tables.js';

const presentRow = (r: TMarkRow, names: ReadonlyMap<string, string>) => ({
  id: r.id,
  reading: r.reading,
  mark: r.markCenti === null ? null : fromCenti(r.markCenti),
  passed: r.passed,
  levels: r.levels,
  comment: r.comment,
  reason: r.reason,
  supersedesId: r.supersedesId,
  fromJury: r.juryCaseId !== null,
  by: { id: r.enteredBy, name: names.get(r.enteredBy) ?? '' },
  at: r.enteredAt.toISOString(),
});

function readersOf(current: ReadonlyMap<string, TMarkRow>, learnerId: string, assessmentId: string) {
  const readers: Partial<Record<TReadingNo, string>> = {};
  for (const n of [1, 2, 3] as const) {
    const r = current.get(`${learnerId}|${assessmentId}|${n}`);
    if (r) readers[n] = r.enteredBy;
  }
  return readers;
}

const thirdReadingOpenFor = (a: TAssessment, current: ReadonlyMap<string, TMarkRow>, learnerId: string) => {
  const readings = readingsOf(current, learnerId, a.id);
  return assessmentOutcome(a, { 1: readings[1], 2: readings[2] }).status === 'third_reading';
};

/** Why nothing is left for `actorId` to enter: two other people gave both readings, and they agree. */
const nothingLeft = (a: TAssessment, readers: Partial<Record<TReadingNo, string>>, names: ReadonlyMap<string, string>) =>
  `Les deux lectures de « ${a.label} » sont données (par ${names.get(readers[1]!) ?? '—'} et ${names.get(readers[2]!) ?? '—'}) et s’accordent : il n’y a pas de troisième lecture à faire.`;

/**
 * One learner's readings of the given assessments, for someone who may enter them on another feature's
 * authority: each assessment's scale and rubric, its current readings (with their comments), its outcome,
 * every record oldest first, and the reading `actorId` would enter (or why none). No access check here.
 */
export async function findDelegatedReadings(o: { db: TDbOrTx; cohortId: string; learnerId: string; assessmentIds: readonly string[]; actorId: string }) {
  const cohort = await loadCohortRow(o.db, o.cohortId);
  const plan: TEvaluationPlan = planOf((await loadVersionOf(o.db, cohort)).document);
  const rows = (await loadMarkRows(o.db, cohort.id, [o.learnerId])).filter((r) => o.assessmentIds.includes(r.assessmentId));
  const current = currentReadings(rows);
  const names = await namesOf(o.db, rows.map((r) => r.enteredBy));
  return o.assessmentIds.map((id) => {
    const a = assessmentOf(plan, id);
    const readers = readersOf(current, o.learnerId, a.id);
    const reading = delegatedReading(a.marking, readers, o.actorId, thirdReadingOpenFor(a, current, o.learnerId));
    const mine = reading === null ? undefined : current.get(`${o.learnerId}|${a.id}|${reading}`);
    const history = rows
      .filter((r) => r.assessmentId === a.id)
      .sort((x, y) => x.enteredAt.getTime() - y.enteredAt.getTime() || x.reading - y.reading || x.seq - y.seq)
      .map((r) => presentRow(r, names));
    return {
      id: a.id,
      label: a.label,
      kind: a.kind,
      scale: a.scale,
      marking: a.marking,
      rubric: a.rubric ? (plan.rubrics.find((r) => r.id === a.rubric) ?? null) : null,
      readings: [1, 2, 3].flatMap((n) => {
        const r = current.get(`${o.learnerId}|${a.id}|${n}`);
        return r ? [presentRow(r, names)] : [];
      }),
      outcome: presentOutcome(assessmentOutcome(a, readingsOf(current, o.learnerId, a.id))),
      history,
      next: reading === null ? { reading: null, current: null, message: nothingLeft(a, readers, names) } : { reading, current: mine ? presentRow(mine, names) : null, message: null },
    };
  });
}

export type TDelegatedReadingInput = TReadingInput & { comment?: string | null; reason?: string | null };

/**
 * Enters the reading `actor` gives on `authority` (the caller's decision): the reading is chosen by
 * `delegatedReading`, the value checked against the scale and the rubric (422 naming the field), a
 * change needs a reason, an unchanged value and comment write nothing. Runs in the caller's transaction.
 */
export async function enterDelegatedReading(o: {
  db: TDbOrTx;
  actor: TActor;
  audit: TAuditActor;
  cohortId: string;
  learnerId: string;
  assessmentId: string;
  authority: TDecision;
  juryCaseId: string | null;
  input: TDelegatedReadingInput;
  now: Date;
}) {
  const cohort = await loadCohortRow(o.db, o.cohortId, true);
  const plan = planOf((await loadVersionOf(o.db, cohort)).document);
  const a = assessmentOf(plan, o.assessmentId);
  const rows = await o.db
    .select()
    .from(evaluationMarks)
    .where(and(eq(evaluationMarks.cohortId, cohort.id), eq(evaluationMarks.learnerId, o.learnerId), eq(evaluationMarks.assessmentId, a.id)))
    .orderBy(asc(evaluationMarks.seq));
  const current = currentReadings(rows);
  const readers = readersOf(current, o.learnerId, a.id);
  const thirdReadingOpen = thirdReadingOpenFor(a, current, o.learnerId);
  const reading = delegatedReading(a.marking, readers, o.actor.userId, thirdReadingOpen);
  // Who may enter comes first: someone refused learns nothing of the value's faults.
  enforce(o.authority);
  if (reading === null) throw conflict(nothingLeft(a, readers, await namesOf(o.db, Object.values(readers))));
  const otherReaders = new Map(Object.entries(readers).filter(([n]) => Number(n) !== reading).map(([n, id]) => [Number(n), id]));
  enforce(canEnterDelegatedReading(o.actor, { authority: o.authority, learnerId: o.learnerId, reading, double: a.marking.mode === 'double', otherReaders, thirdReadingOpen, label: a.label }));

  const checked = readingValueOf(plan, a, o.input);
  if (!checked.ok) {
    const path = checked.field ?? (a.scale.kind === 'pass_fail' ? 'passed' : 'mark');
    throw validationError([{ path, message: checked.field ? `« ${a.label} » : ${checked.message}` : checked.message }], 'La note ne peut pas être enregistrée.');
  }
  const comment = o.input.comment?.trim() || null;
  const existing = current.get(`${o.learnerId}|${a.id}|${reading}`);
  if (existing && sameValue(existing, checked.value) && (existing.comment ?? null) === comment) return { written: false, reading };
  const reason = o.input.reason?.trim() || null;
  if (existing && !reason) throw validationError([{ path: 'reason', message: `« ${a.label} » : une note déjà saisie ne change qu’avec un motif.` }], 'La note ne peut pas être enregistrée.');
  const row = {
    cohortId: cohort.id,
    learnerId: o.learnerId,
    assessmentId: a.id,
    reading,
    seq: (existing?.seq ?? 0) + 1,
    ...checked.value,
    reason,
    comment,
    juryCaseId: o.juryCaseId,
    supersedesId: existing?.id ?? null,
    enteredBy: o.actor.userId,
    enteredAt: o.now,
  };
  await o.db.insert(evaluationMarks).values(row);
  await recordAudit(o.db, o.audit, {
    action: 'evaluations.jury_reading_entered',
    entityType: 'evaluation',
    entityId: cohort.id,
    after: { learnerId: o.learnerId, assessmentId: a.id, reading, markCenti: row.markCenti, passed: row.passed, levels: row.levels, comment, reason, juryCaseId: o.juryCaseId },
  });
  return { written: true, reading };
}
