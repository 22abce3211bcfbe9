/**
 * Demo data of individual follow-up and the learner's workspace (decision 023): for the demo learner of
 * promotion 33 and the demo teacher who supervises them, a meeting held a month ago (a shared and a
 * private note), one accepted for next week, one request awaiting the teacher's answer; three journal
 * entries (one shared and read, one shared, one private) and three months of time logged.
 */
import { and, eq } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import { users } from '../features/auth/auth.tables.js';
import { cohortLearners, cohorts } from '../features/cohorts/cohorts.tables.js';
import { mentoringMeetingEvents, mentoringMeetings, mentoringNotes } from '../features/memoire/followup/followup.tables.js';
import { journalEntries, thesisTimeLogs } from '../features/memoire/journal/journal.tables.js';
import { todayInParis } from '../lib/dates.js';

const DAY = 24 * 3600_000;

export async function seedDemoFollowup(db: TDb, now: Date) {
  const idOf = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id;
  const [learnerId, teacherId] = [await idOf('auditeur@movsc.demo'), await idOf('enseignant@movsc.demo')];
  const [cohort] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.number, 33));
  if (!learnerId || !teacherId || !cohort) return;
  const [enrolled] = await db.select({ id: cohortLearners.id }).from(cohortLearners).where(and(eq(cohortLearners.cohortId, cohort.id), eq(cohortLearners.userId, learnerId)));
  if (!enrolled) return;
  const [already] = await db.select({ id: mentoringMeetings.id }).from(mentoringMeetings).where(eq(mentoringMeetings.learnerId, learnerId)).limit(1);
  if (already) return;
  const at = (days: number, hour = 9) => {
    const d = new Date(now.getTime() + days * DAY);
    d.setUTCHours(hour, 0, 0, 0);
    return d;
  };
  const learner = { actorId: learnerId, actorLabel: 'Aurélie Auditrice (démo)' };
  const teacher = { actorId: teacherId, actorLabel: 'Estelle Enseignante (démo)' };
  await db.transaction(async (tx) => {
    const base = { cohortId: cohort.id, learnerId, teacherId };
    const [held, accepted, requested] = await tx
      .insert(mentoringMeetings)
      .values([
        { ...base, subject: 'Resserrer la question de recherche', mode: 'video', proposedTimes: [at(-30).toISOString()], state: 'held', scheduledAt: at(-30), heldAt: at(-30), durationMinutes: 50, heldMode: 'video', createdAt: at(-35), updatedAt: at(-30, 11) },
        { ...base, subject: 'Grille d’entretien pour le diagnostic', mode: 'phone', proposedTimes: [at(6, 13).toISOString(), at(7).toISOString()], state: 'accepted', scheduledAt: at(6, 13), createdAt: at(-3), updatedAt: at(-2) },
        { ...base, subject: 'Plan du chapitre 2', mode: 'on_site', proposedTimes: [at(12).toISOString(), at(13, 14).toISOString()], state: 'requested', createdAt: at(-1), updatedAt: at(-1) },
      ])
      .returning();
    await tx.insert(mentoringMeetingEvents).values([
      { meetingId: held!.id, at: at(-35), ...learner, action: null, fromState: null, toState: 'requested', detail: null },
      { meetingId: held!.id, at: at(-34), ...teacher, action: 'accept', fromState: 'requested', toState: 'accepted', detail: null },
      { meetingId: held!.id, at: at(-30, 11), ...teacher, action: 'hold', fromState: 'accepted', toState: 'held', detail: '50 min' },
      { meetingId: accepted!.id, at: at(-3), ...learner, action: null, fromState: null, toState: 'requested', detail: null },
      { meetingId: accepted!.id, at: at(-2), ...teacher, action: 'accept', fromState: 'requested', toState: 'accepted', detail: null },
      { meetingId: requested!.id, at: at(-1), ...learner, action: null, fromState: null, toState: 'requested', detail: null },
    ]);
    await tx.insert(mentoringNotes).values([
      { meetingId: held!.id, authorId: teacherId, visibility: 'shared', body: 'Question resserrée sur la transformation en SCIC. À lire : Desroche, Draperi. Prochaine étape : grille d’entretien.', createdAt: at(-30, 11) },
      { meetingId: held!.id, authorId: teacherId, visibility: 'private', body: 'Fatigue visible ; proposer un point court avant le prochain regroupement.', createdAt: at(-30, 11) },
    ]);
    await tx.insert(journalEntries).values([
      { cohortId: cohort.id, learnerId, title: 'D’où je viens', body: 'Vingt ans d’animation socioculturelle, puis la direction d’une petite association de quartier…', sharedAt: at(-40), readAt: at(-38), createdAt: at(-45), updatedAt: at(-40) },
      { cohortId: cohort.id, learnerId, title: 'Le tournant coopératif', body: 'Ce que la rencontre avec la SCOP Les Ateliers a changé dans ma manière de voir la gouvernance.', sharedAt: at(-5), createdAt: at(-6), updatedAt: at(-5) },
      { cohortId: cohort.id, learnerId, title: 'Doutes', body: 'Notes pour moi seule : ai-je choisi le bon terrain ?', createdAt: at(-2), updatedAt: at(-2) },
    ]);
    const day = (d: number) => todayInParis(new Date(now.getTime() + d * DAY));
    await tx.insert(thesisTimeLogs).values(
      [
        [-75, 420, 'Lectures : économie sociale et solidaire'],
        [-70, 240, 'Entretien exploratoire avec la gérante'],
        [-45, 420, 'Autobiographie raisonnée : première version'],
        [-40, 420, 'Lectures : gouvernance coopérative'],
        [-33, 300, 'Plan détaillé'],
        [-12, 420, 'Diagnostic : analyse des statuts'],
        [-4, 180, 'Grille d’entretien'],
      ].map(([d, minutes, activity]) => ({ cohortId: cohort.id, learnerId, workedOn: day(d as number), minutes: minutes as number, activity: activity as string, createdAt: now })),
    );
  });
}
