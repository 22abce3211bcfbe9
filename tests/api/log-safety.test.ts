/**
 * The error log holds no personal data (issue 9, item 6): a failing upload does not write the file,
 * a failing sign-up neither the password nor its hash nor the e-mail; the query's text and the
 * database's code are there. The failures are real: a table of this test's own database renamed.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TLogger } from '../../src/http/logger.js';
import { createApplicant, createTestCohort, pdfBase64 } from '../helpers/admissions.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

const lines: string[] = [];
const capture = (level: string) => (message: string, fields?: Record<string, unknown>) => {
  lines.push(JSON.stringify({ level, message, ...fields }));
};
const logger: TLogger = { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') };

let t: TTestContext;
beforeAll(async () => {
  // A database of its own: this file renames tables.
  t = await createTestContext({ logger, freshDatabase: true });
});
afterAll(() => t.close());

/** Everything written while `work` runs: our logger's lines and what libraries write to stderr. */
async function logOf(work: () => Promise<unknown>): Promise<string> {
  lines.length = 0;
  const stderr: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return [...lines, ...stderr].join('\n');
}

describe('the error log', () => {
  it('a failing upload: the query and the code are logged, the file is not', async () => {
    const cohort = await createTestCohort(t.db);
    const applicant = await createApplicant(t, cohort.id);
    // A file whose base64 is easy to find: 200 kB of a marker.
    const marker = Buffer.from(`%PDF-1.4\n${'MARQUEUR-DU-FICHIER '.repeat(10_000)}\n%%EOF\n`).toString('base64');
    await t.db.execute(sql`alter table documents rename to documents_hors_service`);
    let status = 0;
    const log = await logOf(async () => {
      status = (await t.call('POST', `/api/applications/${applicant.id}/documents`, { cookie: applicant.cookie, body: { type: 'cv', fileName: 'cv.pdf', contentBase64: marker } })).status;
    });
    await t.db.execute(sql`alter table documents_hors_service rename to documents`);
    expect(status).toBe(500);
    expect(log).toContain('insert into \\"documents\\"');
    expect(log).toContain('"code":"42P01"');
    expect(log).not.toContain(marker.slice(0, 200));
    expect(log).not.toContain(pdfBase64.slice(0, 12));
    expect(log.length).toBeLessThan(20_000);
  });

  it('a failing sign-up: neither the password, its hash nor the e-mail reach the log', async () => {
    const cohort = await createTestCohort(t.db);
    const email = 'inscription-echouee@exemple.fr';
    const password = 'un-mot-de-passe-tres-secret-42';
    await t.db.execute(sql`alter table accounts rename to accounts_hors_service`);
    let status = 0;
    const log = await logOf(async () => {
      status = (await t.call('POST', '/api/admissions/start', { body: { lastName: 'Échec', firstName: 'Noé', birthDate: '1990-05-06', email, password, cohortId: cohort.id } })).status;
    });
    await t.db.execute(sql`alter table accounts_hors_service rename to accounts`);
    expect(status).toBeGreaterThanOrEqual(500);
    expect(log).toMatch(/accounts/);
    expect(log).not.toContain(password);
    expect(log).not.toContain(email);
    // A password hash (salt:key in hex, or any long hex run) never appears.
    expect(log).not.toMatch(/[0-9a-f]{32,}/);
  });
});
