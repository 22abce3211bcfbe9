/** The `account.send_link` job: issues a fresh link and e-mails it (the token exists only in that e-mail). */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { formatDateTimeFr } from '../../lib/format.js';
import { PermanentJobError, type TJobDefinition } from '../jobs/jobs.runner.js';
import { deliverMail, renderMailText } from '../mail/mail.service.js';
import { users } from '../auth/auth.tables.js';
import { ACCOUNT_TOKEN_PURPOSES } from './accounts.tables.js';
import { issueAccountToken, SET_PASSWORD_PATH } from './accounts.service.js';

const ZPayload = z.object({ userId: z.string().min(1), purpose: z.enum(ACCOUNT_TOKEN_PURPOSES) });

export const sendAccountLinkJob: TJobDefinition = {
  async run(payload, ctx) {
    const parsed = ZPayload.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError('Demande de lien illisible dans la file d’attente.');
    const { userId, purpose } = parsed.data;
    const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
    if (!user) throw new PermanentJobError('Le compte n’existe plus.');
    if (user.disabled) return { skipped: 'compte désactivé' };
    const now = ctx.clock.now();
    // Committed before the send: should SMTP fail, the retry issues another link and this one dies.
    const { token, expiresAt } = await issueAccountToken({ db: ctx.db, userId, purpose, now });
    const until = formatDateTimeFr(expiresAt);
    const mail =
      purpose === 'invitation'
        ? {
            subject: 'Votre compte MOVSC : choisissez votre mot de passe',
            text: `Bonjour ${user.name},\n\nUn compte a été créé pour vous sur MOVSC, la plateforme du titre « Manager d'organismes à vocation sociale et culturelle » du Cnam-CESTES.\n\nPour l'activer, choisissez votre mot de passe en suivant le lien ci-dessous (valable jusqu'au ${until}). Votre identifiant est ${user.email}.`,
          }
        : {
            subject: 'MOVSC : réinitialisation de votre mot de passe',
            text: `Bonjour ${user.name},\n\nVous avez demandé à réinitialiser votre mot de passe MOVSC. Suivez le lien ci-dessous pour en choisir un nouveau (valable jusqu'au ${until}, une seule fois).\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce courriel : votre mot de passe actuel reste valable.`,
          };
    const link = `${SET_PASSWORD_PATH}?jeton=${encodeURIComponent(token)}`;
    await deliverMail({ to: user.email, subject: mail.subject, text: renderMailText({ to: user.email, ...mail, link }, ctx.baseUrl) }, now);
    return { to: user.email, purpose, expiresAt: expiresAt.toISOString() };
  },
};
