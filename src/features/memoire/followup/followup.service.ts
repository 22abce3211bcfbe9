/**
 * Individual follow-up between residencies (decision 023): a learner asks the teacher who leads their
 * atelier or supervises their mémoire for a meeting; the teacher accepts, proposes another time or
 * declines; the learner answers a counter-proposal; the teacher holds and logs it with notes. Every
 * change reads the meeting `FOR UPDATE` and updates it only `WHERE state = <the state read>`: of two
 * answers at once, one wins and the other gets a French 409. Each change is an event (dated by the
 * application clock, attributed), an audit entry and a notification to the other party — none of
 * which ever carries a note's text.
 */
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../../db/client.js';
import { conflict, forbidden, notFound, validationError } from '../../../http/errors.js';
import { getCohortFor, loadCohortRow } from '../../../policies/cohort-access.js';
import { enforce } from '../../../policies/decision.js';
import { canActOnMeeting, canWriteMeetingNote, canWriteOwnFollowup, isMentor, meetingSide, readLearnerFollowupAs, readMeetingAs, readsSharedJournal } from '../../../policies/memoire-followup.policy.js';
import { canReadThesesAsStaff } from '../../../policies/memoire.policy.js';
import { loadMentorRelation } from '../../../policies/memoire-relations.js';
import { authorize, type TActor } from '../../../policies/policies.js';
import { formatHours } from '../../../shared/format/hours.js';
import { MEETING_ACTION_LABELS, type TMeetingMode, type TNoteVisibility } from '../../../shared/vocabulary/followup.js';
import { recordAudit, type TAuditActor } from '../../audit/audit.service.js';
import { maquetteOfCohort } from '../../calendar/calendar.service.js';
import { cohortLearners, cohorts } from '../../cohorts/cohorts.tables.js';
import { todayInParis } from '../../../lib/dates.js';
import { atelierGroups, atelierMembers } from '../ateliers/ateliers.tables.js';
import { theses } from '../memoire.tables.js';
import { createNotifications } from '../../notifications/notifications.service.js';
import { paceOf, readSharedEntries } from '../journal/journal.service.js';
import { checkHeldMeeting, checkMeetingAction, checkProposedTimes } from './followup.rules.js';
import { namesOf, presentMeetings, type TMeetingRow } from './followup.presenters.js';
import { mentoringMeetingEvents, mentoringMeetings, mentoringNotes } from './followup.tables.js';

export type TNoteInput = { body: string; visibility: TNoteVisibility };
export type TMeetingTransition =
  | { action: 'accept'; at: string }
  | { action: 'counter'; at: string; message?: string }
  | { action: 'decline'; reason: string }
  | { action: 'accept_counter' }
  | { action: 'refuse_counter'; proposedTimes: string[] }
  | { action: 'cancel'; reason?: string }
  | { action: 'hold'; heldAt: string; durationMinutes: number; mode: TMeetingMode; notes?: TNoteInput[] };

const frDateTime = (d: Date) => d.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const LINK_LEARNER = '/mon-suivi';
const LINK_TEACHER = '/suivi-individuel';

