/**
 * Append-only registers and their hash chains (docs/decisions/006-record-chain.md): the database refuses
 * UPDATE / DELETE / TRUNCATE even to its owner's ordinary sessions; a tampering done with the triggers
 * switched off is found by verifyRecords with the right table, file and record.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDbOrTx } from '../../src/db/client.js';
import { findAppendOnlyRefusal } from '../../src/features/records/records.errors.js';
import { verifyRecords, type TRecordsReport } from '../../src/features/records/records.service.js';
import { createApplicant, createTestCohort } from '../helpers/admissions.js';
import { createTestContext, DEFAULT_TEST_NOW, type TTestContext } from '../helpers/context.js';
import { createCohortWorld, enrol, sessionAround, staffOf } from './cohorts-fixtures.js';

let t: TTestContext;
/** One world with every kind of record: an application with a history, attendance with a correction, a signed sheet. */
let world: {
  applicationId: string;
  learnerId: string;
  recordIds: string[];
  sessionId: string;
  teacherId: string;
};

type TRow = Record<string, unknown>;
async function rows(db: TDbOrTx, query: ReturnType<typeof sql>): Promise<TRow[]> {
  const result = await db.execute(query);
  if (result && typeof result === 'object' && 'rows' in result && Array.isArray(result.rows)) return result.rows as TRow[];
  throw new Error('no rows');
}

/** As the database's owner would, bypassing every trigger of the session (foreign keys included). */
async function asOwnerWithoutTriggers(statements: ReturnType<typeof sql>[]) {
  await t.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    for (const s of statements) await tx.execute(s);
  });
}

async function sqlError(query: ReturnType<typeof sql>): Promise<unknown> {
  try {
    await t.db.execute(query);
  } catch (error) {
    return error;
  }
  throw new Error('the statement was accepted');
}

const hourFromNow = (h: number) => new Date(t.clock.now().getTime() + h * 3_600_000);
const breaksOf = (report: TRecordsReport) => report.breaks.map((b) => ({ table: b.table, file: b.file, recordId: b.recordId, kind: b.kind }));

beforeAll(async () => {
  // Its own database on PostgreSQL too: these tests tamper with records on purpose.
  t = await createTestContext({ freshDatabase: true });
  const cohort = await createTestCohort(t.db);
  const staff = await t.createTestUser({ roles: ['gestionnaire'], centreIds: [cohort.centreId] });
  const gestionnaire = await t.signIn(staff.email);
  const applicant = await createApplicant(t, cohort.id, { file: true });
  for (const [action, reason] of [['start_review', 'Dossier complet'], ['request_correction', 'Joignez votre diplôme.']] as const) {
    const res = await t.call('POST', `/api/applications/${applicant.id}/transitions`, { cookie: gestionnaire, body: { action, reason } });
    expect(res.status).toBe(200);
  }

  const { cohort: promotion, responsable, centre } = await createCohortWorld(t);
  const teacher = await staffOf(t, centre.id, 'enseignant');
  const learner = await enrol(t, promotion.id, responsable.cookie);
  const recordIds: string[] = [];
  let sessionId = '';
  for (const h of [-50, -26, -2]) {
    const s = await sessionAround(t, promotion.id, { startsAt: hourFromNow(h), endsAt: hourFromNow(h + 3), teacherIds: [teacher.user.id] });
    const marked = await t.call('POST', `/api/sessions/${s.id}/attendance/marks`, { cookie: teacher.cookie, body: { entries: [{ learnerId: learner.user.id, status: 'absent' }] } });
    expect(marked.status).toBe(200);
    recordIds.push(marked.body.learners[0].current.id);
    sessionId = s.id;
  }
  const corrected = await t.call('POST', `/api/attendance/${recordIds[2]}/corrections`, { cookie: responsable.cookie, body: { status: 'present', reason: 'Présente, signature oubliée' } });
  expect(corrected.status).toBe(200);
  recordIds.push(corrected.body.learners[0].current.id);
  expect((await t.call('POST', `/api/sessions/${sessionId}/attendance/teacher-signature`, { cookie: teacher.cookie })).status).toBe(200);
  world = { applicationId: applicant.id, learnerId: learner.user.id, recordIds, sessionId, teacherId: teacher.user.id };
});
afterAll(() => t.close());

