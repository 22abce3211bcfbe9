import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceRecords } from '../../src/features/attendance/attendance.tables.js';
import { pdfText } from '../helpers/pdf.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, sessionAround, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const minutes = (n: number) => new Date(t.clock.now().getTime() + n * 60_000);
const recordsFor = (sessionId: string) => t.db.select().from(attendanceRecords).where(eq(attendanceRecords.sessionId, sessionId));

describe('attendance', () => {
  it('a learner signs once during the window; outside it, for someone else, or twice → refused, nothing written', async () => {
    const { cohort, responsable } = await createCohortWorld(t);
    const alice = await enrol(t, cohort.id, responsable.cookie);
    const bob = await enrol(t, cohort.id, responsable.cookie);
    const now = await sessionAround(t, cohort.id, { startsAt: minutes(-5), endsAt: minutes(120) });
    const past = await sessionAround(t, cohort.id, { startsAt: minutes(-600), endsAt: minutes(-400), title: 'Passée' });
    const future = await sessionAround(t, cohort.id, { startsAt: minutes(600), endsAt: minutes(700), title: 'À venir' });

    const signed = await t.call('POST', `/api/sessions/${now.id}/attendance/sign`, { cookie: alice.cookie, body: {} });
    expect(signed.status).toBe(201);
    expect(signed.body.status).toBe('present');
    const twice = await t.call('POST', `/api/sessions/${now.id}/attendance/sign`, { cookie: alice.cookie, body: {} });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe('Votre présence à cette séance est déjà enregistrée.');
    const forBob = await t.call('POST', `/api/sessions/${now.id}/attendance/sign`, { cookie: alice.cookie, body: { learnerId: bob.user.id } });
    expect(forBob.status).toBe(403);
    expect(forBob.body.message).toBe('Vous ne pouvez émarger que pour vous-même.');
    const late = await t.call('POST', `/api/sessions/${past.id}/attendance/sign`, { cookie: bob.cookie, body: {} });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/^L’émargement de cette séance est clos depuis le/);
    const early = await t.call('POST', `/api/sessions/${future.id}/attendance/sign`, { cookie: bob.cookie, body: {} });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/^L’émargement de cette séance ouvre le/);
    const outsider = await t.as('auditeur');
    expect((await t.call('POST', `/api/sessions/${now.id}/attendance/sign`, { cookie: outsider.cookie, body: {} })).status).toBe(403);
    expect((await recordsFor(now.id)).map((r) => r.learnerId)).toEqual([alice.user.id]);
    expect(await recordsFor(past.id)).toEqual([]);
    expect(await recordsFor(future.id)).toEqual([]);
  });

  it('the teacher marks the others; a signed record is never edited: marking again is refused, a correction is a new dated record with author and reason', async () => {
    const { cohort, responsable, centre } = await createCohortWorld(t);
    const teacher = await staffOf(t, centre.id, 'enseignant');
    const gestion = await staffOf(t, centre.id, 'gestionnaire');
    const alice = await enrol(t, cohort.id, responsable.cookie);
    const bob = await enrol(t, cohort.id, responsable.cookie);
    const s = await sessionAround(t, cohort.id, { startsAt: minutes(-30), endsAt: minutes(60), teacherIds: [teacher.user.id] });
    expect((await t.call('POST', `/api/sessions/${s.id}/attendance/sign`, { cookie: alice.cookie, body: {} })).body.status).toBe('late');

    const marked = await t.call('POST', `/api/sessions/${s.id}/attendance/marks`, { cookie: teacher.cookie, body: { entries: [{ learnerId: bob.user.id, status: 'absent' }] } });
    expect(marked.status).toBe(200);
    const overwrite = await t.call('POST', `/api/sessions/${s.id}/attendance/marks`, { cookie: teacher.cookie, body: { entries: [{ learnerId: alice.user.id, status: 'absent' }] } });
    expect(overwrite.status).toBe(409);
    expect(overwrite.body.issues).toEqual([{ path: 'entries[0].learnerId', message: 'Déjà enregistré : faites une correction motivée.' }]);
    expect(await recordsFor(s.id)).toHaveLength(2);

    // A teacher may not correct; the gestionnaire may, with a reason.
    const aliceRecord = (await recordsFor(s.id)).find((r) => r.learnerId === alice.user.id)!;
    expect((await t.call('POST', `/api/attendance/${aliceRecord.id}/corrections`, { cookie: teacher.cookie, body: { status: 'present', reason: 'Train en retard, arrivée signalée' } })).status).toBe(403);
    const noReason = await t.call('POST', `/api/attendance/${aliceRecord.id}/corrections`, { cookie: gestion.cookie, body: { status: 'present', reason: '' } });
    expect(noReason.status).toBe(422);
    expect(noReason.body.issues[0]).toEqual({ path: 'reason', message: 'Indiquez le motif de la correction (3 caractères au moins).' });
    const corrected = await t.call('POST', `/api/attendance/${aliceRecord.id}/corrections`, { cookie: gestion.cookie, body: { status: 'present', reason: 'Train en retard, arrivée signalée' } });
    expect(corrected.status).toBe(200);
    const aliceRow = corrected.body.learners.find((l: { userId: string }) => l.userId === alice.user.id);
    expect(aliceRow.current).toMatchObject({ status: 'present', method: 'correction', reason: 'Train en retard, arrivée signalée', supersedesId: aliceRecord.id });
    expect(aliceRow.history.map((h: { status: string }) => h.status)).toEqual(['late', 'present']);
    // The original is untouched.
    const [original] = await t.db.select().from(attendanceRecords).where(eq(attendanceRecords.id, aliceRecord.id));
    expect(original!.status).toBe('late');
    const again = await t.call('POST', `/api/attendance/${aliceRecord.id}/corrections`, { cookie: gestion.cookie, body: { status: 'absent', reason: 'Erreur de saisie' } });
    expect(again.status).toBe(409);
    // There is no way to edit a record in place.
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      expect((await t.call(method, `/api/attendance/${aliceRecord.id}`, { cookie: gestion.cookie, body: { status: 'absent' } })).status).toBe(404);
    }
    expect((await recordsFor(s.id)).map((r) => r.status).sort()).toEqual(['absent', 'late', 'present']);

    const sign = await t.call('POST', `/api/sessions/${s.id}/attendance/teacher-signature`, { cookie: teacher.cookie });
    expect(sign.status).toBe(200);
    expect(sign.body.teacherSignatures[0].name).toBe(teacher.user.name);
  });

  it('justification accepted turns absences into "excusé"; rates, alerts, hours per funder, exports and the day PDF', async () => {
    const { cohort, responsable, centre } = await createCohortWorld(t);
    const gestion = await staffOf(t, centre.id, 'gestionnaire');
    const alice = await enrol(t, cohort.id, responsable.cookie, 'OPCO Uniformation');
    const bob = await enrol(t, cohort.id, responsable.cookie, 'CPF');
    const s1 = await sessionAround(t, cohort.id, { startsAt: minutes(-300), endsAt: minutes(-90) });
    const s2 = await sessionAround(t, cohort.id, { startsAt: minutes(-60), endsAt: minutes(-1) });
    await t.call('POST', `/api/sessions/${s1.id}/attendance/marks`, { cookie: gestion.cookie, body: { entries: [{ learnerId: alice.user.id, status: 'present' }, { learnerId: bob.user.id, status: 'absent' }] } });
    await t.call('POST', `/api/sessions/${s2.id}/attendance/marks`, { cookie: gestion.cookie, body: { entries: [{ learnerId: alice.user.id, status: 'present' }] } });

    const report = await t.call('GET', `/api/cohorts/${cohort.id}/attendance`, { cookie: gestion.cookie });
    expect(report.status).toBe(200);
    const bobRow = report.body.learners.find((l: { userId: string }) => l.userId === bob.user.id);
    expect(bobRow).toMatchObject({ attendedHours: 0, rate: 0, alert: true });
    expect(report.body.learners.find((l: { userId: string }) => l.userId === alice.user.id)).toMatchObject({ rate: 100, alert: false });
    expect(report.body.byFunder.map((f: { funder: string }) => f.funder)).toEqual(['CPF', 'OPCO Uniformation']);

    const pdf = Buffer.from('%PDF-1.4\n% justificatif\n');
    const day = new Date(s1.startsAt).toISOString().slice(0, 10);
    const just = await t.call('POST', `/api/cohorts/${cohort.id}/justifications`, {
      cookie: bob.cookie,
      body: { fromDate: '2000-01-01', toDate: '2100-01-01', note: 'Arrêt maladie', fileName: 'arret.pdf', contentBase64: pdf.toString('base64') },
    });
    expect(just.status).toBe(201);
    const notPdf = await t.call('POST', `/api/cohorts/${cohort.id}/justifications`, { cookie: bob.cookie, body: { fromDate: day, toDate: day, fileName: 'x.txt', contentBase64: Buffer.from('bonjour').toString('base64') } });
    expect(notPdf.status).toBe(422);
    expect(notPdf.body.issues[0].path).toBe('contentBase64');
    expect((await t.call('POST', `/api/justifications/${just.body.id}/decision`, { cookie: responsable.cookie, body: { decision: 'accepted' } })).status).toBe(403);
    const decided = await t.call('POST', `/api/justifications/${just.body.id}/decision`, { cookie: gestion.cookie, body: { decision: 'accepted' } });
    expect(decided.status).toBe(200);
    expect(decided.body.excusedSessions).toBe(2);
    const after = await t.call('GET', `/api/cohorts/${cohort.id}/attendance`, { cookie: gestion.cookie });
    expect(after.body.learners.find((l: { userId: string }) => l.userId === bob.user.id)).toMatchObject({ excusedHours: bobRow.plannedHours, rate: null, alert: false });
    const bobRecords = await t.db.select().from(attendanceRecords).where(and(eq(attendanceRecords.learnerId, bob.user.id), eq(attendanceRecords.sessionId, s1.id)));
    expect(bobRecords.map((r) => r.status)).toEqual(['absent', 'excused']);

    const csv = await t.call('GET', `/api/cohorts/${cohort.id}/attendance/export?format=csv`, { cookie: gestion.cookie });
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('Taux d’assiduité');
    const byFunder = await t.call('GET', `/api/cohorts/${cohort.id}/attendance/export?format=csv&view=funders`, { cookie: gestion.cookie });
    expect(byFunder.status).toBe(200);
    const funderLines = String(byFunder.body).replace('\uFEFF', '').trim().split('\r\n');
    expect(funderLines[0]).toBe('Financeur;Auditeur·rices;Heures suivies;Heures dues');
    expect(funderLines.slice(1).map((l) => l.split(';')[0])).toEqual(report.body.byFunder.map((f: { funder: string }) => f.funder));
    const xlsx = await t.app.request(`/api/cohorts/${cohort.id}/attendance/export?format=xlsx`, { headers: { cookie: gestion.cookie } });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');

    const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(s2.startsAt));
    const sheet = await t.app.request(`/api/cohorts/${cohort.id}/attendance/sheet?date=${parisDay}`, { headers: { cookie: gestion.cookie } });
    expect(sheet.status).toBe(200);
    const text = await pdfText(Buffer.from(await sheet.arrayBuffer()));
    expect(text).toContain('Feuille d’émargement');
    expect(text).toContain(alice.user.name);
    expect(text).toContain('Présent·e');
    const learnerSheet = await t.call('GET', `/api/cohorts/${cohort.id}/attendance/sheet?date=${parisDay}`, { cookie: alice.cookie });
    expect(learnerSheet.status).toBe(403);

    const mine = await t.call('GET', `/api/cohorts/${cohort.id}/attendance/me`, { cookie: alice.cookie });
    expect(mine.status).toBe(200);
    expect(mine.body.summary.rate).toBe(100);
  });
});
