import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { absoluteUrl, deliverMail, renderMailText } from './mail.service.js';

const saved = { SMTP_URL: process.env.SMTP_URL, DATA_DIR: process.env.DATA_DIR };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const NOW = new Date('2026-03-10T09:00:00Z');

describe('mail without SMTP', () => {
  it('writes each message as an .eml file in DATA_DIR/outbox, readable by a mail parser', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-outbox-'));
    delete process.env.SMTP_URL;
    process.env.DATA_DIR = dir;
    await deliverMail({ to: 'camille@exemple.fr', subject: 'Candidature C-2026-ABC déposée', text: 'Bonjour Camille, nous avons bien reçu…' }, NOW);
    const files = fs.readdirSync(path.join(dir, 'outbox'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^2026-03-10T09-00-00-000Z-.*\.eml$/);
    const parsed = await simpleParser(fs.readFileSync(path.join(dir, 'outbox', files[0]!)));
    expect(parsed.subject).toBe('Candidature C-2026-ABC déposée');
    expect(parsed.text).toContain('nous avons bien reçu');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('throws when the SMTP server cannot be reached, so that the job runner tries again', async () => {
    process.env.SMTP_URL = 'smtp://127.0.0.1:9';
    await expect(deliverMail({ to: 'x@exemple.fr', subject: 's', text: 't' }, NOW)).rejects.toThrow();
  });
});

describe('the text of an e-mail', () => {
  it('carries the absolute link to the thing it is about, then the signature', () => {
    const text = renderMailText({ to: 'a@b.fr', subject: 's', text: 'Bonjour,', link: '/mes-candidatures/42' }, 'https://movsc.cnam.fr');
    expect(text).toBe('Bonjour,\n\nLien direct : https://movsc.cnam.fr/mes-candidatures/42\n\nLe CESTES — Conservatoire national des arts et métiers\n');
    expect(absoluteUrl('https://exemple.fr/movsc', '/compte')).toBe('https://exemple.fr/compte');
    expect(absoluteUrl('https://exemple.fr/', 'mot-de-passe?jeton=a%2Fb')).toBe('https://exemple.fr/mot-de-passe?jeton=a%2Fb');
  });
});
