/** Background jobs: their states and kinds, as the server records them and the SPA shows them. */
export const JOB_STATUS_VALUES = ['pending', 'running', 'succeeded', 'dead'] as const;
export type TJobStatus = (typeof JOB_STATUS_VALUES)[number];
export const JOB_STATUS_LABELS: Record<TJobStatus, string> = {
  pending: 'En attente',
  running: 'En cours',
  succeeded: 'Terminée',
  dead: 'Abandonnée',
};

export const JOB_KIND_VALUES = ['mail.send', 'account.send_link', 'jobs.cleanup', 'atelier.propose', 'memoire.milestone_reminders', 'soutenance.plan'] as const;
export type TJobKind = (typeof JOB_KIND_VALUES)[number];
export const JOB_KIND_LABELS: Record<TJobKind, string> = {
  'mail.send': 'Envoi d’un courriel',
  'account.send_link': 'Envoi d’un lien de mot de passe',
  'jobs.cleanup': 'Nettoyage des tâches terminées',
  'atelier.propose': 'Calcul d’une proposition de groupes d’ateliers mémoire',
  'memoire.milestone_reminders': 'Rappels des échéances du mémoire',
  'soutenance.plan': 'Calcul d’un planning de soutenances',
};

/** Notifications shown in the app. */
export const NOTIFICATION_KIND_VALUES = ['application.filed', 'application.refiled', 'memoire.milestone_reminder', 'meeting.requested', 'meeting.answered', 'meeting.note'] as const;
export type TNotificationKind = (typeof NOTIFICATION_KIND_VALUES)[number];
export const NOTIFICATION_KIND_LABELS: Record<TNotificationKind, string> = {
  'application.filed': 'Candidature déposée',
  'application.refiled': 'Candidature déposée à nouveau',
  'memoire.milestone_reminder': 'Rappel d’une échéance du mémoire',
  'meeting.requested': 'Demande d’entretien de suivi',
  'meeting.answered': 'Réponse à une demande d’entretien',
  'meeting.note': 'Compte rendu d’entretien partagé',
};
