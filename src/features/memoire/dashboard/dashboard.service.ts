/**
 * The mémoire dashboards (decision 022). A teacher's « Mes ateliers et mémoires »: the groups they lead,
 * the learners they lead or supervise, who is late on which milestone, who asked them for a meeting,
 * which versions await their feedback. A learner's: per promotion, their record, group and next atelier,
 * their milestones, and what awaits them (requested changes, a meeting's answer). Each part is one query,
 * whatever the number of learners; nobody sees a learner they neither lead nor supervise.
 */
import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { TDbOrTx } from '../../../db/client.js';
import { todayInParis } from '../../../lib/dates.js';
import type { TActor } from '../../../policies/policies.js';
import { MILESTONE_KIND_VALUES, type TMilestoneKind } from '../../../shared/vocabulary/memoire-milestones.js';
import { users } from '../../auth/auth.tables.js';
import { calendarSessions } from '../../calendar/calendar.tables.js';
import { cohortLearners, cohorts } from '../../cohorts/cohorts.tables.js';
import { atelierGroups, atelierMembers } from '../ateliers/ateliers.tables.js';
import { mentoringMeetings } from '../followup/followup.tables.js';
import { theses } from '../memoire.tables.js';
import { milestoneStatus } from '../milestones/milestones.rules.js';
import { learnerMilestones, thesisMilestones } from '../milestones/milestones.tables.js';
import { thesisChangeRequests, thesisFeedback, thesisFiles, thesisFinalDeposits } from '../versions/versions.tables.js';

type TMilestoneFacts = { cohortId: string; learnerId: string; finalDepositAt: Date | null };

/** Every milestone of each (promotion, learner): two queries for all of them. */
async function milestonesOf(db: TDbOrTx, pairs: TMilestoneFacts[], today: string) {
  const cohortIds = [...new Set(pairs.map((p) => p.cohortId))];
  const learnerIds = [...new Set(pairs.map((p) => p.learnerId))];
  if (cohortIds.length === 0) return new Map<string, ReturnType<typeof build>>();
  const [dues, own] = await Promise.all([
    db.select().from(thesisMilestones).where(inArray(thesisMilestones.cohortId, cohortIds)),
    db
      .select()
      .from(learnerMilestones)
      .where(and(inArray(learnerMilestones.cohortId, cohortIds), inArray(learnerMilestones.learnerId, learnerIds))),
  ]);
  const due = new Map(dues.map((d) => [`${d.cohortId}:${d.kind}`, d.dueOn]));
  const mine = new Map(own.map((r) => [`${r.cohortId}:${r.learnerId}:${r.kind}`, r]));
  function build(p: TMilestoneFacts) {
    return MILESTONE_KIND_VALUES.map((kind: TMilestoneKind) => {
      const row = mine.get(`${p.cohortId}:${p.learnerId}:${kind}`);
      const dueOn = row?.dueOn ?? due.get(`${p.cohortId}:${kind}`) ?? null;
      const doneAt = kind === 'final_deposit' ? p.finalDepositAt : (row?.doneAt ?? null);
      return { kind, dueOn, status: milestoneStatus(dueOn, doneAt, today), doneAt: doneAt?.toISOString() ?? null };
    });
  }
  return new Map(pairs.map((p) => [`${p.cohortId}:${p.learnerId}`, build(p)]));
}

