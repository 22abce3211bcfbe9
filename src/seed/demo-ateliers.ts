/**
 * Demo ateliers mémoire (decision 020): a promotion of its own (Paris, November 2025) with twelve learners and
 * two teachers, declared wishes (a leader, a theme), a « pas ensemble » constraint between two colleagues and an
 * « ensemble » request, the leaders' themes, then a proposal solved and accepted: two groups of six.
 * Runs through the same use cases as the API (the solver inline instead of the job's worker).
 */
import { eq, max } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import { SYSTEM_ACTOR, type TAuditActor } from '../features/audit/audit.service.js';
import { users } from '../features/auth/auth.tables.js';
import { findCentres } from '../features/centres/centres.service.js';
import { addCohortLearner, createCohort } from '../features/cohorts/cohorts.service.js';
import { cohorts } from '../features/cohorts/cohorts.tables.js';
import { acceptProposal, declareLeader, declarePair, declareWish, requestProposal, runProposalJob } from '../features/memoire/ateliers/ateliers.service.js';
import { solveGrouping } from '../features/memoire/ateliers/ateliers.solver.js';
import { createUser } from '../features/users/users.service.js';
import { loadActor } from '../http/session.js';

const LEARNERS = [
  { name: 'Gaspard Groupement', email: 'gaspard.groupement@movsc.demo' },
  { name: 'Hélène Habitat', email: 'helene.habitat@movsc.demo' },
  { name: 'Inès Insertion', email: 'ines.insertion@movsc.demo' },
  { name: 'Jérôme Jardins', email: 'jerome.jardins@movsc.demo' },
  { name: 'Karima Culture', email: 'karima.culture@movsc.demo' },
  { name: 'Louis Mutuelle', email: 'louis.mutuelle@movsc.demo' },
  { name: 'Maëlle Médiation', email: 'maelle.mediation@movsc.demo' },
  { name: 'Nicolas Numérique', email: 'nicolas.numerique@movsc.demo' },
  { name: 'Océane Océan', email: 'oceane.ocean@movsc.demo' },
  { name: 'Pierre Proximité', email: 'pierre.proximite@movsc.demo' },
  { name: 'Quentin Quartier', email: 'quentin.quartier@movsc.demo' },
  { name: 'Rose Ressourcerie', email: 'rose.ressourcerie@movsc.demo' },
];

export const DEMO_ATELIER_LEADER = { name: 'Sofia Sociologue', email: 'sofia.sociologue@movsc.demo' };
export const DEMO_ATELIER_LEARNER_EMAILS = LEARNERS.map((l) => l.email);

/** The next promotion of Paris (November 2025): twelve learners, two leaders, declarations, accepted groups. */
export async function seedDemoAteliers(db: TDb, password: string, now: Date) {
  const idOf = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id;
  const [responsableId, teacherId] = await Promise.all([idOf('responsable@movsc.demo'), idOf('enseignant@movsc.demo')]);
  const paris = (await findCentres({ db })).find((c) => c.code === 'PARIS');
  if (!responsableId || !teacherId || !paris) return;
  const actor = (await loadActor(db, responsableId))!;
  const audit: TAuditActor = { userId: actor.userId, label: `${actor.name} <${actor.email}> (démo)` };
  const [{ n } = { n: 0 }] = await db.select({ n: max(cohorts.number) }).from(cohorts).where(eq(cohorts.centreId, paris.id));
  const sofia = await createUser({ db, actor: SYSTEM_ACTOR, input: { ...DEMO_ATELIER_LEADER, password, roles: ['enseignant'], centreIds: [paris.id] } });
  const cohort = await createCohort({
    db,
    now,
    actor,
    audit,
    input: {
      number: (n ?? 0) + 1,
      centreId: paris.id,
      certificationVersionCode: 'RNCP41336',
      startsOn: '2025-11-03',
      endsOn: '2027-10-29',
      capacity: 20,
      priceGrid: [],
      attendanceAlertThreshold: 80,
      staff: [
        { userId: responsableId, role: 'responsable_pedagogique' },
        { userId: teacherId, role: 'enseignant' },
        { userId: sofia.id, role: 'enseignant' },
      ],
    },
  });
  const cohortId = cohort.id;
  const ids = new Map<string, string>();
  for (const l of LEARNERS) {
    const user = await createUser({ db, actor: SYSTEM_ACTOR, input: { ...l, password, roles: ['auditeur'], centreIds: [paris.id] } });
    await addCohortLearner({ db, now, actor, audit, id: cohortId, input: { userId: user.id, funderLabel: 'OPCO Uniformation' } });
    ids.set(l.email, user.id);
  }
  const id = (email: string) => ids.get(email);

  await declareLeader({ db, actor, audit, cohortId, now, input: { leaderId: teacherId, maxGroups: 1, themes: ['Gouvernance associative', 'Projet de territoire'] } });
  await declareLeader({ db, actor, audit, cohortId, now, input: { leaderId: sofia.id, maxGroups: 1, themes: ['Économie sociale et solidaire', 'Culture'] } });
  // A learner declares his own wish; staff declare the others'.
  const gaspard = (await loadActor(db, id('gaspard.groupement@movsc.demo')!))!;
  await declareWish({ db, actor: gaspard, audit: { userId: gaspard.userId, label: `${gaspard.name} (démo)` }, cohortId, now, input: { wishedLeaderId: teacherId, wishedTheme: 'Gouvernance associative' } });
  const wishes: [string, string | null, string | null][] = [
    ['karima.culture@movsc.demo', sofia.id, 'Culture'],
    ['rose.ressourcerie@movsc.demo', sofia.id, 'Économie sociale et solidaire'],
    ['jerome.jardins@movsc.demo', null, 'Projet de territoire'],
  ];
  for (const [email, wishedLeaderId, wishedTheme] of wishes) {
    const learner = id(email);
    if (learner) await declareWish({ db, actor, audit, cohortId, now, input: { learnerId: learner, wishedLeaderId, wishedTheme } });
  }
  const pair = (a: string, b: string) => [id(a), id(b)] as const;
  const [maelle, nicolas] = pair('maelle.mediation@movsc.demo', 'nicolas.numerique@movsc.demo');
  if (maelle && nicolas) await declarePair({ db, actor, audit, cohortId, now, input: { kind: 'apart', learnerIds: [maelle, nicolas], reason: 'Collègues de la même association' } });
  const [helene, ines] = pair('helene.habitat@movsc.demo', 'ines.insertion@movsc.demo');
  if (helene && ines) await declarePair({ db, actor, audit, cohortId, now, input: { kind: 'together', learnerIds: [helene, ines], reason: null } });

  const proposal = await requestProposal({ db, actor, audit, cohortId, now, timeLimitSeconds: 30 });
  await runProposalJob({ db, proposalId: proposal.id, now: () => now, solve: (input, seconds) => solveGrouping(input, { timeLimitSeconds: seconds }) });
  await acceptProposal({ db, actor, audit, id: proposal.id, now, reason: 'Groupes de démonstration.' });
  return cohortId;
}
