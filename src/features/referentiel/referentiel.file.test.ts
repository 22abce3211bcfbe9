import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import {
  DEFAULT_CERTIFICATIONS_DIR,
  formatIssuePath,
  loadReferenceVersions,
  locateJsonSyntaxError,
  parseCertificationVersionText,
  readCertificationVersionFile,
  type TParseResult,
} from './referentiel.file.js';
import { checkLineage, computeHourTotals } from './referentiel.rules.js';

const fixturesDir = fileURLToPath(new URL('../../../tests/fixtures/referentiel/', import.meta.url));
const referenceFile = path.join(DEFAULT_CERTIFICATIONS_DIR, 'rncp-41336.json');

/** The 41336 file as a plain object, to break in one place per test. */
async function rawReference(): Promise<Record<string, any>> {
  return JSON.parse(await readFile(referenceFile, 'utf8'));
}

function parseObject(data: unknown): TParseResult {
  return parseCertificationVersionText(JSON.stringify(data, null, 2), 'essai.json');
}

const ENGLISH = /\b(Invalid|expected|received|Unrecognized|Too small|Too big)\b/;

describe('reference version files', () => {
  it('the three files load with no error and no warning, and their lineage is consistent', async () => {
    const loaded = await loadReferenceVersions();
    expect(loaded.map((l) => l.fileName)).toEqual(['rncp-35080.json', 'rncp-41336.json', 'rncp-5385.json']);
    for (const { fileName, result } of loaded) {
      expect({ fileName, problems: result.problems }).toEqual({ fileName, problems: [] });
      expect(result.ok).toBe(true);
    }
    const versions = loaded.flatMap((l) => (l.result.ok ? [l.result.version] : []));
    expect(versions.map((v) => v.code).sort()).toEqual(['RNCP35080', 'RNCP41336', 'RNCP5385']);
    expect(checkLineage(versions)).toEqual([]);
  });

  it('RNCP 41336: four blocs CPN07B10…B40 (RNCP41336BC01…04), 490 h = 420 h + 70 h', async () => {
    const result = await readCertificationVersionFile(referenceFile);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const v = result.version;
    expect(v.blocs.map((b) => b.code)).toEqual(['CPN07B10', 'CPN07B20', 'CPN07B30', 'CPN07B40']);
    expect(v.blocs.map((b) => b.franceCompetencesCode)).toEqual(['RNCP41336BC01', 'RNCP41336BC02', 'RNCP41336BC03', 'RNCP41336BC04']);
    expect(v.blocs.map((b) => b.competencies.length)).toEqual([5, 4, 3, 3]);
    const totals = computeHourTotals(v.hours!, v.modules);
    expect([totals.declared, totals.byKind.seminar, totals.byKind.thesis_workshop]).toEqual([490, 420, 70]);
    expect(v.predecessor).toBe('RNCP35080');
    expect(v.successor).toBeNull();
  });

  it('no file names a path of this machine', async () => {
    for (const name of ['rncp-41336.json', 'rncp-35080.json', 'rncp-5385.json']) {
      const text = await readFile(path.join(DEFAULT_CERTIFICATIONS_DIR, name), 'utf8');
      expect(text).not.toMatch(/"reference": "\//);
      expect(text).not.toContain('/work/');
    }
  });
});

describe('Dijon 2009–2011 maquette (seed 004)', () => {
  it('is refused: its 13 modules total 322 h while it declares 455 h', async () => {
    const result = await readCertificationVersionFile(path.join(fixturesDir, 'dijon-2009.json'));
    expect(result.ok).toBe(false);
    const errors = result.problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('modules');
    expect(errors[0]!.message).toContain('322');
    expect(errors[0]!.message).toContain('455');
    expect(errors[0]!.message).toContain('13 modules');
  });
});

describe('schema problems in French, located by path', () => {
  it('unknown keys, at the root and inside a bloc', async () => {
    const data = await rawReference();
    data.foo = 1;
    data.blocs[1].niveau = 'x';
    const result = parseObject(data);
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(2);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { path: 'foo', message: 'clé inconnue : "foo" (foo)', severity: 'error' },
        { path: 'blocs[1].niveau', message: 'clé inconnue : "niveau" (blocs[1].niveau)', severity: 'error' },
      ]),
    );
  });

  it('missing field', async () => {
    const data = await rawReference();
    delete data.blocs[2].title;
    delete data.schemaVersion;
    const paths = parseObject(data).problems.map((p) => [p.path, p.message]);
    expect(paths).toContainEqual(['blocs[2].title', 'champ obligatoire manquant (blocs[2].title)']);
    expect(paths).toContainEqual(['schemaVersion', 'champ obligatoire manquant (schemaVersion)']);
  });

  it('wrong type', async () => {
    const data = await rawReference();
    data.hours.declaredTotalHours = '490';
    data.hours.weeksOnSite = 14.5;
    const problems = parseObject(data).problems;
    expect(problems.find((p) => p.path === 'hours.declaredTotalHours')?.message).toBe(
      'type attendu : nombre, reçu : texte (hours.declaredTotalHours)',
    );
    expect(problems.find((p) => p.path === 'hours.weeksOnSite')?.message).toContain('type attendu : nombre entier');
  });

  it('empty lists and empty texts', async () => {
    const data = await rawReference();
    data.blocs[0].source = [];
    data.sources = [];
    data.title = '';
    const problems = parseObject(data).problems;
    expect(problems.find((p) => p.path === 'blocs[0].source')?.message).toBe('au moins une source doit être citée (blocs[0].source)');
    expect(problems.find((p) => p.path === 'sources')?.message).toBe('la liste ne doit pas être vide (sources)');
    expect(problems.find((p) => p.path === 'title')?.message).toBe('le texte ne doit pas être vide (title)');
  });

  it('invalid enum value lists the allowed values', async () => {
    const data = await rawReference();
    data.accessRoutes[0].route = 'alternance';
    const problem = parseObject(data).problems.find((p) => p.path === 'accessRoutes[0].route');
    expect(problem?.message).toContain('valeur invalide "alternance"');
    expect(problem?.message).toContain('"student", "apprenticeship", "continuing_education"');
  });

  it('invalid date', async () => {
    const data = await rawReference();
    data.registeredOn = '2025-02-30';
    data.expiresOn = '24/09/2030';
    const problems = parseObject(data).problems;
    expect(problems.map((p) => p.path)).toEqual(['registeredOn', 'expiresOn']);
    expect(problems[0]!.message).toBe('date attendue au format AAAA-MM-JJ (registeredOn)');
  });

  it('duplicate bloc codes and dates out of order come through the rules', async () => {
    const data = await rawReference();
    data.blocs[3].code = 'CPN07B20';
    data.registeredOn = '2031-01-01';
    const result = parseObject(data);
    expect(result.ok).toBe(false);
    // The evaluation plan's pointers at the renamed bloc are reported too (evaluation-plan.test.ts).
    expect(result.problems.filter((p) => !p.path.startsWith('evaluationPlan')).map((p) => p.path)).toEqual(['blocs[3].code', 'expiresOn']);
  });

  it('no message is left in English', async () => {
    const data = await rawReference();
    Object.assign(data, { schemaVersion: 2, level: { european: 9 }, accessClosed: 'non', modules: [{ title: 3 }], extra: true });
    data.prices[0].payer = 'opco';
    data.hours.thesisWorkshopGroupSize.min = 0;
    const problems = parseObject(data).problems;
    expect(problems.length).toBeGreaterThan(6);
    for (const p of problems) {
      expect(p.message).not.toMatch(ENGLISH);
      expect(p.message).toContain(p.path);
    }
  });

  it('warnings alone keep the file valid', async () => {
    const data = await rawReference();
    data.blocs[0].assessments = [];
    const result = parseObject(data);
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([
      { path: 'blocs[0].assessments', message: "Le bloc « CPN07B10 » n'indique aucune modalité d'évaluation.", severity: 'warning' },
    ]);
  });
});