const tables = ['application_events', 'attendance_records', 'attendance_teacher_signatures', 'audit_events'] as const;

describe('append-only registers', () => {
  it.each(tables)('%s: UPDATE, DELETE and TRUNCATE are refused by the database with a French message naming the table; nothing changes', async (table) => {
    const count = async () => Number((await rows(t.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n);
    const before = await count();
    expect(before).toBeGreaterThan(0);
    const attempts = [
      { sql: sql`update ${sql.identifier(table)} set record_hash = record_hash`, word: 'modification' },
      { sql: sql`delete from ${sql.identifier(table)}`, word: 'suppression' },
      { sql: sql`truncate ${sql.identifier(table)} cascade`, word: 'remise à zéro' },
    ];
    for (const attempt of attempts) {
      const refusal = findAppendOnlyRefusal(await sqlError(attempt.sql));
      expect(refusal?.message).toContain(`Registre en ajout seul « ${table} » : ${attempt.word}`);
    }
    expect(await count()).toBe(before);
  });

  it('a refusal reaching the HTTP layer is a 409 with the French message, not a 500', async () => {
    const { appendOnlyConflict } = await import('../../src/features/records/records.errors.js');
    const error = await sqlError(sql`delete from application_events where application_id = ${world.applicationId}`);
    const conflict = appendOnlyConflict(error);
    expect(conflict?.status).toBe(409);
    expect(conflict?.message).toMatch(/^Registre en ajout seul « application_events » : suppression refusée/);
    // Two writers waiting on each other's chain locks: PostgreSQL aborts one (SQLSTATE 40P01), a 409 too.
    const deadlock = appendOnlyConflict(new Error('Failed query', { cause: Object.assign(new Error('deadlock detected'), { code: '40P01' }) }));
    expect(deadlock?.status).toBe(409);
    expect(deadlock?.message).toContain('réessayez');
    expect(appendOnlyConflict(new Error('autre'))).toBeNull();
  });

  it('a correction must point at a record that exists (foreign key on supersedes_id)', async () => {
    const error = await sqlError(sql`insert into attendance_records (session_id, learner_id, status, method, recorded_by, supersedes_id)
      values (${world.sessionId}, ${world.learnerId}, 'present', 'correction', ${world.teacherId}, '00000000-0000-4000-8000-000000000000')`);
    expect(String((error as { cause?: { message?: string } }).cause?.message ?? error)).toMatch(/foreign key|clé étrangère/);
  });
});

describe('hash chains', () => {
  it('an intact database reports no break, every register is walked', async () => {
    const report = await verifyRecords({ db: t.db });
    expect(report.breaks).toEqual([]);
    const byTable = Object.fromEntries(report.chains.map((c) => [c.table, c]));
    expect(byTable.application_events!.records).toBeGreaterThanOrEqual(4); // created, filed, review, correction
    expect(byTable.attendance_records!.records).toBe(4);
    expect(byTable.attendance_teacher_signatures!.records).toBe(1);
    expect(byTable.audit_events!.files).toBe(1);
  });

  it('an administrator runs the same check from the API (audit page); others are refused', async () => {
    const admin = await t.as('administrateur');
    const res = await t.call('GET', '/api/records/integrity', { cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ checkedAt: DEFAULT_TEST_NOW, breaks: [] });
    expect(res.body.chains.map((c: { table: string }) => c.table)).toEqual(['application_events', 'attendance_records', 'attendance_teacher_signatures', 'audit_events', 'thesis_events', 'atelier_membership_events']);
    const gestionnaire = await t.as('gestionnaire');
    expect((await t.call('GET', '/api/records/integrity', { cookie: gestionnaire.cookie })).status).toBe(403);
  });

  it('the hash is SHA-256 of the documented canonical text, linked to the previous record of the same file', async () => {
    const at = '2026-03-10T09:00:00.123456Z';
    const [row] = await rows(t.db, sql`insert into audit_events (at, actor_label, action, entity_type, after)
      values (${at}, 'Équipe', 'test.canonical', 'test', ${JSON.stringify({ b: 1, a: 'é' })}::jsonb)
      returning id::text as id, chain_seq, prev_hash, record_hash`);
    const [previous] = await rows(t.db, sql`select record_hash from audit_events where chain_seq = ${Number(row!.chain_seq) - 1}`);
    expect(row!.prev_hash).toBe(previous!.record_hash);
    const id = String(row!.id);
    const seq = String(row!.chain_seq);
    // Written by hand from the decision record: byte lengths (É and é take two bytes), jsonb keys sorted.
    const canonical = [
      'movsc-record-v1',
      'table=audit_events',
      `id=${id.length}:${id}`,
      `at=27:${at}`,
      'actor_id=~',
      'actor_label=7:Équipe',
      'action=14:test.canonical',
      'entity_type=4:test',
      'entity_id=~',
      'before=~',
      'after=19:{"a": "é", "b": 1}',
      'request_id=~',
      `chain_seq=${seq.length}:${seq}`,
      `prev_hash=64:${String(previous!.record_hash)}`,
    ].join('\n');
    expect(row!.record_hash).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'));
  });

  it('a value sent by the caller for the chain columns is ignored: the database computes them', async () => {
    const [row] = await rows(t.db, sql`insert into audit_events (actor_label, action, entity_type, chain_seq, prev_hash, record_hash)
      values ('x', 'test.forged', 'test', 1, null, 'faux') returning chain_seq, record_hash`);
    expect(Number(row!.chain_seq)).toBeGreaterThan(1);
    expect(row!.record_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await verifyRecords({ db: t.db })).breaks).toEqual([]);
  });

  it('concurrent inserts on one chain never fork it', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.db.transaction(async (tx) => {
        await tx.execute(sql`insert into audit_events (actor_label, action, entity_type) values ('concurrent', ${`test.c${i}`}, 'test')`);
        await tx.execute(sql`select pg_sleep(0.02)`);
        await tx.execute(sql`insert into audit_events (actor_label, action, entity_type) values ('concurrent', ${`test.d${i}`}, 'test')`);
      })),
    );
    const report = await verifyRecords({ db: t.db });
    expect(report.breaks).toEqual([]);
  });

  it('the backfill of rows written before the triggers gives the chain the trigger gives', async () => {
    const original = await rows(t.db, sql`select id::text as id, chain_seq, record_hash from audit_events order by chain_seq`);
    await asOwnerWithoutTriggers([
      // Keep the order only (on PostgreSQL, concurrent inserts take ids out of chain order).
      sql`update audit_events set chain_seq = -chain_seq, prev_hash = null, record_hash = ''`,
      sql`select movsc_chain_backfill('audit_events', '', 'id,at,actor_id,actor_label,action,entity_type,entity_id,before,after,request_id', 'chain_seq desc')`,
    ]);
    expect(await rows(t.db, sql`select id::text as id, chain_seq, record_hash from audit_events order by chain_seq`)).toEqual(original);
  });
});

