/**
 * The navbar's entries, each shown only with its ability; `staff` entries (the référentiel, the API's
 * documentation) are tools of the centre's staff, not shown to a person who only applies or learns.
 */
import { IconBeach, IconBell, IconGavel, IconCalendarEvent, IconSchool, IconFileCertificate, IconBook2, IconBuilding, IconHistory, IconHome, IconListCheck, IconMessages, IconNotebook, IconPencil, IconUserCircle, IconUsers } from '@tabler/icons-react';
import type { TAbility } from '../../lib/labels';

export type TNavEntry = {
  to: '/' | '/referentiel' | '/promotions' | '/mon-calendrier' | '/candidatures' | '/mes-candidatures' | '/admin/utilisateurs' | '/admin/centres' | '/admin/vacances-scolaires' | '/admin/journal' | '/admin/taches' | '/notifications' | '/compte' | '/memoires' | '/mon-memoire' | '/mes-ateliers-et-memoires' | '/mon-suivi' | '/mon-journal' | '/suivi-individuel' | '/evaluations' | '/mes-evaluations' | '/mes-jurys' | '/mes-soutenances';
  label: string;
  description: string;
  icon: typeof IconHome;
  ability?: TAbility;
  /** Only for people with a staff role (any role but auditeur). */
  staff?: boolean;
  group: 'main' | 'admin' | 'account';
};

export const NAV_ENTRIES: TNavEntry[] = [
  { to: '/', label: 'Accueil', description: 'Votre tableau de bord', icon: IconHome, group: 'main' },
  {
    to: '/promotions',
    label: 'Promotions',
    description: 'Les promotions, leur calendrier de regroupements, leurs séances et leur assiduité',
    icon: IconSchool,
    ability: 'cohorts:read',
    group: 'main',
  },
  {
    to: '/mon-calendrier',
    label: 'Mon calendrier',
    description: 'Vos séances, vos émargements, vos heures et l’abonnement à votre agenda',
    icon: IconCalendarEvent,
    ability: 'calendar:read:own',
    group: 'main',
  },
  {
    to: '/memoires',
    label: 'Mémoires',
    description: 'Les fiches mémoire des promotions : directeur·rice, état, historique',
    icon: IconNotebook,
    ability: 'cohorts:read',
    group: 'main',
  },
  {
    to: '/mes-ateliers-et-memoires',
    label: 'Mes ateliers et mémoires',
    description: 'Vos groupes, les auditeur·rices que vous accompagnez, leurs retards, demandes et versions à relire',
    icon: IconNotebook,
    ability: 'followup:mentor',
    group: 'main',
  },
  {
    to: '/mon-memoire',
    label: 'Mon mémoire',
    description: 'Votre fiche mémoire, vos jalons et ce qui vous attend',
    icon: IconNotebook,
    ability: 'thesis:edit:own',
    group: 'main',
  },
  {
    to: '/mon-suivi',
    label: 'Mon suivi',
    description: 'Vos entretiens de suivi individuel entre les regroupements',
    icon: IconMessages,
    ability: 'followup:own',
    group: 'main',
  },
  {
    to: '/mon-journal',
    label: 'Mon journal',
    description: 'Votre autobiographie raisonnée et votre temps de travail sur le mémoire',
    icon: IconPencil,
    ability: 'followup:own',
    group: 'main',
  },
  {
    to: '/suivi-individuel',
    label: 'Suivi individuel',
    description: 'Les demandes d’entretien des auditeur·rices que vous accompagnez',
    icon: IconMessages,
    ability: 'followup:mentor',
    group: 'main',
  },
  {
    to: '/evaluations',
    label: 'Évaluations',
    description: 'Les notes des promotions : saisie, troisièmes lectures, publication, propositions par bloc',
    icon: IconListCheck,
    ability: 'cohorts:read',
    group: 'main',
  },
  {
    to: '/mes-evaluations',
    label: 'Mes évaluations',
    description: 'Vos notes publiées, bloc par bloc',
    icon: IconListCheck,
    ability: 'evaluations:read:own',
    group: 'main',
  },
  {
    to: '/mes-jurys',
    label: 'Mes jurys',
    description: 'Les jurys où vous siégez et les dossiers qui vous sont confiés',
    icon: IconGavel,
    ability: 'jury:sit',
    group: 'main',
  },
  {
    to: '/mes-soutenances',
    label: 'Mes soutenances',
    description: 'Vos convocations : votre soutenance, ou celles où vous siégez',
    icon: IconCalendarEvent,
    ability: 'soutenances:read:own',
    group: 'main',
  },
  {
    to: '/referentiel',
    label: 'Référentiel',
    description: 'Les versions de la certification : blocs, maquette horaire, admission, jurys, tarifs',
    icon: IconBook2,
    ability: 'referentiel:read',
    staff: true,
    group: 'main',
  },
  {
    to: '/candidatures',
    label: 'Candidatures',
    description: 'Instruction des dossiers, décisions de la commission, inscriptions et devis',
    icon: IconFileCertificate,
    ability: 'admissions:read:any',
    group: 'main',
  },
  {
    to: '/mes-candidatures',
    label: 'Mes candidatures',
    description: 'Votre dossier de candidature, votre inscription et votre devis',
    icon: IconFileCertificate,
    ability: 'admissions:apply:own',
    group: 'main',
  },
  {
    to: '/admin/utilisateurs',
    label: 'Utilisateurs',
    description: 'Créer les comptes, attribuer les rôles et les centres',
    icon: IconUsers,
    ability: 'users:manage',
    group: 'admin',
  },
  {
    to: '/admin/centres',
    label: 'Centres',
    description: 'Les centres Cnam qui portent la formation',
    icon: IconBuilding,
    ability: 'centres:manage',
    group: 'admin',
  },
  {
    to: '/admin/vacances-scolaires',
    label: 'Vacances scolaires',
    description: 'Jusqu’où les vacances de chaque zone sont connues ; importer le calendrier officiel',
    icon: IconBeach,
    ability: 'holidays:import',
    group: 'admin',
  },
  {
    to: '/admin/journal',
    label: "Journal d'audit",
    description: 'Toutes les écritures, qui les a faites et quand',
    icon: IconHistory,
    ability: 'audit:read',
    group: 'admin',
  },
  {
    to: '/admin/taches',
    label: 'Tâches de fond',
    description: 'Les envois de courriels et les calculs en arrière-plan, leurs échecs, les relances',
    icon: IconListCheck,
    ability: 'jobs:manage',
    group: 'admin',
  },
  {
    to: '/notifications',
    label: 'Notifications',
    description: 'Les événements qui vous concernent',
    icon: IconBell,
    group: 'account',
  },
  {
    to: '/compte',
    label: 'Mon compte',
    description: 'Vos informations et votre mot de passe',
    icon: IconUserCircle,
    ability: 'account:manage:own',
    group: 'account',
  },
];

/** A staff member: any role but auditeur (candidates and learners are auditeurs). */
export const isStaff = (roles: readonly string[]) => roles.some((r) => r !== 'auditeur');

export function visibleEntries(abilities: readonly string[], roles?: readonly string[]): TNavEntry[] {
  return NAV_ENTRIES.filter((e) => (!e.ability || abilities.includes(e.ability)) && (!e.staff || !roles || isStaff(roles)));
}
