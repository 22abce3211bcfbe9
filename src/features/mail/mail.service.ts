/**
 * Outgoing e-mails through nodemailer: SMTP when SMTP_URL is set, otherwise each message is written
 * as an .eml file under DATA_DIR/outbox (development, demo). Mail is sent after the write it announces
 * has committed; a failure to send is logged, never turns a committed write into an error.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { readMailEnv } from '../../config/env.js';

export type TMail = { to: string; subject: string; text: string };

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

/** Sends one message; returns false (and reports through `onError`) when it could not be sent. */
export async function sendMail(mail: TMail, onError: (error: unknown) => void = () => {}): Promise<boolean> {
  // Read at send time so that the configuration (and tests' in-process SMTP server) is honoured.
  try {
    const env = readMailEnv();
    const transport = transportFor(env.SMTP_URL);
    const info = await transport.sendMail({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
    if (!env.SMTP_URL) {
      const outbox = path.join(env.DATA_DIR, 'outbox');
      await fs.mkdir(outbox, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
      await fs.writeFile(path.join(outbox, name), (info as unknown as { message: Buffer }).message);
    }
    return true;
  } catch (error) {
    onError(error);
    return false;
  }
}
