/**
 * Attendance under load, on an in-memory PGlite database (or BENCH_DATABASE_URL). Prints figures; asserts nothing.
 * 1. One learner signing while 400 others sign in the same minute: 401 POST …/attendance/sign, open loop
 *    (each request fired at its scheduled instant, latency counted from that instant), spread over 60 s,
 *    then the same crowd in a 5-second burst.
 * 2. The attendance report of a promotion with two years of records (25 learners × 140 half-days):
 *    GET …/attendance, the CSV export and one day's PDF.
 */
import { openBenchDatabase, percentile } from './lib.js';
import { randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { eq } from 'drizzle-orm';
import type { TDb } from '../src/db/client.js';
import { attendanceRecords } from '../src/features/attendance/attendance.tables.js';
import { accounts, userCentres, userRoles, users } from '../src/features/auth/auth.tables.js';
import { createAuth } from '../src/features/auth/auth.js';
import { SYSTEM_ACTOR } from '../src/features/audit/audit.service.js';
import { calendarSessions, residencies } from '../src/features/calendar/calendar.tables.js';
import { generateCohortCalendar } from '../src/features/calendar/calendar.service.js';
import { findCentres } from '../src/features/centres/centres.service.js';
import { cohortLearners, cohorts } from '../src/features/cohorts/cohorts.tables.js';
import { certificationVersions } from '../src/features/referentiel/referentiel.tables.js';
import { createUser } from '../src/features/users/users.service.js';
import { createApp } from '../src/http/app.js';
import { systemClock } from '../src/lib/clock.js';
import { createLogger } from '../src/http/logger.js';
import { loadActor } from '../src/http/session.js';

const PASSWORD = 'mot-de-passe-bench';
const fmt = (n: number) => n.toFixed(1);

/** Learner accounts written in bulk with one shared password hash (hashing 400 times would only time scrypt). */
async function bulkLearners(db: TDb, n: number, centreId: string) {
  const hash = await hashPassword(PASSWORD);
  const rows = Array.from({ length: n }, (_, i) => ({ id: randomUUID(), name: `Auditeur Bench ${i}`, email: `bench-${i}-${randomUUID().slice(0, 6)}@bench.movsc` }));
  for (let i = 0; i < rows.length; i += 200) {
    const part = rows.slice(i, i + 200);
    await db.insert(users).values(part);
    await db.insert(accounts).values(part.map((u) => ({ id: randomUUID(), accountId: u.id, providerId: 'credential', userId: u.id, password: hash })));
    await db.insert(userRoles).values(part.map((u) => ({ userId: u.id, role: 'auditeur' as const })));
    await db.insert(userCentres).values(part.map((u) => ({ userId: u.id, centreId })));
  }
  return rows;
}

export async function benchAttendance() {
  const database = await openBenchDatabase();
  try {
    const { db } = database;
    const paris = (await findCentres({ db })).find((c) => c.code === 'PARIS')!;
    const [version] = await db.select().from(certificationVersions).where(eq(certificationVersions.code, 'RNCP41336'));
    const auth = createAuth({ db, baseUrl: 'http://localhost:3000', secret: 'secret-de-bench-secret-de-bench-0123456789', loginRateLimit: { max: 100_000, windowSeconds: 60 } });
    const app = createApp({ db, auth, logger: createLogger('silent'), clock: systemClock });
    const signIn = async (email: string) => {
      const res = await app.request('/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    };

    // 1. 401 learners signing the same half-day.
    const [crowd] = await db
      .insert(cohorts)
      .values({ number: 990, name: 'Promotion bench émargement', centreId: paris.id, certificationVersionId: version!.id, startsOn: '2026-01-05', endsOn: '2027-12-17', capacity: 500 })
      .returning();
    const learners = await bulkLearners(db, 401, paris.id);
    await db.insert(cohortLearners).values(learners.map((l) => ({ cohortId: crowd!.id, userId: l.id })));
    const cookies: string[] = [];
    for (let i = 0; i < learners.length; i += 8) cookies.push(...(await Promise.all(learners.slice(i, i + 8).map((l) => signIn(l.email)))));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const [res] = await db.insert(residencies).values({ cohortId: crowd!.id, kind: 'on_site', label: 'Bench', days: [today], startsOn: today, endsOn: today }).returning();
    const newSession = async () =>
      (
        await db
          .insert(calendarSessions)
          .values({ cohortId: crowd!.id, residencyId: res!.id, type: 'theoretical', title: 'Bench', room: 'Amphi', startsAt: new Date(Date.now() - 5 * 60_000), endsAt: new Date(Date.now() + 3 * 3_600_000) })
          .returning()
      )[0]!;

    for (const [label, windowSeconds] of [
      ['401 signatures réparties sur 60 s', 60],
      ['401 signatures en rafale sur 5 s', 5],
    ] as const) {
      const session = await newSession();
      const latencies: number[] = [];
      let failures = 0;
      const t0 = performance.now();
      const interval = (windowSeconds * 1000) / cookies.length;
      const pending: Promise<void>[] = [];
      for (let i = 0; i < cookies.length; i++) {
        const scheduled = t0 + i * interval;
        const wait = scheduled - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        pending.push(
          Promise.resolve(
            app.request(`/api/sessions/${session.id}/attendance/sign`, {
              method: 'POST',
              headers: { cookie: cookies[i]!, 'content-type': 'application/json', origin: 'http://localhost:3000' },
              body: '{}',
            }),
          ).then(async (r) => {
            await r.arrayBuffer();
            if (r.status !== 201) failures += 1;
            latencies.push(performance.now() - scheduled);
          }),
        );
      }
      await Promise.all(pending);
      latencies.sort((a, b) => a - b);
      const written = (await db.select({ id: attendanceRecords.id }).from(attendanceRecords).where(eq(attendanceRecords.sessionId, session.id))).length;
      console.log(
        `attendance: ${label} — p50 ${fmt(percentile(latencies, 50))} ms, p95 ${fmt(percentile(latencies, 95))} ms, max ${fmt(latencies.at(-1)!)} ms, échecs ${failures}, enregistrements ${written}`,
      );
    }

    // 2. Report of a promotion with two years of records.
    const resp = await createUser({ db, actor: SYSTEM_ACTOR, input: { name: 'Bench Gestion', email: `g-${randomUUID().slice(0, 6)}@bench.movsc`, password: PASSWORD, roles: ['administrateur'], centreIds: [paris.id] } });
    const actor = (await loadActor(db, resp.id))!;
    const [two] = await db
      .insert(cohorts)
      .values({ number: 991, name: 'Promotion bench deux ans', centreId: paris.id, certificationVersionId: version!.id, startsOn: '2024-11-04', endsOn: '2026-10-30', capacity: 30 })
      .returning();
    await generateCohortCalendar({ db, now: systemClock.now(), actor, audit: SYSTEM_ACTOR, cohortId: two!.id, input: { startsOn: '2024-11-04', schoolZone: 'C', replace: false, withSessions: true } });
    const sessions = await db.select().from(calendarSessions).where(eq(calendarSessions.cohortId, two!.id));
    const members = learners.slice(0, 25);
    await db.insert(cohortLearners).values(members.map((l) => ({ cohortId: two!.id, userId: l.id, funderLabel: ['OPCO', 'CPF', 'Employeur'][l.name.length % 3]! })));
    const rows = sessions.flatMap((s, i) =>
      members.map((l, j) => ({ sessionId: s.id, learnerId: l.id, status: (i + j) % 17 === 0 ? ('absent' as const) : ('present' as const), method: 'self' as const, recordedBy: l.id, recordedAt: s.startsAt })),
    );
    for (let i = 0; i < rows.length; i += 1000) await db.insert(attendanceRecords).values(rows.slice(i, i + 1000));
    const cookie = await signIn(resp.email);
    const time = async (path: string, n: number) => {
      const samples: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const r = await app.request(path, { headers: { cookie } });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`${path} → ${r.status}`);
        samples.push(performance.now() - t);
      }
      samples.sort((a, b) => a - b);
      return `p50 ${fmt(percentile(samples, 50))} ms, p95 ${fmt(percentile(samples, 95))} ms`;
    };
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(sessions[0]!.startsAt);
    console.log(`attendance: rapport d’assiduité, ${members.length} auditeur·rices × ${sessions.length} demi-journées (${rows.length} émargements) — ${await time(`/api/cohorts/${two!.id}/attendance`, 30)}`);
    console.log(`attendance: export CSV de la même promotion — ${await time(`/api/cohorts/${two!.id}/attendance/export?format=csv`, 10)}`);
    console.log(`attendance: feuille d’émargement PDF d’une journée — ${await time(`/api/cohorts/${two!.id}/attendance/sheet?date=${day}`, 10)}`);
  } finally {
    await database.close();
  }
}
