import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificationVersions } from '../../src/features/referentiel/referentiel.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'referentiel', name), 'utf8');
const reference = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'data', 'certifications', name), 'utf8');

describe('référentiel pages (API)', () => {
  it('lists the three versions with their status: 41336 current, 35080 and 5385 closed', async () => {
    const { cookie } = await t.as('auditeur');
    const res = await t.call('GET', '/api/certifications', { cookie });
    expect(res.status).toBe(200);
    const byCode = Object.fromEntries(res.body.items.map((v: { code: string; status: string }) => [v.code, v]));
    expect(byCode.RNCP41336).toMatchObject({ status: 'active', registeredOn: '2025-09-24', expiresOn: '2030-09-24', blocCount: 4, totalHours: 490 });
    expect(byCode.RNCP35080).toMatchObject({ status: 'closed', expiresOn: '2025-11-18' });
    expect(byCode.RNCP5385.status).toBe('closed');
  });

  it('shows RNCP 41336: four blocs with codes, 490 h = 420 + 70, jury rules, prices, lineage', async () => {
    const { cookie } = await t.as('responsable_pedagogique');
    const res = await t.call('GET', '/api/certifications/RNCP41336', { cookie });
    expect(res.status).toBe(200);
    const v = res.body;
    expect(v.document.blocs.map((b: { code: string }) => b.code)).toEqual(['CPN07B10', 'CPN07B20', 'CPN07B30', 'CPN07B40']);
    expect(v.document.blocs.map((b: { franceCompetencesCode: string }) => b.franceCompetencesCode)).toEqual([
      'RNCP41336BC01',
      'RNCP41336BC02',
      'RNCP41336BC03',
      'RNCP41336BC04',
    ]);
    expect(v.document.blocs.map((b: { competencies: unknown[] }) => b.competencies.length)).toEqual([5, 4, 3, 3]);
    expect(v.hourTotals.declared).toBe(490);
    expect(v.hourTotals.componentsSum).toBe(490);
    expect(v.hourTotals.byKind).toMatchObject({ seminar: 420, thesis_workshop: 70 });
    expect(v.document.hours).toMatchObject({ weeksOnSite: 14, remoteDays: 3, defenseDays: 3 });
    const vae = v.document.accessRoutes.find((r: { route: string }) => r.route === 'vae');
    const counts = Object.fromEntries(vae.jury.members.map((m: { kind: string; count: number }) => [m.kind, m.count]));
    expect(counts).toEqual({ cnam_administrator: 1, cnam_teacher: 4, professional: 2 });
    const prices = v.document.prices.map((p: { payer: string; amountCents: number }) => [p.payer, p.amountCents]);
    expect(prices).toEqual(expect.arrayContaining([['third_party', 1000500], ['cpf', 1000500], ['personal', 500050]]));
    expect(v.lineage.map((l: { code: string }) => l.code)).toEqual(['RNCP5385', 'RNCP35080', 'RNCP41336']);
    expect(Object.keys(v.blocIds)).toHaveLength(4);
  });

  it('answers 404 in French for an unknown version', async () => {
    const { cookie } = await t.as('auditeur');
    const res = await t.call('GET', '/api/certifications/RNCP0', { cookie });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Version de certification introuvable : RNCP0');
  });
});

