/** French labels of the API's codes (roles, abilities, statuses, enums of the référentiel). */
import {
  AUDIT_ENTITY_TYPE_LABELS,
  auditActionLabel,
  FUNDING_KIND_LABELS,
  ROLE_LABELS,
  ROLE_VALUES,
  type TAuditEntityType,
  type TRole,
} from '../../../src/shared/vocabulary/index';
import type { TVersionDocument, TVersionSummary } from './api';

export { ABILITY_LABELS, ROLE_LABELS, type TAbility, type TRole } from '../../../src/shared/vocabulary/index';

export const ROLE_OPTIONS = ROLE_VALUES.map((value) => ({ value, label: ROLE_LABELS[value] }));

export const roleLabel = (role: string) => (ROLE_VALUES as readonly string[]).includes(role) ? ROLE_LABELS[role as TRole] : role;

export const STATUS_LABELS: Record<TVersionSummary['status'], { label: string; color: string }> = {
  active: { label: 'En vigueur', color: 'green' },
  closed: { label: 'Fermée', color: 'gray' },
  upcoming: { label: 'À venir', color: 'blue' },
};

type TDoc = TVersionDocument;
type TPayer = NonNullable<TDoc['prices']>[number]['payer'];
type THourKind = NonNullable<TDoc['hours']>['components'][number]['kind'];
type TJuryKind = NonNullable<NonNullable<TDoc['accessRoutes']>[number]['jury']>['members'][number]['kind'];
type TExperienceKind = NonNullable<TDoc['admission']>['paths'][number]['experienceKinds'][number];

export const PAYER_LABELS: Record<TPayer, string> = {
  third_party: 'Tiers financeur',
  cpf: 'CPF',
  personal: FUNDING_KIND_LABELS.personal,
  agreement: 'Convention',
  other: 'Autre',
};

export const HOUR_KIND_LABELS: Record<THourKind, string> = {
  seminar: 'Séminaires',
  thesis_workshop: 'Ateliers mémoire',
  mentoring: 'Accompagnement',
  other: 'Autres',
};

export const JURY_KIND_LABELS: Record<TJuryKind, string> = {
  cnam_teacher: 'Enseignant·es du Cnam',
  professional: 'Professionnel·les',
  cnam_administrator: 'Administration du Cnam',
};

export const EXPERIENCE_KIND_LABELS: Record<TExperienceKind, string> = {
  social: 'sociale (associative ou syndicale)',
  professional: 'professionnelle',
};

/** The journal's entity-type filter and labels, from the shared vocabulary. */
export const AUDIT_ENTITY_TYPES = (Object.keys(AUDIT_ENTITY_TYPE_LABELS) as TAuditEntityType[]).map((value) => ({ value, label: AUDIT_ENTITY_TYPE_LABELS[value] }));

export const entityTypeLabel = (type: string) => (type in AUDIT_ENTITY_TYPE_LABELS ? AUDIT_ENTITY_TYPE_LABELS[type as TAuditEntityType] : type);

/** Every action the server records has a label in the shared vocabulary; an unknown code shows as is. */
export const actionLabel = auditActionLabel;
