/**
 * Juries (decision 026): the registry of people who may sit, a promotion's juries, their seats and
 * cases, the composition checked against the version's rule for the whole jury and for each case, the
 * act of constituting it (refused while anything is missing), and the jury member's own space.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { refusingWith, UNIQUE_VIOLATION } from '../../db/errors.js';
import { conflict, notFound, validationError } from '../../http/errors.js';
import { getCohortFor, loadCohortRow } from '../../policies/cohort-access.js';
import { enforce } from '../../policies/decision.js';
import { canManageJuries, canManageJuryMembers, canReadJuryCase } from '../../policies/juries.policy.js';
import { authorize, type TActor } from '../../policies/policies.js';
import { CONFLICT_NATURE_LABELS, type TConflictNature, type TJuryMemberKind, type TJuryRoute, type TSupervisorRule } from '../../shared/vocabulary/juries.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { users } from '../auth/auth.tables.js';
import { cohortLearners, cohorts } from '../cohorts/cohorts.tables.js';
import { conflictDeclarations } from '../conflicts/conflicts.tables.js';
import { finalDepositOf, streamFinalDeposit } from '../memoire/memoire.service.js';
import { theses } from '../memoire/memoire.tables.js';
import { certificationVersions } from '../referentiel/referentiel.tables.js';
import { createUser } from '../users/users.service.js';
import { checkCase, checkComposition, compositionFor, type TSeat } from './juries.rules.js';
import { juries, juryCases, juryMembers, jurySeats } from './juries.tables.js';

type TJuryRow = typeof juries.$inferSelect;

// ——— The registry of people who may sit ———

export async function findJuryMembers(o: { db: TDbOrTx; actor: TActor }) {
  enforce(canManageJuryMembers(o.actor));
  const rows = await o.db
    .select({ userId: juryMembers.userId, name: users.name, email: users.email, kind: juryMembers.kind, organisation: juryMembers.organisation, representsResponsable: juryMembers.representsResponsable })
    .from(juryMembers)
    .innerJoin(users, eq(users.id, juryMembers.userId))
    .orderBy(asc(users.name));
  return rows;
}

export type TJuryMemberInput = { kind: TJuryMemberKind; organisation: string | null; representsResponsable: boolean };

/** Lists an existing account as someone who may sit (or updates their kind and organisation). */
export async function upsertJuryMember(o: { db: TDb; actor: TActor; audit: TAuditActor; userId: string; input: TJuryMemberInput; now: Date }) {
  enforce(canManageJuryMembers(o.actor));
  return o.db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, o.userId));
    if (!user) throw validationError([{ path: 'userId', message: 'Ce compte n’existe pas.' }]);
    const values = { kind: o.input.kind, organisation: o.input.organisation?.trim() || null, representsResponsable: o.input.representsResponsable && o.input.kind === 'cnam_teacher', updatedAt: o.now };
    await tx
      .insert(juryMembers)
      .values({ userId: o.userId, ...values, createdAt: o.now, createdBy: o.actor.userId })
      .onConflictDoUpdate({ target: juryMembers.userId, set: values });
    await recordAudit(tx, o.audit, { action: 'jury_member.listed', entityType: 'user', entityId: o.userId, after: values });
    return (await findJuryMembersIn(tx, [o.userId]))[0]!;
  });
}

/** An external professional gets an account with the jury role, by invitation (the e-mail goes once this commits). */
export async function inviteJuryMember(o: { db: TDb; actor: TActor; audit: TAuditActor; input: TJuryMemberInput & { name: string; email: string }; now: Date }) {
  enforce(canManageJuryMembers(o.actor));
  return o.db.transaction(async (tx) => {
    const user = await createUser({ db: tx, actor: o.audit, input: { name: o.input.name, email: o.input.email, roles: ['jury'], centreIds: [] } });
    const values = { kind: o.input.kind, organisation: o.input.organisation?.trim() || null, representsResponsable: false, updatedAt: o.now };
    await tx.insert(juryMembers).values({ userId: user.id, ...values, createdAt: o.now, createdBy: o.actor.userId });
    await recordAudit(tx, o.audit, { action: 'jury_member.invited', entityType: 'user', entityId: user.id, after: { ...values, email: user.email } });
    return (await findJuryMembersIn(tx, [user.id]))[0]!;
  });
}

