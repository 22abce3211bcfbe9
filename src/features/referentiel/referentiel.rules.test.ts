import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  checkCertificationVersion,
  checkLineage,
  computeHourTotals,
  formatHours,
  versionStatus,
  type TReferentielProblem,
} from './referentiel.rules.js';
import { ZCertificationVersionSchema, type TCertificationVersion, type THourMaquette } from './referentiel.schema.js';

function loadVersion(fileName: string): TCertificationVersion {
  const url = new URL(`../../../data/certifications/${fileName}`, import.meta.url);
  return ZCertificationVersionSchema.parse(JSON.parse(readFileSync(url, 'utf8')));
}

/** A fresh, mutable copy for each test: the rules must not depend on shared state. */
const v41336 = () => structuredClone(loadVersion('rncp-41336.json'));
const errorsOf = (problems: TReferentielProblem[]) => problems.filter((p) => p.severity === 'error');
const h = (n: number) => formatHours(n);

describe('formatHours', () => {
  it('writes hours the French way, hours and minutes (the same function as the SPA)', () => {
    expect(formatHours(490)).toBe('490 h');
    expect(formatHours(24.5)).toBe('24 h 30');
    expect(formatHours(3.5)).toBe('3 h 30');
    expect(formatHours(1000)).toBe('1 000 h');
  });
});

