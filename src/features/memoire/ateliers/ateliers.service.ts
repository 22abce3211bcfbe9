/**
 * The ateliers mémoire of a promotion (decision 020): declarations, proposals computed by the job
 * runner, acceptance, moves by hand, and who reads which group.
 *
 * Every write that changes groups locks the promotion's row and its current groups (FOR UPDATE) in its
 * transaction, and is conditional on what it read: of two accepts at once, the second finds the
 * proposal accepted or the groups changed since it was computed (its `basedOnChanges` no longer equals
 * the count of changes of group) and gets a French 409. Time comes from the clock the caller passes.
 */
import { and, asc, count, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { ZodError } from 'zod';
import type { TDb, TDbOrTx } from '../../../db/client.js';
import { refusingWith, UNIQUE_VIOLATION } from '../../../db/errors.js';
import { conflict, notFound, validationError } from '../../../http/errors.js';
import {
  atelierPermissions,
  atelierReadScope,
  canAcceptProposal,
  canDeclarePair,
  canDeclareWish,
  canManageAteliers,
  canMoveLearner,
} from '../../../policies/ateliers.policy.js';
import { getCohortFor, loadCohortRow, type TCohortRow } from '../../../policies/cohort-access.js';
import { enforce } from '../../../policies/decision.js';
import { loadCohortRelation, type TCohortRelation } from '../../../policies/facts.js';
import type { TActor } from '../../../policies/policies.js';
import { ATELIER_PROPOSAL_STATUS_LABELS, type TAtelierPairKind } from '../../../shared/vocabulary/ateliers.js';
import { recordAudit, type TAuditActor } from '../../audit/audit.service.js';
import { userRoles, users } from '../../auth/auth.tables.js';
import { calendarSessions, sessionTeachers } from '../../calendar/calendar.tables.js';
import { cohortLearners, cohortStaff } from '../../cohorts/cohorts.tables.js';
import { enqueueJob } from '../../jobs/jobs.service.js';
import { jobs } from '../../jobs/jobs.tables.js';
import { ZGroupingInputSchema, type TGroupingInput, type TGroupingInputRaw, type TGroupingResult } from './ateliers.input.js';
import { analyseMove, type TCurrentGroup } from './ateliers.moves.js';
import { diagnoseGrouping } from './ateliers.rules.js';
import { atelierGroups, atelierLeaders, atelierMembers, atelierMembershipEvents, atelierPairs, atelierProposals, atelierWishes } from './ateliers.tables.js';

type TProposalRow = typeof atelierProposals.$inferSelect;

export const ATELIER_JOB_KIND = 'atelier.propose' as const;
export const MAX_PROPOSAL_SECONDS = 300;
/** A leader without a declared capacity leads one group. */
export const DEFAULT_MAX_GROUPS = 1;

// ---------------------------------------------------------------------------------------------------
// The promotion's state, as the optimiser and the screens need it

type TPersonName = { id: string; name: string };

/** The teachers of the promotion who may lead an atelier: an enseignant·e or responsable named on its staff as enseignant·e, or teaching one of its sessions; never one of its learners. */
async function availableLeaders(db: TDbOrTx, cohortId: string): Promise<TPersonName[]> {
  const named = db.select({ id: cohortStaff.userId }).from(cohortStaff).where(and(eq(cohortStaff.cohortId, cohortId), eq(cohortStaff.role, 'enseignant')));
  const teaching = db
    .select({ id: sessionTeachers.userId })
    .from(sessionTeachers)
    .innerJoin(calendarSessions, eq(calendarSessions.id, sessionTeachers.sessionId))
    .where(eq(calendarSessions.cohortId, cohortId));
  const teacherRole = db.select({ id: userRoles.userId }).from(userRoles).where(inArray(userRoles.role, ['enseignant', 'responsable_pedagogique']));
  const learners = db.select({ id: cohortLearners.userId }).from(cohortLearners).where(eq(cohortLearners.cohortId, cohortId));
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(or(inArray(users.id, named), inArray(users.id, teaching)), inArray(users.id, teacherRole), sql`${users.id} not in ${learners}`))
    .orderBy(asc(users.name));
}

export async function loadAtelierState(db: TDbOrTx, cohortId: string) {
  const learners = await db
    .select({ id: users.id, name: users.name })
    .from(cohortLearners)
    .innerJoin(users, eq(users.id, cohortLearners.userId))
    .where(and(eq(cohortLearners.cohortId, cohortId), eq(cohortLearners.status, 'enrolled')))
    .orderBy(asc(users.name));
  const leaderPeople = await availableLeaders(db, cohortId);
  const leaderRows = await db.select().from(atelierLeaders).where(eq(atelierLeaders.cohortId, cohortId));
  const leaders = leaderPeople.map((p) => {
    const row = leaderRows.find((r) => r.leaderId === p.id);
    return { ...p, maxGroups: row?.maxGroups ?? DEFAULT_MAX_GROUPS, themes: row?.themes ?? [] };
  });
  const wishes = await db.select().from(atelierWishes).where(eq(atelierWishes.cohortId, cohortId));
  const pairs = await db.select().from(atelierPairs).where(eq(atelierPairs.cohortId, cohortId)).orderBy(asc(atelierPairs.createdAt));
  const groups = await currentGroups(db, cohortId);
  const [changes] = await db.select({ n: count() }).from(atelierMembershipEvents).where(eq(atelierMembershipEvents.cohortId, cohortId));
  return { learners, leaders, wishes, pairs, groups, changes: Number(changes?.n ?? 0) };
}