/** The teacher's « Mes ateliers et mémoires ». */
export async function getTeachingDashboard(o: { db: TDbOrTx; actor: TActor; now: Date }) {
  const me = o.actor.userId;
  const today = todayInParis(o.now);
  const ledGroup = and(eq(atelierGroups.leaderId, me), isNull(atelierGroups.endedAt));
  const [groups, members, learners, meetings, versions] = await Promise.all([
    o.db
      .select({ id: atelierGroups.id, number: atelierGroups.number, cohortId: atelierGroups.cohortId, cohortName: cohorts.name })
      .from(atelierGroups)
      .innerJoin(cohorts, eq(cohorts.id, atelierGroups.cohortId))
      .where(ledGroup)
      .orderBy(asc(cohorts.name), asc(atelierGroups.number)),
    o.db
      .select({ groupId: atelierMembers.groupId, id: users.id, name: users.name })
      .from(atelierMembers)
      .innerJoin(atelierGroups, eq(atelierGroups.id, atelierMembers.groupId))
      .innerJoin(users, eq(users.id, atelierMembers.learnerId))
      .where(ledGroup)
      .orderBy(asc(users.name)),
    // The learners they lead (a current group of theirs) or supervise, in every promotion.
    o.db
      .select({
        cohortId: cohortLearners.cohortId,
        cohortName: cohorts.name,
        learnerId: cohortLearners.userId,
        name: users.name,
        thesisId: theses.id,
        supervised: sql<boolean>`coalesce(${theses.supervisorId} = ${me}, false)`,
        groupNumber: atelierGroups.number,
        finalDepositAt: thesisFinalDeposits.at,
      })
      .from(cohortLearners)
      .innerJoin(users, eq(users.id, cohortLearners.userId))
      .innerJoin(cohorts, eq(cohorts.id, cohortLearners.cohortId))
      .leftJoin(theses, and(eq(theses.cohortId, cohortLearners.cohortId), eq(theses.learnerId, cohortLearners.userId)))
      .leftJoin(thesisFinalDeposits, eq(thesisFinalDeposits.thesisId, theses.id))
      .leftJoin(atelierMembers, and(eq(atelierMembers.cohortId, cohortLearners.cohortId), eq(atelierMembers.learnerId, cohortLearners.userId)))
      .leftJoin(atelierGroups, and(eq(atelierGroups.id, atelierMembers.groupId), eq(atelierGroups.leaderId, me), isNull(atelierGroups.endedAt)))
      .where(and(eq(cohortLearners.status, 'enrolled'), or(eq(theses.supervisorId, me), sql`${atelierGroups.id} is not null`)))
      .orderBy(asc(users.name)),
    // Meetings asked of them and not answered yet.
    o.db
      .select({ id: mentoringMeetings.id, cohortId: mentoringMeetings.cohortId, learnerId: users.id, learnerName: users.name, subject: mentoringMeetings.subject, createdAt: mentoringMeetings.createdAt })
      .from(mentoringMeetings)
      .innerJoin(users, eq(users.id, mentoringMeetings.learnerId))
      .where(and(eq(mentoringMeetings.teacherId, me), eq(mentoringMeetings.state, 'requested')))
      .orderBy(asc(mentoringMeetings.createdAt)),
    // Versions of the mémoires they supervise that no feedback answers yet.
    o.db
      .select({ id: thesisFiles.id, thesisId: thesisFiles.thesisId, number: thesisFiles.number, createdAt: thesisFiles.createdAt, learnerId: users.id, learnerName: users.name })
      .from(thesisFiles)
      .innerJoin(theses, eq(theses.id, thesisFiles.thesisId))
      .innerJoin(users, eq(users.id, theses.learnerId))
      .where(
        and(
          eq(theses.supervisorId, me),
          eq(thesisFiles.kind, 'version'),
          sql`not exists (select 1 from ${thesisFeedback} f where f.version_id = ${thesisFiles.id})`,
        ),
      )
      .orderBy(asc(thesisFiles.createdAt)),
  ]);
  const progress = await milestonesOf(o.db, learners, today);
  return {
    today,
    groups: groups.map((g) => ({
      id: g.id,
      number: g.number,
      cohort: { id: g.cohortId, name: g.cohortName },
      members: members.filter((m) => m.groupId === g.id).map((m) => ({ id: m.id, name: m.name })),
    })),
    learners: learners.map((l) => {
      const ms = progress.get(`${l.cohortId}:${l.learnerId}`) ?? [];
      const next = ms.find((m) => m.status === 'todo' && m.dueOn);
      return {
        learner: { id: l.learnerId, name: l.name },
        cohort: { id: l.cohortId, name: l.cohortName },
        thesisId: l.thesisId,
        supervised: l.supervised,
        groupNumber: l.groupNumber,
        late: ms.filter((m) => m.status === 'late').map((m) => ({ kind: m.kind, dueOn: m.dueOn! })),
        next: next ? { kind: next.kind, dueOn: next.dueOn! } : null,
      };
    }),
    meetingRequests: meetings.map((m) => ({ id: m.id, cohortId: m.cohortId, learner: { id: m.learnerId, name: m.learnerName }, subject: m.subject, createdAt: m.createdAt.toISOString() })),
    versionsAwaitingFeedback: versions.map((v) => ({ id: v.id, thesisId: v.thesisId, number: v.number, depositedAt: v.createdAt.toISOString(), learner: { id: v.learnerId, name: v.learnerName } })),
  };
}