async function findJuryMembersIn(db: TDbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ userId: juryMembers.userId, name: users.name, email: users.email, kind: juryMembers.kind, organisation: juryMembers.organisation, representsResponsable: juryMembers.representsResponsable })
    .from(juryMembers)
    .innerJoin(users, eq(users.id, juryMembers.userId))
    .where(inArray(juryMembers.userId, ids));
}

// ——— A promotion's juries ———

async function versionOf(db: TDbOrTx, cohortId: string) {
  const [row] = await db
    .select({ code: certificationVersions.code, document: certificationVersions.document })
    .from(cohorts)
    .innerJoin(certificationVersions, eq(certificationVersions.id, cohorts.certificationVersionId))
    .where(eq(cohorts.id, cohortId));
  return row!;
}

async function juryFor(db: TDbOrTx, actor: TActor, id: string, forUpdate = false) {
  const query = db.select().from(juries).where(eq(juries.id, id));
  const [jury] = forUpdate ? await query.for('update') : await query;
  if (!jury) throw notFound('Jury introuvable.');
  const { cohort, rel } = await getCohortFor(db, actor, jury.cohortId, canManageJuries);
  return { jury, cohort, rel };
}

export async function findCohortJuries(o: { db: TDbOrTx; actor: TActor; cohortId: string }) {
  await getCohortFor(o.db, o.actor, o.cohortId, canManageJuries);
  const rows = await o.db.select().from(juries).where(eq(juries.cohortId, o.cohortId)).orderBy(asc(juries.createdAt), asc(juries.label));
  return Promise.all(rows.map((j) => presentJury(o.db, j)));
}

export async function createJury(o: { db: TDb; actor: TActor; audit: TAuditActor; cohortId: string; input: { label: string; route: TJuryRoute; supervisorRule: TSupervisorRule }; now: Date }) {
  return o.db.transaction(async (tx) => {
    await getCohortFor(tx, o.actor, o.cohortId, canManageJuries);
    const version = await versionOf(tx, o.cohortId);
    if (!compositionFor(version.document, o.input.route)) {
      throw validationError([{ path: 'route', message: `La version ${version.code} ne décrit pas la composition d’un jury pour cette voie.` }]);
    }
    const [row] = await tx
      .insert(juries)
      .values({ cohortId: o.cohortId, label: o.input.label.trim(), route: o.input.route, supervisorRule: o.input.supervisorRule, createdAt: o.now, createdBy: o.actor.userId, updatedAt: o.now })
      .returning();
    await recordAudit(tx, o.audit, { action: 'jury.created', entityType: 'jury', entityId: row!.id, after: o.input });
    return presentJury(tx, row!);
  });
}

export async function getJury(o: { db: TDbOrTx; actor: TActor; id: string }) {
  const { jury } = await juryFor(o.db, o.actor, o.id);
  return presentJury(o.db, jury);
}

export async function updateJury(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; patch: { label?: string; supervisorRule?: TSupervisorRule }; now: Date }) {
  return o.db.transaction(async (tx) => {
    const { jury } = await juryFor(tx, o.actor, o.id, true);
    const set = { ...(o.patch.label !== undefined ? { label: o.patch.label.trim() } : {}), ...(o.patch.supervisorRule ? { supervisorRule: o.patch.supervisorRule } : {}), updatedAt: o.now, constitutedAt: null, constitutedBy: null };
    const [row] = await tx.update(juries).set(set).where(eq(juries.id, jury.id)).returning();
    await recordAudit(tx, o.audit, { action: 'jury.updated', entityType: 'jury', entityId: jury.id, before: { label: jury.label, supervisorRule: jury.supervisorRule }, after: o.patch });
    return presentJury(tx, row!);
  });
}

