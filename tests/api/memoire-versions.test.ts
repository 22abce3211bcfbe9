/**
 * Versions of a mémoire (issue 10, item 3; decision 021): streamed multipart uploads stored in
 * chunks, types read from the content (a renamed program or an archive of something else is refused
 * and leaves no row), the 50 MB limit counted while streaming (413, nothing stored), the fingerprint
 * and the page count; the supervisor's feedback and the learner's marks; the final deposit that
 * freezes the work and moves the record to « déposé »; who reads what.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cohortStaff } from '../../src/features/cohorts/cohorts.tables.js';
import { atelierGroups, atelierMembers } from '../../src/features/memoire/ateliers/ateliers.tables.js';
import { finalDepositOf } from '../../src/features/memoire/versions/versions.service.js';
import { bodyLimitOf, DEFAULT_BODY_LIMIT } from '../../src/http/body-guard.js';
import { THESIS_FILE_MAX_BYTES } from '../../src/shared/vocabulary/memoire-versions.js';
import { createTestContext, type TTestContext } from '../helpers/context.js';
import { docx, largePdf, linuxElf, multipartBody, odf, pdfkitPdf, pdfLibPdf, windowsExe, xlsx, zipOfOther } from '../helpers/memoire-files.js';
import { createCohortWorld, enrol, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

type TPerson = { user: { id: string; name: string; email: string }; cookie: string };

async function world() {
  const { centre, responsable, cohort } = await createCohortWorld(t);
  const supervisor = await staffOf(t, centre.id, 'enseignant');
  const otherTeacher = await staffOf(t, centre.id, 'enseignant');
  await t.db.insert(cohortStaff).values([
    { cohortId: cohort.id, userId: supervisor.user.id, role: 'enseignant' },
    { cohortId: cohort.id, userId: otherTeacher.user.id, role: 'enseignant' },
  ]);
  const alice = await enrol(t, cohort.id, responsable.cookie);
  const bruno = await enrol(t, cohort.id, responsable.cookie);
  const thesis = await t.call('POST', `/api/cohorts/${cohort.id}/theses`, { cookie: alice.cookie, body: { title: 'Une coopérative en transition' } });
  expect(thesis.status).toBe(201);
  const named = await t.call('PATCH', `/api/theses/${thesis.body.id}`, { cookie: responsable.cookie, body: { supervisorId: supervisor.user.id } });
  expect(named.status).toBe(200);
  return { centre, cohort, responsable, supervisor, otherTeacher, alice, bruno, thesisId: thesis.body.id as string };
}

/** Sends one file as multipart/form-data, streamed, in-process. */
async function upload(p: TPerson | undefined, path: string, fileName: string, content: Buffer | (() => AsyncIterable<Buffer>), field?: string) {
  const { contentType, body } = multipartBody({ fileName, content, field });
  const headers: Record<string, string> = { origin: 'http://localhost:3000', 'content-type': contentType };
  if (p) headers.cookie = p.cookie;
  const res = await t.app.request(path, { method: 'POST', headers, body, duplex: 'half' } as RequestInit, { incoming: { socket: { remoteAddress: '10.9.9.9' } } });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

const call = (p: TPerson | undefined, method: string, path: string, body?: unknown) => t.call(method, path, { cookie: p?.cookie, body });

async function counts() {
  const res = (await t.db.execute(
    sql`select (select count(*)::int from file_blobs) as blobs, (select count(*)::int from file_chunks) as chunks, (select count(*)::int from thesis_files) as files`,
  )) as unknown as { rows: { blobs: number; chunks: number; files: number }[] };
  return res.rows[0]!;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('depositing versions and annexes', () => {
  it('a PDF, a DOCX and an ODT become versions 1, 2, 3 with date, size, SHA-256 (as node:crypto computes it), type and pages; each downloads as it came', async () => {
    const w = await world();
    const pdf = await pdfkitPdf(7);
    const files = [
      { name: 'mémoire v1.pdf', bytes: pdf, format: 'pdf', type: 'application/pdf', pages: 7 },
      { name: 'memoire-v2.docx', bytes: docx(), format: 'docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pages: null },
      { name: 'memoire-v3.odt', bytes: odf('text'), format: 'odt', type: 'application/vnd.oasis.opendocument.text', pages: null },
    ];
    for (const [i, f] of files.entries()) {
      t.clock.set(`2026-03-1${i}T09:00:00.000Z`);
      const res = await upload(w.alice, `/api/theses/${w.thesisId}/versions`, f.name, f.bytes);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ kind: 'version', number: i + 1, fileName: f.name, format: f.format, contentType: f.type, sizeBytes: f.bytes.length, sha256: sha(f.bytes), pageCount: f.pages, createdAt: `2026-03-1${i}T09:00:00.000Z` });
      const down = await t.app.request(`/api/thesis-files/${res.body.id}/content`, { headers: { cookie: w.supervisor.cookie } });
      expect(down.status).toBe(200);
      expect(down.headers.get('content-type')).toBe(f.type);
      expect(down.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(f.name)}`);
      expect(Buffer.from(await down.arrayBuffer()).equals(f.bytes)).toBe(true);
    }
    const panel = await call(w.alice, 'GET', `/api/theses/${w.thesisId}/versions`);
    expect(panel.status).toBe(200);
    expect(panel.body.versions.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
    expect(panel.body.permissions).toEqual({ deposit: true, feedback: false, markChanges: true, finalDeposit: false });
  });

  it('annexes take any office format (an XLSX written by exceljs, an ODS) on the record or on a version; a version refuses an XLSX', async () => {
    const w = await world();
    const v1 = await upload(w.alice, `/api/theses/${w.thesisId}/versions`, 'v1.pdf', await pdfkitPdf(2));
    const budget = await xlsx();
    const onRecord = await upload(w.alice, `/api/theses/${w.thesisId}/annexes`, 'budget.xlsx', budget);
    expect(onRecord.status, JSON.stringify(onRecord.body)).toBe(201);
    expect(onRecord.body).toMatchObject({ kind: 'annex', number: null, versionId: null, format: 'xlsx' });
    const onVersion = await upload(w.alice, `/api/thesis-files/${v1.body.id}/annexes`, 'statuts.ods', odf('spreadsheet'));
    expect(onVersion.status).toBe(201);
    expect(onVersion.body).toMatchObject({ kind: 'annex', versionId: v1.body.id, format: 'ods' });
    const before = await counts();
    const refused = await upload(w.alice, `/api/theses/${w.thesisId}/versions`, 'budget.xlsx', budget);
    expect(refused.status).toBe(422);
    expect(refused.body.issues).toEqual([{ path: 'file', message: expect.stringMatching(/^Fichier « budget\.xlsx » refusé : c’est un fichier Excel \(XLSX\) ; une version doit être un PDF, Word \(DOCX\) ou Texte OpenDocument \(ODT\)/) }]);
    expect(await counts()).toEqual(before);
    const panel = await call(w.supervisor, 'GET', `/api/theses/${w.thesisId}/versions`);
    expect(panel.body.annexes.map((a: { fileName: string }) => a.fileName)).toEqual(['budget.xlsx']);
    expect(panel.body.versions[0].annexes.map((a: { fileName: string }) => a.fileName)).toEqual(['statuts.ods']);
  });

  it('a renamed program, an archive of something else, an empty file are refused with the reason, and nothing is stored', async () => {
    const w = await world();
    const before = await counts();
    const cases = [
      { name: 'memoire.pdf', bytes: windowsExe, reason: /c’est un programme Windows \(exécutable\), pas un document/ },
      { name: 'memoire.docx', bytes: linuxElf, reason: /programme Linux/ },
      { name: 'memoire.odt', bytes: zipOfOther, reason: /archive ZIP qui n’est pas un document bureautique/ },
      { name: 'memoire.docx', bytes: zipOfOther.subarray(0, 60), reason: /archive ZIP illisible ou incomplète/ },
      { name: 'vide.pdf', bytes: Buffer.alloc(0), reason: /le fichier est vide/ },
      { name: 'texte.pdf', bytes: Buffer.from('Bonjour, ceci est du texte.'), reason: /ni un PDF, ni un document Word/ },
    ];
    for (const c of cases) {
      for (const path of [`/api/theses/${w.thesisId}/versions`, `/api/theses/${w.thesisId}/annexes`]) {
        const res = await upload(w.alice, path, c.name, c.bytes);
        expect(res.status, `${c.name} ${JSON.stringify(res.body)}`).toBe(422);
        expect(res.body.issues[0].path).toBe('file');
        expect(res.body.issues[0].message).toContain(`« ${c.name} » refusé`);
        expect(res.body.issues[0].message).toMatch(c.reason);
        expect(res.body.issues[0].message).toContain('Rien n’a été enregistré');
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('a file over 50 MB is refused 413 in French while it streams (no Content-Length to trust), and nothing is stored', async () => {
    const w = await world();
    const before = await counts();
    const res = await upload(w.alice, `/api/theses/${w.thesisId}/versions`, 'gros.pdf', largePdf(THESIS_FILE_MAX_BYTES + 1));
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/^Fichier trop volumineux : 50 Mo au plus\. Rien n’a été enregistré/);
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('what is not a multipart form is 415; a form without the file field is 422; a foreign page’s upload is 403 before its body is read', async () => {
    const w = await world();
    const before = await counts();
    const json = await call(w.alice, 'POST', `/api/theses/${w.thesisId}/versions`, { file: 'x' });
    expect(json.status).toBe(415);
    expect(json.body.message).toMatch(/multipart\/form-data/);
    const noFile = await upload(w.alice, `/api/theses/${w.thesisId}/versions`, 'a.pdf', await pdfkitPdf(1), 'document');
    expect(noFile.status).toBe(422);
    expect(noFile.body.issues).toEqual([{ path: 'file', message: expect.stringMatching(/Aucun fichier reçu/) }]);
    const { contentType, body } = multipartBody({ fileName: 'a.pdf', content: await pdfkitPdf(1) });
    const foreign = await t.app.request(`/api/theses/${w.thesisId}/versions`, { method: 'POST', headers: { origin: 'https://evil.example', cookie: w.alice.cookie, 'content-type': contentType }, body, duplex: 'half' } as RequestInit);
    expect(foreign.status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe('the body guards', () => {
  it('let the upload routes stream their own body, and only them: a multipart body to a JSON route is still a 415, a large JSON one a 413', async () => {
    const w = await world();
    expect(bodyLimitOf(`/api/theses/${w.thesisId}/versions`)).toBe(THESIS_FILE_MAX_BYTES);
    expect(bodyLimitOf(`/api/theses/${w.thesisId}/state`)).toBe(DEFAULT_BODY_LIMIT);
    const form = await upload(w.responsable, `/api/theses/${w.thesisId}/state`, 'a.pdf', await pdfkitPdf(1));
    expect(form.status).toBe(415);
    expect(form.body.message).toMatch(/envoyez du JSON/);
    const big = await t.call('POST', `/api/thesis-files/${w.thesisId}/feedback`, { cookie: w.supervisor.cookie, rawBody: JSON.stringify({ comment: 'x'.repeat(DEFAULT_BODY_LIMIT + 10) }) });
    expect(big.status).toBe(413);
  });

  it('an upload cut in the middle leaves nothing stored', async () => {
    const w = await world();
    const before = await counts();
    async function* cut() {
      yield Buffer.from('%PDF-1.4\n');
      yield Buffer.alloc(3 * 1024 * 1024, 0x20);
      throw new Error('connexion coupée');
    }
    const res = await upload(w.alice, `/api/theses/${w.thesisId}/versions`, 'coupe.pdf', cut);
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([{ path: 'file', message: 'L’envoi a été interrompu avant la fin du fichier. Rien n’a été enregistré.' }]);
    expect(await counts()).toEqual(before);
  });

  it('two final deposits at once: one is made, the other finds the record frozen (409)', async () => {
    const w = await world();
    const a = await upload(w.alice, `/api/theses/${w.thesisId}/versions`, 'a.pdf', await pdfkitPdf(2));
    const b = await upload(w.alice, `/api/theses/${w.thesisId}/versions`, 'b.pdf', await pdfkitPdf(3));
    await call(w.responsable, 'POST', `/api/theses/${w.thesisId}/state`, { state: 'writing' });
    const answers = await Promise.all([a, b].map((v) => call(w.alice, 'POST', `/api/thesis-files/${v.body.id}/final-deposit`)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows = (await t.db.execute(sql`select count(*)::int as n from thesis_final_deposits where thesis_id = ${w.thesisId}`)) as unknown as { rows: { n: number }[] };
    expect(rows.rows[0]!.n).toBe(1);
    const events = (await t.db.execute(sql`select count(*)::int as n from thesis_events where thesis_id = ${w.thesisId} and to_state = 'deposited'`)) as unknown as { rows: { n: number }[] };
    expect(events.rows[0]!.n).toBe(1);
  });
});

describe('through the Node server: the raw request stream, 50 MB in bounded memory', () => {
  // PostgreSQL only: on PGlite the same refusal is the in-process test above (50 MB into PGlite takes half a minute).
  it.runIf(Boolean(inject('databaseUrl')))('a body three times the limit through the server: the browser gets the French 413, nothing is stored', async () => {
    const w = await world();
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      const before = await counts();
      const { contentType, body } = multipartBody({ fileName: 'gros.pdf', content: largePdf(THESIS_FILE_MAX_BYTES * 3) });
      const res = await fetch(`http://127.0.0.1:${port}/api/theses/${w.thesisId}/versions`, { method: 'POST', headers: { origin: 'http://localhost:3000', cookie: w.alice.cookie, 'content-type': contentType }, body, duplex: 'half' } as RequestInit);
      expect(res.status).toBe(413);
      expect(((await res.json()) as { message: string }).message).toMatch(/^Fichier trop volumineux : 50 Mo au plus/);
      expect(await counts()).toEqual(before);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 120_000);

  it('a 50 MB version streams from c.env.incoming into chunks; memory grows well under the file size; the fingerprint matches', async () => {
    const w = await world();
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      const size = THESIS_FILE_MAX_BYTES;
      const expected = createHash('sha256');
      for await (const c of largePdf(size)()) expected.update(c);
      const { contentType, body } = multipartBody({ fileName: 'complet.pdf', content: largePdf(size) });
      // Memory held, not garbage waiting for a collection: the sampler collects before it reads.
      v8.setFlagsFromString('--expose-gc');
      const gc = vm.runInNewContext('gc') as () => void;
      gc();
      const before = process.memoryUsage();
      let peakRss = before.rss;
      let peakBuffers = before.arrayBuffers;
      const sampler = setInterval(() => {
        gc();
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
      }, 200);
      const res = await fetch(`http://127.0.0.1:${port}/api/theses/${w.thesisId}/versions`, {
        method: 'POST',
        headers: { origin: 'http://localhost:3000', cookie: w.alice.cookie, 'content-type': contentType },
        body,
        duplex: 'half',
      } as RequestInit);
      const answer = await res.json();
      clearInterval(sampler);
      expect(res.status, JSON.stringify(answer)).toBe(201);
      expect(answer).toMatchObject({ sizeBytes: size, sha256: expected.digest('hex'), format: 'pdf' });
      const rssGrowth = peakRss - before.rss;
      const buffersGrowth = peakBuffers - before.arrayBuffers;
      const engine = inject('databaseUrl') ? 'PostgreSQL' : 'PGlite (in this process)';
      console.info(`50 MB upload on ${engine}: peak RSS +${(rssGrowth / 1024 / 1024).toFixed(1)} MB, peak live arrayBuffers +${(buffersGrowth / 1024 / 1024).toFixed(1)} MB`);
      // The buffers held are a few chunks of 1 MB, not the file (PGlite, in this process, adds its own).
      expect(buffersGrowth).toBeLessThan(size / 2);
      // With the database in another process, the whole process stays well under the file's size. On PGlite
      // the engine runs in this process and its WebAssembly heap grows with the 50 MB it writes (it was
      // +118 MB once under the full suite's load): RSS there measures the database, not this code, and
      // only the live buffers above say whether the file was held.
      if (inject('databaseUrl')) expect(rssGrowth).toBeLessThan(size / 2);
      const rows = (await t.db.execute(sql`select count(*)::int as n, max(length(data))::int as biggest from file_chunks where blob_id = (select blob_id from thesis_files where id = ${answer.id})`)) as unknown as { rows: { n: number; biggest: number }[] };
      expect(rows.rows[0]!.n).toBe(50);
      expect(rows.rows[0]!.biggest).toBeLessThan(1.1 * 1024 * 1024);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 180_000);
});

describe('feedback', () => {
  it('the supervisor comments and asks for changes; the learner sees the thread in order and marks a change done, then undoes it', async () => {
    const w = await world();
    const v1 = await upload(w.alice, `/api/theses/${w.thesisId}/versions`, 'v1.docx', docx());
    t.clock.set('2026-04-01T08:00:00.000Z');
    const fb = await call(w.supervisor, 'POST', `/api/thesis-files/${v1.body.id}/feedback`, { comment: 'Bon début.', changes: ['Reprendre l’introduction', '  Citer vos sources  '] });
    expect(fb.status, JSON.stringify(fb.body)).toBe(201);
    t.clock.set('2026-04-02T08:00:00.000Z');
    await call(w.supervisor, 'POST', `/api/thesis-files/${v1.body.id}/feedback`, { comment: 'Et la conclusion ?' });
    const panel = await call(w.alice, 'GET', `/api/theses/${w.thesisId}/versions`);
    const thread = panel.body.versions[0].feedback;
    expect(thread.map((f: { comment: string; at: string }) => [f.comment, f.at])).toEqual([
      ['Bon début.', '2026-04-01T08:00:00.000Z'],
      ['Et la conclusion ?', '2026-04-02T08:00:00.000Z'],
    ]);
    expect(thread[0].author).toEqual({ id: w.supervisor.user.id, name: w.supervisor.user.name });
    expect(thread[0].changes.map((c: { text: string; done: boolean }) => [c.text, c.done])).toEqual([
      ['Reprendre l’introduction', false],
      ['Citer vos sources', false],
    ]);
    const changeId = thread[0].changes[0].id;
    t.clock.set('2026-04-03T08:00:00.000Z');
    const done = await call(w.alice, 'POST', `/api/thesis-changes/${changeId}/mark`, { done: true });
    expect(done.status).toBe(200);
    expect(done.body.versions[0].feedback[0].changes[0]).toMatchObject({ done: true, doneAt: '2026-04-03T08:00:00.000Z', doneBy: { id: w.alice.user.id } });
    const seen = await call(w.supervisor, 'GET', `/api/theses/${w.thesisId}/versions`);
    expect(seen.body.versions[0].feedback[0].changes[0].done).toBe(true);
    const undone = await call(w.alice, 'POST', `/api/thesis-changes/${changeId}/mark`, { done: false });
    expect(undone.body.versions[0].feedback[0].changes[0]).toMatchObject({ done: false, doneAt: null, doneBy: null });

    // Only the learner marks; only the supervisor answers; an empty answer says what is missing.
    expect((await call(w.supervisor, 'POST', `/api/thesis-changes/${changeId}/mark`, { done: true })).status).toBe(403);
    const self = await call(w.alice, 'POST', `/api/thesis-files/${v1.body.id}/feedback`, { comment: 'Moi-même' });
    expect(self.status).toBe(403);
    expect(self.body.message).toMatch(/on ne commente pas son propre mémoire/);
    expect((await call(w.otherTeacher, 'POST', `/api/thesis-files/${v1.body.id}/feedback`, { comment: 'Intrus' })).status).toBe(403);
    expect((await call(w.responsable, 'POST', `/api/thesis-files/${v1.body.id}/feedback`, { comment: 'Équipe' })).status).toBe(403);
    const empty = await call(w.supervisor, 'POST', `/api/thesis-files/${v1.body.id}/feedback`, { comment: '   ', changes: [] });
    expect(empty.status).toBe(422);
    expect(empty.body.issues).toEqual([{ path: 'comment', message: 'Écrivez un commentaire ou au moins une modification demandée.' }]);
  });
});

describe('privacy', () => {
  it('another learner and a teacher who neither supervises nor leads read nothing; the promotion’s staff read; the supervisor reads', async () => {
    const w = await world();
    const v1 = await upload(w.alice, `/api/theses/${w.thesisId}/versions`, 'v1.pdf', await pdfkitPdf(1));
    await call(w.supervisor, 'POST', `/api/thesis-files/${v1.body.id}/feedback`, { comment: 'Privé' });
    for (const p of [w.bruno, w.otherTeacher]) {
      expect((await call(p, 'GET', `/api/theses/${w.thesisId}/versions`)).status).toBe(403);
      expect((await t.app.request(`/api/thesis-files/${v1.body.id}/content`, { headers: { cookie: p.cookie } })).status).toBe(403);
      expect((await upload(p, `/api/theses/${w.thesisId}/versions`, 'x.pdf', await pdfkitPdf(1))).status).toBe(403);
    }
    expect((await call(undefined, 'GET', `/api/theses/${w.thesisId}/versions`)).status).toBe(401);
    const staff = await call(w.responsable, 'GET', `/api/theses/${w.thesisId}/versions`);
    expect(staff.status).toBe(200);
    expect(staff.body.permissions).toEqual({ deposit: false, feedback: false, markChanges: false, finalDeposit: false });
    expect((await call(w.supervisor, 'GET', `/api/theses/${w.thesisId}/versions`)).body.permissions.feedback).toBe(true);
    // Staff read but do not deposit on someone else's record.
    const staffUpload = await upload(w.responsable, `/api/theses/${w.thesisId}/versions`, 'x.pdf', await pdfkitPdf(1));
    expect(staffUpload.status).toBe(403);
    expect(staffUpload.body.message).toMatch(/seul·e l’auditeur·rice dépose les versions de son mémoire/);
    expect((await call(w.alice, 'GET', '/api/theses/00000000-0000-4000-8000-000000000000/versions')).status).toBe(404);
  });
});

describe('the atelier leader', () => {
  it('the leader of the learner’s current atelier group reads the versions and answers them; a leader of another group does not', async () => {
    const w = await world();
    const v1 = await upload(w.alice, `/api/theses/${w.thesisId}/versions`, 'v1.pdf', await pdfkitPdf(1));
    const [group] = await t.db.insert(atelierGroups).values({ cohortId: w.cohort.id, number: 1, leaderId: w.otherTeacher.user.id, since: t.clock.now() }).returning();
    const [otherGroup] = await t.db.insert(atelierGroups).values({ cohortId: w.cohort.id, number: 2, leaderId: w.responsable.user.id, since: t.clock.now() }).returning();
    await t.db.insert(atelierMembers).values([
      { cohortId: w.cohort.id, learnerId: w.alice.user.id, groupId: group!.id, since: t.clock.now() },
      { cohortId: w.cohort.id, learnerId: w.bruno.user.id, groupId: otherGroup!.id, since: t.clock.now() },
    ]);
    const read = await call(w.otherTeacher, 'GET', `/api/theses/${w.thesisId}/versions`);
    expect(read.status).toBe(200);
    expect(read.body.permissions.feedback).toBe(true);
    expect((await call(w.otherTeacher, 'POST', `/api/thesis-files/${v1.body.id}/feedback`, { comment: 'Vu en atelier.' })).status).toBe(201);
    // Leading Bruno's group gives nothing on Alice's mémoire (the responsable reads as staff, but does not answer).
    expect((await call(w.responsable, 'POST', `/api/thesis-files/${v1.body.id}/feedback`, { comment: 'Autre groupe' })).status).toBe(403);
  });
});

describe('the final deposit', () => {
  it('freezes one PDF version: instant, SHA-256, pages read by pdf-lib (object streams included), a warning far from 150 pages, the record « déposé » in its history; then nothing changes (409)', async () => {
    const w = await world();
    const word = await upload(w.alice, `/api/theses/${w.thesisId}/versions`, 'v1.docx', docx());
    // pdf-lib writes its page objects in compressed object streams: the streaming count cannot see them.
    const pdf = await pdfLibPdf(12);
    const v2 = await upload(w.alice, `/api/theses/${w.thesisId}/versions`, 'v2.pdf', pdf);
    expect(v2.body.pageCount).toBeNull();
    const fb = await call(w.supervisor, 'POST', `/api/thesis-files/${v2.body.id}/feedback`, { comment: 'Presque.', changes: ['Relire'] });
    const changeId = fb.body.versions[0].feedback[0].changes[0].id;

    // In « projet », the rule of decision 019 does not let the record become « déposé ».
    const early = await call(w.alice, 'POST', `/api/thesis-files/${v2.body.id}/final-deposit`);
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/état « Projet » : il ne peut pas passer à « Déposé »/);
    expect((await call(w.responsable, 'POST', `/api/theses/${w.thesisId}/state`, { state: 'writing' })).status).toBe(200);

    const notPdf = await call(w.alice, 'POST', `/api/thesis-files/${word.body.id}/final-deposit`);
    expect(notPdf.status).toBe(422);
    expect(notPdf.body.issues[0]).toMatchObject({ path: 'versionId', message: expect.stringMatching(/Le dépôt final est un PDF/) });
    expect((await call(w.supervisor, 'POST', `/api/thesis-files/${v2.body.id}/final-deposit`)).status).toBe(403);

    t.clock.set('2026-09-30T15:00:00.000Z');
    const done = await call(w.alice, 'POST', `/api/thesis-files/${v2.body.id}/final-deposit`);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.finalDeposit).toEqual({
      versionId: v2.body.id,
      number: 2,
      fileName: 'v2.pdf',
      at: '2026-09-30T15:00:00.000Z',
      sha256: sha(pdf),
      sizeBytes: pdf.length,
      pageCount: 12,
      pageWarning: 'Le document compte 12 pages, loin des quelque 150 pages attendues (moins de 100).',
    });
    expect(done.body).toMatchObject({ state: 'deposited', open: false, permissions: { deposit: false, feedback: false, markChanges: false, finalDeposit: false } });
    const record = await call(w.responsable, 'GET', `/api/theses/${w.thesisId}`);
    expect(record.body.state).toBe('deposited');
    expect(record.body.history.at(-1)).toMatchObject({ at: '2026-09-30T15:00:00.000Z', actor: { id: w.alice.user.id }, fromState: 'writing', toState: 'deposited' });

    const frozen = 'Le mémoire a fait l’objet de son dépôt final : ses versions, annexes et retours ne changent plus.';
    const before = await counts();
    for (const res of [
      await upload(w.alice, `/api/theses/${w.thesisId}/versions`, 'v3.pdf', await pdfkitPdf(150)),
      await upload(w.alice, `/api/theses/${w.thesisId}/annexes`, 'annexe.xlsx', await xlsx()),
      await call(w.supervisor, 'POST', `/api/thesis-files/${v2.body.id}/feedback`, { comment: 'Trop tard' }),
      await call(w.alice, 'POST', `/api/thesis-changes/${changeId}/mark`, { done: true }),
      await call(w.alice, 'POST', `/api/thesis-files/${v2.body.id}/final-deposit`),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.message).toBe(frozen);
    }
    expect(await counts()).toEqual(before);

    // What the jury's file will read.
    expect(await finalDepositOf(t.db, w.thesisId)).toMatchObject({ thesisId: w.thesisId, versionId: v2.body.id, sha256: sha(pdf), pageCount: 12 });
    // The database refuses to rewrite it.
    await expect(t.db.execute(sql`update thesis_final_deposits set page_count = 150 where thesis_id = ${w.thesisId}`)).rejects.toThrow();
  });

  it('a PDF near 150 pages (pdfkit, page objects in the clear) carries no warning; the streaming count and pdf-lib agree on it', async () => {
    const w = await world();
    const pdf = await pdfkitPdf(150);
    const v1 = await upload(w.alice, `/api/theses/${w.thesisId}/versions`, 'final.pdf', pdf);
    expect(v1.body.pageCount).toBe(150);
    await call(w.responsable, 'POST', `/api/theses/${w.thesisId}/state`, { state: 'writing' });
    const done = await call(w.alice, 'POST', `/api/thesis-files/${v1.body.id}/final-deposit`);
    expect(done.body.finalDeposit).toMatchObject({ pageCount: 150, pageWarning: null });
    expect(await finalDepositOf(t.db, 'b5a1d2f0-0000-4000-8000-000000000000')).toBeNull();
  });
});