/** The learner's dashboard: one entry per promotion they are enrolled in. */
export async function getLearnerDashboard(o: { db: TDbOrTx; actor: TActor; now: Date }) {
  const me = o.actor.userId;
  const today = todayInParis(o.now);
  const supervisor = sql<string | null>`(select u.name from ${users} u where u.id = ${theses.supervisorId})`;
  const memberships = await o.db
    .select({
      cohortId: cohortLearners.cohortId,
      cohortName: cohorts.name,
      status: cohortLearners.status,
      thesisId: theses.id,
      thesisState: theses.state,
      thesisTitle: theses.title,
      supervisorName: supervisor,
      finalDepositAt: thesisFinalDeposits.at,
    })
    .from(cohortLearners)
    .innerJoin(cohorts, eq(cohorts.id, cohortLearners.cohortId))
    .leftJoin(theses, and(eq(theses.cohortId, cohortLearners.cohortId), eq(theses.learnerId, cohortLearners.userId)))
    .leftJoin(thesisFinalDeposits, eq(thesisFinalDeposits.thesisId, theses.id))
    .where(eq(cohortLearners.userId, me))
    .orderBy(asc(cohorts.startsOn));
  const cohortIds = memberships.map((m) => m.cohortId);
  if (cohortIds.length === 0) return { today, cohorts: [] };
  const leader = sql<string>`(select u.name from ${users} u where u.id = ${atelierGroups.leaderId})`;
  const [groups, groupMembers, nextAteliers, changes, meetings, progress] = await Promise.all([
    o.db
      .select({ cohortId: atelierGroups.cohortId, id: atelierGroups.id, number: atelierGroups.number, leaderId: atelierGroups.leaderId, leaderName: leader })
      .from(atelierMembers)
      .innerJoin(atelierGroups, eq(atelierGroups.id, atelierMembers.groupId))
      .where(and(eq(atelierMembers.learnerId, me), isNull(atelierGroups.endedAt))),
    o.db
      .select({ groupId: atelierMembers.groupId, id: users.id, name: users.name })
      .from(atelierMembers)
      .innerJoin(users, eq(users.id, atelierMembers.learnerId))
      .where(
        inArray(
          atelierMembers.groupId,
          o.db.select({ id: atelierMembers.groupId }).from(atelierMembers).where(eq(atelierMembers.learnerId, me)),
        ),
      )
      .orderBy(asc(users.name)),
    o.db
      .selectDistinctOn([calendarSessions.cohortId], {
        cohortId: calendarSessions.cohortId,
        id: calendarSessions.id,
        title: calendarSessions.title,
        startsAt: calendarSessions.startsAt,
        endsAt: calendarSessions.endsAt,
        room: calendarSessions.room,
      })
      .from(calendarSessions)
      .where(and(inArray(calendarSessions.cohortId, cohortIds), eq(calendarSessions.type, 'thesis_workshop'), gt(calendarSessions.startsAt, o.now)))
      .orderBy(calendarSessions.cohortId, asc(calendarSessions.startsAt)),
    o.db
      .select({ id: thesisChangeRequests.id, thesisId: thesisChangeRequests.thesisId, text: thesisChangeRequests.text, versionNumber: thesisFiles.number, at: thesisFeedback.at })
      .from(thesisChangeRequests)
      .innerJoin(theses, eq(theses.id, thesisChangeRequests.thesisId))
      .innerJoin(thesisFeedback, eq(thesisFeedback.id, thesisChangeRequests.feedbackId))
      .innerJoin(thesisFiles, eq(thesisFiles.id, thesisFeedback.versionId))
      .where(and(eq(theses.learnerId, me), isNull(thesisChangeRequests.doneAt)))
      .orderBy(asc(thesisFeedback.at), asc(thesisChangeRequests.position)),
    // Answers to their requests: another time proposed (theirs to answer), or accepted and still to come.
    o.db
      .select({
        id: mentoringMeetings.id,
        cohortId: mentoringMeetings.cohortId,
        subject: mentoringMeetings.subject,
        state: mentoringMeetings.state,
        counterAt: mentoringMeetings.counterAt,
        scheduledAt: mentoringMeetings.scheduledAt,
        teacherName: users.name,
      })
      .from(mentoringMeetings)
      .innerJoin(users, eq(users.id, mentoringMeetings.teacherId))
      .where(
        and(
          eq(mentoringMeetings.learnerId, me),
          or(eq(mentoringMeetings.state, 'counter_proposed'), and(eq(mentoringMeetings.state, 'accepted'), gt(mentoringMeetings.scheduledAt, o.now))),
        ),
      )
      .orderBy(asc(mentoringMeetings.updatedAt)),
    milestonesOf(
      o.db,
      memberships.map((m) => ({ cohortId: m.cohortId, learnerId: me, finalDepositAt: m.finalDepositAt })),
      today,
    ),
  ]);
  return {
    today,
    cohorts: memberships.map((m) => {
      const group = groups.find((g) => g.cohortId === m.cohortId);
      const atelier = nextAteliers.find((s) => s.cohortId === m.cohortId);
      return {
        cohort: { id: m.cohortId, name: m.cohortName },
        enrolment: m.status,
        thesis: m.thesisId ? { id: m.thesisId, state: m.thesisState!, title: m.thesisTitle, supervisorName: m.supervisorName } : null,
        group: group
          ? {
              number: group.number,
              leader: { id: group.leaderId, name: group.leaderName },
              members: groupMembers.filter((x) => x.groupId === group.id).map((x) => ({ id: x.id, name: x.name })),
            }
          : null,
        nextAtelier: atelier ? { id: atelier.id, title: atelier.title, startsAt: atelier.startsAt.toISOString(), endsAt: atelier.endsAt.toISOString(), room: atelier.room } : null,
        milestones: progress.get(`${m.cohortId}:${me}`) ?? [],
        awaiting: {
          changes: changes.filter((c) => c.thesisId === m.thesisId).map((c) => ({ id: c.id, thesisId: c.thesisId, text: c.text, versionNumber: c.versionNumber, askedAt: c.at.toISOString() })),
          meetings: meetings
            .filter((x) => x.cohortId === m.cohortId)
            .map((x) => ({ id: x.id, subject: x.subject, state: x.state, teacherName: x.teacherName, counterAt: x.counterAt?.toISOString() ?? null, scheduledAt: x.scheduledAt?.toISOString() ?? null })),
        },
      };
    }),
  };
}