/** Seats a listed member; the kind is the one they have now, kept as it was when seated. */
export async function addSeat(o: { db: TDb; actor: TActor; audit: TAuditActor; juryId: string; userId: string; president: boolean; now: Date }) {
  return refusingWith(UNIQUE_VIOLATION, () => conflict('Cette personne siège déjà dans ce jury.', [{ path: 'userId', message: 'Cette personne siège déjà dans ce jury.' }]), () =>
    o.db.transaction(async (tx) => {
      const { jury } = await juryFor(tx, o.actor, o.juryId, true);
      if (o.userId === o.actor.userId) {
        const [ownCase] = await tx.select({ id: juryCases.id }).from(juryCases).where(and(eq(juryCases.juryId, jury.id), eq(juryCases.learnerId, o.userId)));
        if (ownCase) throw validationError([{ path: 'userId', message: 'On ne siège pas dans un jury qui examine son propre dossier.' }]);
      }
      const [member] = await tx.select().from(juryMembers).where(eq(juryMembers.userId, o.userId));
      if (!member) throw validationError([{ path: 'userId', message: 'Cette personne n’est pas dans la liste des membres de jury : ajoutez-la d’abord.' }]);
      const [caseOfTheirs] = await tx.select({ id: juryCases.id }).from(juryCases).where(and(eq(juryCases.juryId, jury.id), eq(juryCases.learnerId, o.userId)));
      if (caseOfTheirs) throw validationError([{ path: 'userId', message: 'Ce jury examine le dossier de cette personne : elle ne peut pas y siéger.' }]);
      if (o.president) await tx.update(jurySeats).set({ president: false }).where(eq(jurySeats.juryId, jury.id));
      await tx.insert(jurySeats).values({ juryId: jury.id, userId: o.userId, kind: member.kind, representsResponsable: member.representsResponsable, president: o.president, addedAt: o.now });
      await tx.update(juries).set({ updatedAt: o.now, constitutedAt: null, constitutedBy: null }).where(eq(juries.id, jury.id));
      await recordAudit(tx, o.audit, { action: 'jury.seat_added', entityType: 'jury', entityId: jury.id, after: { userId: o.userId, kind: member.kind, president: o.president } });
      return presentJury(tx, (await tx.select().from(juries).where(eq(juries.id, jury.id)))[0]!);
    }),
  );
}

export async function removeSeat(o: { db: TDb; actor: TActor; audit: TAuditActor; juryId: string; userId: string; now: Date }) {
  return o.db.transaction(async (tx) => {
    const { jury } = await juryFor(tx, o.actor, o.juryId, true);
    const removed = await tx.delete(jurySeats).where(and(eq(jurySeats.juryId, jury.id), eq(jurySeats.userId, o.userId))).returning();
    if (!removed.length) throw notFound('Cette personne ne siège pas dans ce jury.');
    await tx.update(juries).set({ updatedAt: o.now, constitutedAt: null, constitutedBy: null }).where(eq(juries.id, jury.id));
    await recordAudit(tx, o.audit, { action: 'jury.seat_removed', entityType: 'jury', entityId: jury.id, before: { userId: o.userId } });
    return presentJury(tx, (await tx.select().from(juries).where(eq(juries.id, jury.id)))[0]!);
  });
}

export async function addCase(o: { db: TDb; actor: TActor; audit: TAuditActor; juryId: string; learnerId: string; now: Date }) {
  return refusingWith(UNIQUE_VIOLATION, () => conflict('Ce dossier est déjà confié à ce jury.', [{ path: 'learnerId', message: 'Ce dossier est déjà confié à ce jury.' }]), () =>
    o.db.transaction(async (tx) => {
      const { jury } = await juryFor(tx, o.actor, o.juryId, true);
      const [enrolled] = await tx.select({ id: cohortLearners.id }).from(cohortLearners).where(and(eq(cohortLearners.cohortId, jury.cohortId), eq(cohortLearners.userId, o.learnerId)));
      if (!enrolled) throw validationError([{ path: 'learnerId', message: 'Cette personne n’est pas inscrite dans la promotion.' }]);
      const [seated] = await tx.select({ id: jurySeats.id }).from(jurySeats).where(and(eq(jurySeats.juryId, jury.id), eq(jurySeats.userId, o.learnerId)));
      if (seated) throw validationError([{ path: 'learnerId', message: 'Cette personne siège dans ce jury : son dossier va à un autre jury.' }]);
      await tx.insert(juryCases).values({ juryId: jury.id, learnerId: o.learnerId, addedAt: o.now });
      await tx.update(juries).set({ updatedAt: o.now, constitutedAt: null, constitutedBy: null }).where(eq(juries.id, jury.id));
      await recordAudit(tx, o.audit, { action: 'jury.case_added', entityType: 'jury', entityId: jury.id, after: { learnerId: o.learnerId } });
      return presentJury(tx, (await tx.select().from(juries).where(eq(juries.id, jury.id)))[0]!);
    }),
  );
}