describe('validating and importing a version file (API)', () => {
  it('reports the Dijon 2009 maquette: 13 modules = 322 h against 455 h declared', async () => {
    const { cookie } = await t.as('responsable_pedagogique');
    const res = await t.call('POST', '/api/certifications/validate', { cookie, body: { fileName: 'dijon-2009.json', content: fixture('dijon-2009.json') } });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    const messages = res.body.problems.map((p: { message: string }) => p.message).join('\n');
    expect(messages).toContain('322');
    expect(messages).toContain('455');
  });

  it('refuses to import an invalid file with 422, every problem with its path, and writes nothing', async () => {
    const { cookie } = await t.as('responsable_pedagogique');
    const before = await t.db.select().from(certificationVersions).where(eq(certificationVersions.code, 'RNCP5385-DIJON-2009'));
    const res = await t.call('POST', '/api/certifications/import', { cookie, body: { fileName: 'dijon-2009.json', content: fixture('dijon-2009.json') } });
    expect(res.status).toBe(422);
    expect(res.body.issues.length).toBeGreaterThan(0);
    expect(res.body.issues.every((i: { path: string; message: string }) => typeof i.path === 'string' && i.message.length > 0)).toBe(true);
    const after = await t.db.select().from(certificationVersions).where(eq(certificationVersions.code, 'RNCP5385-DIJON-2009'));
    expect(after).toEqual(before);
  });

  it('explains unknown keys and duplicate bloc codes with the path of the field', async () => {
    const { cookie } = await t.as('administrateur');
    const doc = JSON.parse(reference('rncp-41336.json'));
    doc.blocs[0].colour = 'bleu';
    doc.blocs[1].code = doc.blocs[0].code;
    const res = await t.call('POST', '/api/certifications/validate', { cookie, body: { fileName: 'x.json', content: JSON.stringify(doc) } });
    expect(res.body.ok).toBe(false);
    const unknownKey = res.body.problems.find((p: { path: string }) => p.path === 'blocs[0].colour');
    expect(unknownKey.message).toContain('colour');
    // Both problems in one answer: the unknown key does not hide the duplicate code.
    expect(res.body.problems.map((p: { path: string }) => p.path)).toContain('blocs[1].code');
  });

  it('imports a new bloc-based certification from a file alone, then reports it unchanged', async () => {
    const { cookie } = await t.as('responsable_pedagogique');
    const doc = JSON.parse(reference('rncp-41336.json'));
    doc.code = `TEST${Date.now()}`;
    doc.family = `famille-test-${Date.now()}`;
    doc.title = "Dirigeant de coopératives d'activités et d'emplois (essai)";
    doc.predecessor = null;
    doc.successor = null;
    doc.blocs = doc.blocs.slice(0, 2).map((b: Record<string, unknown>, i: number) => ({ ...b, code: `DCAE-B${i + 1}`, franceCompetencesCode: undefined }));
    // The evaluation plan names the blocs of 41336 (an error once they are renamed): the new title brings its own or none.
    delete doc.evaluationPlan;
    const content = JSON.stringify(doc);
    const first = await t.call('POST', '/api/certifications/import', { cookie, body: { fileName: 'dcae.json', content } });
    expect(first.status).toBe(200);
    expect(first.body.outcome).toBe('created');
    const again = await t.call('POST', '/api/certifications/import', { cookie, body: { fileName: 'dcae.json', content } });
    expect(again.body.outcome).toBe('unchanged');
    const page = await t.call('GET', `/api/certifications/${doc.code}`, { cookie });
    expect(page.body.document.blocs.map((b: { code: string }) => b.code)).toEqual(['DCAE-B1', 'DCAE-B2']);
    const admin = await t.as('administrateur');
    const audit = await t.call('GET', `/api/audit?entityType=certification_version&q=${doc.code}`, { cookie: admin.cookie });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['referentiel.version_imported']);
  });

  it('refuses validation and import to roles without the right', async () => {
    for (const role of ['gestionnaire', 'enseignant', 'jury', 'auditeur'] as const) {
      const { cookie } = await t.as(role);
      const res = await t.call('POST', '/api/certifications/import', { cookie, body: { fileName: 'x.json', content: reference('rncp-41336.json') } });
      expect(res.status, role).toBe(403);
    }
  });

  it('names the missing fields of an empty request', async () => {
    const { cookie } = await t.as('responsable_pedagogique');
    const res = await t.call('POST', '/api/certifications/validate', { cookie, body: { fileName: '' } });
    expect(res.status).toBe(422);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['content', 'fileName']);
  });
});
