/**
 * Use cases on accounts: create with roles and centres (the person receives an invitation to choose
 * their password), update, find. Authorization is the handler's.
 */
import { and, asc, desc, eq, ilike, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { hashPassword } from 'better-auth/crypto';
import { randomUUID } from 'node:crypto';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, notFound, validationError } from '../../http/errors.js';
import { enqueueInvitation } from '../accounts/accounts.service.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { accounts, sessions, userCentres, userRoles, users, type TRole } from '../auth/auth.tables.js';
import { centres } from '../centres/centres.tables.js';
import { enforce } from '../../policies/decision.js';
import type { TActor } from '../../policies/policies.js';
import { canUpdateUser } from '../../policies/platform.policy.js';

/**
 * `password` only for the seed, the CLI and tests (SYSTEM actor): through the API an administrator
 * never chooses someone else's password, the person is invited instead.
 */
export type TUserInput = { name: string; email: string; password?: string; roles: TRole[]; centreIds: string[] };
/** The public application form hashes the password before it knows whether an account is made (same time either way). */
type TUserInputHashed = Omit<TUserInput, 'password'> & { passwordHash: string };
export type TUserPatch = Partial<{ name: string; roles: TRole[]; centreIds: string[]; disabled: boolean }>;

export type TUserView = {
  id: string;
  name: string;
  email: string;
  disabled: boolean;
  roles: TRole[];
  centres: { id: string; code: string; name: string }[];
  createdAt: string;
  /** False while the person has not followed their invitation. */
  passwordSet: boolean;
};

async function checkCentres(db: TDbOrTx, centreIds: string[]) {
  if (centreIds.length === 0) return;
  const found = await db.select({ id: centres.id }).from(centres).where(inArray(centres.id, centreIds));
  const missing = centreIds.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) {
    throw validationError(
      missing.map((id) => ({ path: `centreIds[${centreIds.indexOf(id)}]`, message: `Centre inconnu : ${id}` })),
    );
  }
}

export async function createUser(o: { db: TDbOrTx; actor: TAuditActor; input: TUserInput | TUserInputHashed }): Promise<TUserView> {
  const email = o.input.email.trim().toLowerCase();
  const passwordHash = 'passwordHash' in o.input ? o.input.passwordHash : o.input.password === undefined ? null : await hashPassword(o.input.password);
  const id = await o.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) {
      throw conflict('Un compte existe déjà avec cette adresse e-mail.', [
        { path: 'email', message: 'Un compte existe déjà avec cette adresse e-mail.' },
      ]);
    }
    await checkCentres(tx, o.input.centreIds);
    const userId = randomUUID();
    await tx.insert(users).values({ id: userId, name: o.input.name.trim(), email });
    if (passwordHash) {
      await tx.insert(accounts).values({ id: randomUUID(), accountId: userId, providerId: 'credential', userId, password: passwordHash });
    } else {
      // The e-mail with the link to choose a password is sent by the job runner once this commits.
      await enqueueInvitation(tx, userId);
    }
    const roles = [...new Set(o.input.roles)];
    if (roles.length) await tx.insert(userRoles).values(roles.map((role) => ({ userId, role })));
    const centreIds = [...new Set(o.input.centreIds)];
    if (centreIds.length) await tx.insert(userCentres).values(centreIds.map((centreId) => ({ userId, centreId })));
    await recordAudit(tx, o.actor, {
      action: 'user.created',
      entityType: 'user',
      entityId: userId,
      after: { name: o.input.name.trim(), email, roles, centreIds, invited: !passwordHash },
    });
    return userId;
  });
  return getUser({ db: o.db, id });
}