export async function removeCase(o: { db: TDb; actor: TActor; audit: TAuditActor; juryId: string; learnerId: string; now: Date }) {
  return o.db.transaction(async (tx) => {
    const { jury } = await juryFor(tx, o.actor, o.juryId, true);
    const removed = await tx.delete(juryCases).where(and(eq(juryCases.juryId, jury.id), eq(juryCases.learnerId, o.learnerId))).returning();
    if (!removed.length) throw notFound('Ce dossier n’est pas confié à ce jury.');
    await tx.update(juries).set({ updatedAt: o.now, constitutedAt: null, constitutedBy: null }).where(eq(juries.id, jury.id));
    await recordAudit(tx, o.audit, { action: 'jury.case_removed', entityType: 'jury', entityId: jury.id, before: { learnerId: o.learnerId } });
    return presentJury(tx, (await tx.select().from(juries).where(eq(juries.id, jury.id)))[0]!);
  });
}

/** A member's declared conflict with a learner of the promotion, recorded by the team on their word. */
export async function declareMemberConflict(o: { db: TDb; actor: TActor; audit: TAuditActor; juryId: string; userId: string; learnerId: string; nature: TConflictNature; note: string; now: Date }) {
  return refusingWith(UNIQUE_VIOLATION, () => conflict('Ce conflit d’intérêts est déjà déclaré.'), () =>
    o.db.transaction(async (tx) => {
      const { jury } = await juryFor(tx, o.actor, o.juryId, true);
      const [enrolled] = await tx.select({ id: cohortLearners.id }).from(cohortLearners).where(and(eq(cohortLearners.cohortId, jury.cohortId), eq(cohortLearners.userId, o.learnerId)));
      if (!enrolled) throw validationError([{ path: 'learnerId', message: 'Cette personne n’est pas inscrite dans la promotion.' }]);
      const [member] = await tx.select({ userId: juryMembers.userId }).from(juryMembers).where(eq(juryMembers.userId, o.userId));
      if (!member) throw validationError([{ path: 'userId', message: 'Cette personne n’est pas dans la liste des membres de jury.' }]);
      const reason = [CONFLICT_NATURE_LABELS[o.nature], o.note.trim()].filter(Boolean).join(' — ');
      await tx.insert(conflictDeclarations).values({ declarantId: o.userId, subjectUserId: o.learnerId, reason, declaredAt: o.now });
      await tx.update(juries).set({ updatedAt: o.now, constitutedAt: null, constitutedBy: null }).where(eq(juries.id, jury.id));
      await recordAudit(tx, o.audit, { action: 'jury.conflict_declared', entityType: 'jury', entityId: jury.id, after: { userId: o.userId, learnerId: o.learnerId, nature: o.nature } });
      return presentJury(tx, (await tx.select().from(juries).where(eq(juries.id, jury.id)))[0]!);
    }),
  );
}

/** Constitutes the jury: refused (422, naming what is missing) while the jury or any case falls short of the rule. */
export async function constituteJury(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; now: Date }) {
  return o.db.transaction(async (tx) => {
    const { jury } = await juryFor(tx, o.actor, o.id, true);
    const view = await presentJury(tx, jury);
    const issues = [
      // A gap of the whole jury is a gap of every case; a surplus is judged per case, on who votes there (a
      // supervisor sitting without a vote, a conflicted member, are seated beside the voting bench).
      ...view.composition.problems.filter((p) => p.type !== 'surplus').map((p) => ({ path: 'seats', message: `Jury incomplet : ${p.message}.` })),
      ...view.cases.filter((c) => !c.valid).flatMap((c) => c.problems.map((p) => ({ path: 'cases', message: `Dossier de ${c.learner.name} : ${p.message}${c.excluded.length ? ` (${c.excluded.map((e) => e.message).join(' ; ')})` : ''}.` }))),
    ];
    if (!view.cases.length) issues.push({ path: 'cases', message: 'Confiez au moins un dossier à ce jury.' });
    if (!view.seats.some((s) => s.president)) issues.push({ path: 'seats', message: 'Désignez la présidence du jury.' });
    if (issues.length) throw validationError(issues, `Ce jury ne peut pas être constitué : ${issues[0]!.message}`);
    const [row] = await tx.update(juries).set({ constitutedAt: o.now, constitutedBy: o.actor.userId, updatedAt: o.now }).where(eq(juries.id, jury.id)).returning();
    await recordAudit(tx, o.audit, { action: 'jury.constituted', entityType: 'jury', entityId: jury.id, after: { seats: view.seats.map((s) => s.userId), cases: view.cases.map((c) => c.learner.id) } });
    return presentJury(tx, row!);
  });
}