export type TAtelierState = Awaited<ReturnType<typeof loadAtelierState>>;

/** The promotion's current groups (by number) with their members. */
export async function currentGroups(db: TDbOrTx, cohortId: string, forUpdate = false) {
  const query = db
    .select()
    .from(atelierGroups)
    .where(and(eq(atelierGroups.cohortId, cohortId), isNull(atelierGroups.endedAt)))
    .orderBy(asc(atelierGroups.number));
  const groups = forUpdate ? await query.for('update') : await query;
  const members = groups.length
    ? await db
        .select({ groupId: atelierMembers.groupId, learnerId: atelierMembers.learnerId, since: atelierMembers.since })
        .from(atelierMembers)
        .where(eq(atelierMembers.cohortId, cohortId))
    : [];
  return groups.map((g) => ({ ...g, members: members.filter((m) => m.groupId === g.id) }));
}

/** The optimiser's input: enrolled learners, available leaders, declarations about them, the current groups. */
export function inputOf(state: TAtelierState): TGroupingInput {
  const learnerIds = new Set(state.learners.map((l) => l.id));
  const leaderIds = new Set(state.leaders.map((l) => l.id));
  const wish = new Map(state.wishes.map((w) => [w.learnerId, w]));
  const pairsOf = (kind: TAtelierPairKind) =>
    state.pairs.filter((p) => p.kind === kind && learnerIds.has(p.learnerA) && learnerIds.has(p.learnerB)).map((p) => [p.learnerA, p.learnerB] as [string, string]);
  const raw: TGroupingInputRaw = {
    learners: state.learners.map((l) => {
      const w = wish.get(l.id);
      return { id: l.id, name: l.name, wishedLeaderId: w?.wishedLeaderId && leaderIds.has(w.wishedLeaderId) ? w.wishedLeaderId : null, wishedTheme: w?.wishedTheme ?? null };
    }),
    leaders: state.leaders.map((l) => ({ id: l.id, name: l.name, maxGroups: l.maxGroups, themes: l.themes })),
    mustNotBeTogether: pairsOf('apart'),
    wishTogether: pairsOf('together'),
    previousGroups: state.groups.map((g) => ({ id: g.id, leaderId: g.leaderId, memberIds: g.members.map((m) => m.learnerId) })),
  };
  return ZGroupingInputSchema.parse(raw);
}

async function namesOf(db: TDbOrTx, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

const person = (names: Map<string, string>, id: string) => ({ id, name: names.get(id) ?? id });

async function leadsAGroup(db: TDbOrTx, actor: TActor, cohortId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: atelierGroups.id })
    .from(atelierGroups)
    .where(and(eq(atelierGroups.cohortId, cohortId), eq(atelierGroups.leaderId, actor.userId), isNull(atelierGroups.endedAt)))
    .limit(1);
  return Boolean(row);
}

// ---------------------------------------------------------------------------------------------------
// Reading the groups

/** The groups the actor may read: all (staff), those they lead (a teacher), their own (a learner). */
export async function getAteliers(o: { db: TDbOrTx; actor: TActor; cohortId: string }) {
  const cohort = await loadCohortRow(o.db, o.cohortId);
  const rel = await loadCohortRelation(o.db, o.actor, cohort.id);
  const read = atelierReadScope(o.actor, cohort, rel, await leadsAGroup(o.db, o.actor, cohort.id));
  if (!read.scope) enforce({ allowed: false, reason: read.reason });
  const all = await currentGroups(o.db, cohort.id);
  const visible = all.filter((g) =>
    read.scope === 'all' ? true : read.scope === 'led' ? g.leaderId === o.actor.userId : g.members.some((m) => m.learnerId === o.actor.userId),
  );
  const names = await namesOf(o.db, visible.flatMap((g) => [g.leaderId, ...g.members.map((m) => m.learnerId)]));
  const groups = visible.map((g) => ({
    id: g.id,
    number: g.number,
    leader: person(names, g.leaderId),
    since: g.since.toISOString(),
    members: g.members.map((m) => ({ ...person(names, m.learnerId), since: m.since.toISOString() })).sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  }));
  let ungrouped: { id: string; name: string }[] = [];
  if (read.scope === 'all') {
    const grouped = new Set(all.flatMap((g) => g.members.map((m) => m.learnerId)));
    const learners = await o.db
      .select({ id: users.id, name: users.name })
      .from(cohortLearners)
      .innerJoin(users, eq(users.id, cohortLearners.userId))
      .where(and(eq(cohortLearners.cohortId, cohort.id), eq(cohortLearners.status, 'enrolled')))
      .orderBy(asc(users.name));
    ungrouped = learners.filter((l) => !grouped.has(l.id));
  }
  return { cohortId: cohort.id, cohortName: cohort.name, scope: read.scope!, groups, ungrouped, permissions: atelierPermissions(o.actor, cohort, rel) };
}

