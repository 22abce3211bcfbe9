/**
 * The mémoire record's use cases (decision 019). Every write reads the record `FOR UPDATE` in its
 * transaction, so two changes of state at once are serialised and the second finds the new state (409);
 * the update is also conditional on the state it read, in case a caller forgets the lock.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { refusingWith, UNIQUE_VIOLATION } from '../../db/errors.js';
import { conflict, notFound, validationError } from '../../http/errors.js';
import { getCohortFor, loadCohortRow } from '../../policies/cohort-access.js';
import { enforce } from '../../policies/decision.js';
import { loadCohortRelation } from '../../policies/facts.js';
import {
  canChangeThesisState,
  canCreateThesis,
  canEditThesisContent,
  canNameSupervisor,
  canReadThesis,
  listThesesScope,
  thesisPermissions,
} from '../../policies/memoire.policy.js';
import type { TActor } from '../../policies/policies.js';
import { THESIS_STATE_LABELS, type TThesisGenre, type TThesisKind, type TThesisState } from '../../shared/vocabulary/memoire.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { userRoles, users } from '../auth/auth.tables.js';
import { cohortLearners } from '../cohorts/cohorts.tables.js';
import type { TCohortRow } from '../../policies/cohort-access.js';
import type { TCohortRelation } from '../../policies/facts.js';
import { checkTransition, contentEditable, needsNote, supervisorEditable, THESIS_TRANSITIONS } from './memoire.rules.js';
import { theses, thesisEvents } from './memoire.tables.js';

type TThesisRow = typeof theses.$inferSelect;

export type TThesisContent = {
  kind?: TThesisKind | null;
  genre?: TThesisGenre | null;
  title?: string | null;
  question?: string | null;
  organisation?: string | null;
};

const CONTENT_KEYS = ['kind', 'genre', 'title', 'question', 'organisation'] as const;

/** An empty text is no text. */
const contentOf = (input: TThesisContent): Partial<Pick<TThesisRow, (typeof CONTENT_KEYS)[number]>> =>
  Object.fromEntries(
    CONTENT_KEYS.filter((k) => input[k] !== undefined).map((k) => [k, typeof input[k] === 'string' && input[k] === '' ? null : input[k]]),
  );

async function loadThesis(db: TDbOrTx, id: string, forUpdate = false): Promise<TThesisRow> {
  const query = db.select().from(theses).where(eq(theses.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Fiche mémoire introuvable.');
  return row;
}

/** The record when `policy` lets the actor through, with the promotion and the actor's relation to it. */
async function thesisFor(
  db: TDbOrTx,
  actor: TActor,
  id: string,
  policy: (a: TActor, c: TCohortRow, r: TCohortRelation, t: TThesisRow) => ReturnType<typeof canReadThesis>,
  forUpdate = false,
) {
  const thesis = await loadThesis(db, id, forUpdate);
  const { cohort, rel } = await getCohortFor(db, actor, thesis.cohortId, (a, c, r) => policy(a, c as TCohortRow, r, thesis));
  return { thesis, cohort, rel };
}

async function namesOf(db: TDbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function summaryOf(t: TThesisRow, names: Map<string, string>) {
  return {
    id: t.id,
    cohortId: t.cohortId,
    learner: { id: t.learnerId, name: names.get(t.learnerId) ?? '' },
    kind: t.kind,
    genre: t.genre,
    title: t.title,
    question: t.question,
    organisation: t.organisation,
    supervisor: t.supervisorId ? { id: t.supervisorId, name: names.get(t.supervisorId) ?? '' } : null,
    state: t.state,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** The record as the actor may see it: content, supervisor, history, and what they may do with it. */
async function present(db: TDbOrTx, actor: TActor, cohort: TCohortRow, rel: TCohortRelation, t: TThesisRow) {
  const events = await db.select().from(thesisEvents).where(eq(thesisEvents.thesisId, t.id)).orderBy(asc(thesisEvents.chainSeq));
  const names = await namesOf(db, [t.learnerId, t.supervisorId, ...events.map((e) => e.actorId)]);
  const permissions = thesisPermissions(actor, cohort, rel, t);
  return {
    ...summaryOf(t, names),
    history: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actor: { id: e.actorId, name: names.get(e.actorId) ?? e.actorLabel },
      fromState: e.fromState,
      toState: e.toState,
      note: e.note,
    })),
    // What the state still allows, too: the UI offers no form the API would refuse with a 409.
    permissions: {
      editContent: permissions.editContent && contentEditable(t.state),
      nameSupervisor: permissions.nameSupervisor && supervisorEditable(t.state),
      changeState: permissions.changeState,
      nextStates: permissions.changeState ? [...THESIS_TRANSITIONS[t.state]] : [],
    },
  };
}

/** A supervisor is a teacher of the promotion: a teacher or responsable pédagogique named on its staff or teaching one of its sessions. */
async function checkSupervisor(db: TDbOrTx, cohortId: string, learnerId: string, supervisorId: string): Promise<void> {
  const refuse = (message: string) => validationError([{ path: 'supervisorId', message }]);
  if (supervisorId === learnerId) throw refuse('Un·e auditeur·rice ne dirige pas son propre mémoire.');
  const roles = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, supervisorId));
  const rel = await loadCohortRelation(db, { userId: supervisorId }, cohortId);
  const teacher = roles.some((r) => r.role === 'enseignant' || r.role === 'responsable_pedagogique');
  if (!teacher || !(rel.assigned || rel.teaches)) throw refuse('Choisissez un·e enseignant·e de la promotion (nommé·e dans son équipe ou intervenant dans ses séances).');
}

