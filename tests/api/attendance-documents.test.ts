/**
 * Certificat de réalisation, attestation d'assiduité, and the CSV export in the French convention.
 * Oracle: hours computed by hand from the records written below (sessions of 2026, Paris = UTC+1 in
 * February and early March):
 *   20/02 09:00–11:00 present            2 h      (before the period asked for)
 *   02/03 09:00–12:30 present            3 h 30
 *   02/03 14:00–17:40 late               3 h 40   (late counts as attended)
 *   03/03 09:00–12:00 absent             3 h
 *   03/03 13:00–15:20 excused            2 h 20
 *   04/03 10:00–11:00 no record          1 h      (counted absent)
 *   12/03 09:00–12:00 (not over on 10/03) — not counted
 * Period 01/03–10/03: planned 13 h 30, attended 7 h 10, excused 2 h 20, absences 4 h,
 * rate 7 h 10 / (13 h 30 − 2 h 20) = 430 / 670 min = 64,2 %. Whole promotion: attended 9 h 10.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centres } from '../../src/features/centres/centres.tables.js';
import { cohortLearners } from '../../src/features/cohorts/cohorts.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { pdfText } from '../helpers/pdf.js';
import { createCohortWorld, enrol, sessionAround, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
let world: Awaited<ReturnType<typeof createCohortWorld>>;
let gestion: { cookie: string };
let alice: Awaited<ReturnType<typeof enrol>>;
let bob: Awaited<ReturnType<typeof enrol>>;
let cohortNumber: number;

const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await createTestContext();
  world = await createCohortWorld(t);
  await t.db.update(centres).set({ siret: '19753471200017', declarationNumber: '11755512375' }).where(eq(centres.id, world.centre.id));
  gestion = await staffOf(t, world.centre.id, 'gestionnaire');
  alice = await enrol(t, world.cohort.id, world.responsable.cookie, 'OPCO Uniformation');
  bob = await enrol(t, world.cohort.id, world.responsable.cookie, 'CPF');
  // Alice is there from the promotion's start: every session of the period is due from her.
  await t.db.update(cohortLearners).set({ enrolledAt: new Date('2024-11-04T08:00:00Z') }).where(eq(cohortLearners.userId, alice.user.id));
  const plan: [string, string, 'present' | 'late' | 'absent' | 'excused' | null][] = [
    ['2026-02-20T08:00:00Z', '2026-02-20T10:00:00Z', 'present'],
    ['2026-03-02T08:00:00Z', '2026-03-02T11:30:00Z', 'present'],
    ['2026-03-02T13:00:00Z', '2026-03-02T16:40:00Z', 'late'],
    ['2026-03-03T08:00:00Z', '2026-03-03T11:00:00Z', 'absent'],
    ['2026-03-03T12:00:00Z', '2026-03-03T14:20:00Z', 'excused'],
    ['2026-03-04T09:00:00Z', '2026-03-04T10:00:00Z', null],
    ['2026-03-12T08:00:00Z', '2026-03-12T11:00:00Z', null],
  ];
  for (const [start, end, status] of plan) {
    const s = await sessionAround(t, world.cohort.id, { startsAt: at(start), endsAt: at(end), title: `Séminaire du ${start.slice(0, 10)}` });
    const entries = [{ learnerId: bob.user.id, status: 'present' }];
    if (status) entries.push({ learnerId: alice.user.id, status });
    if (s.endsAt.getTime() <= t.clock.now().getTime()) {
      const res = await t.call('POST', `/api/sessions/${s.id}/attendance/marks`, { cookie: gestion.cookie, body: { entries } });
      expect(res.status).toBe(200);
    }
  }
  cohortNumber = (await t.call('GET', `/api/cohorts/${world.cohort.id}`, { cookie: gestion.cookie })).body.number;
});
afterAll(() => t.close());

const pdf = async (path: string, cookie: string) => {
  const res = await t.app.request(path, { headers: { cookie } });
  return { res, text: res.status === 200 ? (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, ' ') : '' };
};
const base = () => `/api/cohorts/${world.cohort.id}/learners/${alice.user.id}`;

describe('certificat de réalisation and attestation d’assiduité', () => {
  it('the certificate states the official model’s fields and the hours actually attended over the period', async () => {
    const { res, text } = await pdf(`${base()}/completion-certificate.pdf?from=2026-03-01&to=2026-03-10`, gestion.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`certificat-de-realisation-${alice.user.name.toLowerCase().replace(/ /g, '-')}-2026-03-01-2026-03-10.pdf`);
    expect(text).toContain('Certificat de réalisation');
    expect(text).toContain(`Nom et prénom du bénéficiaire : ${alice.user.name}`);
    expect(text).toContain('Nature de l’action concourant au développement des compétences');
    expect(text).toContain('[X] action de formation');
    expect(text).toContain('qui s’est déroulée du 01/03/2026 au 10/03/2026');
    expect(text).toContain('pour une durée de 7 h 10 réalisées');
    expect(text).toContain('13 h 30 prévues sur la période');
    expect(text).toContain('RNCP 41336');
    expect(text).toContain('SIRET 197 534 712 00017');
    expect(text).toContain('pendant une durée de 3 ans');
    expect(text).not.toMatch(/\d,\d+ h/);
  });

  it('the whole promotion by default: the session of 20/02 counts, the one of 12/03 (not over) does not', async () => {
    const { text } = await pdf(`${base()}/completion-certificate.pdf`, gestion.cookie);
    expect(text).toContain('pour une durée de 9 h 10 réalisées');
    expect(text).toContain('du 04/11/2024 au 10/03/2026');
  });

  it('the attestation lists planned, attended, excused and absent hours, the rate and each session', async () => {
    const { res, text } = await pdf(`${base()}/attendance-certificate.pdf?from=2026-03-01&to=2026-03-10`, alice.cookie);
    expect(res.status).toBe(200);
    expect(text).toContain('Attestation d’assiduité');
    expect(text).toMatch(/13 h 30 7 h 10 2 h 20 4 h 64,2 %/);
    expect(text).toContain('Présent·e');
    expect(text).toContain('Non émargé (absence)');
    expect(text).not.toContain('Séminaire du 2026-02-20');
    expect(text).not.toContain('Séminaire du 2026-03-12');
    expect(text).not.toContain(`${world.centre.name} — ${world.centre.name}`);
  });

  it('a learner gets their own only; a period without sessions or reversed is a 422 naming the field', async () => {
    expect((await t.call('GET', `${base()}/attendance-certificate.pdf`, { cookie: bob.cookie })).status).toBe(403);
    const reversed = await t.call('GET', `${base()}/completion-certificate.pdf?from=2026-03-10&to=2026-03-01`, { cookie: gestion.cookie });
    expect(reversed.status).toBe(422);
    expect(reversed.body.issues[0]).toEqual({ path: 'to', message: 'La fin de la période doit suivre son début.' });
    const empty = await t.call('GET', `${base()}/completion-certificate.pdf?from=2025-01-01&to=2025-01-31`, { cookie: gestion.cookie });
    expect(empty.status).toBe(422);
    expect(empty.body.issues[0].path).toBe('from');
    const outsider = await t.as('auditeur');
    expect((await t.call('GET', `/api/cohorts/${world.cohort.id}/learners/${outsider.user.id}/completion-certificate.pdf`, { cookie: gestion.cookie })).status).toBe(404);
  });
});

describe('attendance export in the French convention', () => {
  it('CSV: BOM, « ; », decimal comma, a file name that says what, which promotion and which day', async () => {
    const res = await t.app.request(`/api/cohorts/${world.cohort.id}/attendance/export?format=csv`, { headers: { cookie: gestion.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`filename="assiduite-${cohortNumber}e-promotion-paris-2026-03-10.csv"`);
    const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(body.charCodeAt(0)).toBe(0xfeff);
    const [header, ...lines] = body.slice(1).trim().split('\r\n').map((l) => l.split(';'));
    expect(header).toEqual(['Auditeur·rice', 'Financeur', 'Heures prévues', 'Heures suivies', 'Heures excusées', 'Heures d’absence', 'Taux d’assiduité', 'Alerte']);
    const aliceLine = lines.find((l) => l[0] === alice.user.name)!;
    // 15 h 30 planned = 15,5; 9 h 10 attended = 9,17 (hundredths of an hour); 2 h 20 = 2,33; 4 h.
    // Rate 550 / (930 − 140) min = 69,6 %.
    expect(aliceLine.slice(2, 7)).toEqual(['15,5', '9,17', '2,33', '4', '69,6 %']);
    const funders = await t.app.request(`/api/cohorts/${world.cohort.id}/attendance/export?format=xlsx&view=funders`, { headers: { cookie: gestion.cookie } });
    expect(funders.headers.get('content-disposition')).toContain(`filename="heures-par-financeur-${cohortNumber}e-promotion-paris-2026-03-10.xlsx"`);
  });

  it('the day sheet names the promotion once and its file says which promotion', async () => {
    const { res, text } = await pdf(`/api/cohorts/${world.cohort.id}/attendance/sheet?date=2026-03-02`, gestion.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`emargement-${cohortNumber}e-promotion-paris-2026-03-02.pdf`);
    expect(text.split(world.centre.name).length - 1).toBeGreaterThan(0);
    expect(text).not.toContain(`${world.centre.name} — ${world.centre.name}`);
  });
});