// ---------------------------------------------------------------------------------------------------
// Declarations

/** Staff read every declaration; a learner their own wish, their own « ensemble » requests, and the leaders to choose from. */
export async function getDeclarations(o: { db: TDbOrTx; actor: TActor; cohortId: string }) {
  const cohort = await loadCohortRow(o.db, o.cohortId);
  const rel = await loadCohortRelation(o.db, o.actor, cohort.id);
  const staff = canManageAteliers(o.actor, cohort, rel).allowed;
  if (!staff && !rel.learner) enforce({ allowed: false, reason: 'seule l’équipe de la promotion consulte ses vœux et contraintes ; un·e auditeur·rice, les siens.' });
  const state = await loadAtelierState(o.db, cohort.id);
  const groupOf = new Map(state.groups.flatMap((g) => g.members.map((m) => [m.learnerId, g.number] as const)));
  const wish = new Map(state.wishes.map((w) => [w.learnerId, w]));
  const names = new Map([...state.learners, ...state.leaders].map((p) => [p.id, p.name]));
  const learners = state.learners
    .filter((l) => staff || l.id === o.actor.userId)
    .map((l) => ({ ...l, wishedLeaderId: wish.get(l.id)?.wishedLeaderId ?? null, wishedTheme: wish.get(l.id)?.wishedTheme ?? null, groupNumber: groupOf.get(l.id) ?? null }));
  const pairs = state.pairs
    .filter((p) => staff || (p.kind === 'together' && (p.learnerA === o.actor.userId || p.learnerB === o.actor.userId)))
    .map((p) => ({ id: p.id, kind: p.kind, a: person(names, p.learnerA), b: person(names, p.learnerB), reason: staff ? p.reason : null, createdAt: p.createdAt.toISOString() }));
  // A learner choosing a partner sees the names of their promotion's learners (not their declarations).
  const classmates = rel.learner && !staff ? state.learners.filter((l) => l.id !== o.actor.userId) : [];
  return { cohortId: cohort.id, staff, learners, leaders: state.leaders, pairs, classmates, permissions: atelierPermissions(o.actor, cohort, rel) };
}

function enrolledIn(state: Pick<TAtelierState, 'learners'>, id: string) {
  return state.learners.some((l) => l.id === id);
}

export async function declareWish(o: {
  db: TDb;
  actor: TActor;
  audit: TAuditActor;
  cohortId: string;
  now: Date;
  input: { learnerId?: string; wishedLeaderId: string | null; wishedTheme: string | null };
}) {
  const learnerId = o.input.learnerId ?? o.actor.userId;
  await o.db.transaction(async (tx) => {
    await getCohortFor(tx, o.actor, o.cohortId, (a, c, r) => canDeclareWish(a, c, r, learnerId));
    const state = await loadAtelierState(tx, o.cohortId);
    if (!enrolledIn(state, learnerId)) throw validationError([{ path: 'learnerId', message: 'Cette personne n’est pas inscrite dans la promotion.' }]);
    if (o.input.wishedLeaderId && !state.leaders.some((l) => l.id === o.input.wishedLeaderId))
      throw validationError([{ path: 'wishedLeaderId', message: 'Choisissez un·e enseignant·e de la promotion.' }]);
    const values = { wishedLeaderId: o.input.wishedLeaderId || null, wishedTheme: o.input.wishedTheme || null, updatedBy: o.actor.userId, updatedAt: o.now };
    await tx
      .insert(atelierWishes)
      .values({ cohortId: o.cohortId, learnerId, ...values })
      .onConflictDoUpdate({ target: [atelierWishes.cohortId, atelierWishes.learnerId], set: values });
    await recordAudit(tx, o.audit, { action: 'atelier.declared', entityType: 'atelier', entityId: o.cohortId, after: { wish: { learnerId, ...values, updatedAt: undefined } } });
  });
  return getDeclarations({ db: o.db, actor: o.actor, cohortId: o.cohortId });
}

const PAIR_EXISTS = () => conflict('Ces deux auditeur·rices font déjà l’objet d’une déclaration : retirez-la d’abord.');

