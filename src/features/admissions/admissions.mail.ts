/** The e-mails of an application's life: filed, correction requested, decision, registration. */
import { formatCents } from '../../lib/format.js';
import { sendMail } from '../mail/mail.service.js';
import { STATUS_LABELS, type TApplicationState } from './admissions.rules.js';

export type TApplicantMailKind = 'filed' | 'correction' | 'decision' | 'registration_complete' | 'registration_waiting';

type TMailRow = { reference: string; email: string; firstName: string; lastName: string; status: string };

export function applicantMail(row: TMailRow, kind: TApplicantMailKind, extra: { reason?: string | null; amountCents?: number } = {}) {
  const hello = `Bonjour ${row.firstName} ${row.lastName},`;
  const sign = '\n\nLe CESTES — Conservatoire national des arts et métiers\n';
  switch (kind) {
    case 'filed':
      return {
        subject: `Candidature ${row.reference} déposée`,
        text: `${hello}\n\nNous avons bien reçu votre candidature ${row.reference}. La commission pédagogique l'examinera ; vous serez informé·e de chaque étape.${sign}`,
      };
    case 'correction':
      return {
        subject: `Candidature ${row.reference} : une correction est demandée`,
        text: `${hello}\n\nVotre candidature ${row.reference} vous est renvoyée pour correction :\n\n« ${extra.reason ?? ''} »\n\nConnectez-vous pour la compléter puis la déposer à nouveau.${sign}`,
      };
    case 'decision': {
      const label = STATUS_LABELS[row.status as TApplicationState] ?? row.status;
      const next =
        row.status === 'accepted'
          ? "\n\nVotre bulletin d'inscription administrative est disponible dans votre espace : l'inscription n'est définitive qu'après son retour complet."
          : '';
      return {
        subject: `Candidature ${row.reference} : ${label.toLowerCase()}`,
        text: `${hello}\n\nDécision sur votre candidature ${row.reference} : ${label}.\n\nMotif : ${extra.reason ?? ''}${next}${sign}`,
      };
    }
    case 'registration_complete':
      return {
        subject: `Inscription définitive (${row.reference})`,
        text: `${hello}\n\nVotre bulletin d'inscription est complet : votre inscription est définitive.${extra.amountCents !== undefined ? ` Montant de la formation : ${formatCents(extra.amountCents)}.` : ''}${sign}`,
      };
    case 'registration_waiting':
      return {
        subject: `Inscription en liste d'attente (${row.reference})`,
        text: `${hello}\n\nVotre bulletin d'inscription est complet, mais la promotion est complète : vous êtes inscrit·e sur la liste d'attente, dans l'ordre de retour des bulletins. Nous vous écrirons dès qu'une place se libère.${sign}`,
      };
  }
}

/** Sends after the write has committed; a mail failure never undoes the write. */
export async function notifyApplicant(row: TMailRow, kind: TApplicantMailKind, extra: { reason?: string | null; amountCents?: number } = {}) {
  const mail = applicantMail(row, kind, extra);
  await sendMail({ to: row.email, ...mail }, (error) => console.error(`Envoi du courriel impossible (${row.reference}) :`, error));
}
