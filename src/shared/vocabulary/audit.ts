/**
 * Every action the server records in the audit log, with its French label. `recordAudit` accepts
 * only these, so a new action does not compile until it has a label here; the journal page shows
 * the label. Entity types are listed for the journal's filter.
 */
export const AUDIT_ACTION_LABELS = {
  'auth.sign_in': 'Connexion',
  'auth.sign_out': 'Déconnexion',
  'auth.password_changed': 'Mot de passe modifié',
  'user.created': 'Utilisateur créé',
  'user.updated': 'Utilisateur modifié',
  'user.renamed': 'Nom changé par la personne',
  'user.invitation_resent': 'Invitation renvoyée',
  'account.password_reset_requested': 'Réinitialisation du mot de passe demandée',
  'account.password_set': 'Mot de passe défini par lien',
  'job.retried': 'Tâche de fond relancée',
  'centre.created': 'Centre créé',
  'centre.updated': 'Centre modifié',
  'referentiel.version_imported': 'Version du référentiel importée',
  'referentiel.version_updated': 'Version du référentiel mise à jour',
  'cohort.created': 'Promotion créée',
  'cohort.updated': 'Promotion modifiée',
  'cohort.learner_added': 'Auditeur·rice ajouté·e à la promotion',
  'cohort_learner.enrolled': 'Auditeur·rice inscrit·e dans la promotion',
  'calendar.generated': 'Calendrier généré',
  'calendar_feed.created': 'Abonnement au calendrier créé',
  'calendar_feed.revoked': 'Abonnement au calendrier révoqué',
  'residency.created': 'Regroupement créé',
  'residency.updated': 'Regroupement modifié',
  'residency.split': 'Regroupement scindé',
  'residency.deleted': 'Regroupement supprimé',
  'session.created': 'Séance créée',
  'session.updated': 'Séance modifiée',
  'session.deleted': 'Séance supprimée',
  'session.times_corrected': 'Horaires d’une séance émargée corrigés (motif)',
  'school_holidays.imported': 'Vacances scolaires importées',
  'attendance.signed': 'Émargement de l’auditeur·rice',
  'attendance.marked': 'Appel enregistré',
  'attendance.corrected': 'Émargement corrigé',
  'attendance.teacher_signed': 'Feuille signée par l’enseignant·e',
  'attendance.demo_seeded': 'Émargements de démonstration créés',
  'justification.created': 'Justificatif d’absence déposé',
  'justification.accepted': 'Justificatif d’absence accepté',
  'justification.refused': 'Justificatif d’absence refusé',
  'document.stored': 'Document enregistré',
  'application.created': 'Candidature créée',
  'application.start_diverted': 'Candidature en ligne sur un compte ou un dossier existant : courriel envoyé, rien créé',
  'application.draft_saved': 'Brouillon de candidature enregistré',
  'application.document_added': 'Pièce ajoutée à la candidature',
  'application.document_removed': 'Pièce retirée de la candidature',
  'application.filed': 'Candidature déposée',
  'application.start_review': 'Candidature passée en instruction',
  'application.request_correction': 'Correction de candidature demandée',
  'application.accept': 'Candidature acceptée',
  'application.refuse': 'Candidature refusée',
  'application.close': 'Candidature classée sans suite',
  'application.note_added': 'Note privée ajoutée',
  'conflict.declared': 'Conflit d’intérêts déclaré',
  'application.registration_completed': 'Inscription définitive',
  'application.registration_waiting': "Inscription en liste d'attente",
  'application.promoted_from_waiting_list': "Inscription depuis la liste d'attente",
  'funding.created': 'Financement établi',
  'funding.updated': 'Financement modifié',
  'thesis.created': 'Fiche mémoire créée',
  'thesis.updated': 'Fiche mémoire modifiée',
  'thesis.state_changed': 'État d’un mémoire changé',
} as const satisfies Record<string, string>;

export type TAuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTION_VALUES = Object.keys(AUDIT_ACTION_LABELS) as [TAuditAction, ...TAuditAction[]];

/** Label of a stored action; an action recorded by an older version shows its code. */
export const auditActionLabel = (action: string): string =>
  action in AUDIT_ACTION_LABELS ? AUDIT_ACTION_LABELS[action as TAuditAction] : action;

export const AUDIT_ENTITY_TYPE_LABELS = {
  user: 'Utilisateur',
  job: 'Tâche de fond',
  centre: 'Centre',
  session: 'Séance ou connexion',
  certification_version: 'Version de certification',
  cohort: 'Promotion',
  cohort_learner: 'Inscription dans une promotion',
  residency: 'Regroupement',
  calendar_feed: 'Abonnement au calendrier',
  attendance_record: 'Émargement',
  absence_justification: 'Justificatif d’absence',
  document: 'Document',
  application: 'Candidature',
  school_holidays: 'Vacances scolaires',
  thesis: 'Mémoire',
} as const satisfies Record<string, string>;
export type TAuditEntityType = keyof typeof AUDIT_ENTITY_TYPE_LABELS;