export async function declarePair(o: {
  db: TDb;
  actor: TActor;
  audit: TAuditActor;
  cohortId: string;
  now: Date;
  input: { kind: TAtelierPairKind; learnerIds: [string, string]; reason: string | null };
}) {
  const [x, y] = o.input.learnerIds;
  if (x === y) throw validationError([{ path: 'learnerIds', message: 'Une paire réunit deux auditeur·rices différent·es.' }]);
  const [learnerA, learnerB] = x < y ? [x, y] : [y, x];
  await refusingWith(UNIQUE_VIOLATION, PAIR_EXISTS, () =>
    o.db.transaction(async (tx) => {
      await getCohortFor(tx, o.actor, o.cohortId, (a, c, r) => canDeclarePair(a, c, r, { kind: o.input.kind, learnerA, learnerB }));
      const state = await loadAtelierState(tx, o.cohortId);
      o.input.learnerIds.forEach((id, i) => {
        if (!enrolledIn(state, id)) throw validationError([{ path: `learnerIds.${i}`, message: 'Cette personne n’est pas inscrite dans la promotion.' }]);
      });
      if (state.pairs.some((p) => p.learnerA === learnerA && p.learnerB === learnerB)) throw PAIR_EXISTS();
      const [row] = await tx
        .insert(atelierPairs)
        .values({ cohortId: o.cohortId, kind: o.input.kind, learnerA, learnerB, reason: o.input.reason || null, declaredBy: o.actor.userId, createdAt: o.now })
        .returning();
      await recordAudit(tx, o.audit, { action: 'atelier.declared', entityType: 'atelier', entityId: o.cohortId, after: { pair: { id: row!.id, kind: o.input.kind, learnerA, learnerB } } });
    }),
  );
  return getDeclarations({ db: o.db, actor: o.actor, cohortId: o.cohortId });
}

export async function withdrawPair(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string }) {
  const cohortId = await o.db.transaction(async (tx) => {
    const [pair] = await tx.select().from(atelierPairs).where(eq(atelierPairs.id, o.id)).for('update');
    if (!pair) throw notFound('Déclaration introuvable.');
    await getCohortFor(tx, o.actor, pair.cohortId, (a, c, r) => canDeclarePair(a, c, r, pair));
    await tx.delete(atelierPairs).where(eq(atelierPairs.id, pair.id));
    await recordAudit(tx, o.audit, { action: 'atelier.declared', entityType: 'atelier', entityId: pair.cohortId, before: { pair: { id: pair.id, kind: pair.kind, learnerA: pair.learnerA, learnerB: pair.learnerB } } });
    return pair.cohortId;
  });
  return getDeclarations({ db: o.db, actor: o.actor, cohortId });
}

export async function declareLeader(o: {
  db: TDb;
  actor: TActor;
  audit: TAuditActor;
  cohortId: string;
  now: Date;
  input: { leaderId: string; maxGroups: number; themes: string[] };
}) {
  await o.db.transaction(async (tx) => {
    await getCohortFor(tx, o.actor, o.cohortId, canManageAteliers);
    const leaders = await availableLeaders(tx, o.cohortId);
    if (!leaders.some((l) => l.id === o.input.leaderId))
      throw validationError([{ path: 'leaderId', message: 'Choisissez un·e enseignant·e de la promotion (nommé·e dans son équipe ou intervenant dans ses séances).' }]);
    const themes = [...new Set(o.input.themes.map((t) => t.trim()).filter(Boolean))];
    const values = { maxGroups: o.input.maxGroups, themes, updatedBy: o.actor.userId, updatedAt: o.now };
    await tx
      .insert(atelierLeaders)
      .values({ cohortId: o.cohortId, leaderId: o.input.leaderId, ...values })
      .onConflictDoUpdate({ target: [atelierLeaders.cohortId, atelierLeaders.leaderId], set: values });
    await recordAudit(tx, o.audit, { action: 'atelier.declared', entityType: 'atelier', entityId: o.cohortId, after: { leader: { leaderId: o.input.leaderId, maxGroups: o.input.maxGroups, themes } } });
  });
  return getDeclarations({ db: o.db, actor: o.actor, cohortId: o.cohortId });
}

// ---------------------------------------------------------------------------------------------------
// Proposals

/**
 * Asks for a proposal: the input is taken now (a snapshot: later declarations do not change it), then
 * a job solves it. A promotion the diagnosis already knows impossible is answered at once (status
 * « impossible », its French explanation), without a job.
 */