async function loadMeeting(db: TDbOrTx, id: string, forUpdate = false): Promise<TMeetingRow> {
  const query = db.select().from(mentoringMeetings).where(eq(mentoringMeetings.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Entretien introuvable.');
  return row;
}

/** The teachers a learner may ask: the leader of their current atelier group and their supervisor. */
export async function findMentorsOf(db: TDbOrTx, learnerId: string, cohortId: string) {
  const [group] = await db
    .select({ leaderId: atelierGroups.leaderId })
    .from(atelierMembers)
    .innerJoin(atelierGroups, eq(atelierGroups.id, atelierMembers.groupId))
    .where(and(eq(atelierMembers.cohortId, cohortId), eq(atelierMembers.learnerId, learnerId), isNull(atelierGroups.endedAt)))
    .limit(1);
  const [thesis] = await db.select({ supervisorId: theses.supervisorId }).from(theses).where(and(eq(theses.cohortId, cohortId), eq(theses.learnerId, learnerId))).limit(1);
  const ids = [...new Set([group?.leaderId, thesis?.supervisorId].filter((id): id is string => Boolean(id)))];
  const names = await namesOf(db, ids);
  return ids.map((id) => ({ id, name: names.get(id) ?? '', leadsGroup: id === group?.leaderId, supervises: id === thesis?.supervisorId }));
}

export async function createMeetingRequest(o: {
  db: TDb;
  actor: TActor;
  audit: TAuditActor;
  cohortId: string;
  input: { teacherId: string; proposedTimes: string[]; mode: TMeetingMode; subject: string };
  now: Date;
}) {
  return o.db.transaction(async (tx) => {
    await getCohortFor(tx, o.actor, o.cohortId, (a, _c, r) => canWriteOwnFollowup(a, r));
    const mentor = await loadMentorRelation(tx, o.input.teacherId, o.actor.userId, o.cohortId);
    if (o.input.teacherId === o.actor.userId || !isMentor(mentor)) {
      throw validationError([{ path: 'teacherId', message: 'Choisissez la personne qui anime votre atelier mémoire ou dirige votre mémoire.' }]);
    }
    const times = o.input.proposedTimes.map((t) => new Date(t));
    const issues = checkProposedTimes(times, o.now);
    if (issues.length) throw validationError(issues);
    const [row] = await tx
      .insert(mentoringMeetings)
      .values({
        cohortId: o.cohortId,
        learnerId: o.actor.userId,
        teacherId: o.input.teacherId,
        subject: o.input.subject,
        mode: o.input.mode,
        proposedTimes: times.map((d) => d.toISOString()),
        state: 'requested',
        createdAt: o.now,
        updatedAt: o.now,
      })
      .returning();
    await tx.insert(mentoringMeetingEvents).values({ meetingId: row!.id, at: o.now, actorId: o.actor.userId, actorLabel: o.audit.label, action: null, fromState: null, toState: 'requested', detail: times.map(frDateTime).join(' ; ') });
    await createNotifications(tx, [o.input.teacherId], { kind: 'meeting.requested', title: 'Demande d’entretien de suivi', body: `${o.actor.name} demande un entretien : ${o.input.subject}`, link: LINK_TEACHER }, o.now);
    await recordAudit(tx, o.audit, { action: 'mentoring.requested', entityType: 'mentoring_meeting', entityId: row!.id, after: { cohortId: o.cohortId, teacherId: o.input.teacherId, mode: o.input.mode, proposedTimes: row!.proposedTimes } });
    const [view] = await presentMeetings(tx, o.actor, [row!], () => 'learner');
    return view!;
  });
}

export async function getMeeting(o: { db: TDbOrTx; actor: TActor; id: string }) {
  const m = await loadMeeting(o.db, o.id);
  const { cohort, rel } = await getCohortFor(o.db, o.actor, m.cohortId, () => ({ allowed: true }));
  const read = readMeetingAs(o.actor, cohort, rel, m);
  if (!read.as) throw forbidden(`Accès refusé : ${read.reason}`);
  const [view] = await presentMeetings(o.db, o.actor, [m], (row) => meetingSide(o.actor, row));
  return view!;
}

function other(m: TMeetingRow, actor: TActor) {
  return actor.userId === m.learnerId ? { id: m.teacherId, link: LINK_TEACHER } : { id: m.learnerId, link: LINK_LEARNER };
}

const futureIssue = (at: Date, now: Date, path: string) => (at.getTime() <= now.getTime() ? [{ path, message: 'Choisissez un horaire à venir.' }] : []);

export async function transitionMeeting(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; input: TMeetingTransition; now: Date }) {
  return o.db.transaction(async (tx) => {
    // Locked: the learner's and the teacher's answers at once are serialised; the second reads the new state.
    const m = await loadMeeting(tx, o.id, true);
    const { cohort, rel } = await getCohortFor(tx, o.actor, m.cohortId, () => ({ allowed: true }));
    const read = readMeetingAs(o.actor, cohort, rel, m);
    if (!read.as) throw forbidden(`Accès refusé : ${read.reason}`);
    enforce(canActOnMeeting(o.actor, m));
    const side = meetingSide(o.actor, m)!;
    const verdict = checkMeetingAction(m.state, o.input.action, side);
    if (!verdict.allowed) throw verdict.refusal === 'side' ? forbidden(`Accès refusé : ${verdict.reason}`) : conflict(verdict.reason);

    const input = o.input;
    let changes: Partial<TMeetingRow> = {};
    let detail: string | null = null;
    let notes: TNoteInput[] = [];
    switch (input.action) {
      case 'accept': {
        const at = new Date(input.at);
        if (!m.proposedTimes.some((t) => new Date(t).getTime() === at.getTime())) throw validationError([{ path: 'at', message: 'Choisissez l’un des créneaux proposés, ou proposez un autre horaire.' }]);
        const issues = futureIssue(at, o.now, 'at');
        if (issues.length) throw validationError(issues);
        changes = { scheduledAt: at, counterAt: null };
        detail = frDateTime(at);
        break;
      }
      case 'counter': {
        const at = new Date(input.at);
        const issues = futureIssue(at, o.now, 'at');
        if (issues.length) throw validationError(issues);
        changes = { counterAt: at };
        detail = [frDateTime(at), input.message?.trim()].filter(Boolean).join(' — ');
        break;
      }
      case 'decline':
        changes = { declineReason: input.reason };
        detail = input.reason;
        break;
      case 'accept_counter':
        changes = { scheduledAt: m.counterAt, counterAt: null };
        detail = m.counterAt ? frDateTime(m.counterAt) : null;
        break;
      case 'refuse_counter': {
        const times = input.proposedTimes.map((t) => new Date(t));
        const issues = checkProposedTimes(times, o.now);
        if (issues.length) throw validationError(issues);
        changes = { proposedTimes: times.map((d) => d.toISOString()), counterAt: null };
        detail = times.map(frDateTime).join(' ; ');
        break;
      }
      case 'cancel':
        detail = input.reason?.trim() || null;
        break;
      case 'hold': {
        const heldAt = new Date(input.heldAt);
        const issues = checkHeldMeeting(heldAt, input.durationMinutes, o.now);
        if (issues.length) throw validationError(issues);
        changes = { heldAt, durationMinutes: input.durationMinutes, heldMode: input.mode };
        detail = `${frDateTime(heldAt)}, ${formatHours(input.durationMinutes / 60)}`;
        notes = input.notes ?? [];
        break;
      }
    }
    const [row] = await tx
      .update(mentoringMeetings)
      .set({ ...changes, state: verdict.to, updatedAt: o.now })
      .where(and(eq(mentoringMeetings.id, m.id), eq(mentoringMeetings.state, m.state)))
      .returning();
    if (!row) throw conflict('Cet entretien vient de changer : rechargez la page.');
    await tx.insert(mentoringMeetingEvents).values({ meetingId: m.id, at: o.now, actorId: o.actor.userId, actorLabel: o.audit.label, action: input.action, fromState: m.state, toState: verdict.to, detail });
    if (notes.length) await tx.insert(mentoringNotes).values(notes.map((n) => ({ meetingId: m.id, authorId: o.actor.userId, visibility: n.visibility, body: n.body, createdAt: o.now })));
    const to = other(m, o.actor);
    const shared = notes.filter((n) => n.visibility === 'shared').length;
    const body = `${o.actor.name} : « ${MEETING_ACTION_LABELS[input.action]} » — ${m.subject}${shared ? ' (compte rendu partagé)' : ''}`;
    await createNotifications(tx, [to.id], { kind: 'meeting.answered', title: 'Entretien de suivi', body, link: to.link }, o.now);
    // The audit keeps what changed, never a note's text (a private note stays with its author).
    await recordAudit(tx, o.audit, {
      action: `mentoring.${input.action}`,
      entityType: 'mentoring_meeting',
      entityId: m.id,
      before: { state: m.state },
      after: { state: verdict.to, ...(notes.length ? { notes: notes.length } : {}), ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) },
    });
    const [view] = await presentMeetings(tx, o.actor, [row], () => side);
    return view!;
  });
}

