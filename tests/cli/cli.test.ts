/**
 * The `movsc` command line. One case runs it as a user does (a separate process through
 * bin/movsc.mjs); the others call `runMovsc` in this process, which runs the same commands
 * without paying a Node start and a TypeScript load per case.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMovsc } from '../../src/cli/movsc.js';
import type { TDatabase } from '../../src/db/client.js';
import { openTestDatabase } from '../helpers/context.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..', '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-cli-'));
// Vitest's own BASE_URL ('/') is not ours.
const { BASE_URL: _viteBase, ...parentEnv } = process.env;

/** The database the in-process commands use: one per file, kept open across commands. */
let database: TDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function movsc(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runMovsc(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    // Each command closes its database; this one stays open for the next command of the test.
    openDatabase: async () => ({ ...database, close: async () => {} }),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('movsc as a separate process', () => {
  it('runs from bin/movsc.mjs with its exit code and output', async () => {
    const env = { ...parentEnv, DATA_DIR: dataDir, DEMO_SEED: 'false' };
    const ok = await run(process.execPath, [path.join(root, 'bin', 'movsc.mjs'), 'referentiel', 'validate', 'data/certifications/rncp-41336.json'], { cwd: root, env });
    expect(ok.stdout).toContain('version RNCP41336 valide');
    const refused = await run(process.execPath, [path.join(root, 'bin', 'movsc.mjs'), 'referentiel', 'validate', path.join(root, 'tests', 'fixtures', 'referentiel', 'dijon-2009.json')], { cwd: root, env }).then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stdout).toMatch(/erreur/);
  }, 60_000);
});

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

    const unknownRole = await movsc('user', 'create', '--email', email, '--name', 'Y', '--password', 'mot-de-passe-cli', '--role', 'pape');
    expect(unknownRole.code).toBe(1);
    expect(unknownRole.stderr).toContain('pape');
  });
});