export async function requestProposal(o: { db: TDb; actor: TActor; audit: TAuditActor; cohortId: string; now: Date; timeLimitSeconds: number }) {
  const id = await o.db.transaction(async (tx) => {
    await getCohortFor(tx, o.actor, o.cohortId, canManageAteliers, { forUpdate: true });
    const state = await loadAtelierState(tx, o.cohortId);
    if (state.learners.length === 0) throw conflict('Aucun·e auditeur·rice n’est inscrit·e dans cette promotion : il n’y a pas de groupes à former.');
    const input = inputOf(state);
    const diagnosis = diagnoseGrouping(input);
    const base = { cohortId: o.cohortId, input, timeLimitSeconds: o.timeLimitSeconds, basedOnChanges: state.changes, requestedBy: o.actor.userId, requestedAt: o.now };
    let row: TProposalRow;
    if (diagnosis.length > 0) {
      const result: TGroupingResult = {
        status: 'infeasible',
        groups: [],
        objective: null,
        bound: null,
        gap: null,
        solveMs: 0,
        diagnosis,
        changes: [],
        wishes: { stay: { met: 0, of: 0 }, leader: { met: 0, of: 0 }, together: { met: 0, of: 0 }, theme: { met: 0, of: 0 } },
      };
      [row] = (await tx.insert(atelierProposals).values({ ...base, status: 'infeasible', result, solveMs: 0, finishedAt: o.now }).returning()) as [TProposalRow];
    } else {
      [row] = (await tx.insert(atelierProposals).values({ ...base, status: 'queued' }).returning()) as [TProposalRow];
      const jobId = await enqueueJob(tx, { kind: ATELIER_JOB_KIND, payload: { proposalId: row.id }, maxAttempts: 2 });
      await tx.update(atelierProposals).set({ jobId }).where(eq(atelierProposals.id, row.id));
    }
    await recordAudit(tx, o.audit, {
      action: 'atelier.proposal_requested',
      entityType: 'atelier',
      entityId: o.cohortId,
      after: { proposalId: row.id, timeLimitSeconds: o.timeLimitSeconds, learners: input.learners.length, leaders: input.leaders.length },
    });
    return row.id;
  });
  return getProposal({ db: o.db, actor: o.actor, id, now: o.now });
}

/** The job: solve the snapshot in a worker thread, store the result. Never retried for a refusal of the input. */
export async function runProposalJob(o: { db: TDb; proposalId: string; now: () => Date; solve: (input: TGroupingInput, seconds: number) => Promise<TGroupingResult> }) {
  const [proposal] = await o.db.select().from(atelierProposals).where(eq(atelierProposals.id, o.proposalId));
  if (!proposal) return { skipped: 'absent' };
  if (proposal.status !== 'queued' && proposal.status !== 'solving') return { skipped: proposal.status };
  await o.db.update(atelierProposals).set({ status: 'solving', startedAt: o.now() }).where(eq(atelierProposals.id, proposal.id));
  let result: TGroupingResult;
  try {
    result = await o.solve(proposal.input, proposal.timeLimitSeconds);
  } catch (error) {
    const message =
      error instanceof ZodError
        ? `Les déclarations ne forment pas une entrée valide : ${error.issues.map((i) => i.message).join(' ; ')}`
        : error instanceof RangeError
          ? error.message
          : `Le calcul a échoué : ${error instanceof Error ? error.message : String(error)}`;
    await o.db
      .update(atelierProposals)
      .set({ status: 'failed', error: message, finishedAt: o.now() })
      .where(and(eq(atelierProposals.id, proposal.id), eq(atelierProposals.status, 'solving')));
    return { status: 'failed' };
  }
  const status = result.status === 'optimal' || result.status === 'feasible' ? 'ready' : result.status === 'infeasible' ? 'infeasible' : 'failed';
  await o.db
    .update(atelierProposals)
    .set({
      status,
      result,
      objective: result.objective,
      bound: result.bound,
      gap: result.gap,
      solveMs: Math.round(result.solveMs),
      error: status === 'failed' ? 'Le temps de calcul s’est écoulé avant qu’un regroupement soit trouvé : relancez avec une limite plus longue.' : null,
      finishedAt: o.now(),
    })
    .where(and(eq(atelierProposals.id, proposal.id), eq(atelierProposals.status, 'solving')));
  return { status, objective: result.objective, gap: result.gap };
}

async function loadProposalFor(db: TDbOrTx, actor: TActor, id: string, forUpdate = false) {
  const query = db.select().from(atelierProposals).where(eq(atelierProposals.id, id));
  const [proposal] = forUpdate ? await query.for('update') : await query;
  if (!proposal) throw notFound('Proposition introuvable.');
  return proposal;
}