/** A note added to a held meeting by its teacher: shared with the learner, or private to the author. */
export async function addMeetingNote(o: { db: TDb; actor: TActor; audit: TAuditActor; id: string; input: TNoteInput; now: Date }) {
  return o.db.transaction(async (tx) => {
    const m = await loadMeeting(tx, o.id, true);
    const { cohort, rel } = await getCohortFor(tx, o.actor, m.cohortId, () => ({ allowed: true }));
    const read = readMeetingAs(o.actor, cohort, rel, m);
    if (!read.as) throw forbidden(`Accès refusé : ${read.reason}`);
    enforce(canWriteMeetingNote(o.actor, m));
    if (m.state !== 'held') throw conflict('Les notes se prennent sur un entretien tenu : consignez-le d’abord.');
    const [note] = await tx.insert(mentoringNotes).values({ meetingId: m.id, authorId: o.actor.userId, visibility: o.input.visibility, body: o.input.body, createdAt: o.now }).returning();
    if (o.input.visibility === 'shared') {
      await createNotifications(tx, [m.learnerId], { kind: 'meeting.note', title: 'Compte rendu d’entretien', body: `${o.actor.name} a partagé une note sur l’entretien « ${m.subject} ».`, link: LINK_LEARNER }, o.now);
    }
    await recordAudit(tx, o.audit, { action: 'mentoring.note_added', entityType: 'mentoring_meeting', entityId: m.id, after: { noteId: note!.id, visibility: o.input.visibility } });
    const [view] = await presentMeetings(tx, o.actor, [m], () => 'teacher');
    return view!;
  });
}

