/**
 * The messages of an application's life (filed, correction requested, decision, registration), and
 * the staff's notifications when a file is filed or filed again. Everything here is queued inside the
 * transaction of the transition it announces: e-mails as `mail.send` jobs, notifications as rows.
 */
import type { TDbOrTx } from '../../db/client.js';
import { formatCents } from '../../lib/format.js';
import { enqueueMail } from '../mail/mail.service.js';
import { createNotifications, findCentreStaff } from '../notifications/notifications.service.js';
import { STATUS_LABELS, type TApplicationState } from './admissions.rules.js';

export type TApplicantMailKind = 'filed' | 'correction' | 'decision' | 'registration_complete' | 'registration_waiting';

type TMailRow = { id: string; reference: string; email: string; firstName: string; lastName: string; status: string };
type TExtra = { reason?: string | null; amountCents?: number };

/** The applicant's own page, where each e-mail leads. */
export const applicantLink = (id: string) => `/mes-candidatures/${id}`;
/** The staff's page of the file. */
export const staffLink = (id: string) => `/candidatures/${id}`;

export function applicantMail(row: TMailRow, kind: TApplicantMailKind, extra: TExtra = {}) {
  const hello = `Bonjour ${row.firstName} ${row.lastName},`;
  switch (kind) {
    case 'filed':
      return {
        subject: `Candidature ${row.reference} déposée`,
        text: `${hello}\n\nNous avons bien reçu votre candidature ${row.reference}. La commission pédagogique l'examinera ; vous serez informé·e de chaque étape.`,
      };
    case 'correction':
      return {
        subject: `Candidature ${row.reference} : une correction est demandée`,
        text: `${hello}\n\nVotre candidature ${row.reference} vous est renvoyée pour correction :\n\n« ${extra.reason ?? ''} »\n\nConnectez-vous pour la compléter puis la déposer à nouveau.`,
      };
    case 'decision': {
      const label = STATUS_LABELS[row.status as TApplicationState] ?? row.status;
      const next =
        row.status === 'accepted'
          ? "\n\nVotre bulletin d'inscription administrative est disponible dans votre espace : l'inscription n'est définitive qu'après son retour complet."
          : '';
      return {
        subject: `Candidature ${row.reference} : ${label.toLowerCase()}`,
        text: `${hello}\n\nDécision sur votre candidature ${row.reference} : ${label}.\n\nMotif : ${extra.reason ?? ''}${next}`,
      };
    }
    case 'registration_complete':
      return {
        subject: `Inscription définitive (${row.reference})`,
        text: `${hello}\n\nVotre bulletin d'inscription est complet : votre inscription est définitive.${extra.amountCents !== undefined ? ` Montant de la formation : ${formatCents(extra.amountCents)}.` : ''}`,
      };
    case 'registration_waiting':
      return {
        subject: `Inscription en liste d'attente (${row.reference})`,
        text: `${hello}\n\nVotre bulletin d'inscription est complet, mais la promotion est complète : vous êtes inscrit·e sur la liste d'attente, dans l'ordre de retour des bulletins. Nous vous écrirons dès qu'une place se libère.`,
      };
  }
}

type TStartCohort = { cohortName: string; centreName: string; intakeYear: number };

/**
 * The public form's three outcomes, each told by e-mail only (the form answers the same to all):
 * a new account and its draft; an address that already has an account; a person who already has
 * an application for this diploma and intake (written to the address on that file).
 */
export const startMails = {
  created: (row: TMailRow, c: TStartCohort) => ({
    to: row.email,
    subject: `Votre candidature ${row.reference} est commencée`,
    text:
      `Bonjour ${row.firstName} ${row.lastName},\n\n` +
      `Votre compte est créé et votre candidature ${row.reference} (promotion « ${c.cohortName} », ${c.centreName}) est enregistrée en brouillon. ` +
      "Connectez-vous avec cette adresse et le mot de passe que vous avez choisi pour la compléter, joindre vos pièces et la déposer.",
    link: applicantLink(row.id),
  }),
  accountExists: (account: { email: string; name: string }, c: TStartCohort) => ({
    to: account.email,
    subject: 'Une candidature a été envoyée avec votre adresse e-mail',
    text:
      `Bonjour ${account.name},\n\n` +
      `Quelqu'un a utilisé votre adresse e-mail pour candidater à la promotion « ${c.cohortName} » (${c.centreName}). ` +
      "Cette adresse a déjà un compte : aucun nouveau compte ni aucune nouvelle candidature n'a été créé.\n\n" +
      "Si c'était vous, connectez-vous avec votre mot de passe habituel pour suivre votre dossier ou commencer une nouvelle candidature " +
      "(mot de passe oublié : utilisez le lien de la page de connexion).\n\n" +
      "Si ce n'était pas vous, ignorez ce message : rien n'a changé dans votre compte.",
    link: '/mes-candidatures',
  }),
  alreadyApplied: (file: TMailRow, c: TStartCohort) => ({
    to: file.email,
    subject: `Votre candidature ${file.reference}`,
    text:
      `Bonjour ${file.firstName} ${file.lastName},\n\n` +
      `Une nouvelle candidature à votre nom (mêmes nom, prénom et date de naissance) vient d'être envoyée pour la promotion « ${c.cohortName} » (${c.centreName}). ` +
      `Vous avez déjà la candidature ${file.reference} pour ce diplôme et les promotions qui commencent en ${c.intakeYear} : ` +
      "une seule candidature par personne, par diplôme et par an est acceptée, aucune autre n'a donc été créée.\n\n" +
      "Si c'était vous, connectez-vous au compte qui a créé cette candidature pour la suivre.\n\n" +
      "Si ce n'était pas vous, ignorez ce message : votre candidature n'a pas changé.",
    link: applicantLink(file.id),
  }),
};

/** Queues the applicant's e-mail in the transition's transaction (`tx`): sent by the job runner. */
export async function notifyApplicant(tx: TDbOrTx, row: TMailRow, kind: TApplicantMailKind, extra: TExtra = {}) {
  await enqueueMail(tx, { to: row.email, ...applicantMail(row, kind, extra), link: applicantLink(row.id) });
}

/**
 * A file was filed (or filed again after a correction): the applicant gets the acknowledgement, and
 * the centre's gestionnaires and responsables pédagogiques a notification and an e-mail — except the
 * applicant themself, should they hold a staff role there.
 */
export async function notifyFiling(tx: TDbOrTx, row: TMailRow & { centreId: string; userId: string }, o: { refiled: boolean; now?: Date }) {
  await notifyApplicant(tx, row, 'filed');
  const staff = (await findCentreStaff(tx, row.centreId, ['gestionnaire', 'responsable_pedagogique'])).filter((s) => s.id !== row.userId);
  if (staff.length === 0) return;
  const who = `${row.firstName} ${row.lastName}`;
  const title = o.refiled ? `Candidature ${row.reference} déposée à nouveau` : `Nouvelle candidature ${row.reference}`;
  const body = o.refiled
    ? `${who} a corrigé et déposé à nouveau sa candidature ${row.reference} : elle attend l'instruction.`
    : `${who} a déposé sa candidature ${row.reference} : elle attend l'instruction.`;
  const link = staffLink(row.id);
  await createNotifications(tx, staff.map((s) => s.id), { kind: o.refiled ? 'application.refiled' : 'application.filed', title, body, link }, o.now);
  for (const s of staff) {
    await enqueueMail(tx, { to: s.email, subject: title, text: `Bonjour ${s.name},\n\n${body}`, link });
  }
}