/** The proposal as staff read it: progress while it runs, then objective, bound, gap, time, the groups and who changes group. */
async function presentProposal(db: TDbOrTx, p: TProposalRow, now: Date) {
  const input = p.input;
  const result = p.result;
  const current = await currentGroups(db, p.cohortId);
  const numberOf = new Map(current.map((g) => [g.id, g.number]));
  // The groups as they were when the proposal was taken (its input), to say who changes group.
  const previous = new Map(input.previousGroups.flatMap((g) => g.memberIds.map((m) => [m, g.id] as const)));
  const previousNumber = (groupId: string | undefined) => (groupId ? (numberOf.get(groupId) ?? null) : null);
  const names = await namesOf(db, [p.requestedBy, p.acceptedBy, ...input.learners.map((l) => l.id), ...input.leaders.map((l) => l.id)]);
  let job: { status: string; attempts: number } | null = null;
  if (p.jobId && (p.status === 'queued' || p.status === 'solving')) {
    const [j] = await db.select({ status: jobs.status, attempts: jobs.attempts }).from(jobs).where(eq(jobs.id, p.jobId));
    job = j ?? null;
  }
  const elapsedSeconds = p.startedAt ? Math.max(0, (now.getTime() - p.startedAt.getTime()) / 1000) : 0;
  const groups = (result?.groups ?? []).map((g, i) => ({
    index: i + 1,
    continuesNumber: g.previousGroupId ? previousNumber(g.previousGroupId) : null,
    leader: person(names, g.leaderId),
    members: g.memberIds
      .map((m) => {
        const before = previous.get(m);
        const changed = before !== undefined && before !== g.previousGroupId;
        return { ...person(names, m), changed, fromNumber: changed ? previousNumber(before) : null, isNew: before === undefined };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  }));
  return {
    id: p.id,
    cohortId: p.cohortId,
    status: p.status,
    statusLabel: ATELIER_PROPOSAL_STATUS_LABELS[p.status],
    requestedAt: p.requestedAt.toISOString(),
    requestedBy: person(names, p.requestedBy),
    timeLimitSeconds: p.timeLimitSeconds,
    learners: input.learners.length,
    leaders: input.leaders.length,
    progress:
      p.status === 'queued' || p.status === 'solving'
        ? { jobStatus: job?.status ?? null, elapsedSeconds: Math.round(elapsedSeconds), fraction: Math.min(0.99, elapsedSeconds / p.timeLimitSeconds) }
        : null,
    solverStatus: result?.status ?? null,
    objective: p.objective,
    bound: p.bound,
    gap: p.gap,
    solveMs: p.solveMs,
    diagnosis: result?.diagnosis ?? [],
    error: p.error,
    groups,
    changes: groups.flatMap((g) => g.members.filter((m) => m.changed).map((m) => ({ learner: { id: m.id, name: m.name }, fromNumber: m.fromNumber, toIndex: g.index }))),
    wishes: result?.wishes ?? null,
    acceptedAt: p.acceptedAt?.toISOString() ?? null,
    acceptedBy: p.acceptedBy ? person(names, p.acceptedBy) : null,
  };
}

export async function getProposal(o: { db: TDbOrTx; actor: TActor; id: string; now: Date }) {
  const p = await loadProposalFor(o.db, o.actor, o.id);
  const { cohort, rel } = await getCohortFor(o.db, o.actor, p.cohortId, canManageAteliers);
  return { ...(await presentProposal(o.db, p, o.now)), permissions: atelierPermissions(o.actor, cohort, rel) };
}

export async function listProposals(o: { db: TDbOrTx; actor: TActor; cohortId: string; page: number; pageSize: number }) {
  await getCohortFor(o.db, o.actor, o.cohortId, canManageAteliers);
  const where = eq(atelierProposals.cohortId, o.cohortId);
  const [total] = await o.db.select({ n: count() }).from(atelierProposals).where(where);
  const rows = await o.db
    .select()
    .from(atelierProposals)
    .where(where)
    .orderBy(desc(atelierProposals.requestedAt), desc(atelierProposals.id))
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize);
  const names = await namesOf(o.db, rows.map((r) => r.requestedBy));
  return {
    items: rows.map((p) => ({
      id: p.id,
      status: p.status,
      statusLabel: ATELIER_PROPOSAL_STATUS_LABELS[p.status],
      requestedAt: p.requestedAt.toISOString(),
      requestedBy: person(names, p.requestedBy),
      objective: p.objective,
      gap: p.gap,
      solveMs: p.solveMs,
    })),
    total: Number(total?.n ?? 0),
    page: o.page,
    pageSize: o.pageSize,
  };
}

/**
 * Accepting a proposal: the promotion's row and its current groups are locked; the proposal must be
 * ready and computed on the groups as they still are. Groups it continues keep their number; new ones
 * get the next numbers; groups it does not continue end. Every learner whose group changes gets a
 * dated, attributed event with the reason.
 */
export async function acceptProposal(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; now: Date; reason: string }) {
  const cohortId = await o.db.transaction(async (tx) => {
    const head = await loadProposalFor(tx, o.actor, o.id);
    const { cohort } = await getCohortFor(tx, o.actor, head.cohortId, canAcceptProposal, { forUpdate: true });
    const groups = await currentGroups(tx, cohort.id, true);
    const p = await loadProposalFor(tx, o.actor, o.id, true);
    if (p.status === 'accepted') throw conflict('Cette proposition vient d’être acceptée.');
    if (p.status !== 'ready') throw conflict(`Cette proposition ne peut pas être acceptée : elle est « ${ATELIER_PROPOSAL_STATUS_LABELS[p.status]} ».`);
    const [changes] = await tx.select({ n: count() }).from(atelierMembershipEvents).where(eq(atelierMembershipEvents.cohortId, cohort.id));
    if (Number(changes?.n ?? 0) !== p.basedOnChanges) throw conflict('Les groupes ont changé depuis cette proposition : demandez-en une nouvelle.');
    const accepted = await tx
      .update(atelierProposals)
      .set({ status: 'accepted', acceptedBy: o.actor.userId, acceptedAt: o.now })
      .where(and(eq(atelierProposals.id, p.id), eq(atelierProposals.status, 'ready')))
      .returning({ id: atelierProposals.id });
    if (accepted.length === 0) throw conflict('Cette proposition vient d’être acceptée.');
    await tx
      .update(atelierProposals)
      .set({ status: 'outdated' })
      .where(and(eq(atelierProposals.cohortId, cohort.id), ne(atelierProposals.id, p.id), inArray(atelierProposals.status, ['ready', 'queued', 'solving'])));

    const result = p.result!;
    const enrolled = new Set((await loadAtelierState(tx, cohort.id)).learners.map((l) => l.id));
    const active = new Map(groups.map((g) => [g.id, g]));
    const [maxRow] = await tx
      .select({ n: sql<number>`coalesce(max(${atelierGroups.number}), 0)` })
      .from(atelierGroups)
      .where(eq(atelierGroups.cohortId, cohort.id));
    let next = Number(maxRow?.n ?? 0);
    const target = new Map<string, string>();
    const kept = new Set<string>();
    for (const g of result.groups) {
      let groupId: string;
      const continued = g.previousGroupId ? active.get(g.previousGroupId) : undefined;
      if (continued && continued.leaderId === g.leaderId) {
        groupId = continued.id;
        kept.add(groupId);
      } else {
        const [row] = await tx
          .insert(atelierGroups)
          .values({ cohortId: cohort.id, number: ++next, leaderId: g.leaderId, proposalId: p.id, since: o.now })
          .returning({ id: atelierGroups.id });
        groupId = row!.id;
      }
      for (const m of g.memberIds) if (enrolled.has(m)) target.set(m, groupId);
    }
    const before = new Map(groups.flatMap((g) => g.members.map((m) => [m.learnerId, g.id] as const)));
    const reason = o.reason.trim() || 'Proposition de groupes acceptée.';
    const moved: { learnerId: string; from: string | null; to: string | null }[] = [];
    for (const [learnerId, to] of target) if (before.get(learnerId) !== to) moved.push({ learnerId, from: before.get(learnerId) ?? null, to });
    for (const [learnerId, from] of before) if (!target.has(learnerId)) moved.push({ learnerId, from, to: null });
    for (const m of moved) {
      if (m.from) await tx.delete(atelierMembers).where(and(eq(atelierMembers.cohortId, cohort.id), eq(atelierMembers.learnerId, m.learnerId)));
      if (m.to) await tx.insert(atelierMembers).values({ cohortId: cohort.id, learnerId: m.learnerId, groupId: m.to, since: o.now });
      await tx.insert(atelierMembershipEvents).values({
        cohortId: cohort.id,
        learnerId: m.learnerId,
        fromGroupId: m.from,
        toGroupId: m.to,
        kind: 'proposal',
        proposalId: p.id,
        reason,
        at: o.now,
        actorId: o.actor.userId,
        actorLabel: o.audit.label,
      });
    }
    const ended = groups.filter((g) => !kept.has(g.id)).map((g) => g.id);
    if (ended.length) await tx.update(atelierGroups).set({ endedAt: o.now }).where(inArray(atelierGroups.id, ended));
    await recordAudit(tx, o.audit, {
      action: 'atelier.proposal_accepted',
      entityType: 'atelier',
      entityId: cohort.id,
      after: { proposalId: p.id, groups: result.groups.length, changes: moved.length, endedGroups: ended.length, reason },
    });
    return cohort.id;
  });
  return getAteliers({ db: o.db, actor: o.actor, cohortId });
}

