/**
 * Juries through the API (issue 11, item 3; decision 026). The composition is the one the fiche RNCP
 * 5385 states (002) and the RNCP 41336 file repeats: 2 Cnam teachers + 2 professionals for the training
 * routes. An incomplete jury cannot be constituted (422 naming the missing kind); a conflicted member
 * does not sit on that case and cannot open its file; a member sees only the cases they sit on.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userRoles } from '../../src/features/auth/auth.tables.js';
import { cohortStaff } from '../../src/features/cohorts/cohorts.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type TPerson = { user: { id: string; name: string; email: string }; cookie: string };
const call = (p: TPerson | undefined, method: string, path: string, body?: unknown) => t.call(method, path, { cookie: p?.cookie, body });

async function member(responsable: TPerson, kind: 'cnam_teacher' | 'professional', centreId: string, organisation: string | null = null) {
  const p = kind === 'cnam_teacher' ? await staffOf(t, centreId, 'enseignant') : { user: await t.createTestUser({ roles: ['jury'] }), cookie: '' };
  if (!p.cookie) p.cookie = await t.signIn(p.user.email);
  const res = await call(responsable, 'PUT', `/api/jury-members/${p.user.id}`, { kind, organisation });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return p;
}

async function world() {
  t.clock.set('2026-05-04T09:00:00.000Z');
  const { centre, responsable, cohort } = await createCohortWorld(t);
  const [teacherA, teacherB, teacherC] = [await member(responsable, 'cnam_teacher', centre.id), await member(responsable, 'cnam_teacher', centre.id), await member(responsable, 'cnam_teacher', centre.id)];
  const [proA, proB] = [await member(responsable, 'professional', centre.id, 'Fédération des centres sociaux'), await member(responsable, 'professional', centre.id, 'SCOP Les Ateliers')];
  const alice = await enrol(t, cohort.id, responsable.cookie);
  const bruno = await enrol(t, cohort.id, responsable.cookie);
  const thesis = await call(alice, 'POST', `/api/cohorts/${cohort.id}/theses`, { title: 'Une coopérative en transition' });
  expect(thesis.status).toBe(201);
  return { centre, cohort, responsable, teacherA, teacherB, teacherC, proA, proB, alice, bruno, thesisId: thesis.body.id as string };
}
type TWorld = Awaited<ReturnType<typeof world>>;

async function jury(w: TWorld, supervisorRule = 'may_sit') {
  const res = await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/juries`, { label: 'Soutenances de juin 2026', route: 'training', supervisorRule });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}
const seat = (w: TWorld, juryId: string, p: TPerson, president = false) => call(w.responsable, 'POST', `/api/juries/${juryId}/seats`, { userId: p.user.id, president });
const addCase = (w: TWorld, juryId: string, p: TPerson) => call(w.responsable, 'POST', `/api/juries/${juryId}/cases`, { learnerId: p.user.id });

describe('constituting a jury', () => {
  it('3 teachers + 1 professional is refused naming « il manque 1 professionnel »; once 2 + 2 it is constituted', async () => {
    const w = await world();
    const id = await jury(w);
    for (const p of [w.teacherA, w.teacherB, w.teacherC]) expect((await seat(w, id, p, p === w.teacherA)).status).toBe(200);
    expect((await seat(w, id, w.proA)).status).toBe(200);
    expect((await addCase(w, id, w.alice)).status).toBe(200);
    const view = (await call(w.responsable, 'GET', `/api/juries/${id}`)).body;
    expect(view.rule.map((r: { kind: string; count: number }) => [r.kind, r.count])).toEqual([
      ['cnam_teacher', 2],
      ['professional', 2],
    ]);
    expect(view.composition.problems.map((p: { message: string }) => p.message)).toEqual(['1 enseignant du Cnam de trop (la fiche en prévoit 2)', 'il manque 1 professionnel']);

    const refused = await call(w.responsable, 'POST', `/api/juries/${id}/constitute`);
    expect(refused.status).toBe(422);
    expect(refused.body.issues.map((i: { message: string }) => i.message)).toContain('Jury incomplet : il manque 1 professionnel.');
    expect((await call(w.responsable, 'GET', `/api/juries/${id}`)).body.constitutedAt).toBeNull();

    expect((await call(w.responsable, 'DELETE', `/api/juries/${id}/seats/${w.teacherC.user.id}`)).status).toBe(200);
    expect((await seat(w, id, w.proB)).status).toBe(200);
    const done = await call(w.responsable, 'POST', `/api/juries/${id}/constitute`);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.constitutedAt).toBe('2026-05-04T09:00:00.000Z');
    // Any change of seats makes it to be constituted again.
    expect((await call(w.responsable, 'DELETE', `/api/juries/${id}/seats/${w.proB.user.id}`)).body.constitutedAt).toBeNull();
  });

  it('a member seated twice is a 409; an account not on the list, or a learner of the jury, cannot sit (422 naming the field)', async () => {
    const w = await world();
    const id = await jury(w);
    expect((await seat(w, id, w.proA)).status).toBe(200);
    expect((await seat(w, id, w.proA)).status).toBe(409);
    const stranger = await staffOf(t, w.centre.id, 'enseignant');
    const notListed = await seat(w, id, stranger);
    expect(notListed.status).toBe(422);
    expect(notListed.body.issues[0]).toMatchObject({ path: 'userId' });
    expect((await addCase(w, id, w.alice)).status).toBe(200);
    expect((await call(w.responsable, 'PUT', `/api/jury-members/${w.alice.user.id}`, { kind: 'professional' })).status).toBe(200);
    const own = await seat(w, id, w.alice);
    expect(own.status).toBe(422);
    expect(own.body.issues[0].message).toMatch(/examine le dossier de cette personne/);
  });
});

describe('conflicts of interest and the jury space', () => {
  it('a conflicted member does not sit on that case: the case misses a professional, and the member cannot open its file', async () => {
    const w = await world();
    const id = await jury(w);
    for (const p of [w.teacherA, w.teacherB, w.proA, w.proB]) expect((await seat(w, id, p, p === w.teacherA)).status).toBe(200);
    for (const p of [w.alice, w.bruno]) expect((await addCase(w, id, p)).status).toBe(200);
    const declared = await call(w.responsable, 'POST', `/api/juries/${id}/conflicts`, { userId: w.proB.user.id, learnerId: w.alice.user.id, nature: 'employer', note: 'Directrice de la structure où travaille l’auditrice' });
    expect(declared.status, JSON.stringify(declared.body)).toBe(200);
    const aliceCase = declared.body.cases.find((c: { learner: { id: string } }) => c.learner.id === w.alice.user.id);
    expect(aliceCase.valid).toBe(false);
    expect(aliceCase.problems.map((p: { message: string }) => p.message)).toEqual(['il manque 1 professionnel']);
    expect(aliceCase.excluded).toEqual([expect.objectContaining({ userId: w.proB.user.id, reason: 'conflict' })]);
    const refused = await call(w.responsable, 'POST', `/api/juries/${id}/constitute`);
    expect(refused.status).toBe(422);
    expect(refused.body.issues.map((i: { message: string }) => i.message).join(' ')).toContain(`Dossier de ${w.alice.user.name} : il manque 1 professionnel`);

    // The jury space: proB sees both cases, Alice's closed with the reason, and is refused her file.
    const mine = (await call(w.proB, 'GET', '/api/me/juries')).body.items;
    expect(mine).toHaveLength(1);
    const cases = mine[0].cases as { id: string; learner: { id: string }; open: boolean; reason: string | null }[];
    const closed = cases.find((c) => c.learner.id === w.alice.user.id)!;
    const open = cases.find((c) => c.learner.id === w.bruno.user.id)!;
    expect([closed.open, open.open]).toEqual([false, true]);
    expect(closed.reason).toMatch(/conflit d’intérêts/);
    const refusedFile = await call(w.proB, 'GET', `/api/jury-cases/${closed.id}`);
    expect(refusedFile.status).toBe(403);
    expect(refusedFile.body.message).toMatch(/conflit d’intérêts/);
    expect((await call(w.proB, 'GET', `/api/jury-cases/${closed.id}/memoire`)).status).toBe(403);
    const file = await call(w.proB, 'GET', `/api/jury-cases/${open.id}`);
    expect(file.status).toBe(200);
    expect(file.body.learner.id).toBe(w.bruno.user.id);
    // proA, not conflicted, opens Alice's; nothing deposited yet: 404 for the mémoire, in French.
    const aliceFile = await call(w.proA, 'GET', `/api/jury-cases/${closed.id}`);
    expect(aliceFile.status).toBe(200);
    expect(aliceFile.body.thesis.title).toBe('Une coopérative en transition');
    const noDeposit = await call(w.proA, 'GET', `/api/jury-cases/${closed.id}/memoire`);
    expect(noDeposit.status).toBe(404);
    expect(noDeposit.body.message).toBe('Aucun dépôt final pour ce dossier.');
  });

  it('a member sees only the cases of the juries they sit on; the learner and other staff are refused', async () => {
    const w = await world();
    const id = await jury(w);
    expect((await seat(w, id, w.proA)).status).toBe(200);
    const caseId = (await addCase(w, id, w.alice)).body.cases[0].id as string;
    expect((await call(w.proB, 'GET', '/api/me/juries')).body.items).toEqual([]);
    expect((await call(w.proB, 'GET', `/api/jury-cases/${caseId}`)).status).toBe(403);
    expect((await call(w.teacherA, 'GET', `/api/jury-cases/${caseId}`)).status).toBe(403);
    expect((await call(w.alice, 'GET', `/api/jury-cases/${caseId}`)).status).toBe(403);
    expect((await call(w.alice, 'GET', `/api/juries/${id}`)).status).toBe(403);
    expect((await call(w.teacherA, 'GET', `/api/cohorts/${w.cohort.id}/juries`)).status).toBe(403);
    expect((await call(w.proA, 'GET', '/api/jury-members')).status).toBe(403);
    expect((await call(w.proA, 'GET', `/api/jury-cases/${caseId}`)).status).toBe(200);
  });

  it('the supervisor rule: « ne siège pas » keeps the supervisor out of that case and its file', async () => {
    const w = await world();
    await t.db.insert(cohortStaff).values({ cohortId: w.cohort.id, userId: w.teacherA.user.id, role: 'enseignant' });
    const named = await call(w.responsable, 'PATCH', `/api/theses/${w.thesisId}`, { supervisorId: w.teacherA.user.id });
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    const id = await jury(w, 'may_not_sit');
    for (const p of [w.teacherA, w.teacherB, w.proA, w.proB]) expect((await seat(w, id, p, p === w.teacherB)).status).toBe(200);
    const view = (await addCase(w, id, w.alice)).body;
    expect(view.cases[0].excluded).toEqual([expect.objectContaining({ userId: w.teacherA.user.id, reason: 'supervisor' })]);
    expect(view.cases[0].problems.map((p: { message: string }) => p.message)).toEqual(['il manque 1 enseignant du Cnam']);
    expect((await call(w.teacherA, 'GET', `/api/jury-cases/${view.cases[0].id}`)).status).toBe(403);
    // « Peut siéger »: the same jury is complete for that case.
    const patched = await call(w.responsable, 'PATCH', `/api/juries/${id}`, { supervisorRule: 'may_sit' });
    expect(patched.body.cases[0].valid).toBe(true);
    expect((await call(w.teacherA, 'GET', `/api/jury-cases/${view.cases[0].id}`)).status).toBe(200);
  });

  it('« siège sans voix délibérative »: the supervisor sits beside 2 + 2 voting members, and the jury can be constituted (the counts apply to who votes on each case)', async () => {
    const w = await world();
    await t.db.insert(cohortStaff).values({ cohortId: w.cohort.id, userId: w.teacherA.user.id, role: 'enseignant' });
    expect((await call(w.responsable, 'PATCH', `/api/theses/${w.thesisId}`, { supervisorId: w.teacherA.user.id })).status).toBe(200);
    const id = await jury(w, 'sits_without_vote');
    for (const p of [w.teacherA, w.teacherB, w.teacherC, w.proA, w.proB]) expect((await seat(w, id, p, p === w.teacherB)).status).toBe(200);
    const view = (await addCase(w, id, w.alice)).body;
    expect(view.cases[0]).toMatchObject({ valid: true, problems: [] });
    expect(view.cases[0].voting).toHaveLength(4);
    const done = await call(w.responsable, 'POST', `/api/juries/${id}/constitute`);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    // Bruno's case has no supervisor on the jury: five would vote, one too many — refused, naming it.
    await addCase(w, id, w.bruno);
    const refused = await call(w.responsable, 'POST', `/api/juries/${id}/constitute`);
    expect(refused.status).toBe(422);
    expect(refused.body.issues.map((i: { message: string }) => i.message)).toContain(`Dossier de ${w.bruno.user.name} : 1 enseignant du Cnam de trop (la fiche en prévoit 2).`);
  });
});

describe('inviting an external professional', () => {
  it('creates an account with the jury role, listed as a professional; the same address again is a 409', async () => {
    const w = await world();
    const email = `pro-${Date.now()}@exemple.fr`;
    const res = await call(w.responsable, 'POST', '/api/jury-members/invitations', { name: 'Mme Claire Dubois', email, kind: 'professional', organisation: 'Fédération des centres sociaux' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ name: 'Mme Claire Dubois', email, kind: 'professional', organisation: 'Fédération des centres sociaux' });
    const roles = await t.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, res.body.userId));
    expect(roles.map((r) => r.role)).toEqual(['jury']);
    const again = await call(w.responsable, 'POST', '/api/jury-members/invitations', { name: 'Autre', email, kind: 'professional', organisation: null });
    expect(again.status).toBe(409);
    expect(again.body.issues[0].path).toBe('email');
  });
});
