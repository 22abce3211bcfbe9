/** Route contracts of the mémoire dashboards (decision 022). */
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonContent } from '../../../http/openapi.js';
import { MEETING_STATE_VALUES } from '../../../shared/vocabulary/followup.js';
import { MILESTONE_KIND_VALUES, MILESTONE_STATUS_VALUES } from '../../../shared/vocabulary/memoire-milestones.js';
import { THESIS_STATE_VALUES } from '../../../shared/vocabulary/memoire.js';
import { LEARNER_STATUSES } from '../../cohorts/cohorts.tables.js';

const tags = ['Mémoire'];
const ZPerson = z.object({ id: z.string(), name: z.string() });
const ZRef = z.object({ id: z.string(), name: z.string() });
const ZKind = z.enum(MILESTONE_KIND_VALUES);

const ZTeachingDashboard = z
  .object({
    today: z.string(),
    groups: z.array(z.object({ id: z.string(), number: z.number().int(), cohort: ZRef, members: z.array(ZPerson) })),
    learners: z.array(
      z.object({
        learner: ZPerson,
        cohort: ZRef,
        thesisId: z.string().nullable(),
        supervised: z.boolean(),
        /** The number of the group of theirs the learner is in; null when the teacher only supervises. */
        groupNumber: z.number().int().nullable(),
        late: z.array(z.object({ kind: ZKind, dueOn: z.string() })),
        next: z.object({ kind: ZKind, dueOn: z.string() }).nullable(),
      }),
    ),
    meetingRequests: z.array(z.object({ id: z.string(), cohortId: z.string(), learner: ZPerson, subject: z.string(), createdAt: z.string() })),
    versionsAwaitingFeedback: z.array(z.object({ id: z.string(), thesisId: z.string(), number: z.number().int().nullable(), depositedAt: z.string(), learner: ZPerson })),
  })
  .openapi('TeachingMemoireDashboard');

const ZLearnerDashboard = z
  .object({
    today: z.string(),
    cohorts: z.array(
      z.object({
        cohort: ZRef,
        enrolment: z.enum(LEARNER_STATUSES),
        thesis: z.object({ id: z.string(), state: z.enum(THESIS_STATE_VALUES), title: z.string().nullable(), supervisorName: z.string().nullable() }).nullable(),
        group: z.object({ number: z.number().int(), leader: ZPerson, members: z.array(ZPerson) }).nullable(),
        nextAtelier: z.object({ id: z.string(), title: z.string(), startsAt: z.string(), endsAt: z.string(), room: z.string().nullable() }).nullable(),
        milestones: z.array(z.object({ kind: ZKind, dueOn: z.string().nullable(), status: z.enum(MILESTONE_STATUS_VALUES), doneAt: z.string().nullable() })),
        awaiting: z.object({
          changes: z.array(z.object({ id: z.string(), thesisId: z.string(), text: z.string(), versionNumber: z.number().int().nullable(), askedAt: z.string() })),
          meetings: z.array(
            z.object({ id: z.string(), subject: z.string(), state: z.enum(MEETING_STATE_VALUES), teacherName: z.string(), counterAt: z.string().nullable(), scheduledAt: z.string().nullable() }),
          ),
        }),
      }),
    ),
  })
  .openapi('LearnerMemoireDashboard');

export const teachingDashboardRoute = createRoute({
  method: 'get',
  path: '/me/memoire/teaching',
  tags,
  summary: 'Mes ateliers et mémoires : mes groupes, les auditeur·rices que j’accompagne, retards, demandes d’entretien, versions à relire',
  responses: { 200: jsonContent(ZTeachingDashboard, 'Tableau de bord'), ...errorResponses },
});

export const learnerDashboardRoute = createRoute({
  method: 'get',
  path: '/me/memoire',
  tags,
  summary: 'Mon mémoire : ma fiche, mon groupe et mon prochain atelier, mes jalons, ce qui m’attend',
  responses: { 200: jsonContent(ZLearnerDashboard, 'Tableau de bord'), ...errorResponses },
});