// ---------------------------------------------------------------------------------------------------
// Moves by hand

async function analyse(db: TDbOrTx, cohortId: string, learnerId: string, toGroupId: string, groupsForUpdate = false) {
  const groups = await currentGroups(db, cohortId, groupsForUpdate);
  const state = await loadAtelierState(db, cohortId);
  if (!enrolledIn(state, learnerId)) throw validationError([{ path: 'learnerId', message: 'Cette personne n’est pas inscrite dans la promotion.' }]);
  const to = groups.find((g) => g.id === toGroupId);
  if (!to) throw validationError([{ path: 'toGroupId', message: 'Ce groupe n’est pas un groupe actuel de la promotion.' }]);
  if (to.members.some((m) => m.learnerId === learnerId)) throw conflict('Cette personne est déjà dans ce groupe.');
  const current: TCurrentGroup[] = groups.map((g) => ({ id: g.id, number: g.number, leaderId: g.leaderId, memberIds: g.members.map((m) => m.learnerId) }));
  const input = inputOf({ ...state, groups });
  return { analysis: analyseMove(input, current, learnerId, toGroupId), groups, to, state };
}

export async function previewMove(o: { db: TDbOrTx; actor: TActor; cohortId: string; learnerId: string; toGroupId: string }) {
  await getCohortFor(o.db, o.actor, o.cohortId, (a, c, r) => canMoveLearner(a, c, r, o.learnerId));
  const { analysis, groups, to } = await analyse(o.db, o.cohortId, o.learnerId, o.toGroupId);
  const from = groups.find((g) => g.id === analysis.fromGroupId);
  return { ...analysis, fromNumber: from?.number ?? null, toNumber: to.number };
}