async function conflictsAmong(db: TDbOrTx, memberIds: string[], learnerIds: string[]) {
  if (!memberIds.length || !learnerIds.length) return [];
  return db
    .select({ declarantId: conflictDeclarations.declarantId, subjectUserId: conflictDeclarations.subjectUserId })
    .from(conflictDeclarations)
    .where(and(inArray(conflictDeclarations.declarantId, memberIds), inArray(conflictDeclarations.subjectUserId, learnerIds)));
}

export async function presentJury(db: TDbOrTx, jury: TJuryRow) {
  const version = await versionOf(db, jury.cohortId);
  const rule = compositionFor(version.document, jury.route)!;
  const seatRows = await db
    .select({ userId: jurySeats.userId, name: users.name, kind: jurySeats.kind, representsResponsable: jurySeats.representsResponsable, president: jurySeats.president, organisation: juryMembers.organisation })
    .from(jurySeats)
    .innerJoin(users, eq(users.id, jurySeats.userId))
    .leftJoin(juryMembers, eq(juryMembers.userId, jurySeats.userId))
    .where(eq(jurySeats.juryId, jury.id))
    .orderBy(asc(users.name));
  const caseRows = await db
    .select({ id: juryCases.id, learnerId: juryCases.learnerId, name: users.name, thesisId: theses.id, supervisorId: theses.supervisorId, title: theses.title })
    .from(juryCases)
    .innerJoin(users, eq(users.id, juryCases.learnerId))
    .leftJoin(theses, and(eq(theses.learnerId, juryCases.learnerId), eq(theses.cohortId, jury.cohortId)))
    .where(eq(juryCases.juryId, jury.id))
    .orderBy(asc(users.name));
  const conflicts = await conflictsAmong(db, seatRows.map((s) => s.userId), caseRows.map((c) => c.learnerId));
  const seats: TSeat[] = seatRows.map((s) => ({ userId: s.userId, name: s.name, kind: s.kind, representsResponsable: s.representsResponsable }));
  const cases = await Promise.all(
    caseRows.map(async (c) => {
      const conflicted = new Set(conflicts.filter((x) => x.subjectUserId === c.learnerId).map((x) => x.declarantId));
      const check = checkCase(rule, seats, { learnerId: c.learnerId, supervisorId: c.supervisorId, conflictedUserIds: conflicted }, jury.supervisorRule);
      const deposit = c.thesisId ? await finalDepositOf(db, c.thesisId) : null;
      return {
        id: c.id,
        learner: { id: c.learnerId, name: c.name },
        thesisTitle: c.title,
        finalDeposit: deposit ? { at: deposit.at, pageCount: deposit.pageCount, sha256: deposit.sha256 } : null,
        valid: check.valid,
        problems: check.problems.map((p) => ({ type: p.type, kind: p.kind, message: p.message })),
        excluded: check.excluded.map((e) => ({ userId: e.userId, reason: e.reason, message: e.message })),
        voting: check.voting.map((s) => s.userId),
      };
    }),
  );
  const composition = checkComposition(rule, seats);
  return {
    id: jury.id,
    cohortId: jury.cohortId,
    label: jury.label,
    route: jury.route,
    supervisorRule: jury.supervisorRule,
    versionCode: version.code,
    rule: rule.members.map((m) => ({ kind: m.kind, count: m.count, label: m.label, mustInclude: m.mustInclude ?? [] })),
    seats: seatRows.map((s) => ({ userId: s.userId, name: s.name, kind: s.kind, organisation: s.organisation, representsResponsable: s.representsResponsable, president: s.president })),
    cases,
    composition: { valid: composition.valid, problems: composition.problems.map((p) => ({ type: p.type, kind: p.kind, message: p.message })) },
    constitutedAt: jury.constitutedAt?.toISOString() ?? null,
    updatedAt: jury.updatedAt.toISOString(),
  };
}

