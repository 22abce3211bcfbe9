import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { sendMail } from './mail.service.js';

const saved = { SMTP_URL: process.env.SMTP_URL, DATA_DIR: process.env.DATA_DIR };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('mail without SMTP', () => {
  it('writes each message as an .eml file in DATA_DIR/outbox, readable by a mail parser', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-outbox-'));
    delete process.env.SMTP_URL;
    process.env.DATA_DIR = dir;
    expect(await sendMail({ to: 'camille@exemple.fr', subject: 'Candidature C-2026-ABC déposée', text: 'Bonjour Camille, nous avons bien reçu…' })).toBe(true);
    const files = fs.readdirSync(path.join(dir, 'outbox'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const parsed = await simpleParser(fs.readFileSync(path.join(dir, 'outbox', files[0]!)));
    expect(parsed.subject).toBe('Candidature C-2026-ABC déposée');
    expect(parsed.text).toContain('nous avons bien reçu');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports a failure to send instead of throwing', async () => {
    process.env.SMTP_URL = 'smtp://127.0.0.1:9';
    const errors: unknown[] = [];
    expect(await sendMail({ to: 'x@exemple.fr', subject: 's', text: 't' }, (e) => errors.push(e))).toBe(false);
    expect(errors).toHaveLength(1);
  });
});
