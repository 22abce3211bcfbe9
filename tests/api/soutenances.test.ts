/**
 * Soutenance sessions through the API (issue 11, item 4; decision 027): the planner runs on the
 * constituted juries through the job runner, its plan becomes the timetable, a hand move is checked
 * by the same independent checker, and the convocations go out as e-mails with a calendar invitation
 * (METHOD:REQUEST, stable UID, SEQUENCE raised by a change) and as a PDF naming the learner, the date,
 * the time and the room. The invitation is read back by ical.js, the PDF by PDF.js: oracles outside the
 * code under test.
 */
import { and, eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../src/features/jobs/jobs.tables.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { runJobs } from '../helpers/jobs.js';
import { multipartBody, pdfkitPdf } from '../helpers/memoire-files.js';
import { pdfText } from '../helpers/pdf.js';
import { createCohortWorld, enrol, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type TPerson = { user: { id: string; name: string; email: string }; cookie: string };
const call = (p: TPerson | undefined, method: string, path: string, body?: unknown) => t.call(method, path, { cookie: p?.cookie, body });

async function member(responsable: TPerson, kind: 'cnam_teacher' | 'professional', centreId: string, name: string) {
  const p = kind === 'cnam_teacher' ? await staffOf(t, centreId, 'enseignant') : { user: await t.createTestUser({ roles: ['jury'], name }), cookie: '' };
  if (!p.cookie) p.cookie = await t.signIn(p.user.email);
  const res = await call(responsable, 'PUT', `/api/jury-members/${p.user.id}`, { kind, organisation: kind === 'professional' ? 'Fédération des centres sociaux' : null });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return p;
}

async function finalDeposit(p: TPerson, responsable: TPerson, cohortId: string, title: string) {
  const thesis = await call(p, 'POST', `/api/cohorts/${cohortId}/theses`, { title });
  expect(thesis.status).toBe(201);
  const { contentType, body } = multipartBody({ fileName: 'memoire.pdf', content: await pdfkitPdf(3) });
  const up = await t.app.request(`/api/theses/${thesis.body.id}/versions`, { method: 'POST', headers: { origin: 'http://localhost:3000', cookie: p.cookie, 'content-type': contentType }, body, duplex: 'half' } as RequestInit, {
    incoming: { socket: { remoteAddress: '10.9.9.9' } },
  });
  expect(up.status).toBe(201);
  const version = (await up.json()) as { id: string };
  expect((await call(responsable, 'POST', `/api/theses/${thesis.body.id}/state`, { state: 'writing' })).status).toBe(200);
  const done = await call(p, 'POST', `/api/thesis-files/${version.id}/final-deposit`);
  expect(done.status, JSON.stringify(done.body)).toBe(200);
}

async function constitutedJury(responsable: TPerson, cohortId: string, label: string, seats: TPerson[], cases: TPerson[]) {
  const jury = await call(responsable, 'POST', `/api/cohorts/${cohortId}/juries`, { label, route: 'training', supervisorRule: 'may_not_sit' });
  expect(jury.status).toBe(201);
  for (const [i, p] of seats.entries()) expect((await call(responsable, 'POST', `/api/juries/${jury.body.id}/seats`, { userId: p.user.id, president: i === 0 })).status).toBe(200);
  for (const p of cases) expect((await call(responsable, 'POST', `/api/juries/${jury.body.id}/cases`, { learnerId: p.user.id })).status).toBe(200);
  const constituted = await call(responsable, 'POST', `/api/juries/${jury.body.id}/constitute`);
  expect(constituted.status, JSON.stringify(constituted.body)).toBe(200);
  return jury.body.id as string;
}

/**
 * Two juries sharing one teacher (Mme Arnaud sits on both); three learners with a final deposit, a
 * fourth without (not planned, said so). One day, three one-hour slots, two rooms.
 */
async function world() {
  t.clock.set('2027-05-03T08:00:00.000Z');
  const { centre, responsable, cohort } = await createCohortWorld(t);
  const arnaud = await member(responsable, 'cnam_teacher', centre.id, 'Arnaud');
  const berger = await member(responsable, 'cnam_teacher', centre.id, 'Berger');
  const carpentier = await member(responsable, 'cnam_teacher', centre.id, 'Carpentier');
  const [proA, proB, proC, proD] = [
    await member(responsable, 'professional', centre.id, 'Odile Delorme'),
    await member(responsable, 'professional', centre.id, 'Paul Estève'),
    await member(responsable, 'professional', centre.id, 'Rémi Faure'),
    await member(responsable, 'professional', centre.id, 'Sara Gomez'),
  ];
  const [alice, bruno, chloe, dan] = [await enrol(t, cohort.id, responsable.cookie), await enrol(t, cohort.id, responsable.cookie), await enrol(t, cohort.id, responsable.cookie), await enrol(t, cohort.id, responsable.cookie)];
  for (const [p, title] of [
    [alice, 'Gouverner une coopérative'],
    [bruno, 'Le bénévolat en tension'],
    [chloe, 'Tiers-lieux et territoire'],
  ] as const)
    await finalDeposit(p, responsable, cohort.id, title);
  const juryOne = await constitutedJury(responsable, cohort.id, 'Jury 1', [arnaud, berger, proA, proB], [alice, bruno, dan]);
  const juryTwo = await constitutedJury(responsable, cohort.id, 'Jury 2', [carpentier, arnaud, proC, proD], [chloe]);
  const settings = {
    label: 'Soutenances de juin 2027',
    place: '292 rue Saint-Martin, 75003 Paris',
    days: [{ date: '2027-06-14', slots: [{ start: '09:00', end: '10:00' }, { start: '10:00', end: '11:00' }, { start: '11:00', end: '12:00' }] }],
    rooms: [{ label: 'Salle 31.1.05' }, { label: 'Salle 31.1.06' }],
    juryIds: [juryOne, juryTwo],
  };
  return { centre, cohort, responsable, arnaud, berger, carpentier, proA, proB, proC, proD, alice, bruno, chloe, dan, juryOne, juryTwo, settings };
}
type TWorld = Awaited<ReturnType<typeof world>>;

async function planAndAccept(w: TWorld, sessionId: string) {
  const asked = await call(w.responsable, 'POST', `/api/soutenance-sessions/${sessionId}/plans`, { timeLimitSeconds: 20 });
  expect(asked.status, JSON.stringify(asked.body)).toBe(202);
  expect(asked.body.status).toBe('queued');
  await runJobs(t);
  const run = await call(w.responsable, 'GET', `/api/soutenance-plans/${asked.body.id}`);
  return run.body;
}

async function queuedMails() {
  const rows = await t.db.select().from(jobs).where(and(eq(jobs.kind, 'mail.send'), eq(jobs.status, 'pending')));
  return rows.map((r) => r.payload as { to: string; subject: string; text: string; link?: string; calendar?: { method: string; content: string } });
}
const clearMails = () => t.db.execute(sql`delete from jobs where kind = 'mail.send'`);

const pdf = async (path: string, p: TPerson) => {
  const res = await t.app.request(path, { headers: { cookie: p.cookie } });
  return { status: res.status, text: res.status === 200 ? (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, ' ') : '' };
};

describe('a session of soutenances', () => {
  it('refuses bad settings naming the field: a day twice, a slot ending before it starts, a jury of another promotion', async () => {
    const w = await world();
    const other = await createCohortWorld(t);
    const otherJury = await call(other.responsable, 'POST', `/api/cohorts/${other.cohort.id}/juries`, { label: 'Ailleurs', route: 'training' });
    const bad = await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/soutenance-sessions`, {
      ...w.settings,
      days: [w.settings.days[0], { date: '2027-06-14', slots: [{ start: '14:00', end: '13:00' }] }],
      juryIds: [w.juryOne, otherJury.body.id],
    });
    expect(bad.status).toBe(422);
    const issues = bad.body.issues.map((i: { path: string; message: string }) => `${i.path}: ${i.message}`);
    expect(issues).toContain('days.1.date: Le 2027-06-14 figure deux fois.');
    expect(issues).toContain('days.1.slots.0: Créneau 1 du 2027-06-14 : la fin précède le début.');
    expect(issues).toContain('juryIds.1: Ce jury n’appartient pas à cette promotion.');
    const noTime = await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/soutenance-sessions`, { ...w.settings, days: [{ date: '2027-06-14', slots: [{ start: '9h', end: '10:00' }] }] });
    expect(noTime.status).toBe(422);
    expect(noTime.body.issues[0].message).toMatch(/HH:MM/);
    expect((await call(w.responsable, 'GET', `/api/cohorts/${w.cohort.id}/soutenance-sessions`)).body.items).toEqual([]);
  });

  it('plans the constituted juries through the job runner: no one double-booked, the learner without a final deposit named, then accepted', async () => {
    const w = await world();
    const created = await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/soutenance-sessions`, w.settings);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const session = created.body;
    expect(session.skipped).toEqual([{ learnerId: w.dan.user.id, name: w.dan.user.name, juryLabel: 'Jury 1', reason: 'pas de dépôt final du mémoire' }]);
    expect(session.toPlan.map((p: { name: string }) => p.name).sort()).toEqual([w.alice.user.name, w.bruno.user.name, w.chloe.user.name].sort());

    const run = await planAndAccept(w, session.id);
    expect(run.status).toBe('optimal');
    expect(run.gap).toBe(0);
    expect(run.assignments).toHaveLength(3);
    // Mme Arnaud sits on the three defences: three different slots.
    expect(new Set(run.assignments.map((a: { start: string }) => a.start)).size).toBe(3);
    for (const a of run.assignments) expect(a.members).toContain(w.arnaud.user.name);

    const accepted = await call(w.responsable, 'POST', `/api/soutenance-plans/${run.id}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.soutenances).toHaveLength(3);
    expect(accepted.body.problems).toEqual([]);
    expect(accepted.body.soutenances.every((s: { convocation: string; sequence: number }) => s.convocation === 'not_sent' && s.sequence === 0)).toBe(true);
    expect((await call(w.responsable, 'POST', `/api/soutenance-plans/${run.id}/accept`)).status).toBe(409);
  });

  it('no plan when the shared teacher has fewer slots than defences: the run says so in French', async () => {
    const w = await world();
    const settings = { ...w.settings, days: [{ date: '2027-06-14', slots: [{ start: '09:00', end: '10:00' }, { start: '10:00', end: '11:00' }] }] };
    const session = (await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/soutenance-sessions`, settings)).body;
    const run = await planAndAccept(w, session.id);
    expect(run.status).toBe('infeasible');
    expect(run.diagnosis.join(' ')).toMatch(new RegExp(w.arnaud.user.name));
    expect((await call(w.responsable, 'POST', `/api/soutenance-plans/${run.id}/accept`)).status).toBe(409);
  });

  it('a jury not constituted cannot be planned (422 naming it); a change of the session outdates a computed plan', async () => {
    const w = await world();
    const session = (await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/soutenance-sessions`, w.settings)).body;
    const run = await planAndAccept(w, session.id);
    // A seat removed: the jury must be constituted again.
    expect((await call(w.responsable, 'DELETE', `/api/juries/${w.juryTwo}/seats/${w.proD.user.id}`)).status).toBe(200);
    const refused = await call(w.responsable, 'POST', `/api/soutenance-sessions/${session.id}/plans`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.issues[0].message).toBe('Le jury « Jury 2 » n’est pas constitué : constituez-le avant de planifier ses soutenances.');
    expect((await call(w.responsable, 'POST', `/api/soutenance-plans/${run.id}/accept`)).status).toBe(409);

    const changed = await call(w.responsable, 'PUT', `/api/soutenance-sessions/${session.id}`, { ...w.settings, juryIds: [w.juryOne] });
    expect(changed.status).toBe(200);
    expect(changed.body.revision).toBe(1);
    expect(changed.body.runs[0].outdated).toBe(true);
  });

  it('convocations: an e-mail with a link and an iCalendar REQUEST to each person; a hand move is checked, raises the SEQUENCE, and the update replaces the invitation', async () => {
    const w = await world();
    const session = (await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/soutenance-sessions`, w.settings)).body;
    const run = await planAndAccept(w, session.id);
    const timetable = (await call(w.responsable, 'POST', `/api/soutenance-plans/${run.id}/accept`)).body.soutenances as { id: string; learner: { id: string }; start: string; slotIndex: number; roomId: string; convocation: string }[];
    await clearMails();

    const sent = await call(w.responsable, 'POST', `/api/soutenance-sessions/${session.id}/convocations`);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toEqual({ soutenances: 3, updated: 0, messages: 15 });
    const mails = await queuedMails();
    expect(mails).toHaveLength(15);
    const aliceRow = timetable.find((s) => s.learner.id === w.alice.user.id)!;
    const toAlice = mails.find((m) => m.to === w.alice.user.email)!;
    expect(toAlice.link).toBe('/mes-soutenances');
    expect(toAlice.text).toContain('Vous êtes convoqué·e à la soutenance de votre mémoire le 14/06/2027');
    expect(toAlice.calendar?.method).toBe('REQUEST');
    const cal = new ICAL.Component(ICAL.parse(toAlice.calendar!.content));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(`soutenance-${aliceRow.id}@movsc`);
    expect(event.sequence).toBe(0);
    // 14 June 2027 is in summer time: 09:00 in Paris is 07:00 UTC.
    const startUtc = event.startDate.toJSDate().toISOString();
    expect(['2027-06-14T07:00:00.000Z', '2027-06-14T08:00:00.000Z', '2027-06-14T09:00:00.000Z']).toContain(startUtc);
    expect(startUtc).toBe(new Date(`2027-06-14T${aliceRow.start}:00+02:00`).toISOString());
    expect(event.location).toMatch(/^Salle 31\.1\.0[56], 292 rue Saint-Martin/);
    expect(cal.getFirstSubcomponent('vevent')!.getAllProperties('attendee').map((a) => String(a.getFirstValue()).toLowerCase())).toContain(`mailto:${w.arnaud.user.email.toLowerCase()}`);
    expect(mails.filter((m) => m.to === w.arnaud.user.email)).toHaveLength(3);
    // Sent again with nothing changed: nothing goes.
    expect((await call(w.responsable, 'POST', `/api/soutenance-sessions/${session.id}/convocations`)).body).toEqual({ soutenances: 0, updated: 0, messages: 0 });

    // Moving Bruno to Chloé's slot would seat Mme Arnaud twice at once: refused by the checker.
    const bruno = timetable.find((s) => s.learner.id === w.bruno.user.id)!;
    const chloe = timetable.find((s) => s.learner.id === w.chloe.user.id)!;
    const otherRoom = w.settings.rooms.map((_, i) => (i === 0 ? 'salle-31-1-05' : 'salle-31-1-06')).find((r) => r !== chloe.roomId)!;
    const clash = await call(w.responsable, 'PATCH', `/api/soutenances/${bruno.id}`, { date: '2027-06-14', slotIndex: chloe.slotIndex, roomId: otherRoom });
    expect(clash.status).toBe(422);
    expect(clash.body.message).toMatch(new RegExp(`${w.arnaud.user.name} siège deux fois au même créneau`));
    // Same slot, other room: allowed, SEQUENCE 1, the convocation is now outdated.
    const bRoom = bruno.roomId === 'salle-31-1-05' ? 'salle-31-1-06' : 'salle-31-1-05';
    const moved = await call(w.responsable, 'PATCH', `/api/soutenances/${bruno.id}`, { date: '2027-06-14', slotIndex: bruno.slotIndex, roomId: bRoom });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const after = moved.body.soutenances.find((s: { id: string }) => s.id === bruno.id);
    expect(after).toMatchObject({ roomId: bRoom, sequence: 1, convocation: 'outdated' });
    expect(moved.body.problems).toEqual([]);

    await clearMails();
    expect((await call(w.responsable, 'POST', `/api/soutenance-sessions/${session.id}/convocations`)).body).toEqual({ soutenances: 1, updated: 1, messages: 5 });
    const update = (await queuedMails()).find((m) => m.to === w.bruno.user.email)!;
    expect(update.subject).toMatch(/^Mise à jour — Convocation : soutenance de /);
    const updated = new ICAL.Event(new ICAL.Component(ICAL.parse(update.calendar!.content)).getFirstSubcomponent('vevent')!);
    expect(updated.uid).toBe(`soutenance-${bruno.id}@movsc`);
    expect(updated.sequence).toBe(1);
  });

  it('the convocation PDF names the learner, the date, the time and the room; only the people convened and the managers read it', async () => {
    const w = await world();
    const session = (await call(w.responsable, 'POST', `/api/cohorts/${w.cohort.id}/soutenance-sessions`, w.settings)).body;
    const run = await planAndAccept(w, session.id);
    const timetable = (await call(w.responsable, 'POST', `/api/soutenance-plans/${run.id}/accept`)).body.soutenances as { id: string; learner: { id: string }; start: string; end: string; roomLabel: string }[];
    const aliceRow = timetable.find((s) => s.learner.id === w.alice.user.id)!;
    const path = `/api/soutenances/${aliceRow.id}/convocation.pdf`;
    // Before the convocations go, the learner has nothing to read.
    expect((await pdf(path, w.alice)).status).toBe(403);
    expect((await call(w.alice, 'GET', '/api/me/soutenances')).body.items).toEqual([]);
    await call(w.responsable, 'POST', `/api/soutenance-sessions/${session.id}/convocations`);

    const doc = await pdf(path, w.alice);
    expect(doc.status).toBe(200);
    expect(doc.text).toContain('Convocation à la soutenance');
    expect(doc.text).toContain(w.alice.user.name);
    expect(doc.text).toContain('lundi 14 juin 2027');
    expect(doc.text).toContain(`de ${aliceRow.start.replace(':', ' h ')} à ${aliceRow.end.replace(':', ' h ')}`);
    expect(doc.text).toContain(aliceRow.roomLabel);
    expect(doc.text).toContain('292 rue Saint-Martin');
    expect(doc.text).toContain('Gouverner une coopérative');
    for (const p of [w.arnaud, w.berger, w.proA, w.proB]) expect(doc.text).toContain(p.user.name);
    expect(doc.text).toContain(`${w.arnaud.user.name} (présidence)`);

    expect((await pdf(path, w.proA)).status).toBe(200);
    expect((await pdf(path, w.proC)).status).toBe(403);
    expect((await pdf(path, w.bruno)).status).toBe(403);
    const ics = await t.app.request(`/api/soutenances/${aliceRow.id}/invitation.ics`, { headers: { cookie: w.alice.cookie } });
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);

    const mine = (await call(w.alice, 'GET', '/api/me/soutenances')).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ role: 'learner', date: '2027-06-14', start: aliceRow.start, room: { label: aliceRow.roomLabel } });
    const arnaud = (await call(w.arnaud, 'GET', '/api/me/soutenances')).body.items;
    expect(arnaud.map((s: { role: string }) => s.role)).toEqual(['member', 'member', 'member']);
  });
});