// ——— The jury member's own space ———

/** The juries the actor sits on, each with the cases they may open (the others say why not). */
export async function findMyJuries(o: { db: TDbOrTx; actor: TActor }) {
  authorize(o.actor, 'jury:sit');
  const mine = await o.db.select({ juryId: jurySeats.juryId }).from(jurySeats).where(eq(jurySeats.userId, o.actor.userId));
  if (!mine.length) return [];
  const rows = await o.db.select().from(juries).where(inArray(juries.id, mine.map((m) => m.juryId))).orderBy(asc(juries.createdAt));
  return Promise.all(
    rows.map(async (j) => {
      const cohort = await loadCohortRow(o.db, j.cohortId);
      const view = await presentJury(o.db, j);
      return {
        id: j.id,
        label: j.label,
        route: j.route,
        cohort: { id: cohort.id, name: cohort.name },
        constitutedAt: view.constitutedAt,
        seats: view.seats.map((s) => ({ name: s.name, kind: s.kind, president: s.president })),
        cases: view.cases.map((c) => {
          const excluded = c.excluded.find((e) => e.userId === o.actor.userId);
          return { id: c.id, learner: c.learner, thesisTitle: c.thesisTitle, finalDeposit: c.finalDeposit, open: !excluded, reason: excluded?.message ?? null, votes: c.voting.includes(o.actor.userId) };
        }),
      };
    }),
  );
}

async function caseFor(db: TDbOrTx, actor: TActor, caseId: string) {
  const [row] = await db.select({ c: juryCases, j: juries }).from(juryCases).innerJoin(juries, eq(juries.id, juryCases.juryId)).where(eq(juryCases.id, caseId));
  if (!row) throw notFound('Dossier introuvable.');
  const [seat] = await db.select({ id: jurySeats.id }).from(jurySeats).where(and(eq(jurySeats.juryId, row.j.id), eq(jurySeats.userId, actor.userId)));
  const [thesis] = await db.select().from(theses).where(and(eq(theses.learnerId, row.c.learnerId), eq(theses.cohortId, row.j.cohortId)));
  const [declared] = await db
    .select({ id: conflictDeclarations.id })
    .from(conflictDeclarations)
    .where(and(eq(conflictDeclarations.declarantId, actor.userId), eq(conflictDeclarations.subjectUserId, row.c.learnerId)));
  enforce(canReadJuryCase(actor, { seated: Boolean(seat), learnerId: row.c.learnerId, conflicted: Boolean(declared), supervisorId: thesis?.supervisorId ?? null, supervisorRule: row.j.supervisorRule }));
  return { jury: row.j, juryCase: row.c, thesis: thesis ?? null };
}

/** One case's file for a member who sits on it: the learner, their route, the mémoire and its final deposit. */
export async function getJuryCase(o: { db: TDbOrTx; actor: TActor; caseId: string }) {
  const { jury, juryCase, thesis } = await caseFor(o.db, o.actor, o.caseId);
  const cohort = await loadCohortRow(o.db, jury.cohortId);
  const [learner] = await o.db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, juryCase.learnerId));
  const deposit = thesis ? await finalDepositOf(o.db, thesis.id) : null;
  return {
    id: juryCase.id,
    jury: { id: jury.id, label: jury.label, route: jury.route },
    cohort: { id: cohort.id, name: cohort.name },
    learner: learner!,
    thesis: thesis ? { title: thesis.title, question: thesis.question, organisation: thesis.organisation, kind: thesis.kind, genre: thesis.genre, state: thesis.state } : null,
    finalDeposit: deposit ? { at: deposit.at, fileName: deposit.fileName, pageCount: deposit.pageCount, sha256: deposit.sha256, sizeBytes: deposit.sizeBytes, pageWarning: deposit.pageWarning } : null,
  };
}

/** The final mémoire of a case, streamed, for a member who sits on it. */
export async function downloadJuryCaseMemoire(o: { db: TDbOrTx; actor: TActor; caseId: string }) {
  const { thesis } = await caseFor(o.db, o.actor, o.caseId);
  const file = thesis ? await streamFinalDeposit(o.db, thesis.id) : null;
  if (!file) throw notFound('Aucun dépôt final pour ce dossier.');
  return file;
}
