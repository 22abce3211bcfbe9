/** Route contracts of the mémoire's milestones (decision 022): a promotion's due dates, each learner's progress. */
import { createRoute, z } from '@hono/zod-openapi';
import { idParam, ZIsoDate, ZUserId, ZUuid } from '../../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../../http/openapi.js';
import { MILESTONE_KIND_VALUES, MILESTONE_STATUS_VALUES } from '../../../shared/vocabulary/memoire-milestones.js';
import { LEARNER_STATUSES } from '../../cohorts/cohorts.tables.js';

const tags = ['Mémoire'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export const ZMilestoneKind = z.enum(MILESTONE_KIND_VALUES, 'Jalon inconnu (autobiography, question, plan, chapters, full_draft, final_deposit).');
const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZLearnerMilestone = z
  .object({
    kind: ZMilestoneKind,
    /** The learner's own due date if the team set one, else the promotion's; null when none is set. */
    dueOn: z.string().nullable(),
    ownDueOn: z.string().nullable(),
    status: z.enum(MILESTONE_STATUS_VALUES),
    doneAt: z.string().nullable(),
    doneBy: ZPerson.nullable(),
    /** Whether this person may mark it done or back to do (the final deposit: never by hand). */
    canMark: z.boolean(),
  })
  .openapi('LearnerMilestone');

export const ZLearnerProgress = z
  .object({ learner: ZPerson, enrolment: z.enum(LEARNER_STATUSES), thesisId: z.string().nullable(), milestones: z.array(ZLearnerMilestone) })
  .openapi('LearnerMilestoneProgress');

const ZCohortMilestones = z
  .object({
    cohortId: z.string(),
    /** The clock's day in Paris, against which « late » is read. */
    today: z.string(),
    promotion: z.object({ startsOn: z.string(), endsOn: z.string() }),
    items: z.array(z.object({ kind: ZMilestoneKind, label: z.string(), dueOn: z.string().nullable(), proposedOn: z.string() })),
    /** All the learners for the promotion's team; those one leads or supervises for a teacher; oneself for a learner. */
    learners: z.array(ZLearnerProgress),
    permissions: z.object({ setDueDates: z.boolean() }),
  })
  .openapi('CohortMilestones');

const learnerParams = z.object({
  id: ZUuid('de promotion'),
  learnerId: ZUserId('Identifiant d’auditeur·rice invalide.'),
});

export const getCohortMilestonesRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/milestones',
  tags,
  summary: 'Les jalons du mémoire d’une promotion : échéances (et celles que son calendrier suggère), avancement des auditeur·rices que l’on suit',
  request: { params: idParam('de promotion') },
  responses: { 200: jsonContent(ZCohortMilestones, 'Jalons'), ...errorResponses, ...notFoundResponse },
});

export const setCohortMilestonesRoute = createRoute({
  method: 'put',
  path: '/cohorts/{id}/milestones',
  tags,
  summary: 'Fixer (ou retirer, avec null) les échéances des jalons de la promotion ; elles paraissent dans son calendrier',
  request: {
    params: idParam('de promotion'),
    ...body(z.strictObject({ items: z.array(z.strictObject({ kind: ZMilestoneKind, dueOn: ZIsoDate.nullable() })).min(1, 'Donnez au moins un jalon.').max(MILESTONE_KIND_VALUES.length, 'Six jalons au plus.') })),
  },
  responses: { 200: jsonContent(ZCohortMilestones, 'Jalons'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const markMilestoneRoute = createRoute({
  method: 'put',
  path: '/cohorts/{id}/milestones/learners/{learnerId}/done',
  tags,
  summary: 'Marquer un jalon fait (daté, attribué) ou de nouveau à faire : l’auditeur·rice, son·sa responsable d’atelier ou directeur·rice, l’équipe',
  request: { params: learnerParams, ...body(z.strictObject({ kind: ZMilestoneKind, done: z.boolean({ message: 'Indiquez done : true ou false.' }) })) },
  responses: { 200: jsonContent(ZLearnerProgress, 'Avancement'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const adjustLearnerDueDateRoute = createRoute({
  method: 'put',
  path: '/cohorts/{id}/milestones/learners/{learnerId}/due',
  tags,
  summary: 'Donner à un·e auditeur·rice une échéance propre pour un jalon (null : celle de la promotion)',
  request: { params: learnerParams, ...body(z.strictObject({ kind: ZMilestoneKind, dueOn: ZIsoDate.nullable() })) },
  responses: { 200: jsonContent(ZLearnerProgress, 'Avancement'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});
