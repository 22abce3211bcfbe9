/**
 * The commission's list at 10,000 applications: GET /api/applications with the filters and sorts the
 * page uses, open-loop (requests fired at a fixed rate whatever the answers' latency), on an
 * in-memory PGlite database (or BENCH_DATABASE_URL). Prints p50/p95/max; asserts nothing.
 */
import { openBenchDatabase, percentile } from './lib.js';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { checkEligibility, identityKey } from '../src/features/admissions/admissions.rules.js';
import { applications, APPLICATION_STATUSES } from '../src/features/admissions/admissions.tables.js';
import { createAuth } from '../src/features/auth/auth.js';
import { SYSTEM_ACTOR } from '../src/features/audit/audit.service.js';
import { findCentres } from '../src/features/centres/centres.service.js';
import { cohorts } from '../src/features/cohorts/cohorts.tables.js';
import { certificationVersions } from '../src/features/referentiel/referentiel.tables.js';
import { createUser } from '../src/features/users/users.service.js';
import { createApp } from '../src/http/app.js';
import { systemClock } from '../src/lib/clock.js';
import { createLogger } from '../src/http/logger.js';

const TOTAL = 10_000;
const RATE_PER_SECOND = 20;
const DURATION_SECONDS = 10;


export async function benchAdmissions() {
  const database = await openBenchDatabase();
  try {
    const { db } = database;
    const centres = await findCentres({ db });
    const [version] = await db.select().from(certificationVersions).where(eq(certificationVersions.code, 'RNCP41336'));
    const cohortRows = await db
      .insert(cohorts)
      .values(centres.map((c, i) => ({ number: 900 + i, name: `Promotion bench ${i}`, centreId: c.id, certificationVersionId: version!.id, startsOn: '2099-11-02', endsOn: '2101-10-30', capacity: 25 })))
      .returning();
    const email = `bench-${randomUUID().slice(0, 8)}@bench.movsc`;
    await createUser({ db, actor: SYSTEM_ACTOR, input: { name: 'Bench Admin', email, password: 'mot-de-passe-bench', roles: ['administrateur'], centreIds: [] } });
    const applicant = await createUser({ db, actor: SYSTEM_ACTOR, input: { name: 'Bench Candidat', email: `c-${email}`, password: 'mot-de-passe-bench', roles: ['auditeur'], centreIds: [] } });

    const started = performance.now();
    const verdicts = [checkEligibility({ diplomas: [{ level: 6, title: 'Licence', year: 2010 }], experiences: [{ kind: 'professional', startDate: '2010-01-01', endDate: null, field: 'ESS', responsibilities: 'Direction' }] }, version!.document.admission, '2026-11-25'), checkEligibility({ diplomas: [], experiences: [] }, version!.document.admission, '2026-11-25')];
    for (let from = 0; from < TOTAL; from += 1000) {
      await db.insert(applications).values(
        Array.from({ length: Math.min(1000, TOTAL - from) }, (_, k) => {
          const i = from + k;
          const cohort = cohortRows[i % cohortRows.length]!;
          const eligibility = verdicts[i % 3 === 0 ? 1 : 0]!;
          const identity = { lastName: `Nom${i}`, firstName: `Prénom${i}`, birthDate: '1980-01-01' };
          return {
            reference: `C-2026-B${String(i).padStart(5, '0')}`,
            userId: applicant.id,
            cohortId: cohort.id,
            centreId: cohort.centreId,
            certificationVersionId: version!.id,
            family: version!.family,
            intakeYear: 2099,
            identityKey: identityKey(identity),
            status: APPLICATION_STATUSES[1 + (i % 6)]!,
            ...identity,
            email: `n${i}@exemple.fr`,
            eligibility,
            eligibilityVerdict: eligibility.verdict,
            filedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
          };
        }),
      );
    }
    console.log(`admissions: ${TOTAL} candidatures créées en ${Math.round(performance.now() - started)} ms`);

    const auth = createAuth({ db, baseUrl: 'http://localhost:3000', secret: 'secret-de-bench-secret-de-bench-0123456789', loginRateLimit: { max: 1000, windowSeconds: 60 } });
    const app = createApp({ db, auth, logger: createLogger('silent'), clock: systemClock });
    const signIn = await app.request('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      body: JSON.stringify({ email, password: 'mot-de-passe-bench' }),
    });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

    const queries = [
      'page=1&pageSize=25&sort=filedAt&order=desc',
      `page=3&pageSize=25&centreId=${centres[0]!.id}&sort=lastName&order=asc`,
      'page=1&pageSize=25&status=in_review&eligibility=eligible',
      'page=40&pageSize=25&sort=reference&order=asc',
      'page=1&pageSize=25&q=Nom12',
    ];
    // Warm-up.
    for (const q of queries) await app.request(`/api/applications?${q}`, { headers: { cookie } });

    const latencies: number[] = [];
    let failures = 0;
    const interval = 1000 / RATE_PER_SECOND;
    const count = RATE_PER_SECOND * DURATION_SECONDS;
    const t0 = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const scheduled = t0 + i * interval;
      const wait = scheduled - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(
        Promise.resolve(app.request(`/api/applications?${queries[i % queries.length]}`, { headers: { cookie } })).then(async (res) => {
          await res.arrayBuffer();
          if (res.status !== 200) failures += 1;
          // Open loop: latency counted from the scheduled start, so queueing shows.
          latencies.push(performance.now() - scheduled);
        }),
      );
    }
    await Promise.all(pending);
    latencies.sort((a, b) => a - b);
    const fmt = (n: number) => n.toFixed(1);
    console.log(
      `admissions: liste de la commission à ${TOTAL} candidatures, ${count} requêtes à ${RATE_PER_SECOND}/s — p50 ${fmt(percentile(latencies, 50))} ms, p95 ${fmt(percentile(latencies, 95))} ms, max ${fmt(latencies.at(-1)!)} ms, échecs ${failures}`,
    );
  } finally {
    await database.close();
  }
}
