/** Factories for the admissions tests: a promotion inserted directly, an applicant with a filed application. */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { TDb } from '../../src/db/client.js';
import { jobs } from '../../src/features/jobs/jobs.tables.js';
import type { TMail } from '../../src/features/mail/mail.service.js';
import { cohorts, type TPriceLine } from '../../src/features/cohorts/cohorts.tables.js';
import { centres } from '../../src/features/centres/centres.tables.js';
import { certificationVersions } from '../../src/features/referentiel/referentiel.tables.js';
import type { TTestContext } from './context.js';

let counter = 100;

export async function createTestCohort(
  db: TDb,
  o: { centreId?: string; versionCode?: string; capacity?: number; startsOn?: string; endsOn?: string; priceGrid?: TPriceLine[] } = {},
) {
  const [version] = await db.select({ id: certificationVersions.id }).from(certificationVersions).where(eq(certificationVersions.code, o.versionCode ?? 'RNCP41336'));
  let centreId = o.centreId;
  if (!centreId) {
    const [centre] = await db.insert(centres).values({ code: `T${randomUUID().slice(0, 8).toUpperCase()}`, name: 'Centre de test', city: 'Paris' }).returning();
    centreId = centre!.id;
  }
  const number = counter++ + Math.floor(Math.random() * 100_000);
  const [cohort] = await db
    .insert(cohorts)
    .values({
      number,
      name: `Promotion ${number}`,
      centreId,
      certificationVersionId: version!.id,
      startsOn: o.startsOn ?? '2099-11-02',
      endsOn: o.endsOn ?? '2101-10-30',
      capacity: o.capacity ?? 20,
      priceGrid: o.priceGrid ?? [],
    })
    .returning();
  return cohort!;
}

export const PDF_BYTES = Buffer.from('%PDF-1.4\n% test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const pdfBase64 = PDF_BYTES.toString('base64');

export const COMPLETE_DRAFT = {
  phone: '06 12 34 56 78',
  address: '10 rue de la Paix, 75002 Paris',
  situation: 'employee',
  fundingIntent: 'employer',
  project: "Je dirige une association d'éducation populaire et je veux structurer sa gouvernance et ses financements.",
  diplomas: [{ level: 6, title: 'Licence professionnelle gestion des associations', year: 2012 }],
  experiences: [
    { kind: 'professional', startDate: '2014-01-01', endDate: '2019-12-31', field: 'Éducation populaire', responsibilities: 'Coordination de projets' },
    { kind: 'social', startDate: '2018-01-01', endDate: null, field: 'Association sportive', responsibilities: 'Trésorière' },
  ],
} as const;

let person = 0;

/** Public start + sign-in + complete draft + documents; optionally filed. Returns the applicant's cookie and the application id. */
export async function createApplicant(t: TTestContext, cohortId: string, o: { file?: boolean; lastName?: string; birthDate?: string } = {}) {
  person += 1;
  const email = `candidate-${randomUUID().slice(0, 8)}@exemple.fr`;
  const password = 'mot-de-passe-candidate';
  const start = await t.call('POST', '/api/admissions/start', {
    body: { lastName: o.lastName ?? `Martin${person}${randomUUID().slice(0, 4)}`, firstName: 'Camille', birthDate: o.birthDate ?? '1985-04-12', email, password, cohortId },
  });
  if (start.status !== 202) throw new Error(`start ${start.status} ${JSON.stringify(start.body)}`);
  const cookie = await t.signIn(email, password);
  // The form's answer names nothing (decision 017): the new account's one draft is found by signing in.
  const mine = await t.call('GET', '/api/applications/mine', { cookie });
  const { id, reference } = mine.body.items[0] as { id: string; reference: string };
  const patch = await t.call('PATCH', `/api/applications/${id}`, { cookie, body: COMPLETE_DRAFT });
  if (patch.status !== 200) throw new Error(`patch ${patch.status} ${JSON.stringify(patch.body)}`);
  for (const type of ['cv', 'letter'] as const) {
    const res = await t.call('POST', `/api/applications/${id}/documents`, { cookie, body: { type, fileName: `${type}.pdf`, contentBase64: pdfBase64 } });
    if (res.status !== 201) throw new Error(`doc ${res.status} ${JSON.stringify(res.body)}`);
  }
  if (o.file) {
    const res = await t.call('POST', `/api/applications/${id}/file`, { cookie });
    if (res.status !== 200) throw new Error(`file ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { id, email, cookie, reference };
}

/** The e-mails queued (not yet necessarily sent) to one address, oldest first. */
export async function queuedMailsTo(db: TDb, email: string): Promise<TMail[]> {
  const rows = await db
    .select({ payload: jobs.payload })
    .from(jobs)
    .where(and(eq(jobs.kind, 'mail.send'), sql`${jobs.payload}->>'to' = ${email}`))
    .orderBy(jobs.createdAt);
  return rows.map((r) => r.payload as TMail);
}