/** Minutes of held meetings, per learner or per teacher of a promotion (one SQL aggregate). */
export async function heldMinutesBy(db: TDbOrTx, by: 'learner' | 'teacher', where: { cohortId?: string; learnerIds?: string[]; teacherId?: string }) {
  const key = by === 'learner' ? mentoringMeetings.learnerId : mentoringMeetings.teacherId;
  const rows = await db
    .select({ userId: key, minutes: sql<number>`coalesce(sum(${mentoringMeetings.durationMinutes}), 0)::int`, meetings: sql<number>`count(*)::int` })
    .from(mentoringMeetings)
    .where(
      and(
        eq(mentoringMeetings.state, 'held'),
        where.cohortId ? eq(mentoringMeetings.cohortId, where.cohortId) : undefined,
        where.learnerIds ? inArray(mentoringMeetings.learnerId, where.learnerIds.length ? where.learnerIds : ['']) : undefined,
        where.teacherId ? eq(mentoringMeetings.teacherId, where.teacherId) : undefined,
      ),
    )
    .groupBy(key);
  return new Map(rows.map((r) => [r.userId, { minutes: Number(r.minutes), meetings: Number(r.meetings) }]));
}

/** The maquette's hours of ateliers mémoire for the promotion's version (70 h for RNCP 41336). */
export async function workshopHoursOf(db: TDbOrTx, cohortId: string): Promise<number> {
  const { maquette } = await maquetteOfCohort(db, await loadCohortRow(db, cohortId));
  return maquette.thesisWorkshopHours;
}

const byTime = [desc(mentoringMeetings.updatedAt), desc(mentoringMeetings.id)];

