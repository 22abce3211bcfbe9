/** French labels of the API's codes (roles, abilities, statuses, enums of the référentiel). */
import type { TUser, TVersionDocument, TVersionSummary } from './api';

export type TRole = TUser['roles'][number];

export const ROLE_LABELS: Record<TRole, string> = {
  administrateur: 'Administrateur·rice',
  gestionnaire: 'Gestionnaire de scolarité',
  responsable_pedagogique: 'Responsable pédagogique',
  enseignant: 'Enseignant·e',
  jury: 'Membre de jury',
  auditeur: 'Auditeur·rice / candidat·e',
};

export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as TRole[]).map((value) => ({ value, label: ROLE_LABELS[value] }));

export const roleLabel = (role: string) => ROLE_LABELS[role as TRole] ?? role;

export const ABILITY_LABELS = {
  'referentiel:read': 'Consulter le référentiel',
  'referentiel:import': 'Vérifier et importer une version du référentiel',
  'centres:read': 'Consulter les centres',
  'centres:manage': 'Créer et modifier les centres',
  'users:manage': 'Gérer les utilisateurs, leurs rôles et leurs centres',
  'audit:read': "Consulter le journal d'audit",
  'account:manage:own': 'Gérer son propre compte',
  'cohorts:read': 'Consulter les promotions de ses centres',
  'cohorts:manage': 'Créer et modifier les promotions',
  'calendar:manage': 'Établir le calendrier des regroupements et des séances',
  'calendar:read:own': 'Consulter son calendrier et s’y abonner',
  'attendance:sign:own': 'Émarger et justifier ses absences',
  'attendance:take': 'Faire l’appel et signer la feuille d’une séance',
  'attendance:correct': 'Corriger un émargement (nouvel enregistrement motivé)',
  'attendance:justifications:decide': 'Accepter ou refuser les justificatifs d’absence',
  'attendance:reports': 'Consulter et exporter l’assiduité (feuilles, heures, taux)',
  'admissions:apply:own': 'Déposer et suivre sa candidature',
  'admissions:read:any': 'Consulter les candidatures de ses centres',
  'admissions:instruct': 'Instruire les candidatures (instruction, correction, notes)',
  'admissions:decide': 'Décider des candidatures (commission pédagogique)',
  'funding:manage': 'Établir le financement, le devis et la convention',
} as const;

export type TAbility = keyof typeof ABILITY_LABELS;

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
  personal: 'Financement personnel',
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

export const AUDIT_ENTITY_TYPES = [
  { value: 'user', label: 'Utilisateur' },
  { value: 'centre', label: 'Centre' },
  { value: 'session', label: 'Session (connexion)' },
  { value: 'certification_version', label: 'Version de certification' },
];

export const entityTypeLabel = (type: string) => AUDIT_ENTITY_TYPES.find((t) => t.value === type)?.label ?? type;

const ACTION_LABELS: Record<string, string> = {
  'auth.sign_in': 'Connexion',
  'auth.sign_out': 'Déconnexion',
  'auth.password_changed': 'Mot de passe modifié',
  'user.created': 'Utilisateur créé',
  'user.updated': 'Utilisateur modifié',
  'centre.created': 'Centre créé',
  'centre.updated': 'Centre modifié',
  'referentiel.version_imported': 'Version importée',
  'referentiel.version_updated': 'Version mise à jour',
};

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;