// Each tampering is undone (with the triggers off again) so that the next test starts intact.
describe('tampering by the database owner is found', () => {
  it('content changed with the triggers disabled → that record of that application, "contenu modifié"', async () => {
    const [event] = await rows(t.db, sql`select id::text as id, text from application_events where application_id = ${world.applicationId} and kind = 'correction_requested'`);
    await asOwnerWithoutTriggers([sql`update application_events set text = 'Dossier parfait.' where id = ${event!.id}`]);
    const report = await verifyRecords({ db: t.db });
    expect(breaksOf(report)).toEqual([{ table: 'application_events', file: world.applicationId, recordId: event!.id, kind: 'content' }]);
    expect(report.breaks[0]!.message).toMatch(/^contenu modifié/);
    await asOwnerWithoutTriggers([sql`update application_events set text = ${event!.text} where id = ${event!.id}`]);
    expect((await verifyRecords({ db: t.db })).breaks).toEqual([]);
  });

  it('content changed and its hash recomputed → the next record of the file no longer links to it', async () => {
    const events = await rows(t.db, sql`select id::text as id, text, record_hash from application_events where application_id = ${world.applicationId} order by chain_seq`);
    const target = events.find((e) => e.text === 'Dossier complet')!;
    const next = events[events.indexOf(target) + 1]!;
    const fields = 'id,application_id,at,actor_id,actor_label,kind,from_status,to_status,text,private';
    await asOwnerWithoutTriggers([
      sql`update application_events set text = 'Dossier incomplet' where id = ${target.id}`,
      sql`update application_events e set record_hash = movsc_record_hash('application_events', to_jsonb(e), string_to_array(${fields}, ',')) where id = ${target.id}`,
    ]);
    expect(breaksOf(await verifyRecords({ db: t.db }))).toEqual([{ table: 'application_events', file: world.applicationId, recordId: next.id, kind: 'link' }]);
    await asOwnerWithoutTriggers([sql`update application_events set text = ${target.text}, record_hash = ${target.record_hash} where id = ${target.id}`]);
  });

  it('a record removed from a learner\'s attendance → reported on the record after the gap', async () => {
    const [removed] = await rows(t.db, sql`select * from attendance_records where id = ${world.recordIds[1]}`);
    await asOwnerWithoutTriggers([sql`delete from attendance_records where id = ${world.recordIds[1]}`]);
    const report = await verifyRecords({ db: t.db });
    expect(breaksOf(report)).toEqual([{ table: 'attendance_records', file: world.learnerId, recordId: world.recordIds[2], kind: 'missing' }]);
    expect(report.breaks[0]!.message).toContain(`1 enregistrement manquant avant celui-ci (rang 3, attendu 2), après l'enregistrement ${world.recordIds[0]}`);
    await asOwnerWithoutTriggers([sql`insert into attendance_records select * from json_populate_record(null::attendance_records, ${JSON.stringify(removed)}::json)`]);
    expect((await verifyRecords({ db: t.db })).breaks).toEqual([]);
  });

  it('an audit event removed, and one slipped in with the triggers disabled → both reported', async () => {
    const [victim] = await rows(t.db, sql`select * from audit_events where action = 'attendance.corrected'`);
    const [head] = await rows(t.db, sql`select max(chain_seq) as seq from audit_events`);
    await asOwnerWithoutTriggers([
      sql`delete from audit_events where id = ${victim!.id}`,
      sql`insert into audit_events (actor_label, action, entity_type, chain_seq, record_hash) values ('intrus', 'user.created', 'user', ${Number(head!.seq) + 1}, 'faux')`,
    ]);
    const [intruder] = await rows(t.db, sql`select id::text as id from audit_events where actor_label = 'intrus'`);
    const [after] = await rows(t.db, sql`select id::text as id from audit_events where chain_seq = ${Number(victim!.chain_seq) + 1}`);
    const found = breaksOf(await verifyRecords({ db: t.db }));
    expect(found).toEqual([
      { table: 'audit_events', file: null, recordId: after!.id, kind: 'missing' },
      { table: 'audit_events', file: null, recordId: intruder!.id, kind: 'content' },
      { table: 'audit_events', file: null, recordId: intruder!.id, kind: 'link' },
    ]);
    await asOwnerWithoutTriggers([
      sql`delete from audit_events where id = ${intruder!.id}`,
      sql`insert into audit_events select * from json_populate_record(null::audit_events, ${JSON.stringify(victim)}::json)`,
    ]);
    expect((await verifyRecords({ db: t.db })).breaks).toEqual([]);
  });

  it('the last event of a file rewritten with a recomputed hash, or a whole file removed: only saved heads show it', async () => {
    const { heads } = await verifyRecords({ db: t.db });
    const events = await rows(t.db, sql`select * from application_events where application_id = ${world.applicationId} order by chain_seq`);
    const last = events.at(-1)!;
    const fields = 'id,application_id,at,actor_id,actor_label,kind,from_status,to_status,text,private';
    await asOwnerWithoutTriggers([
      sql`update application_events set text = 'Aucune pièce manquante.' where id = ${last.id}`,
      sql`update application_events e set record_hash = movsc_record_hash('application_events', to_jsonb(e), string_to_array(${fields}, ',')) where id = ${last.id}`,
    ]);
    expect((await verifyRecords({ db: t.db })).breaks).toEqual([]);
    expect(breaksOf(await verifyRecords({ db: t.db, anchors: heads }))).toEqual([{ table: 'application_events', file: world.applicationId, recordId: last.id, kind: 'anchor' }]);

    await asOwnerWithoutTriggers([sql`delete from application_events where application_id = ${world.applicationId}`]);
    expect((await verifyRecords({ db: t.db })).breaks).toEqual([]);
    const gone = (await verifyRecords({ db: t.db, anchors: heads })).breaks;
    expect(gone.map((b) => [b.table, b.file, b.kind])).toEqual([['application_events', world.applicationId, 'anchor']]);
    expect(gone[0]!.message).toContain(`elle comptait ${events.length} enregistrement(s) au relevé`);

    await asOwnerWithoutTriggers(events.map((e) => sql`insert into application_events select * from json_populate_record(null::application_events, ${JSON.stringify(e)}::json)`));
    expect((await verifyRecords({ db: t.db, anchors: heads })).breaks).toEqual([]);
  });

  it('a teacher\'s signature re-dated with ALTER TABLE … DISABLE TRIGGER → reported on that session', async () => {
    await t.db.execute(sql`alter table attendance_teacher_signatures disable trigger attendance_teacher_signatures_append_only`);
    try {
      await t.db.execute(sql`update attendance_teacher_signatures set signed_at = signed_at - interval '1 day' where session_id = ${world.sessionId}`);
    } finally {
      await t.db.execute(sql`alter table attendance_teacher_signatures enable trigger attendance_teacher_signatures_append_only`);
    }
    expect(breaksOf(await verifyRecords({ db: t.db }))).toEqual([
      { table: 'attendance_teacher_signatures', file: world.sessionId, recordId: `${world.sessionId}/${world.teacherId}`, kind: 'content' },
    ]);
    await asOwnerWithoutTriggers([sql`update attendance_teacher_signatures set signed_at = signed_at + interval '1 day' where session_id = ${world.sessionId}`]);
    expect((await verifyRecords({ db: t.db })).breaks).toEqual([]);
  });
});

// Last: re-chaining orders same-instant records by id, so the positions the tests above use change.
describe('backfill', () => {
  it('the backfill statements of the migration, run again on every register, give chains verify-records accepts', async () => {
    // The migration's own statements, so that a wrong field list or order in them fails here.
    const migration = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'drizzle', '0003_record_chain.sql'), 'utf8');
    const backfills = migration.split('\n').filter((line) => line.startsWith('SELECT movsc_chain_backfill('));
    expect(backfills.map((line) => /movsc_chain_backfill\('(\w+)'/.exec(line)![1])).toEqual([...tables]);
    const before = await verifyRecords({ db: t.db });
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      for (const table of tables) await tx.execute(sql`update ${sql.identifier(table)} set chain_seq = -chain_seq, prev_hash = null, record_hash = ''`);
      for (const line of backfills) await tx.execute(sql.raw(line));
    });
    const after = await verifyRecords({ db: t.db });
    expect(after.breaks).toEqual([]);
    expect(after.chains.map((c) => [c.table, c.records, c.files])).toEqual(before.chains.map((c) => [c.table, c.records, c.files]));
  });
});
