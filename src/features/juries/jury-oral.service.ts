/**
 * The jury's space, beyond the file (decision 026, « The oral's marking form »): a case's evaluation
 * marks per bloc with each bloc's proposal — every mark, released to the learner or not, since the jury
 * deliberates on them — the learner's route, and the oral's marking form. A voting member of the case's
 * bench enters the mark of the assessments the jury marks, once the jury is constituted; the reading is
 * an evaluation reading, written by the evaluations feature on the seat's authority (juries → evaluations,
 * never back).
 */
import { and, eq } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, notFound, validationError } from '../../http/errors.js';
import { enforce } from '../../policies/decision.js';
import { canReadJuryCase } from '../../policies/juries.policy.js';
import { canMarkJuryOral, type TOralMarkFacts } from '../../policies/jury-oral.policy.js';
import type { TActor } from '../../policies/policies.js';
import type { TAuditActor } from '../audit/audit.service.js';
import { users } from '../auth/auth.tables.js';
import { cohorts } from '../cohorts/cohorts.tables.js';
import { conflictDeclarations } from '../conflicts/conflicts.tables.js';
import { enterDelegatedReading, findDelegatedReadings, getLearnerBlocResults, type TDelegatedReadingInput } from '../evaluations/evaluations.service.js';
import { theses } from '../memoire/memoire.tables.js';
import { certificationVersions } from '../referentiel/referentiel.tables.js';
import { caseRoute, juryMarkedAssessments, ORAL_BASIS_NOTES } from './jury-oral.rules.js';
import { caseBench, type TSeat } from './juries.rules.js';
import { juries, juryCases, jurySeats } from './juries.tables.js';

const NOT_CONSTITUTED = 'Ce jury n’est pas encore constitué : la note de soutenance se saisit une fois le jury constitué par le·la responsable pédagogique.';

/** A case, its jury (locked against a change of seats while a mark is written), and the actor's place on its bench. */
async function loadCase(db: TDbOrTx, actor: TActor, caseId: string, lock = false) {
  const query = db.select({ c: juryCases, j: juries }).from(juryCases).innerJoin(juries, eq(juries.id, juryCases.juryId)).where(eq(juryCases.id, caseId));
  const [row] = lock ? await query.for('share') : await query;
  if (!row) throw notFound('Dossier introuvable.');
  const { c: juryCase, j: jury } = row;
  const seats: TSeat[] = await db
    .select({ userId: jurySeats.userId, name: users.name, kind: jurySeats.kind, representsResponsable: jurySeats.representsResponsable })
    .from(jurySeats)
    .innerJoin(users, eq(users.id, jurySeats.userId))
    .where(eq(jurySeats.juryId, jury.id));
  const [thesis] = await db.select({ supervisorId: theses.supervisorId }).from(theses).where(and(eq(theses.learnerId, juryCase.learnerId), eq(theses.cohortId, jury.cohortId)));
  const declared = await db.select({ declarantId: conflictDeclarations.declarantId }).from(conflictDeclarations).where(eq(conflictDeclarations.subjectUserId, juryCase.learnerId));
  const conflicted = new Set(declared.map((d) => d.declarantId));
  const supervisorId = thesis?.supervisorId ?? null;
  const bench = caseBench(seats, { learnerId: juryCase.learnerId, supervisorId, conflictedUserIds: conflicted }, jury.supervisorRule);
  const facts: TOralMarkFacts = {
    seated: seats.some((s) => s.userId === actor.userId),
    learnerId: juryCase.learnerId,
    conflicted: conflicted.has(actor.userId),
    supervisorId,
    supervisorRule: jury.supervisorRule,
    votes: bench.voting.some((s) => s.userId === actor.userId),
  };
  return { jury, juryCase, facts };
}

async function versionDocumentOf(db: TDbOrTx, cohortId: string) {
  const [row] = await db
    .select({ code: certificationVersions.code, document: certificationVersions.document })
    .from(cohorts)
    .innerJoin(certificationVersions, eq(certificationVersions.id, cohorts.certificationVersionId))
    .where(eq(cohorts.id, cohortId));
  return row!;
}

/** A case's marks per bloc, the learner's route and the oral's marking form, for a member who may open the case. */
export async function getJuryCaseEvaluations(o: { db: TDbOrTx; actor: TActor; caseId: string }) {
  const { jury, juryCase, facts } = await loadCase(o.db, o.actor, o.caseId);
  enforce(canReadJuryCase(o.actor, facts));
  const version = await versionDocumentOf(o.db, jury.cohortId);
  const [learner] = await o.db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, juryCase.learnerId));
  const plan = version.document.evaluationPlan;
  const { basis, assessments } = juryMarkedAssessments(plan);
  const mark = canMarkJuryOral(o.actor, facts);
  const constituted = jury.constitutedAt !== null;
  return {
    id: juryCase.id,
    learner: learner!,
    jury: { id: jury.id, label: jury.label, route: jury.route, constitutedAt: jury.constitutedAt?.toISOString() ?? null },
    route: caseRoute(version.document, jury.route),
    versionCode: version.code,
    hasPlan: Boolean(plan),
    blocs: plan ? (await getLearnerBlocResults({ db: o.db, cohortId: jury.cohortId, learnerId: juryCase.learnerId })).blocs : [],
    oral: {
      basis,
      note: ORAL_BASIS_NOTES[basis],
      assessments: plan ? await findDelegatedReadings({ db: o.db, cohortId: jury.cohortId, learnerId: juryCase.learnerId, assessmentIds: assessments.map((a) => a.id), actorId: o.actor.userId }) : [],
    },
    permissions: {
      mark: mark.allowed && constituted,
      /** Why the form is closed to the viewer, in French; null when it is open. */
      reason: !mark.allowed ? `Vous ne notez pas ce dossier : ${mark.reason}` : constituted ? null : NOT_CONSTITUTED,
    },
  };
}

/**
 * A voting member enters (or changes, with a reason) the mark of an assessment the jury marks: refused
 * (403) to whoever does not vote on the case, 409 while the jury is not constituted, 422 naming the field
 * for a bad value. The reading is written in this transaction, the jury row held against a change of seats.
 */
export async function enterJuryOralMark(o: { db: TDb; actor: TActor; audit: TAuditActor; caseId: string; assessmentId: string; input: TDelegatedReadingInput; now: Date }) {
  const written = await o.db.transaction(async (tx) => {
    const { jury, juryCase, facts } = await loadCase(tx, o.actor, o.caseId, true);
    const seat = canMarkJuryOral(o.actor, facts);
    enforce(seat);
    if (!jury.constitutedAt) throw conflict(NOT_CONSTITUTED);
    const version = await versionDocumentOf(tx, jury.cohortId);
    const { assessments } = juryMarkedAssessments(version.document.evaluationPlan);
    if (!assessments.some((a) => a.id === o.assessmentId)) {
      const ids = assessments.map((a) => `« ${a.label} » (${a.id})`).join(', ');
      throw validationError([{ path: 'assessmentId', message: ids ? `Le jury ne note pas cette épreuve : il note ${ids}.` : 'Le plan d’évaluation de cette version ne prévoit aucune épreuve orale que le jury note.' }]);
    }
    return enterDelegatedReading({ db: tx, actor: o.actor, audit: o.audit, cohortId: jury.cohortId, learnerId: juryCase.learnerId, assessmentId: o.assessmentId, authority: seat, juryCaseId: juryCase.id, input: o.input, now: o.now });
  });
  return { written: written.written, reading: written.reading, evaluations: await getJuryCaseEvaluations({ db: o.db, actor: o.actor, caseId: o.caseId }) };
}
