/**
 * Demo candidatures: an open promotion in Paris (when none is open) and three applicants at different
 * steps — a draft, a filed file, an accepted and funded one — created through the same services as the API.
 */
import { and, eq, gte, max } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import { findCentres } from '../features/centres/centres.service.js';
import { cohorts } from '../features/cohorts/cohorts.tables.js';
import { certificationVersions } from '../features/referentiel/referentiel.tables.js';
import { addApplicationDocument, fileApplication, updateDraft } from '../features/admissions/admissions.service.js';
import { startApplication } from '../features/admissions/admissions.start.js';
import { transitionApplication } from '../features/admissions/admissions.instruction.js';
import { applications } from '../features/admissions/admissions.tables.js';
import { users } from '../features/auth/auth.tables.js';
import { setFundingPlan } from '../features/funding/funding.service.js';
import { loadActor } from '../http/session.js';
import { todayInParis } from '../lib/dates.js';
import type { TActor } from '../policies/policies.js';
import type { TAuditActor } from '../features/audit/audit.service.js';

const PDF = Buffer.from('%PDF-1.4\n% démo MOVSC\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');

const DEMO_APPLICANTS = [
  { firstName: 'Inès', lastName: 'Moreau', birthDate: '1988-03-14', email: 'ines.moreau@movsc.demo', step: 'draft' },
  { firstName: 'Karim', lastName: 'Haddad', birthDate: '1982-07-02', email: 'karim.haddad@movsc.demo', step: 'filed' },
  { firstName: 'Lucie', lastName: 'Bernard', birthDate: '1979-11-23', email: 'lucie.bernard@movsc.demo', step: 'accepted' },
] as const;

export const DEMO_APPLICANT_PASSWORD = 'movsc-demo-2026';

/** The open Paris promotion used by the public form (created when there is none). */
export async function ensureOpenDemoCohort(db: TDb, now: Date): Promise<string> {
  const today = todayInParis(now);
  const paris = (await findCentres({ db })).find((c) => c.code === 'PARIS');
  if (!paris) throw new Error('Centre PARIS absent des données de référence.');
  const [open] = await db.select({ id: cohorts.id }).from(cohorts).where(and(eq(cohorts.centreId, paris.id), gte(cohorts.startsOn, today)));
  if (open) return open.id;
  const [version] = await db.select({ id: certificationVersions.id }).from(certificationVersions).where(eq(certificationVersions.code, 'RNCP41336'));
  const [{ n } = { n: 0 }] = await db.select({ n: max(cohorts.number) }).from(cohorts).where(eq(cohorts.centreId, paris.id));
  const year = Number(today.slice(0, 4)) + 1;
  const number = Math.max(34, (n ?? 0) + 1);
  const [row] = await db
    .insert(cohorts)
    .values({ number, name: `${number}e promotion — Cnam Paris`, centreId: paris.id, certificationVersionId: version!.id, startsOn: `${year}-11-02`, endsOn: `${year + 2}-10-15`, capacity: 25 })
    .returning({ id: cohorts.id });
  return row!.id;
}

export async function seedDemoAdmissions(db: TDb, now: Date) {
  const idOf = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id;
  const staff = { gestionnaire: await idOf('gestion@movsc.demo'), responsable: await idOf('responsable@movsc.demo') };
  if (!staff.gestionnaire || !staff.responsable) return;
  const cohortId = await ensureOpenDemoCohort(db, now);
  const actorOf = async (userId: string): Promise<{ viewer: TActor; actor: TAuditActor }> => {
    const viewer = (await loadActor(db, userId))!;
    return { viewer, actor: { userId, label: `${viewer.name} <${viewer.email}> (démo)` } };
  };
  const gestion = await actorOf(staff.gestionnaire);
  const responsable = await actorOf(staff.responsable);
  for (const a of DEMO_APPLICANTS) {
    const started = await startApplication({ db, now, input: { ...a, password: DEMO_APPLICANT_PASSWORD, cohortId } });
    if (started.outcome !== 'created') throw new Error(`Démonstration : la candidature de ${a.email} existe déjà.`);
    const { applicationId } = started;
    const [row] = await db.select({ userId: applications.userId }).from(applications).where(eq(applications.id, applicationId));
    const me = await actorOf(row!.userId);
    await updateDraft({ now,
      db,
      ...me,
      id: applicationId,
      patch: {
        phone: '06 00 00 00 00',
        address: '12 rue Saint-Martin, 75003 Paris',
        situation: a.step === 'filed' ? 'job_seeker' : 'employee',
        fundingIntent: a.step === 'accepted' ? 'opco' : 'employer',
        project: "Coordonner une structure de l'économie sociale et solidaire et en renouveler la gouvernance avec les bénévoles et les salariés.",
        diplomas: [{ level: 6, title: 'Licence professionnelle intervention sociale', year: 2008 }],
        experiences: [{ kind: 'professional', startDate: '2012-09-01', endDate: null, field: 'Insertion par l’activité économique', responsibilities: 'Coordination d’équipe' }],
      },
    });
    if (a.step === 'draft') continue;
    for (const type of ['cv', 'letter'] as const) {
      await addApplicationDocument({ db, ...me, id: applicationId, input: { type, fileName: `${type}.pdf`, contentBase64: PDF } });
    }
    await fileApplication({ db, now, ...me, id: applicationId });
    if (a.step === 'filed') continue;
    await transitionApplication({ db, now, ...gestion, id: applicationId, action: 'start_review', reason: 'Dossier complet.' });
    await transitionApplication({ db, now, ...responsable, id: applicationId, action: 'accept', reason: 'Expérience et projet cohérents avec la formation.' });
    await setFundingPlan({ now,
      db,
      ...gestion,
      id: applicationId,
      input: { payers: [{ kind: 'opco', name: 'OPCO Cohésion sociale', weight: 100 }], cooperativeModule: false, instalments: 2, firstDueOn: `${Number(todayInParis(now).slice(0, 4)) + 1}-11-30`, monthsApart: 12 },
    });
  }
}
