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
