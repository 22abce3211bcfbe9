/**
 * Demo data of the mémoire's milestones (decision 022): promotion 33's due dates as its calendar proposes
 * them (with their calendar markers), and the demo learner's autobiographie raisonnée marked done.
 */
import { and, eq } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import { users } from '../features/auth/auth.tables.js';
import { calendarMarkers } from '../features/calendar/calendar-markers.tables.js';
import { residencies } from '../features/calendar/calendar.tables.js';
import { cohortLearners, cohorts } from '../features/cohorts/cohorts.tables.js';
import { proposeDueDates } from '../features/memoire/milestones/milestones.rules.js';
import { MARKER_SOURCE } from '../features/memoire/milestones/milestones.service.js';
import { learnerMilestones, thesisMilestones } from '../features/memoire/milestones/milestones.tables.js';
import { MILESTONE_KIND_LABELS, MILESTONE_KIND_VALUES } from '../shared/vocabulary/memoire-milestones.js';

export async function seedDemoMilestones(db: TDb, now: Date): Promise<void> {
  const [cohort] = await db.select().from(cohorts).where(eq(cohorts.number, 33));
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@movsc.demo'));
  if (!cohort) return;
  const existing = await db.select({ id: thesisMilestones.id }).from(thesisMilestones).where(eq(thesisMilestones.cohortId, cohort.id));
  if (existing.length) return;
  const rs = await db.select({ kind: residencies.kind, startsOn: residencies.startsOn }).from(residencies).where(eq(residencies.cohortId, cohort.id));
  const dates = proposeDueDates(rs, cohort);
  await db.transaction(async (tx) => {
    for (const kind of MILESTONE_KIND_VALUES) {
      const [row] = await tx.insert(thesisMilestones).values({ cohortId: cohort.id, kind, dueOn: dates[kind], updatedBy: admin?.id ?? 'demo', updatedAt: now }).returning();
      await tx.insert(calendarMarkers).values({
        cohortId: cohort.id,
        source: MARKER_SOURCE,
        sourceId: row!.id,
        on: dates[kind],
        title: `Mémoire : ${MILESTONE_KIND_LABELS[kind].toLowerCase()}`,
        description: `Échéance du mémoire pour la promotion ${cohort.name}.`,
        updatedAt: now,
      });
    }
    const [learner] = await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(cohortLearners, and(eq(cohortLearners.userId, users.id), eq(cohortLearners.cohortId, cohort.id)))
      .where(eq(users.email, 'auditeur@movsc.demo'));
    if (learner) await tx.insert(learnerMilestones).values({ cohortId: cohort.id, learnerId: learner.id, kind: 'autobiography', doneAt: now, doneBy: learner.id, updatedAt: now }).onConflictDoNothing();
  });
}