/** « Mon suivi »: for each promotion the learner is in, whom they may ask, their meetings and hours. */
export async function getMyFollowup(o: { db: TDbOrTx; actor: TActor; now: Date }) {
  authorize(o.actor, 'followup:own');
  // The promotion in progress today first (the one a learner works in now), then those to come, then
  // past ones; the most recent first within each.
  const today = todayInParis(o.now);
  const rows = await o.db
    .select({ cohortId: cohortLearners.cohortId, cohortName: cohorts.name, startsOn: cohorts.startsOn, endsOn: cohorts.endsOn })
    .from(cohortLearners)
    .innerJoin(cohorts, eq(cohorts.id, cohortLearners.cohortId))
    .where(eq(cohortLearners.userId, o.actor.userId))
    .orderBy(desc(cohorts.startsOn), asc(cohorts.name));
  const bucket = (r: { startsOn: string; endsOn: string }) => (r.startsOn <= today && today <= r.endsOn ? 0 : r.startsOn > today ? 1 : 2);
  const enrolments = [...rows].sort((a, b) => bucket(a) - bucket(b));
  return Promise.all(
    enrolments.map(async ({ cohortId, cohortName }) => {
      const rows = await o.db.select().from(mentoringMeetings).where(and(eq(mentoringMeetings.cohortId, cohortId), eq(mentoringMeetings.learnerId, o.actor.userId))).orderBy(...byTime);
      const held = (await heldMinutesBy(o.db, 'learner', { cohortId, learnerIds: [o.actor.userId] })).get(o.actor.userId);
      return {
        cohortId,
        cohortName,
        mentors: await findMentorsOf(o.db, o.actor.userId, cohortId),
        meetings: await presentMeetings(o.db, o.actor, rows, () => 'learner'),
        heldMinutes: held?.minutes ?? 0,
        workshopHours: await workshopHoursOf(o.db, cohortId),
      };
    }),
  );
}

/** The learners a teacher leads (current atelier group) or supervises, in every promotion. */
export async function findMenteesOf(db: TDbOrTx, teacherId: string) {
  const led = await db
    .select({ cohortId: atelierMembers.cohortId, learnerId: atelierMembers.learnerId })
    .from(atelierMembers)
    .innerJoin(atelierGroups, eq(atelierGroups.id, atelierMembers.groupId))
    .where(and(eq(atelierGroups.leaderId, teacherId), isNull(atelierGroups.endedAt)));
  const supervised = await db.select({ cohortId: theses.cohortId, learnerId: theses.learnerId }).from(theses).where(eq(theses.supervisorId, teacherId));
  const all = new Map<string, { cohortId: string; learnerId: string; leadsGroup: boolean; supervises: boolean }>();
  for (const r of led) all.set(`${r.cohortId}/${r.learnerId}`, { ...r, leadsGroup: true, supervises: false });
  for (const r of supervised) {
    const k = `${r.cohortId}/${r.learnerId}`;
    all.set(k, { ...r, leadsGroup: all.get(k)?.leadsGroup ?? false, supervises: true });
  }
  return [...all.values()];
}

