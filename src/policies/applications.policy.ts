/**
 * Who may do what with one application (candidature). The person whose file it is reads it as its
 * applicant, whatever other role they hold; nobody instructs, decides or funds their own file, nor a
 * file of a person they declared a conflict of interest with.
 */
import { TRANSITIONS, type TInstructionAction } from '../features/admissions/admissions.rules.js';
import type { TApplicationStatus } from '../features/admissions/admissions.tables.js';
import { allOf, allow, deny, type TDecision } from './decision.js';
import { hasAbility, type TActor } from './policies.js';
import { actsInCentre } from './scope.js';

export type TApplicationFacts = { userId: string; centreId: string; status: TApplicationStatus };

/** What the policy knows of the actor's relation to the person of the file. */
export type TFileRelation = { conflicted: boolean };

const OWN_FILE = 'on ne traite jamais son propre dossier.';
const CONFLICTED = 'vous avez déclaré un conflit d’intérêts avec la personne de ce dossier.';

/** Not the actor's own file, and no declared conflict with its person. */
export function impartial(actor: Pick<TActor, 'userId'>, subjectUserId: string, rel: TFileRelation): TDecision {
  if (actor.userId === subjectUserId) return deny(OWN_FILE);
  if (rel.conflicted) return deny(CONFLICTED);
  return allow();
}

const inCentre = (actor: TActor, app: TApplicationFacts): TDecision =>
  actsInCentre(actor, app.centreId) ? allow() : deny("cette candidature relève d'un autre centre.");

export type TApplicationView = 'staff' | 'applicant';

/** How the actor reads the application: as its applicant, as staff, or not at all. */
export function readApplication(actor: TActor, app: TApplicationFacts, rel: TFileRelation): { view: TApplicationView } | { view: null; reason: string } {
  if (actor.userId === app.userId) return { view: 'applicant' };
  const staff = allOf(hasAbility(actor, 'admissions:read:any'), inCentre(actor, app), impartial(actor, app.userId, rel));
  if (staff.allowed) return { view: 'staff' };
  return { view: null, reason: staff.reason };
}

export function canEditOwnApplication(actor: TActor, app: TApplicationFacts): TDecision {
  return actor.userId === app.userId ? allow() : deny('seule la personne candidate modifie sa candidature.');
}

/** An uploaded document is withdrawn by the applicant, and only before the file is filed (the commission reads what was filed). */
export function canRemoveApplicationDocument(actor: TActor, app: TApplicationFacts): TDecision {
  return allOf(
    canStartApplication(actor),
    canEditOwnApplication(actor, app),
    app.status === 'draft' ? allow() : deny('une pièce ne se retire qu’avant le dépôt de la candidature.'),
  );
}

export function canInstructApplication(actor: TActor, app: TApplicationFacts, rel: TFileRelation): TDecision {
  return allOf(hasAbility(actor, 'admissions:instruct'), impartial(actor, app.userId, rel), inCentre(actor, app));
}

export function canDecideApplication(actor: TActor, app: TApplicationFacts, rel: TFileRelation): TDecision {
  return allOf(hasAbility(actor, 'admissions:decide'), impartial(actor, app.userId, rel), inCentre(actor, app));
}

export function canFundApplication(actor: TActor, app: TApplicationFacts, rel: TFileRelation): TDecision {
  return allOf(hasAbility(actor, 'funding:manage'), impartial(actor, app.userId, rel), inCentre(actor, app));
}

/** One instruction action (start, correction, accept, refuse, close): a decision needs the decision right. */
export function canTransitionApplication(actor: TActor, app: TApplicationFacts, rel: TFileRelation, action: TInstructionAction): TDecision {
  return TRANSITIONS[action].decision ? canDecideApplication(actor, app, rel) : canInstructApplication(actor, app, rel);
}

/** The actions the actor is offered on this application: possible from its status and allowed to them. */
export function applicationActions(actor: TActor, app: TApplicationFacts, rel: TFileRelation): TInstructionAction[] {
  return (Object.keys(TRANSITIONS) as TInstructionAction[]).filter(
    (a) => TRANSITIONS[a].from.includes(app.status) && canTransitionApplication(actor, app, rel, a).allowed,
  );
}

/** What the UI may offer on the application, from the same decisions the API enforces. */
export function applicationPermissions(actor: TActor, app: TApplicationFacts, rel: TFileRelation) {
  return {
    actions: applicationActions(actor, app, rel),
    addNote: canInstructApplication(actor, app, rel).allowed,
    fund: canFundApplication(actor, app, rel).allowed,
    edit: canEditOwnApplication(actor, app).allowed,
    removeDocument: canRemoveApplicationDocument(actor, app).allowed,
    declareConflict: !rel.conflicted && canDeclareConflict(actor, app).allowed,
  };
}

/** Stepping aside from a person's files: staff who read the application as staff. */
export function canDeclareConflict(actor: TActor, app: TApplicationFacts): TDecision {
  if (actor.userId === app.userId) return deny('on ne déclare pas de conflit d’intérêts sur son propre dossier.');
  return allOf(hasAbility(actor, 'admissions:read:any'), inCentre(actor, app));
}

/** Admissions of one centre's promotion: the waiting list and its promotion to a place. */
export function canReadAdmissionsOfCentre(actor: TActor, centreId: string): TDecision {
  return allOf(hasAbility(actor, 'admissions:read:any'), actsInCentre(actor, centreId) ? allow() : deny("cette promotion relève d'un autre centre."));
}

export function canPromoteFromWaitingList(actor: TActor, centreId: string): TDecision {
  return allOf(hasAbility(actor, 'admissions:instruct'), actsInCentre(actor, centreId) ? allow() : deny("cette promotion relève d'un autre centre."));
}

export function canStartApplication(actor: TActor): TDecision {
  return hasAbility(actor, 'admissions:apply:own');
}

export function canReadCommissionList(actor: TActor): TDecision {
  return hasAbility(actor, 'admissions:read:any');
}
