/**
 * Outgoing e-mails. A use case never sends: it enqueues a `mail.send` job in its own transaction
 * (`enqueueMail`), so the e-mail exists exactly when the write it announces commits, the request
 * never waits for SMTP, and a failed send is retried by the job runner (docs/decisions/009).
 * The runner's handler delivers through nodemailer: SMTP when SMTP_URL is set, otherwise each
 * message is written as an .eml file under DATA_DIR/outbox (development, demo, e2e).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import { readMailEnv } from '../../config/env.js';
import type { TDbOrTx } from '../../db/client.js';
import { enqueueJob } from '../jobs/jobs.service.js';
import { PermanentJobError, type TJobDefinition } from '../jobs/jobs.runner.js';

/** A message as a use case writes it: `link` is a path of the SPA, made absolute at send time. */
export type TMail = {
  to: string;
  subject: string;
  text: string;
  link?: string;
  /** A calendar invitation (iCalendar text with its METHOD) sent as the message's text/calendar part. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
};

export const MAIL_SIGNATURE = 'Le CESTES — Conservatoire national des arts et métiers';

const ZMailPayload = z.object({
  to: z.string().min(3),
  subject: z.string(),
  text: z.string(),
  link: z.string().optional(),
  calendar: z.object({ method: z.enum(['REQUEST', 'CANCEL']), content: z.string() }).optional(),
});

/**
 * Queues one e-mail in the caller's transaction. With `dedupeKey`, a second e-mail under the same
 * key is not queued (a form anyone can send must not flood someone's mailbox).
 */
export async function enqueueMail(tx: TDbOrTx, mail: TMail, o: { dedupeKey?: string } = {}): Promise<void> {
  await enqueueJob(tx, { kind: 'mail.send', payload: { ...mail }, maxAttempts: 8, dedupeKey: o.dedupeKey });
}

/** The body as sent: the text, the direct link (absolute), the signature. */
export function renderMailText(mail: TMail, baseUrl: string): string {
  const link = mail.link ? `\n\nLien direct : ${absoluteUrl(baseUrl, mail.link)}` : '';
  return `${mail.text}${link}\n\n${MAIL_SIGNATURE}\n`;
}

export function absoluteUrl(baseUrl: string, link: string): string {
  return new URL(link, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
}

let cached: { key: string; transport: Transporter } | null = null;

function transportFor(smtpUrl: string | undefined): Transporter {
  const key = smtpUrl ?? 'outbox';
  if (cached?.key === key) return cached.transport;
  const transport = smtpUrl
    ? nodemailer.createTransport(smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  cached = { key, transport };
  return transport;
}

/** Delivers one rendered message now; throws when it could not be sent (the job is then retried). */
export async function deliverMail(mail: { to: string; subject: string; text: string; calendar?: TMail['calendar'] }, now: Date): Promise<{ messageId: string }> {
  // Read at send time so that the configuration (and tests' in-process SMTP server) is honoured.
  const env = readMailEnv();
  const transport = transportFor(env.SMTP_URL);
  const info = await transport.sendMail({
    from: env.MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    // nodemailer sends it as an alternative text/calendar part with its method, and as invitation.ics.
    ...(mail.calendar ? { icalEvent: { method: mail.calendar.method, filename: 'invitation.ics', content: mail.calendar.content } } : {}),
  });
  if (!env.SMTP_URL) {
    const outbox = path.join(env.DATA_DIR, 'outbox');
    await fs.mkdir(outbox, { recursive: true });
    const name = `${now.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
    const message: unknown = (info as { message?: unknown }).message;
    await fs.writeFile(path.join(outbox, name), Buffer.isBuffer(message) ? message : String(message));
  }
  return { messageId: info.messageId };
}

/** The `mail.send` job. */
export const mailSendJob: TJobDefinition = {
  async run(payload, ctx) {
    const parsed = ZMailPayload.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError('Courriel illisible dans la file d’attente.');
    const mail = parsed.data;
    return deliverMail({ to: mail.to, subject: mail.subject, text: renderMailText(mail, ctx.baseUrl), calendar: mail.calendar }, ctx.clock.now());
  },
};
