/**
 * Who may do what with one promotion and what hangs on it: its calendar, its sessions' attendance,
 * corrections, absence justifications, reports and feeds. Staff act on a promotion of their centre,
 * or one they are named on or teach in; learners read their own promotion and their own records.
 * Nobody records, corrects or judges their own attendance.
 */
import { allOf, allow, deny, type TDecision } from './decision.js';
import type { TCohortRelation } from './facts.js';
import { hasAbility, type TActor } from './policies.js';
import { actsInCentre, isAdministrator, isStaff } from './scope.js';

export type TCohortFacts = { id: string; centreId: string };

const OTHER_CENTRE = 'cette promotion relève d’un centre qui n’est pas le vôtre.';

/** Staff access to the promotion: administrator, staff of its centre, named on it, or teaching in it. */
export function staffAccess(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  if (isAdministrator(actor)) return allow();
  if (isStaff(actor) && (actsInCentre(actor, cohort.centreId) || rel.assigned || rel.teaches)) return allow();
  return deny(OTHER_CENTRE);
}

export type TCohortView = 'staff' | 'learner';

/** How the actor reads the promotion: as staff, as one of its learners, or not at all. */
export function readCohort(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): { view: TCohortView } | { view: null; reason: string } {
  if (staffAccess(actor, cohort, rel).allowed) return { view: 'staff' };
  if (rel.learner) return { view: 'learner' };
  return { view: null, reason: 'vous ne faites pas partie de cette promotion.' };
}

export function canReadCohort(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  const read = readCohort(actor, cohort, rel);
  return read.view ? allow() : deny(read.reason);
}

export function canReadCohortAsStaff(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  return staffAccess(actor, cohort, rel);
}

/** Creating a promotion in a centre. */
export function canCreateCohortIn(actor: TActor, centreId: string): TDecision {
  return allOf(hasAbility(actor, 'cohorts:manage'), actsInCentre(actor, centreId) ? allow() : deny('ce centre n’est pas le vôtre.'));
}

export function canManageCohort(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  return allOf(hasAbility(actor, 'cohorts:manage'), staffAccess(actor, cohort, rel));
}

/** Enrolling a person: never oneself. */
export function canEnrolLearner(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, learnerUserId: string): TDecision {
  return allOf(canManageCohort(actor, cohort, rel), learnerUserId === actor.userId ? deny('on ne s’inscrit pas soi-même dans une promotion.') : allow());
}

export function canManageCalendar(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  return allOf(hasAbility(actor, 'calendar:manage'), staffAccess(actor, cohort, rel));
}

/**
 * Correcting the times of a session that has attendance (decision 012): the promotion's staff who
 * correct attendance (administrator, gestionnaire, responsable pédagogique of the centre), always with
 * a reason; a teacher never re-times a session they signed.
 */
export function canCorrectSessionTimes(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  return allOf(hasAbility(actor, 'attendance:correct'), staffAccess(actor, cohort, rel));
}

/** Whether the actor leads the session (a teacher of it) or manages the promotion's attendance. */
function leadsOrManages(actor: TActor, teachesThisSession: boolean, managers: readonly string[]): TDecision {
  if (isAdministrator(actor) || teachesThisSession || actor.roles.some((r) => managers.includes(r))) return allow();
  return deny('seul·e un·e enseignant·e de la séance, ou l’équipe de la promotion, fait l’appel.');
}

/** Marking the attendance of a session (the call). */
export function canTakeAttendance(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, teachesThisSession: boolean): TDecision {
  return allOf(
    hasAbility(actor, 'attendance:take'),
    staffAccess(actor, cohort, rel),
    leadsOrManages(actor, teachesThisSession, ['gestionnaire', 'responsable_pedagogique']),
  );
}

/** Signing a session's sheet: a teacher of the session or the responsable pédagogique. */
export function canSignSessionSheet(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, teachesThisSession: boolean): TDecision {
  return allOf(
    hasAbility(actor, 'attendance:take'),
    staffAccess(actor, cohort, rel),
    isAdministrator(actor) || teachesThisSession || actor.roles.includes('responsable_pedagogique')
      ? allow()
      : deny('seul·e un·e enseignant·e de la séance (ou le·la responsable pédagogique) signe sa feuille.'),
  );
}

