/**
 * The learner's workspace (issue 10, item 5; decision 023): a journal private to the learner until
 * they share an entry with their leader or supervisor, who reads it (and from then on it stays shared
 * and unchanged); staff never read it; a time log with the monthly pace against 2–4 days of 7 h.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/features/audit/audit.tables.js';
import { cohortStaff } from '../../src/features/cohorts/cohorts.tables.js';
import { journalEntries } from '../../src/features/memoire/journal/journal.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type TPerson = { user: { id: string; name: string; email: string }; cookie: string };
const call = (p: TPerson | undefined, method: string, path: string, body?: unknown) => t.call(method, path, { cookie: p?.cookie, body });

async function world() {
  t.clock.set('2026-03-10T09:00:00.000Z');
  const { centre, responsable, cohort } = await createCohortWorld(t);
  const gestionnaire = await staffOf(t, centre.id, 'gestionnaire');
  const teacher = await staffOf(t, centre.id, 'enseignant');
  const otherTeacher = await staffOf(t, centre.id, 'enseignant');
  await t.db.insert(cohortStaff).values([
    { cohortId: cohort.id, userId: teacher.user.id, role: 'enseignant' },
    { cohortId: cohort.id, userId: otherTeacher.user.id, role: 'enseignant' },
  ]);
  const alice = await enrol(t, cohort.id, responsable.cookie);
  const bruno = await enrol(t, cohort.id, responsable.cookie);
  const thesis = await call(alice, 'POST', `/api/cohorts/${cohort.id}/theses`, {});
  expect((await call(responsable, 'PATCH', `/api/theses/${thesis.body.id}`, { supervisorId: teacher.user.id })).status).toBe(200);
  return { cohort, responsable, gestionnaire, teacher, otherTeacher, alice, bruno };
}
type TWorld = Awaited<ReturnType<typeof world>>;

async function write(w: TWorld, title: string, body = 'Mon parcours associatif, puis syndical.') {
  const res = await call(w.alice, 'POST', `/api/cohorts/${w.cohort.id}/journal`, { title, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; sharedAt: string | null };
}
const followupOf = (w: TWorld, p: TPerson) => call(p, 'GET', `/api/cohorts/${w.cohort.id}/learners/${w.alice.user.id}/followup`);

describe('the journal of the autobiographie raisonnée', () => {
  it('is private until shared; the supervisor reads shared entries only; once read, an entry stays shared and unchanged', async () => {
    const w = await world();
    const first = await write(w, 'Enfance');
    const second = await write(w, 'Premier emploi');
    expect(first.sharedAt).toBeNull();
    expect((await followupOf(w, w.teacher)).body.sharedJournal).toEqual([]);

    // Shared, then taken back before anyone read it: allowed.
    expect((await call(w.alice, 'POST', `/api/journal/${first.id}/share`, { shared: true })).body.permissions).toEqual({ edit: true, unshare: true, delete: false });
    expect((await call(w.alice, 'POST', `/api/journal/${first.id}/share`, { shared: false })).body.sharedAt).toBeNull();
    t.clock.set('2026-03-11T08:00:00.000Z');
    expect((await call(w.alice, 'POST', `/api/journal/${second.id}/share`, { shared: true })).body.sharedAt).toBe('2026-03-11T08:00:00.000Z');

    t.clock.set('2026-03-12T08:00:00.000Z');
    const read = await followupOf(w, w.teacher);
    expect(read.body.as).toBe('mentor');
    expect(read.body.sharedJournal.map((e: { title: string }) => e.title)).toEqual(['Premier emploi']);
    const [row] = await t.db.select().from(journalEntries).where(eq(journalEntries.id, second.id));
    expect(row!.readAt?.toISOString()).toBe('2026-03-12T08:00:00.000Z');

    const unshare = await call(w.alice, 'POST', `/api/journal/${second.id}/share`, { shared: false });
    expect(unshare.status).toBe(409);
    expect(unshare.body.message).toBe('Votre enseignant·e a déjà lu cette entrée : elle reste partagée.');
    expect((await call(w.alice, 'PATCH', `/api/journal/${second.id}`, { body: 'Réécrit' })).status).toBe(409);
    expect((await call(w.alice, 'DELETE', `/api/journal/${second.id}`)).status).toBe(409);
    // The private one is edited and deleted freely.
    expect((await call(w.alice, 'PATCH', `/api/journal/${first.id}`, { title: '  Enfance à Roubaix ' })).body.title).toBe('Enfance à Roubaix');
    expect((await call(w.alice, 'DELETE', `/api/journal/${first.id}`)).status).toBe(204);
    expect((await call(w.alice, 'GET', '/api/me/journal')).body.items.map((e: { id: string; readAt: string | null }) => [e.id, e.readAt])).toEqual([[second.id, '2026-03-12T08:00:00.000Z']]);
  });

  it('another learner, a teacher who neither leads nor supervises, and staff never read an entry; the audit log holds no text', async () => {
    const w = await world();
    const secret = await write(w, 'Titre', 'JOURNAL-SECRET mon histoire');
    await call(w.alice, 'POST', `/api/journal/${secret.id}/share`, { shared: true });
    expect((await call(w.bruno, 'GET', '/api/me/journal')).body.items).toEqual([]);
    for (const [method, path, body] of [
      ['PATCH', `/api/journal/${secret.id}`, { title: 'x' }],
      ['POST', `/api/journal/${secret.id}/share`, { shared: false }],
      ['DELETE', `/api/journal/${secret.id}`, undefined],
    ] as const) {
      const res = await call(w.bruno, method, path, body);
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain('JOURNAL-SECRET');
    }
    expect((await followupOf(w, w.bruno)).status).toBe(403);
    expect((await followupOf(w, w.otherTeacher)).status).toBe(403);
    for (const staff of [w.responsable, w.gestionnaire]) {
      const res = await followupOf(w, staff);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ as: 'staff', sharedJournal: null });
      expect(JSON.stringify(res.body)).not.toContain('JOURNAL-SECRET');
    }
    // Staff reading did not mark it read: Alice may still take it back.
    expect((await call(w.alice, 'POST', `/api/journal/${secret.id}/share`, { shared: false })).status).toBe(200);
    const leaks = await t.db.select({ id: auditEvents.id }).from(auditEvents).where(sql`(coalesce(${auditEvents.before}::text, '') || coalesce(${auditEvents.after}::text, '')) like ${'%JOURNAL-SECRET%'}`);
    expect(leaks).toEqual([]);
    const empty = await call(w.alice, 'POST', `/api/cohorts/${w.cohort.id}/journal`, { title: 'Sans texte', body: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.body.issues).toEqual([{ path: 'body', message: 'Écrivez le texte de l’entrée.' }]);
  });
});

describe('the time log', () => {
  it('adds up per month against 2–4 days of 7 h, months without a log at 0; only the learner writes it, their mentor and staff read the pace', async () => {
    const w = await world();
    t.clock.set('2026-03-20T09:00:00.000Z');
    const log = async (workedOn: string, minutes: number) => {
      const res = await call(w.alice, 'POST', `/api/cohorts/${w.cohort.id}/time-log`, { workedOn, minutes, activity: 'Entretiens exploratoires' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    await log('2026-01-05', 7 * 60);
    await log('2026-01-19', 7 * 60);
    const march = await log('2026-03-02', 30 * 60 - 1440 + 60);
    await log('2026-03-03', 1440 - 60);
    const mine = await call(w.alice, 'GET', `/api/cohorts/${w.cohort.id}/time-log`);
    expect(mine.body.pace.expectedMinutesPerMonth).toEqual({ min: 14 * 60, max: 28 * 60 });
    expect(mine.body.pace.months.map((m: { month: string; hours: number; status: string }) => [m.month, m.hours, m.status])).toEqual([
      ['2026-01', 14, 'within'],
      ['2026-02', 0, 'below'],
      ['2026-03', 30, 'above'],
    ]);
    expect((await followupOf(w, w.teacher)).body.pace).toEqual(mine.body.pace);
    expect((await followupOf(w, w.gestionnaire)).body.pace).toEqual(mine.body.pace);

    const zero = await call(w.alice, 'POST', `/api/cohorts/${w.cohort.id}/time-log`, { workedOn: '2026-02-30', minutes: 0, activity: 'x' });
    expect(zero.status).toBe(422);
    expect(zero.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['minutes', 'workedOn']);
    expect((await call(w.bruno, 'DELETE', `/api/time-log/${march}`)).status).toBe(403);
    expect((await call(w.bruno, 'GET', `/api/cohorts/${w.cohort.id}/time-log`)).body.items).toEqual([]);
    expect((await call(w.teacher, 'POST', `/api/cohorts/${w.cohort.id}/time-log`, { workedOn: '2026-03-02', minutes: 60, activity: 'x' })).status).toBe(403);
    expect((await call(w.alice, 'DELETE', `/api/time-log/${march}`)).status).toBe(204);
    const after = await call(w.alice, 'GET', `/api/cohorts/${w.cohort.id}/time-log`);
    expect(after.body.pace.months.at(-1)).toMatchObject({ month: '2026-03', hours: 23, status: 'within' });
  });
});