/**
 * Moving a learner by hand, with a reason. A move that breaks a « ne doivent pas être ensemble »
 * constraint is refused; one that leaves a group outside 5–6 or breaks wishes needs `confirm: true`
 * (without it: a 409 listing them, nothing written).
 */
export async function moveLearner(o: {
  db: TDb;
  actor: TActor;
  audit: TAuditActor;
  cohortId: string;
  now: Date;
  input: { learnerId: string; toGroupId: string; reason: string; confirm: boolean };
}) {
  const reason = o.input.reason.trim();
  if (!reason) throw validationError([{ path: 'reason', message: 'Indiquez le motif du changement de groupe.' }]);
  await o.db.transaction(async (tx) => {
    await getCohortFor(tx, o.actor, o.cohortId, (a, c, r) => canMoveLearner(a, c, r, o.input.learnerId), { forUpdate: true });
    const { analysis, to } = await analyse(tx, o.cohortId, o.input.learnerId, o.input.toGroupId, true);
    if (analysis.blocking.length) throw conflict('Ce changement de groupe enfreint une contrainte : il est refusé.', analysis.blocking.map((message) => ({ path: 'toGroupId', message })));
    const warnings = [...analysis.constraints, ...analysis.wishes];
    if (warnings.length && !o.input.confirm)
      throw conflict('Ce changement de groupe rompt des vœux ou la taille des groupes : confirmez-le.', warnings.map((message) => ({ path: 'confirm', message })));
    if (analysis.fromGroupId) await tx.delete(atelierMembers).where(and(eq(atelierMembers.cohortId, o.cohortId), eq(atelierMembers.learnerId, o.input.learnerId)));
    await tx.insert(atelierMembers).values({ cohortId: o.cohortId, learnerId: o.input.learnerId, groupId: to.id, since: o.now });
    await tx.insert(atelierMembershipEvents).values({
      cohortId: o.cohortId,
      learnerId: o.input.learnerId,
      fromGroupId: analysis.fromGroupId,
      toGroupId: to.id,
      kind: 'manual',
      proposalId: null,
      reason,
      at: o.now,
      actorId: o.actor.userId,
      actorLabel: o.audit.label,
    });
    // Proposals computed on the groups before this move no longer apply.
    await tx
      .update(atelierProposals)
      .set({ status: 'outdated' })
      .where(and(eq(atelierProposals.cohortId, o.cohortId), eq(atelierProposals.status, 'ready')));
    await recordAudit(tx, o.audit, {
      action: 'atelier.learner_moved',
      entityType: 'atelier',
      entityId: o.cohortId,
      after: { learnerId: o.input.learnerId, fromGroupId: analysis.fromGroupId, toGroupId: to.id, reason, confirmed: warnings },
    });
  });
  return getAteliers({ db: o.db, actor: o.actor, cohortId: o.cohortId });
}

/** The history of changes of group, newest first (staff). */
export async function listChanges(o: { db: TDbOrTx; actor: TActor; cohortId: string; page: number; pageSize: number }) {
  await getCohortFor(o.db, o.actor, o.cohortId, canManageAteliers);
  const where = eq(atelierMembershipEvents.cohortId, o.cohortId);
  const [total] = await o.db.select({ n: count() }).from(atelierMembershipEvents).where(where);
  const rows = await o.db
    .select()
    .from(atelierMembershipEvents)
    .where(where)
    .orderBy(desc(atelierMembershipEvents.chainSeq))
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize);
  const groupIds = [...new Set(rows.flatMap((r) => [r.fromGroupId, r.toGroupId]).filter((id): id is string => Boolean(id)))];
  const numbers = groupIds.length ? await o.db.select({ id: atelierGroups.id, number: atelierGroups.number }).from(atelierGroups).where(inArray(atelierGroups.id, groupIds)) : [];
  const numberOf = new Map(numbers.map((g) => [g.id, g.number]));
  const names = await namesOf(o.db, rows.flatMap((r) => [r.learnerId, r.actorId]));
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      learner: person(names, r.learnerId),
      fromNumber: r.fromGroupId ? (numberOf.get(r.fromGroupId) ?? null) : null,
      toNumber: r.toGroupId ? (numberOf.get(r.toGroupId) ?? null) : null,
      kind: r.kind,
      reason: r.reason,
      actor: { id: r.actorId, name: names.get(r.actorId) ?? r.actorLabel },
    })),
    total: Number(total?.n ?? 0),
    page: o.page,
    pageSize: o.pageSize,
  };
}

export type { TCohortRow, TCohortRelation };