/** Recording someone's attendance: never one's own (a learner who also teaches signs like a learner). */
export function canRecordAttendanceOf(actor: TActor, learnerUserId: string): TDecision {
  return learnerUserId === actor.userId ? deny('on n’enregistre pas sa propre présence : émargez vous-même.') : allow();
}

export function canCorrectAttendance(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, learnerUserId: string): TDecision {
  return allOf(
    hasAbility(actor, 'attendance:correct'),
    staffAccess(actor, cohort, rel),
    learnerUserId === actor.userId ? deny('on ne corrige pas son propre émargement.') : allow(),
  );
}

/**
 * A teacher rectifies their own roll call (a mark they recorded, not a learner's signature) as long
 * as they have not signed the sheet; afterwards a correction goes through the staff who correct.
 */
export function canAmendOwnMark(
  actor: TActor,
  cohort: TCohortFacts,
  rel: TCohortRelation,
  teachesThisSession: boolean,
  record: { method: string; recordedBy: string },
  sheetSignedByActor: boolean,
): TDecision {
  return allOf(
    canTakeAttendance(actor, cohort, rel, teachesThisSession),
    record.method === 'teacher' && record.recordedBy === actor.userId ? allow() : deny('seul l’appel que vous avez fait vous-même se rectifie ainsi.'),
    sheetSignedByActor ? deny('vous avez signé la feuille : une correction passe par le gestionnaire ou le·la responsable pédagogique.') : allow(),
  );
}

export function canReadAttendanceReports(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  return allOf(hasAbility(actor, 'attendance:reports'), staffAccess(actor, cohort, rel));
}

/** The session's list (who is present): staff of the promotion who take attendance. */
export function canReadSessionAttendance(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  return allOf(hasAbility(actor, 'attendance:take'), staffAccess(actor, cohort, rel));
}

/** A learner signs their own presence in their own promotion. */
export function canSignOwnAttendance(actor: TActor, rel: TCohortRelation): TDecision {
  return allOf(hasAbility(actor, 'attendance:sign:own'), rel.learner ? allow() : deny('vous n’êtes pas inscrit·e dans cette promotion.'));
}

/** One learner's attendance: the learner themself, or staff who read the reports. */
export function canReadLearnerAttendance(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, learnerUserId: string): TDecision {
  if (learnerUserId === actor.userId && rel.learner) return allow();
  return canReadAttendanceReports(actor, cohort, rel);
}

export function canSubmitJustification(actor: TActor, rel: TCohortRelation): TDecision {
  return canSignOwnAttendance(actor, rel);
}

export function canDecideJustification(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, learnerUserId: string): TDecision {
  return allOf(
    hasAbility(actor, 'attendance:justifications:decide'),
    staffAccess(actor, cohort, rel),
    learnerUserId === actor.userId ? deny('on ne juge pas son propre justificatif.') : allow(),
  );
}

/** A justification's document (often medical): its owner, or staff who read the promotion's attendance. */
export function canReadJustification(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, learnerUserId: string): TDecision {
  if (learnerUserId === actor.userId) return allow();
  return allOf(canReadAttendanceReports(actor, cohort, rel));
}

/** The promotion's feed (or one's own learner feed): anyone who reads the promotion. */
export function canSubscribeCohortFeed(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  return allOf(hasAbility(actor, 'calendar:read:own').allowed || hasAbility(actor, 'cohorts:read').allowed ? allow() : deny('il faut pouvoir consulter un calendrier.'), canReadCohort(actor, cohort, rel));
}

/** A teacher's own feed of the sessions they teach. */
export function canSubscribeTeacherFeed(actor: TActor): TDecision {
  return isAdministrator(actor) || actor.roles.includes('enseignant') || actor.roles.includes('responsable_pedagogique')
    ? allow()
    : deny('le flux « enseignant » est réservé aux enseignant·es.');
}

export function canRevokeFeed(actor: TActor, feed: { createdBy: string }): TDecision {
  return feed.createdBy === actor.userId || isAdministrator(actor) ? allow() : deny('vous ne pouvez révoquer que vos propres flux.');
}

/** The list of promotions: staff see those of their centres. */
export function canListCohorts(actor: TActor): TDecision {
  return hasAbility(actor, 'cohorts:read');
}

export function canReadOwnCalendar(actor: TActor): TDecision {
  return hasAbility(actor, 'calendar:read:own');
}