const ALREADY = () => conflict('Cette personne a déjà une fiche mémoire dans cette promotion.');

export async function createThesis(o: { db: TDb; actor: TActor; audit: TAuditActor; cohortId: string; input: TThesisContent & { learnerId?: string }; now: Date }) {
  const learnerId = o.input.learnerId ?? o.actor.userId;
  return refusingWith(UNIQUE_VIOLATION, ALREADY, () =>
    o.db.transaction(async (tx) => {
      const { cohort, rel } = await getCohortFor(tx, o.actor, o.cohortId, (a, c, r) => canCreateThesis(a, c, r, learnerId));
      const [enrolled] = await tx
        .select({ id: cohortLearners.id })
        .from(cohortLearners)
        .where(and(eq(cohortLearners.cohortId, o.cohortId), eq(cohortLearners.userId, learnerId)));
      if (!enrolled) throw validationError([{ path: 'learnerId', message: 'Cette personne n’est pas inscrite dans la promotion.' }]);
      const [existing] = await tx.select({ id: theses.id }).from(theses).where(and(eq(theses.cohortId, o.cohortId), eq(theses.learnerId, learnerId)));
      if (existing) throw ALREADY();
      const [row] = await tx
        .insert(theses)
        .values({ cohortId: o.cohortId, learnerId, ...contentOf(o.input), state: 'project', createdAt: o.now, updatedAt: o.now })
        .returning();
      await tx.insert(thesisEvents).values({ thesisId: row!.id, at: o.now, actorId: o.actor.userId, actorLabel: o.audit.label, fromState: null, toState: 'project', note: null });
      await recordAudit(tx, o.audit, { action: 'thesis.created', entityType: 'thesis', entityId: row!.id, after: { cohortId: o.cohortId, learnerId, ...contentOf(o.input) } });
      return present(tx, o.actor, cohort, rel, row!);
    }),
  );
}

export async function getThesis(o: { db: TDbOrTx; actor: TActor; id: string }) {
  const { thesis, cohort, rel } = await thesisFor(o.db, o.actor, o.id, canReadThesis);
  return present(o.db, o.actor, cohort, rel, thesis);
}

