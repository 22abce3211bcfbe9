/** In-app notifications: created inside the transaction of what they announce, read by their owner only. */
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { TDbOrTx } from '../../db/client.js';
import { notFound } from '../../http/errors.js';
import type { TNotificationKind } from '../../shared/vocabulary/jobs.js';
import { userCentres, userRoles, users, type TRole } from '../auth/auth.tables.js';
import { notifications } from './notifications.tables.js';

export type TNewNotification = { kind: TNotificationKind; title: string; body: string; link?: string | null };

export async function createNotifications(db: TDbOrTx, userIds: string[], n: TNewNotification, now?: Date): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await db.insert(notifications).values(
    unique.map((userId) => ({ userId, kind: n.kind, title: n.title, body: n.body, link: n.link ?? null, ...(now ? { createdAt: now } : {}) })),
  );
}

/** Active accounts holding one of `roles` in the centre (the people a centre's event concerns). */
export async function findCentreStaff(db: TDbOrTx, centreId: string, roles: TRole[]): Promise<{ id: string; name: string; email: string }[]> {
  return db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userCentres, eq(userCentres.userId, users.id))
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userCentres.centreId, centreId), inArray(userRoles.role, roles), eq(users.disabled, false)))
    .orderBy(users.id);
}

type TRow = typeof notifications.$inferSelect;

const present = (r: TRow) => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

export type TNotificationView = ReturnType<typeof present>;

export async function countUnread(db: TDbOrTx, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export async function findNotifications(o: { db: TDbOrTx; userId: string; unreadOnly?: boolean; page: number; pageSize: number }) {
  const condition = and(eq(notifications.userId, o.userId), o.unreadOnly ? isNull(notifications.readAt) : undefined);
  const [rows, [{ total } = { total: 0 }], unread] = await Promise.all([
    o.db
      .select()
      .from(notifications)
      .where(condition)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(o.pageSize)
      .offset((o.page - 1) * o.pageSize),
    o.db.select({ total: sql<number>`count(*)::int` }).from(notifications).where(condition),
    countUnread(o.db, o.userId),
  ]);
  return { items: rows.map(present), total, unread };
}

/** Marks one of the caller's notifications read (someone else's is "not found": its existence is not revealed). */
export async function markNotificationRead(o: { db: TDbOrTx; userId: string; id: string; now: Date }): Promise<TNotificationView> {
  const [row] = await o.db.select().from(notifications).where(and(eq(notifications.id, o.id), eq(notifications.userId, o.userId)));
  if (!row) throw notFound('Notification introuvable.');
  if (row.readAt) return present(row);
  const [after] = await o.db.update(notifications).set({ readAt: o.now }).where(eq(notifications.id, o.id)).returning();
  return present(after!);
}

export async function markAllNotificationsRead(o: { db: TDbOrTx; userId: string; now: Date }): Promise<number> {
  const rows = await o.db
    .update(notifications)
    .set({ readAt: o.now })
    .where(and(eq(notifications.userId, o.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
