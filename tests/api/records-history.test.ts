/**
 * What the registers must keep, seen from the API (issue 7, quality bar): the text of earlier events of an
 * application is never rewritten by a later step; an attendance correction is written and audited under
 * the corrector's name while the original keeps its author; secrets never reach the audit log.
 * Expected values are the words typed in the test, not values read back from the code under test.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, SYSTEM_ACTOR } from '../../src/features/audit/audit.service.js';
import { verifyRecords } from '../../src/features/records/records.service.js';
import { fixedClock } from '../../src/lib/clock.js';
import { createApplicant, createTestCohort } from '../helpers/admissions.js';
import { createTestContext, DEFAULT_TEST_NOW, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, sessionAround, staffOf } from './cohorts-fixtures.js';

const clock = fixedClock(DEFAULT_TEST_NOW);
let t: TTestContext;
let admin: { cookie: string };

beforeAll(async () => {
  t = await createTestContext({ clock });
  admin = await t.as('administrateur');
});
afterAll(() => t.close());

type TAuditItem = { action: string; actorId: string | null; actorLabel: string; entityId: string | null; before: unknown; after: unknown };
async function auditOf(q: string): Promise<TAuditItem[]> {
  const res = await t.call('GET', `/api/audit?q=${encodeURIComponent(q)}&pageSize=100`, { cookie: admin.cookie });
  expect(res.status).toBe(200);
  return res.body.items;
}

describe('an application keeps the text of every earlier step', () => {
  it('review, note, correction request, re-filing and decision: each text stays as it was written, in order', async () => {
    const cohort = await createTestCohort(t.db);
    const gestionnaire = await t.signIn((await t.createTestUser({ roles: ['gestionnaire'], centreIds: [cohort.centreId] })).email);
    const responsable = await t.signIn((await t.createTestUser({ roles: ['responsable_pedagogique'], centreIds: [cohort.centreId] })).email);
    const a = await createApplicant(t, cohort.id, { file: true });
    const step = async (cookie: string, path: string, body?: unknown) => {
      clock.advance(60_000); // one minute between steps, so that the history's order is the order of the steps
      const res = await t.call('POST', `/api/applications/${a.id}/${path}`, { cookie, body });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      return res;
    };
    await step(gestionnaire, 'transitions', { action: 'start_review', reason: 'Dossier complet' });
    await step(gestionnaire, 'notes', { text: 'À vérifier : dates de la licence' });
    await step(gestionnaire, 'transitions', { action: 'request_correction', reason: 'Joignez votre diplôme.' });
    await step(a.cookie, 'file');
    await step(gestionnaire, 'transitions', { action: 'start_review', reason: 'Diplôme reçu' });
    await step(responsable, 'transitions', { action: 'accept', reason: 'Projet cohérent, expérience solide.' });

    const view = await t.call('GET', `/api/applications/${a.id}`, { cookie: gestionnaire });
    const written = view.body.history
      .filter((h: { kind: string }) => h.kind !== 'created' && h.kind !== 'filed')
      .map((h: { kind: string; text: string | null }) => [h.kind, h.text]);
    expect(written).toEqual([
      ['review_started', 'Dossier complet'],
      ['note', 'À vérifier : dates de la licence'],
      ['correction_requested', 'Joignez votre diplôme.'],
      ['review_started', 'Diplôme reçu'],
      ['accepted', 'Projet cohérent, expérience solide.'],
    ]);
    // The applicant sees the same words for what concerns them (never the private note).
    const own = await t.call('GET', `/api/applications/${a.id}`, { cookie: a.cookie });
    expect(own.body.history.filter((h: { text: string | null }) => h.text).map((h: { text: string }) => h.text)).toEqual([
      'Dossier complet',
      'Joignez votre diplôme.',
      'Diplôme reçu',
      'Projet cohérent, expérience solide.',
    ]);
    expect((await verifyRecords({ db: t.db })).breaks).toEqual([]);
  });
});

describe('an attendance correction', () => {
  it('is a new record by the corrector, audited under the corrector\'s name; the original keeps its author', async () => {
    const { cohort, responsable, centre } = await createCohortWorld(t);
    const teacher = await staffOf(t, centre.id, 'enseignant');
    const learner = await enrol(t, cohort.id, responsable.cookie);
    const now = clock.now().getTime();
    const s = await sessionAround(t, cohort.id, { startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 3_600_000), teacherIds: [teacher.user.id] });
    const marked = await t.call('POST', `/api/sessions/${s.id}/attendance/marks`, { cookie: teacher.cookie, body: { entries: [{ learnerId: learner.user.id, status: 'absent' }] } });
    expect(marked.status).toBe(200);
    const originalId: string = marked.body.learners[0].current.id;

    clock.advance(10 * 60_000);
    const corrected = await t.call('POST', `/api/attendance/${originalId}/corrections`, { cookie: responsable.cookie, body: { status: 'present', reason: 'Arrivée à 9 h 10, train retardé' } });
    expect(corrected.status).toBe(200);
    const row = corrected.body.learners.find((l: { userId: string }) => l.userId === learner.user.id);
    expect(row.history.map((h: { status: string; method: string; recordedBy: string; reason: string | null }) => [h.status, h.method, h.recordedBy, h.reason])).toEqual([
      ['absent', 'teacher', teacher.user.name, null],
      ['present', 'correction', responsable.user.name, 'Arrivée à 9 h 10, train retardé'],
    ]);
    const correctionId: string = row.current.id;
    expect(correctionId).not.toBe(originalId);

    const audited = (await auditOf(correctionId)).filter((e) => e.action === 'attendance.corrected');
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorId: responsable.user.id, entityId: correctionId });
    expect(audited[0]!.actorLabel).toContain(responsable.user.name);
    expect(JSON.stringify(audited[0]!.after)).toContain('Arrivée à 9 h 10, train retardé');
  });
});

describe('the audit log', () => {
  it('masks every password, token or secret a caller passes, at any depth, and keeps the rest', async () => {
    const entityId = `redaction-${randomUUID()}`;
    await recordAudit(t.db, SYSTEM_ACTOR, {
      action: 'user.updated',
      entityType: 'user',
      entityId,
      before: { password: 'ancien-mot-de-passe-1', name: 'Camille' },
      after: {
        newPassword: 'nouveau-mot-de-passe-2',
        profile: { apiToken: 'jeton-api-3', city: 'Lille' },
        links: [{ resetToken: 'jeton-4', label: 'lien' }],
        CLIENT_SECRET: 'secret-5',
      },
    });
    const [event] = await auditOf(entityId);
    expect(event!.before).toEqual({ password: '[masqué]', name: 'Camille' });
    expect(event!.after).toEqual({
      newPassword: '[masqué]',
      profile: { apiToken: '[masqué]', city: 'Lille' },
      links: [{ resetToken: '[masqué]', label: 'lien' }],
      CLIENT_SECRET: '[masqué]',
    });
    const raw = JSON.stringify(event);
    for (const secret of ['ancien-mot-de-passe-1', 'nouveau-mot-de-passe-2', 'jeton-api-3', 'jeton-4', 'secret-5']) expect(raw).not.toContain(secret);
  });
});
