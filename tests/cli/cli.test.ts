/** The `movsc` command line, run as a user runs it: a separate process. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, inject } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-cli-'));
const databaseUrl = inject('databaseUrl');
// Vitest's own BASE_URL ('/') is not ours.
const { BASE_URL: _viteBase, ...parentEnv } = process.env;
const env = {
  ...parentEnv,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }),
  DEMO_SEED: 'false',
};
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function movsc(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(root, 'bin', 'movsc.mjs'), ...args], { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const fixture = path.join(root, 'tests', 'fixtures', 'referentiel', 'dijon-2009.json');

describe('movsc referentiel validate', () => {
  it('accepts the reference files', async () => {
    const res = await movsc('referentiel', 'validate', 'data/certifications/rncp-41336.json');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('version RNCP41336 valide');
  });

  it('reports the Dijon 2009 maquette gap with both figures and exits 1', async () => {
    const res = await movsc('referentiel', 'validate', fixture);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/322/);
    expect(res.stdout).toMatch(/455/);
    expect(res.stdout).toMatch(/erreur/);
  });

  it('names the path of each problem of a broken file', async () => {
    const doc = JSON.parse(fs.readFileSync(path.join(root, 'data', 'certifications', 'rncp-41336.json'), 'utf8'));
    doc.blocs[2].competencies = [];
    doc.expiresOn = '2020-01-01';
    doc.surprise = true;
    const file = path.join(dataDir, 'broken.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const res = await movsc('referentiel', 'validate', file);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('surprise');
  });
});

describe('movsc with a database', () => {
  it('migrates, imports, lists, refuses an invalid import and creates a user', async () => {
    const migrate = await movsc('db', 'migrate');
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain('Migrations appliquées');

    const imported = await movsc('referentiel', 'import', 'data/certifications/rncp-35080.json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/Version RNCP35080 (importée|inchangée|mise à jour)/);

    const refused = await movsc('referentiel', 'import', fixture);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("import refusé, rien n'a été écrit");

    const list = await movsc('referentiel', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/RNCP35080\s+fermée/);
    expect(list.stdout).not.toContain('DIJON');

    const email = `cli-${Date.now()}@exemple.fr`;
    const created = await movsc('user', 'create', '--email', email, '--name', 'Clara Cli', '--password', 'mot-de-passe-cli', '--role', 'gestionnaire', '--centre', 'PARIS');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain(`Compte créé : Clara Cli <${email}> (gestionnaire)`);

    const bad = await movsc('user', 'create', '--email', 'pas-une-adresse', '--name', 'X', '--password', 'court', '--role', 'jury');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Adresse e-mail invalide.');
  }, 120_000);
});