/** The teacher's follow-up: requests to answer, answers awaited, meetings to log, and hours per learner. */
export async function getMentorFollowup(o: { db: TDbOrTx; actor: TActor }) {
  authorize(o.actor, 'followup:mentor');
  const rows = await o.db
    .select()
    .from(mentoringMeetings)
    .where(and(eq(mentoringMeetings.teacherId, o.actor.userId), inArray(mentoringMeetings.state, ['requested', 'counter_proposed', 'accepted'])))
    .orderBy(asc(mentoringMeetings.createdAt));
  const meetings = await presentMeetings(o.db, o.actor, rows, (m) => meetingSide(o.actor, m));
  const mentees = await findMenteesOf(o.db, o.actor.userId);
  const byLearner = await heldMinutesBy(o.db, 'learner', { learnerIds: mentees.map((m) => m.learnerId), teacherId: o.actor.userId });
  const allHeld = await heldMinutesBy(o.db, 'learner', { learnerIds: mentees.map((m) => m.learnerId) });
  const mine = (await heldMinutesBy(o.db, 'teacher', { teacherId: o.actor.userId })).get(o.actor.userId);
  const names = await namesOf(o.db, mentees.map((m) => m.learnerId));
  const workshop = new Map<string, number>();
  for (const id of new Set(mentees.map((m) => m.cohortId))) workshop.set(id, await workshopHoursOf(o.db, id));
  return {
    toAnswer: meetings.filter((m) => m.state === 'requested'),
    awaitingLearner: meetings.filter((m) => m.state === 'counter_proposed'),
    toLog: meetings.filter((m) => m.state === 'accepted').sort((a, b) => (a.scheduledAt ?? '').localeCompare(b.scheduledAt ?? '')),
    heldMinutes: mine?.minutes ?? 0,
    learners: mentees
      .map((m) => ({
        cohortId: m.cohortId,
        learner: { id: m.learnerId, name: names.get(m.learnerId) ?? '' },
        leadsGroup: m.leadsGroup,
        supervises: m.supervises,
        heldMinutesWithMe: byLearner.get(m.learnerId)?.minutes ?? 0,
        heldMinutes: allHeld.get(m.learnerId)?.minutes ?? 0,
        workshopHours: workshop.get(m.cohortId) ?? 0,
      }))
      .sort((a, b) => a.learner.name.localeCompare(b.learner.name, 'fr')),
  };
}

/** Hours of follow-up of a promotion, per learner and per teacher, beside the maquette's ateliers: its staff only. */
export async function getCohortMentoringHours(o: { db: TDbOrTx; actor: TActor; cohortId: string }) {
  const { cohort } = await getCohortFor(o.db, o.actor, o.cohortId, canReadThesesAsStaff);
  const [byLearner, byTeacher, learners] = await Promise.all([
    heldMinutesBy(o.db, 'learner', { cohortId: cohort.id }),
    heldMinutesBy(o.db, 'teacher', { cohortId: cohort.id }),
    o.db.select({ userId: cohortLearners.userId }).from(cohortLearners).where(eq(cohortLearners.cohortId, cohort.id)),
  ]);
  const names = await namesOf(o.db, [...learners.map((l) => l.userId), ...byTeacher.keys()]);
  const row = (id: string, v?: { minutes: number; meetings: number }) => ({ person: { id, name: names.get(id) ?? '' }, minutes: v?.minutes ?? 0, meetings: v?.meetings ?? 0 });
  const sort = (a: { person: { name: string } }, b: { person: { name: string } }) => a.person.name.localeCompare(b.person.name, 'fr');
  return {
    workshopHours: await workshopHoursOf(o.db, cohort.id),
    learners: learners.map((l) => row(l.userId, byLearner.get(l.userId))).sort(sort),
    teachers: [...byTeacher.entries()].map(([id, v]) => row(id, v)).sort(sort),
  };
}

/** The meetings of one learner of a promotion, as `actor` (their mentor or staff) may read them. */
export async function findLearnerMeetings(db: TDbOrTx, actor: TActor, cohortId: string, learnerId: string) {
  const rows = await db.select().from(mentoringMeetings).where(and(eq(mentoringMeetings.cohortId, cohortId), eq(mentoringMeetings.learnerId, learnerId))).orderBy(...byTime);
  return presentMeetings(db, actor, rows, (m) => meetingSide(actor, m));
}

/**
 * One learner's follow-up for their leader or supervisor (meetings, hours, pace, shared journal — reading
 * it marks the shared entries read) or for the promotion's staff (no journal, no private note).
 */
