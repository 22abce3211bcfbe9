/**
 * iCalendar feeds: secret, revocable URLs per promotion, learner or teacher. The token is shown once;
 * only its SHA-256 is kept. Events carry stable UIDs (the session id) and the session's SEQUENCE.
 * A feed answers only while its owner may still read what it shows: the same policies as at its
 * creation are asked again at each fetch, for the owner as they are now (a disabled account, a role
 * or a centre taken away stop it). The address is built from BASE_URL, never from the Host header.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import ical from 'ical-generator';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { notFound, validationError } from '../../http/errors.js';
import { loadActor } from '../../http/session.js';
import { absoluteUrl } from '../mail/mail.service.js';
import { getCohortFor } from '../../policies/cohort-access.js';
import { loadCohortRelation } from '../../policies/facts.js';
import { canReadOwnCalendar, canRevokeFeed, canSubscribeCohortFeed, canSubscribeTeacherFeed } from '../../policies/cohorts.policy.js';
import { enforce } from '../../policies/decision.js';
import type { TActor } from '../../policies/policies.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { cohortLearners, cohorts } from '../cohorts/cohorts.tables.js';
import { calendarFeeds, type TFeedScope } from './calendar.tables.js';
import { calendarMarkers } from './calendar-markers.tables.js';
import { loadSessions, type TSessionView } from './calendar.service.js';
import { SESSION_TYPE_LABELS } from './sessions.rules.js';
import { extraSessionIdsFor, retitleFor } from './session-lenses.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createFeed(o: { db: TDb; actor: TActor; audit: TAuditActor; scope: TFeedScope; cohortId?: string; baseUrl: string }) {
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
  return { ...presentFeed(row), url: absoluteUrl(o.baseUrl, `/api/calendar/feeds/${token}.ics`) };
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

type TFeedRow = typeof calendarFeeds.$inferSelect;

/**
 * Whether the feed's owner may, today, read what it shows — the policies of `createFeed`, asked
 * again: the creator of a promotion's feed must still read that promotion; the person a learner's
 * or teacher's feed follows must still hold that calendar. A disabled account has no actor.
 */
async function ownerMayRead(db: TDb, feed: TFeedRow): Promise<boolean> {
  const owner = await loadActor(db, feed.scope === 'cohort' ? feed.createdBy : (feed.userId ?? feed.createdBy));
  if (!owner) return false;
  if (feed.scope === 'cohort') {
    if (!feed.cohortId) return false;
    const [cohort] = await db.select({ id: cohorts.id, centreId: cohorts.centreId }).from(cohorts).where(eq(cohorts.id, feed.cohortId));
    if (!cohort) return false;
    return canSubscribeCohortFeed(owner, cohort, await loadCohortRelation(db, owner, cohort.id)).allowed;
  }
  return (feed.scope === 'teacher' ? canSubscribeTeacherFeed(owner) : canReadOwnCalendar(owner)).allowed;
}

/** Only a web address is given to calendar applications as a session's link (older rows may hold anything). */
const webLink = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

/**
 * The .ics text of a feed, or a 404 when the token is unknown or revoked, or its owner may no
 * longer read it (no hint which: the same answer, no data).
 */
export async function renderFeed(o: { db: TDb; token: string }) {
  const [feed] = await o.db.select().from(calendarFeeds).where(and(eq(calendarFeeds.tokenHash, hashToken(o.token)), isNull(calendarFeeds.revokedAt)));
  if (!feed || !(await ownerMayRead(o.db, feed))) throw notFound('Flux de calendrier introuvable ou révoqué.');
  let sessions: TSessionView[] = [];
  /** The promotions whose all-day markers (the mémoire's due dates…) the feed shows. */
  let markerCohortIds: string[] = [];
  let name = 'MOVSC';
  if (feed.scope === 'cohort' && feed.cohortId) {
    markerCohortIds = [feed.cohortId];
    sessions = await loadSessions(o.db, { cohortId: feed.cohortId });
    const [c] = await o.db.select({ name: cohorts.name }).from(cohorts).where(eq(cohorts.id, feed.cohortId));
    name = `MOVSC — ${c?.name ?? 'promotion'}`;
  } else if (feed.scope === 'learner' && feed.userId) {
    const memberships = await o.db.select({ cohortId: cohortLearners.cohortId }).from(cohortLearners).where(eq(cohortLearners.userId, feed.userId));
    markerCohortIds = memberships.map((m) => m.cohortId);
    sessions = await retitleFor(o.db, feed.userId, (await Promise.all(memberships.map((m) => loadSessions(o.db, { cohortId: m.cohortId })))).flat());
    name = 'MOVSC — mon calendrier';
  } else if (feed.scope === 'teacher' && feed.userId) {
    // With the atelier sessions of the groups they lead (decision 020).
    const taught = await loadSessions(o.db, { teacherId: feed.userId });
    const led = (await loadSessions(o.db, { ids: await extraSessionIdsFor(o.db, feed.userId) })).filter((s) => !taught.some((t) => t.id === s.id));
    sessions = (await retitleFor(o.db, feed.userId, [...taught, ...led])).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    name = 'MOVSC — mes séances';
  }
  const cal = ical({ name, prodId: { company: 'Cnam-CESTES', product: 'MOVSC', language: 'FR' }, ttl: 3600 });
  for (const s of sessions) {
    const teachers = s.teachers.map((t) => t.name).join(', ');
    const link = webLink(s.remoteUrl);
    cal.createEvent({
      id: `${s.id}@movsc`,
      sequence: s.sequence,
      start: s.startsAt,
      end: s.endsAt,
      stamp: s.updatedAt,
      lastModified: s.updatedAt,
      summary: s.title,
      location: s.room ?? (s.remoteUrl ? 'À distance' : null),
      url: link,
      description: [SESSION_TYPE_LABELS[s.type], teachers ? `Intervenant·es : ${teachers}` : '', link ? `Lien : ${link}` : ''].filter(Boolean).join('\n'),
    });
  }
  const markers = markerCohortIds.length
    ? await o.db.select().from(calendarMarkers).where(inArray(calendarMarkers.cohortId, markerCohortIds)).orderBy(asc(calendarMarkers.on))
    : [];
  for (const m of markers) {
    // An all-day event: the day as a date (VALUE=DATE), the same wherever the calendar application is.
    const start = new Date(`${m.on}T00:00:00Z`);
    cal.createEvent({ id: `${m.id}@movsc`, allDay: true, start, end: new Date(start.getTime() + 86_400_000), stamp: m.updatedAt, lastModified: m.updatedAt, summary: m.title, description: m.description });
  }
  return cal.toString();
}
