/**
 * iCalendar feeds: secret, revocable URLs per promotion, learner or teacher. The token is shown once;
 * only its SHA-256 is kept. Events carry stable UIDs (the session id) and the session's SEQUENCE.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import ical from 'ical-generator';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { notFound, validationError } from '../../http/errors.js';
import { getCohortFor } from '../../policies/cohort-access.js';
import { canReadOwnCalendar, canRevokeFeed, canSubscribeCohortFeed, canSubscribeTeacherFeed } from '../../policies/cohorts.policy.js';
import { enforce } from '../../policies/decision.js';
import type { TActor } from '../../policies/policies.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { cohortLearners, cohorts } from '../cohorts/cohorts.tables.js';
import { calendarFeeds, type TFeedScope } from './calendar.tables.js';
import { loadSessions, type TSessionView } from './calendar.service.js';
import { SESSION_TYPE_LABELS } from './sessions.rules.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createFeed(o: { db: TDb; actor: TActor; audit: TAuditActor; scope: TFeedScope; cohortId?: string; origin: string }) {
  if (o.scope === 'cohort') {
    if (!o.cohortId) throw validationError([{ path: 'cohortId', message: 'Choisissez la promotion du flux.' }]);
    await getCohortFor(o.db, o.actor, o.cohortId, canSubscribeCohortFeed);
  } else if (o.scope === 'teacher') enforce(canSubscribeTeacherFeed(o.actor));
  else enforce(canReadOwnCalendar(o.actor));
  const token = randomBytes(24).toString('base64url');
  const row = await o.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(calendarFeeds)
      .values({ tokenHash: hashToken(token), scope: o.scope, cohortId: o.scope === 'cohort' ? o.cohortId! : null, userId: o.scope === 'cohort' ? null : o.actor.userId, createdBy: o.actor.userId })
      .returning();
    await recordAudit(tx, o.audit, { action: 'calendar_feed.created', entityType: 'calendar_feed', entityId: row!.id, after: { scope: o.scope, cohortId: row!.cohortId } });
    return row!;
  });
  return { ...presentFeed(row), url: `${o.origin}/api/calendar/feeds/${token}.ics` };
}

const presentFeed = (f: typeof calendarFeeds.$inferSelect) => ({
  id: f.id,
  scope: f.scope,
  cohortId: f.cohortId,
  createdAt: f.createdAt.toISOString(),
  revokedAt: f.revokedAt?.toISOString() ?? null,
});

export async function findMyFeeds(o: { db: TDbOrTx; actor: TActor }) {
  const rows = await o.db.select().from(calendarFeeds).where(eq(calendarFeeds.createdBy, o.actor.userId)).orderBy(desc(calendarFeeds.createdAt));
  return rows.map(presentFeed);
}

export async function revokeFeed(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; now: Date }) {
  await o.db.transaction(async (tx) => {
    const [feed] = await tx.select().from(calendarFeeds).where(eq(calendarFeeds.id, o.id));
    if (!feed) throw notFound('Flux introuvable.');
    enforce(canRevokeFeed(o.actor, feed));
    if (feed.revokedAt) return;
    await tx.update(calendarFeeds).set({ revokedAt: o.now }).where(eq(calendarFeeds.id, o.id));
    await recordAudit(tx, o.audit, { action: 'calendar_feed.revoked', entityType: 'calendar_feed', entityId: o.id, before: { revokedAt: null } });
  });
}

/** The .ics text of a feed, or a 404 when the token is unknown or revoked (no hint which). */
export async function renderFeed(o: { db: TDbOrTx; token: string }) {
  const [feed] = await o.db.select().from(calendarFeeds).where(and(eq(calendarFeeds.tokenHash, hashToken(o.token)), isNull(calendarFeeds.revokedAt)));
  if (!feed) throw notFound('Flux de calendrier introuvable ou révoqué.');
  let sessions: TSessionView[] = [];
  let name = 'MOVSC';
  if (feed.scope === 'cohort' && feed.cohortId) {
    sessions = await loadSessions(o.db, { cohortId: feed.cohortId });
    const [c] = await o.db.select({ name: cohorts.name }).from(cohorts).where(eq(cohorts.id, feed.cohortId));
    name = `MOVSC — ${c?.name ?? 'promotion'}`;
  } else if (feed.scope === 'learner' && feed.userId) {
    const memberships = await o.db.select({ cohortId: cohortLearners.cohortId }).from(cohortLearners).where(eq(cohortLearners.userId, feed.userId));
    sessions = (await Promise.all(memberships.map((m) => loadSessions(o.db, { cohortId: m.cohortId })))).flat();
    name = 'MOVSC — mon calendrier';
  } else if (feed.scope === 'teacher' && feed.userId) {
    sessions = await loadSessions(o.db, { teacherId: feed.userId });
    name = 'MOVSC — mes séances';
  }
  const cal = ical({ name, prodId: { company: 'Cnam-CESTES', product: 'MOVSC', language: 'FR' }, ttl: 3600 });
  for (const s of sessions) {
    const teachers = s.teachers.map((t) => t.name).join(', ');
    cal.createEvent({
      id: `${s.id}@movsc`,
      sequence: s.sequence,
      start: s.startsAt,
      end: s.endsAt,
      stamp: s.updatedAt,
      lastModified: s.updatedAt,
      summary: s.title,
      location: s.room ?? (s.remoteUrl ? 'À distance' : null),
      url: s.remoteUrl ?? null,
      description: [SESSION_TYPE_LABELS[s.type], teachers ? `Intervenant·es : ${teachers}` : '', s.remoteUrl ? `Lien : ${s.remoteUrl}` : ''].filter(Boolean).join('\n'),
    });
  }
  return cal.toString();
}