export async function updateUser(o: { db: TDb; actor: TAuditActor; viewer: TActor; id: string; patch: TUserPatch }): Promise<TUserView> {
  enforce(canUpdateUser(o.viewer, o.id, o.patch));
  await o.db.transaction(async (tx) => {
    const before = await getUser({ db: tx, id: o.id });
    if (o.patch.centreIds) await checkCentres(tx, o.patch.centreIds);
    if (o.patch.name !== undefined || o.patch.disabled !== undefined) {
      await tx
        .update(users)
        .set({
          ...(o.patch.name !== undefined ? { name: o.patch.name.trim() } : {}),
          ...(o.patch.disabled !== undefined ? { disabled: o.patch.disabled } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, o.id));
    }
    if (o.patch.disabled) await tx.delete(sessions).where(eq(sessions.userId, o.id));
    if (o.patch.roles) {
      await tx.delete(userRoles).where(eq(userRoles.userId, o.id));
      const roles = [...new Set(o.patch.roles)];
      if (roles.length) await tx.insert(userRoles).values(roles.map((role) => ({ userId: o.id, role })));
    }
    if (o.patch.centreIds) {
      await tx.delete(userCentres).where(eq(userCentres.userId, o.id));
      const ids = [...new Set(o.patch.centreIds)];
      if (ids.length) await tx.insert(userCentres).values(ids.map((centreId) => ({ userId: o.id, centreId })));
    }
    const after = await getUser({ db: tx, id: o.id });
    await recordAudit(tx, o.actor, {
      action: 'user.updated',
      entityType: 'user',
      entityId: o.id,
      before: summary(before),
      after: summary(after),
    });
  });
  return getUser({ db: o.db, id: o.id });
}

const summary = (u: TUserView) => ({
  name: u.name,
  disabled: u.disabled,
  roles: u.roles,
  centres: u.centres.map((c) => c.code),
});

export async function getUser(o: { db: TDbOrTx; id: string }): Promise<TUserView> {
  const [user] = await o.db.select().from(users).where(eq(users.id, o.id));
  if (!user) throw notFound('Utilisateur introuvable.');
  const [view] = await presentUsers(o.db, [user]);
  return view!;
}

async function presentUsers(db: TDbOrTx, rows: (typeof users.$inferSelect)[]): Promise<TUserView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [roles, centreRows, withPassword] = await Promise.all([
    db.select().from(userRoles).where(inArray(userRoles.userId, ids)),
    db
      .select({ userId: userCentres.userId, id: centres.id, code: centres.code, name: centres.name })
      .from(userCentres)
      .innerJoin(centres, eq(centres.id, userCentres.centreId))
      .where(inArray(userCentres.userId, ids))
      .orderBy(asc(centres.name)),
    db
      .select({ userId: accounts.userId })
      .from(accounts)
      .where(and(inArray(accounts.userId, ids), eq(accounts.providerId, 'credential'), isNotNull(accounts.password))),
  ]);
  return rows.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    disabled: u.disabled,
    roles: roles.filter((r) => r.userId === u.id).map((r) => r.role),
    centres: centreRows.filter((c) => c.userId === u.id).map(({ id, code, name }) => ({ id, code, name })),
    createdAt: u.createdAt.toISOString(),
    passwordSet: withPassword.some((a) => a.userId === u.id),
  }));
}

export type TFindUsersOptions = {
  db: TDbOrTx;
  q?: string;
  role?: TRole;
  centreId?: string;
  sort: 'name' | 'email' | 'createdAt';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

export async function findUsers(o: TFindUsersOptions): Promise<{ items: TUserView[]; total: number }> {
  const where: SQL[] = [];
  if (o.q) {
    const like = `%${o.q}%`;
    const match = or(ilike(users.name, like), ilike(users.email, like));
    if (match) where.push(match);
  }
  if (o.role) {
    where.push(sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = ${o.role})`);
  }
  if (o.centreId) {
    where.push(
      sql`exists (select 1 from ${userCentres} where ${userCentres.userId} = ${users.id} and ${userCentres.centreId} = ${o.centreId})`,
    );
  }
  const condition = where.length ? and(...where) : undefined;
  const column = { name: users.name, email: users.email, createdAt: users.createdAt }[o.sort];
  const rows = await o.db
    .select()
    .from(users)
    .where(condition)
    .orderBy(o.order === 'asc' ? asc(column) : desc(column), asc(users.id))
    .limit(o.pageSize)
    .offset((o.page - 1) * o.pageSize);
  const [{ total } = { total: 0 }] = await o.db.select({ total: sql<number>`count(*)::int` }).from(users).where(condition);
  return { items: await presentUsers(o.db, rows), total };
}

/**
 * A person changes their own name (PATCH /api/me). The change is written to the journal with the
 * old and the new name, in the same transaction, so a name shown on a decision can always be traced
 * back to who it was. The same name again changes and records nothing.
 */
export async function updateOwnName(o: { db: TDb; actor: TAuditActor; userId: string; name: string }): Promise<string> {
  const name = o.name.trim();
  await o.db.transaction(async (tx) => {
    const [before] = await tx.select({ name: users.name }).from(users).where(eq(users.id, o.userId)).for('update');
    if (!before) throw notFound('Utilisateur introuvable.');
    if (before.name === name) return;
    await tx.update(users).set({ name, updatedAt: sql`now()` }).where(eq(users.id, o.userId));
    await recordAudit(tx, o.actor, { action: 'user.renamed', entityType: 'user', entityId: o.userId, before: { name: before.name }, after: { name } });
  });
  return name;
}