describe('JSON syntax', () => {
  it('reports the line and column of a trailing comma', async () => {
    const result = await readCertificationVersionFile(path.join(fixturesDir, 'invalid-trailing-comma.json'));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      {
        path: '',
        message: 'invalid-trailing-comma.json : JSON invalide à la ligne 4, colonne 1 (position 46) : virgule en trop avant « } ».',
        severity: 'error',
      },
    ]);
  });

  it('locates common faults', () => {
    expect(locateJsonSyntaxError('{"a": 1}')).toBeNull();
    expect(locateJsonSyntaxError('{"a": "\\u00e9", "b": [1.5e3, true, null]}')).toBeNull();
    expect(locateJsonSyntaxError('{"a" 1}')).toEqual({ offset: 5, reason: '« : » attendu après le nom de propriété' });
    expect(locateJsonSyntaxError('{"a": tru}')?.offset).toBe(9);
    expect(locateJsonSyntaxError('{"a": [1, 2')?.reason).toMatch(/^fin de fichier inattendue/);
    expect(locateJsonSyntaxError("{'a': 1}")?.reason).toBe('nom de propriété entre guillemets attendu');
    expect(locateJsonSyntaxError('')?.reason).toBe('fin de fichier inattendue');
  });

  it('accepts a UTF-8 byte order mark', async () => {
    const text = await readFile(referenceFile, 'utf8');
    expect(parseCertificationVersionText(`\uFEFF${text}`, 'bom.json').ok).toBe(true);
  });
});

describe('files and folders', () => {
  it('formats Zod paths', () => {
    expect(formatIssuePath(['blocs', 1, 'competencies'])).toBe('blocs[1].competencies');
    expect(formatIssuePath([])).toBe('');
  });

  it('a missing file is a problem, not an exception', async () => {
    const result = await readCertificationVersionFile(path.join(fixturesDir, 'absent.json'));
    expect(result.ok).toBe(false);
    expect(result.problems[0]!.message).toBe('Impossible de lire le fichier absent.json (ENOENT).');
  });

  it('loads every *.json of a folder, each with its own result', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'movsc-referentiel-'));
    try {
      await writeFile(path.join(dir, 'b.json'), await readFile(referenceFile, 'utf8'));
      await writeFile(path.join(dir, 'a.json'), '{');
      await writeFile(path.join(dir, 'notes.txt'), 'ignoré');
      const loaded = await loadReferenceVersions(dir);
      expect(loaded.map((l) => [l.fileName, l.result.ok])).toEqual([
        ['a.json', false],
        ['b.json', true],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
