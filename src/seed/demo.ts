/**
 * Demo accounts, one per role, created only when the database has no user yet.
 * Reuses the same service functions as the tests' factories.
 */
import { count } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import { SYSTEM_ACTOR } from '../features/audit/audit.service.js';
import { users, type TRole } from '../features/auth/auth.tables.js';
import { findCentres } from '../features/centres/centres.service.js';
import { createUser } from '../features/users/users.service.js';
import { ROLE_LABELS } from '../shared/vocabulary/roles.js';
import { seedDemoAdmissions } from './demo-admissions.js';
import { seedDemoCohorts } from './demo-cohorts.js';
import { seedDemoMilestones } from './demo-milestones.js';
import { seedDemoVersions } from './demo-versions.js';
import { seedDemoAteliers } from './demo-ateliers.js';
import { seedDemoFollowup } from './demo-followup.js';
import { seedDemoEvaluations } from './demo-evaluations.js';
import { seedDemoJuries } from './demo-juries.js';
import { seedDemoSoutenances } from './demo-soutenances.js';

export const DEMO_PASSWORD = 'movsc-demo-2026';

export const DEMO_USERS: { name: string; email: string; role: TRole; centres: string[] }[] = [
  { name: 'Alice Administratrice', email: 'admin@movsc.demo', role: 'administrateur', centres: [] },
  { name: 'Gaëlle Gestionnaire', email: 'gestion@movsc.demo', role: 'gestionnaire', centres: ['PARIS'] },
  { name: 'Rémi Responsable', email: 'responsable@movsc.demo', role: 'responsable_pedagogique', centres: ['PARIS', 'LILLE'] },
  { name: 'Estelle Enseignante', email: 'enseignant@movsc.demo', role: 'enseignant', centres: ['PARIS'] },
  { name: 'Jules Juré', email: 'jury@movsc.demo', role: 'jury', centres: ['PARIS'] },
  { name: 'Aurélie Auditrice', email: 'auditeur@movsc.demo', role: 'auditeur', centres: ['PARIS'] },
];

export async function seedDemo(db: TDb, now: Date): Promise<boolean> {
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(users);
  if (n > 0) return false;
  const centres = await findCentres({ db });
  for (const u of DEMO_USERS) {
    await createUser({
      db,
      actor: SYSTEM_ACTOR,
      input: {
        name: u.name,
        email: u.email,
        password: DEMO_PASSWORD,
        roles: [u.role],
        centreIds: centres.filter((c) => u.centres.includes(c.code)).map((c) => c.id),
      },
    });
  }
  await seedDemoAdmissions(db, now);
  await seedDemoCohorts(db, DEMO_PASSWORD, now);
  await seedDemoAteliers(db, DEMO_PASSWORD, now);
  await seedDemoVersions(db, now);
  await seedDemoFollowup(db, now);
  await seedDemoMilestones(db, now);
  await seedDemoEvaluations(db, now);
  await seedDemoJuries(db, now);
  await seedDemoSoutenances(db, now);
  return true;
}

export function demoLoginLines(): string[] {
  return DEMO_USERS.map((u) => `  ${ROLE_LABELS[u.role].padEnd(28)} ${u.email.padEnd(26)} ${DEMO_PASSWORD}`);
}
