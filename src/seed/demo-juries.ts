/**
 * Demo data of juries (decision 026): the demo teacher and responsable listed as Cnam teachers (the
 * responsable standing for the title's responsable pédagogique), the demo jury member as a professional,
 * and a jury of promotion 33 for June's soutenances with the three of them and the demo learner's file —
 * not constituted: a second professional is missing, as the jury's screen says.
 */
import { eq } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import { users } from '../features/auth/auth.tables.js';
import { cohorts } from '../features/cohorts/cohorts.tables.js';
import { juries, juryCases, juryMembers, jurySeats } from '../features/juries/juries.tables.js';

export async function seedDemoJuries(db: TDb, now: Date): Promise<void> {
  const idOf = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id;
  const [teacherId, responsableId, juryId, learnerId] = [await idOf('enseignant@movsc.demo'), await idOf('responsable@movsc.demo'), await idOf('jury@movsc.demo'), await idOf('auditeur@movsc.demo')];
  const [cohort] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.number, 33));
  if (!teacherId || !responsableId || !juryId || !learnerId || !cohort) return;
  const [already] = await db.select({ id: juries.id }).from(juries).where(eq(juries.cohortId, cohort.id)).limit(1);
  if (already) return;
  await db.transaction(async (tx) => {
    const at = { createdAt: now, createdBy: responsableId, updatedAt: now };
    await tx
      .insert(juryMembers)
      .values([
        { userId: teacherId, kind: 'cnam_teacher', organisation: 'Cnam', ...at },
        { userId: responsableId, kind: 'cnam_teacher', organisation: 'Cnam', representsResponsable: true, ...at },
        { userId: juryId, kind: 'professional', organisation: 'Fédération des centres sociaux', ...at },
      ])
      .onConflictDoNothing();
    const [jury] = await tx.insert(juries).values({ cohortId: cohort.id, label: 'Soutenances de juin 2026', route: 'training', supervisorRule: 'may_sit', ...at }).returning();
    await tx.insert(jurySeats).values([
      { juryId: jury!.id, userId: responsableId, kind: 'cnam_teacher', representsResponsable: true, president: true, addedAt: now },
      { juryId: jury!.id, userId: teacherId, kind: 'cnam_teacher', addedAt: now },
      { juryId: jury!.id, userId: juryId, kind: 'professional', addedAt: now },
    ]);
    await tx.insert(juryCases).values({ juryId: jury!.id, learnerId, addedAt: now });
  });
}