export async function updateThesis(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; input: TThesisContent & { supervisorId?: string | null }; now: Date }) {
  return o.db.transaction(async (tx) => {
    const content = contentOf(o.input);
    const touchesContent = Object.keys(content).length > 0;
    const touchesSupervisor = o.input.supervisorId !== undefined;
    const { thesis, cohort, rel } = await thesisFor(tx, o.actor, o.id, canReadThesis, true);
    if (touchesContent) enforce(canEditThesisContent(o.actor, thesis));
    if (touchesSupervisor) enforce(canNameSupervisor(o.actor, cohort, rel, thesis));
    const label = THESIS_STATE_LABELS[thesis.state];
    if (touchesContent && !contentEditable(thesis.state)) throw conflict(`Le mémoire est à l’état « ${label} » : son contenu ne change plus.`);
    if (touchesSupervisor && !supervisorEditable(thesis.state)) throw conflict(`Le mémoire est à l’état « ${label} » : son·sa directeur·rice ne change plus.`);
    if (touchesSupervisor && o.input.supervisorId) await checkSupervisor(tx, thesis.cohortId, thesis.learnerId, o.input.supervisorId);
    if (!touchesContent && !touchesSupervisor) return present(tx, o.actor, cohort, rel, thesis);
    const changes = { ...content, ...(touchesSupervisor ? { supervisorId: o.input.supervisorId ?? null } : {}) };
    const [row] = await tx.update(theses).set({ ...changes, updatedAt: o.now }).where(eq(theses.id, thesis.id)).returning();
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, thesis[k as keyof TThesisRow]]));
    await recordAudit(tx, o.audit, { action: 'thesis.updated', entityType: 'thesis', entityId: thesis.id, before, after: changes });
    return present(tx, o.actor, cohort, rel, row!);
  });
}

export async function changeThesisState(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; state: TThesisState; note: string; now: Date }) {
  return o.db.transaction(async (tx) => {
    // Locked: two members of staff moving the same record at once — the second one reads the new state.
    const { thesis, cohort, rel } = await thesisFor(tx, o.actor, o.id, canChangeThesisState, true);
    const verdict = checkTransition(thesis.state, o.state);
    if (!verdict.allowed) throw conflict(verdict.reason);
    const note = o.note.trim();
    if (needsNote(o.state) && !note) throw validationError([{ path: 'note', message: 'Indiquez le motif de l’abandon.' }]);
    const [row] = await tx
      .update(theses)
      .set({ state: o.state, updatedAt: o.now })
      .where(and(eq(theses.id, thesis.id), eq(theses.state, thesis.state)))
      .returning();
    if (!row) throw conflict('L’état de ce mémoire vient de changer : rechargez la fiche.');
    await tx.insert(thesisEvents).values({ thesisId: thesis.id, at: o.now, actorId: o.actor.userId, actorLabel: o.audit.label, fromState: thesis.state, toState: o.state, note: note || null });
    await recordAudit(tx, o.audit, { action: 'thesis.state_changed', entityType: 'thesis', entityId: thesis.id, before: { state: thesis.state }, after: { state: o.state, note: note || null } });
    return present(tx, o.actor, cohort, rel, row);
  });
}

/** The records of a promotion: every one for its staff, the supervised ones for a teacher. */
export async function findCohortTheses(o: { db: TDbOrTx; actor: TActor; cohortId: string }) {
  const cohort = await loadCohortRow(o.db, o.cohortId);
  const rel = await loadCohortRelation(o.db, o.actor, cohort.id);
  const scope = listThesesScope(o.actor, cohort, rel);
  if (!scope.scope) enforce({ allowed: false, reason: scope.reason });
  const rows = await o.db
    .select()
    .from(theses)
    .where(scope.scope === 'all' ? eq(theses.cohortId, cohort.id) : and(eq(theses.cohortId, cohort.id), eq(theses.supervisorId, o.actor.userId)));
  const names = await namesOf(o.db, rows.flatMap((t) => [t.learnerId, t.supervisorId]));
  return rows.map((t) => summaryOf(t, names)).sort((a, b) => a.learner.name.localeCompare(b.learner.name, 'fr'));
}

/** The actor's own records, one per promotion they are a learner of. */
export async function findMyTheses(o: { db: TDbOrTx; actor: TActor }) {
  const rows = await o.db.select().from(theses).where(eq(theses.learnerId, o.actor.userId)).orderBy(asc(theses.createdAt));
  const names = await namesOf(o.db, rows.flatMap((t) => [t.learnerId, t.supervisorId]));
  return rows.map((t) => summaryOf(t, names));
}

/** What the juries read of a mémoire (decision 026): the final deposit and its file. */
export { finalDepositOf, streamFinalDeposit } from './versions/versions.service.js';