export async function getLearnerFollowup(o: { db: TDbOrTx; actor: TActor; cohortId: string; learnerId: string; now: Date }) {
  const cohort = await loadCohortRow(o.db, o.cohortId);
  const { rel } = await getCohortFor(o.db, o.actor, cohort.id, () => ({ allowed: true }));
  const mentor = await loadMentorRelation(o.db, o.actor.userId, o.learnerId, cohort.id);
  const read = readLearnerFollowupAs(o.actor, cohort, rel, o.learnerId, mentor);
  if (!read.as) throw forbidden(`Accès refusé : ${read.reason}`);
  const [enrolled] = await o.db.select({ id: cohortLearners.id }).from(cohortLearners).where(and(eq(cohortLearners.cohortId, cohort.id), eq(cohortLearners.userId, o.learnerId)));
  if (!enrolled) throw notFound('Cette personne n’est pas inscrite dans la promotion.');
  const names = await namesOf(o.db, [o.learnerId]);
  const held = (await heldMinutesBy(o.db, 'learner', { cohortId: cohort.id, learnerIds: [o.learnerId] })).get(o.learnerId);
  return {
    learner: { id: o.learnerId, name: names.get(o.learnerId) ?? '' },
    as: read.as,
    meetings: await findLearnerMeetings(o.db, o.actor, cohort.id, o.learnerId),
    heldMinutes: held?.minutes ?? 0,
    workshopHours: await workshopHoursOf(o.db, cohort.id),
    pace: await paceOf(o.db, cohort.id, o.learnerId, o.now),
    sharedJournal: readsSharedJournal(read.as) ? await readSharedEntries(o.db, cohort.id, o.learnerId, o.now) : null,
  };
}

// ── For the dashboards (decision 023) ─────────────────────────────────────────────────────────────

/** A teacher's meeting requests awaiting their answer, oldest first. */
export async function findPendingMeetingRequests(o: { db: TDbOrTx; teacherId: string }) {
  const rows = await o.db
    .select()
    .from(mentoringMeetings)
    .where(and(eq(mentoringMeetings.teacherId, o.teacherId), eq(mentoringMeetings.state, 'requested')))
    .orderBy(asc(mentoringMeetings.createdAt));
  const names = await namesOf(o.db, rows.map((r) => r.learnerId));
  return rows.map((r) => ({ id: r.id, cohortId: r.cohortId, learner: { id: r.learnerId, name: names.get(r.learnerId) ?? '' }, subject: r.subject, mode: r.mode, proposedTimes: r.proposedTimes, requestedAt: r.createdAt.toISOString() }));
}

/** A learner's next accepted meeting (after `now`) and the counter-proposals awaiting their answer. */
export async function findLearnerMeetingDigest(o: { db: TDbOrTx; learnerId: string; now: Date }) {
  const rows = await o.db
    .select()
    .from(mentoringMeetings)
    .where(
      and(
        eq(mentoringMeetings.learnerId, o.learnerId),
        or(and(eq(mentoringMeetings.state, 'accepted'), sql`${mentoringMeetings.scheduledAt} > ${o.now.toISOString()}`), eq(mentoringMeetings.state, 'counter_proposed')),
      ),
    )
    .orderBy(asc(mentoringMeetings.scheduledAt), asc(mentoringMeetings.createdAt));
  const names = await namesOf(o.db, rows.map((r) => r.teacherId));
  const brief = (r: TMeetingRow) => ({ id: r.id, cohortId: r.cohortId, teacher: { id: r.teacherId, name: names.get(r.teacherId) ?? '' }, subject: r.subject, mode: r.mode, scheduledAt: r.scheduledAt?.toISOString() ?? null, counterAt: r.counterAt?.toISOString() ?? null });
  const next = rows.find((r) => r.state === 'accepted');
  return { nextMeeting: next ? brief(next) : null, awaitingAnswer: rows.filter((r) => r.state === 'counter_proposed').map(brief) };
}

