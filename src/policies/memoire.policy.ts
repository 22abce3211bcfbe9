/**
 * Who may do what with a learner's mémoire record (decision 019). The learner writes it (type, genre,
 * title, question, organisation) and reads it; their supervisor reads it; the promotion's staff who
 * hold `thesis:read:any` read every record, and those who hold `thesis:manage` name the supervisor and
 * move its state. A learner moves no state of their own: nobody decides on their own file, even a
 * member of staff who is also a learner of the promotion.
 */
import { staffAccess, type TCohortFacts } from './cohorts.policy.js';
import { allOf, allow, deny, type TDecision } from './decision.js';
import type { TCohortRelation } from './facts.js';
import { hasAbility, type TActor } from './policies.js';

export type TThesisFacts = { learnerId: string; supervisorId: string | null };

const isOwn = (actor: TActor, thesis: Pick<TThesisFacts, 'learnerId'>) => thesis.learnerId === actor.userId;

/** The promotion's staff who read every record of it. */
export function canReadThesesAsStaff(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): TDecision {
  return allOf(hasAbility(actor, 'thesis:read:any'), staffAccess(actor, cohort, rel));
}

export function canReadThesis(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, thesis: TThesisFacts): TDecision {
  if (isOwn(actor, thesis)) return allow();
  if (thesis.supervisorId === actor.userId) return allow();
  const staff = canReadThesesAsStaff(actor, cohort, rel);
  return staff.allowed ? staff : deny('ce mémoire n’est ni le vôtre ni l’un de ceux que vous dirigez.');
}

/**
 * The list of a promotion's records: all of them for its staff; for a teacher of the promotion, the
 * records they supervise; nobody else (a learner reads their own through /api/me/theses).
 */
export function listThesesScope(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation): { scope: 'all' | 'supervised' } | { scope: null; reason: string } {
  if (canReadThesesAsStaff(actor, cohort, rel).allowed) return { scope: 'all' };
  if (actor.roles.includes('enseignant') && staffAccess(actor, cohort, rel).allowed) return { scope: 'supervised' };
  return { scope: null, reason: 'seules l’équipe de la promotion et ses enseignant·es consultent la liste des mémoires.' };
}

/** Creating a record: a learner of the promotion for themself, or its staff for one of its learners. */
export function canCreateThesis(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, learnerId: string): TDecision {
  if (learnerId === actor.userId) {
    return allOf(hasAbility(actor, 'thesis:edit:own'), rel.learner ? allow() : deny('vous n’êtes pas inscrit·e dans cette promotion.'));
  }
  return allOf(hasAbility(actor, 'thesis:manage'), staffAccess(actor, cohort, rel));
}

/** The content of the record is the learner's own writing: only they edit it. */
export function canEditThesisContent(actor: TActor, thesis: TThesisFacts): TDecision {
  return allOf(isOwn(actor, thesis) ? allow() : deny('seul·e l’auditeur·rice rédige sa fiche mémoire.'), hasAbility(actor, 'thesis:edit:own'));
}

function staffDecision(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, thesis: TThesisFacts, ownReason: string): TDecision {
  return allOf(hasAbility(actor, 'thesis:manage'), staffAccess(actor, cohort, rel), isOwn(actor, thesis) ? deny(ownReason) : allow());
}

export function canNameSupervisor(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, thesis: TThesisFacts): TDecision {
  return staffDecision(actor, cohort, rel, thesis, 'on ne désigne pas le·la directeur·rice de son propre mémoire.');
}

export function canChangeThesisState(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, thesis: TThesisFacts): TDecision {
  return staffDecision(actor, cohort, rel, thesis, 'on ne décide pas de l’état de son propre mémoire.');
}

/** What the UI offers on one record, from the same decisions the API enforces. */
export function thesisPermissions(actor: TActor, cohort: TCohortFacts, rel: TCohortRelation, thesis: TThesisFacts) {
  return {
    editContent: canEditThesisContent(actor, thesis).allowed,
    nameSupervisor: canNameSupervisor(actor, cohort, rel, thesis).allowed,
    changeState: canChangeThesisState(actor, cohort, rel, thesis).allowed,
  };
}