describe('computeHourTotals', () => {
  it('RNCP 41336: 490 h = 420 h of seminars + 70 h of ateliers mémoire', () => {
    const v = v41336();
    const totals = computeHourTotals(v.hours!, v.modules);
    expect(totals.declared).toBe(490);
    expect(totals.componentsSum).toBe(490);
    expect(totals.byKind).toEqual({ seminar: 420, thesis_workshop: 70, mentoring: 0, other: 0 });
    expect(totals.componentsMatch).toBe(true);
    // The four teaching modules of 000 give no hours; the optional cooperative module does not count.
    expect(totals.certifyingModuleCount).toBe(4);
    expect(totals.modulesSum).toBeNull();
  });

  it('property: componentsSum is the arithmetic sum, and a mismatch is reported iff the declared total differs', () => {
    const kind = fc.constantFrom('seminar', 'thesis_workshop', 'mentoring', 'other') as fc.Arbitrary<
      THourMaquette['components'][number]['kind']
    >;
    // Hours are drawn as whole minutes (the sources' finest unit) then written as decimal hours.
    const componentMinutes = fc.array(fc.record({ kind, minutes: fc.integer({ min: 0, max: 600 * 60 }) }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(componentMinutes, fc.integer({ min: -200 * 60, max: 200 * 60 }), fc.boolean(), (parts, delta, equal) => {
        const sumMinutes = parts.reduce((s, p) => s + p.minutes, 0);
        const declaredMinutes = equal ? sumMinutes : sumMinutes + delta;
        fc.pre(declaredMinutes > 0);
        const hours: THourMaquette = {
          declaredTotalHours: declaredMinutes / 60,
          components: parts.map((p, i) => ({ kind: p.kind, label: `composante ${i}`, hours: p.minutes / 60 })),
          notes: [],
          source: ['000'],
        };
        const totals = computeHourTotals(hours);
        const arithmetic = hours.components.reduce((s, c) => s + c.hours, 0);
        expect(totals.componentsSum).toBeCloseTo(arithmetic, 9);
        expect(Math.round(totals.componentsSum * 60)).toBe(sumMinutes);

        const version = { ...v41336(), hours };
        const reported = checkCertificationVersion(version).some((p) => p.path === 'hours.components' && p.severity === 'error');
        expect(reported).toBe(declaredMinutes !== sumMinutes);
      }),
      { numRuns: 300 },
    );
  });
});

describe('checkCertificationVersion', () => {
  it('the reference version 41336 has no problem at all', () => {
    expect(checkCertificationVersion(v41336())).toEqual([]);
  });

  it('reports hour components that do not add up, with both figures', () => {
    const v = v41336();
    v.hours!.components[1]!.hours = 60;
    const problems = errorsOf(checkCertificationVersion(v));
    expect(problems).toEqual([
      {
        path: 'hours.components',
        message: `Le total déclaré (${h(490)}) ne correspond pas à la somme des composantes (${h(480)}).`,
        severity: 'error',
      },
    ]);
  });

  it('compares the modules’ hours with the declared total when every certifying module has hours', () => {
    const v = v41336();
    v.modules = [
      { title: 'Intervention sociale et action publique', hours: 24.5, certifying: true, optional: false, source: ['000'] },
      { title: 'Mondialisation et nouvelles attentes sociales', hours: 3.5, certifying: true, optional: false, source: ['000'] },
      { title: 'Module optionnel', hours: 35, certifying: false, optional: true, source: ['001'] },
    ];
    const problem = errorsOf(checkCertificationVersion(v)).find((p) => p.path === 'modules');
    expect(problem?.message).toBe(`Les 2 modules totalisent ${h(28)} alors que la maquette déclare ${h(490)} (écart de ${h(462)}).`);
  });

  it('warns when only some certifying modules state their hours', () => {
    const v = v41336();
    v.modules[0]!.hours = 10;
    const problem = checkCertificationVersion(v).find((p) => p.path === 'modules');
    expect(problem).toMatchObject({ severity: 'warning' });
    expect(problem?.message).toContain('1 modules sur 4');
  });

  it('reports duplicate bloc codes and duplicate France compétences codes at the second occurrence', () => {
    const v = v41336();
    v.blocs[2]!.code = 'CPN07B10';
    v.blocs[3]!.franceCompetencesCode = 'RNCP41336BC02';
    // The evaluation plan's pointers at the renamed bloc are reported too (evaluation-plan.test.ts).
    const problems = errorsOf(checkCertificationVersion(v)).filter((p) => !p.path.startsWith('evaluationPlan'));
    expect(problems.map((p) => p.path)).toEqual(['blocs[2].code', 'blocs[3].franceCompetencesCode']);
    expect(problems[0]!.message).toBe('Le code de bloc « CPN07B10 » est déjà utilisé par le bloc n° 1 (blocs[0]).');
    expect(problems[1]!.message).toContain('RNCP41336BC02');
  });

  it('reports a bloc without competencies', () => {
    const v = v41336();
    v.blocs[1]!.competencies = [];
    expect(errorsOf(checkCertificationVersion(v))).toEqual([
      { path: 'blocs[1].competencies', message: 'Le bloc « CPN07B20 » ne comporte aucune compétence.', severity: 'error' },
    ]);
  });

  it('reports a registration that ends before it starts, and a history out of order', () => {
    const v = v41336();
    v.expiresOn = '2020-09-24';
    v.registrationHistory = [
      { date: '2025-09-24', text: 'Enregistrement', source: ['000'] },
      { date: '2020-11-18', text: 'Décision antérieure', effectiveFrom: '2020-11-18', until: '2019-01-01' },
    ];
    const problems = errorsOf(checkCertificationVersion(v));
    expect(problems.map((p) => p.path)).toEqual(['expiresOn', 'registrationHistory[1].date', 'registrationHistory[1].until']);
    expect(problems[0]!.message).toBe("La date d'échéance (24/09/2020) précède la date d'enregistrement (24/09/2025).");
    expect(problems[1]!.message).toContain('18/11/2020');
  });

  it('reports a cited source that is not declared, wherever it is cited', () => {
    const v = v41336();
    v.blocs[0]!.assessments[0]!.source = ['003', '009'];
    v.sources = v.sources.filter((s) => s.id !== '004');
    const paths = errorsOf(checkCertificationVersion(v)).map((p) => p.path);
    expect(paths).toContain('blocs[0].assessments[0].source[1]');
    expect(paths).toContain('admission.source[2]');
  });

  it('reports a version that points at itself', () => {
    const v = v41336();
    v.predecessor = 'RNCP41336';
    expect(errorsOf(checkCertificationVersion(v))).toEqual([
      { path: 'predecessor', message: 'La version « RNCP41336 » ne peut pas être sa propre version précédente.', severity: 'error' },
    ]);
  });

  it('checks jury member counts', () => {
    const v = v41336();
    const vae = v.accessRoutes.find((r) => r.route === 'vae')!;
    vae.jury!.members[1]!.count = 1;
    vae.jury!.members[1]!.mustInclude = ['responsable pédagogique du titre', 'un second enseignant désigné'];
    const problems = errorsOf(checkCertificationVersion(v));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('accessRoutes[5].jury.members[1].count');
    expect(problems[0]!.message).toContain('2 personnes requises');
  });
});

describe('versionStatus', () => {
  it('is active between registration and expiry, upcoming before, closed after or when access is closed', () => {
    const v = v41336();
    expect(versionStatus(v, '2026-01-15')).toBe('active');
    expect(versionStatus(v, '2025-09-24')).toBe('active');
    expect(versionStatus(v, '2030-09-24')).toBe('active');
    expect(versionStatus(v, '2025-01-01')).toBe('upcoming');
    expect(versionStatus(v, '2030-09-25')).toBe('closed');
    expect(versionStatus({ ...v, accessClosed: true }, '2026-01-15')).toBe('closed');
    expect(versionStatus(loadVersion('rncp-35080.json'), '2025-11-19')).toBe('closed');
    expect(versionStatus(loadVersion('rncp-5385.json'), '2012-01-01')).toBe('closed');
  });
});

describe('checkLineage', () => {
  const all = () => ['rncp-5385.json', 'rncp-35080.json', 'rncp-41336.json'].map((f) => structuredClone(loadVersion(f)));

  it('5385 → 35080 → 41336 is consistent', () => {
    expect(checkLineage(all())).toEqual([]);
  });

  it('reports a successor whose predecessor does not point back', () => {
    const [v5385, v35080, v41336b] = all();
    v41336b!.predecessor = 'RNCP5385';
    const problems = errorsOf(checkLineage([v5385!, v35080!, v41336b!]));
    expect(problems.map((p) => p.path)).toEqual(['RNCP41336.predecessor', 'RNCP5385.successor']);
    expect(problems[0]!.message).toContain('« RNCP35080 » désigne « RNCP41336 »');
  });

  it('reports a cycle once', () => {
    const [v5385, v35080, v41336b] = all();
    v41336b!.successor = 'RNCP5385';
    v5385!.predecessor = 'RNCP41336';
    const cycles = checkLineage([v5385!, v35080!, v41336b!]).filter((p) => p.message.includes('cycle'));
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.severity).toBe('error');
  });

  it('only warns about a pointer to a version that is not loaded', () => {
    const problems = checkLineage([v41336()]);
    expect(problems).toEqual([
      { path: 'RNCP41336.predecessor', message: 'La version précédente « RNCP35080 » de « RNCP41336 » n\'est pas chargée.', severity: 'warning' },
    ]);
  });
});
