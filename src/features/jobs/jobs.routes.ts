import { createRoute, z } from '@hono/zod-openapi';
import { idParam } from '../../http/contract.js';
import { errorResponses, jsonContent, notFoundResponse, paginated, ZPaginationQuery } from '../../http/openapi.js';
import { JOB_STATUS_VALUES } from '../../shared/vocabulary/jobs.js';

const ZJobStatus = z.enum(JOB_STATUS_VALUES).openapi('JobStatus');

export const ZJobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    kindLabel: z.string(),
    status: ZJobStatus,
    statusLabel: z.string(),
    summary: z.string(),
    runAt: z.string().nullable(),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    lastError: z.string().nullable(),
    lockedBy: z.string().nullable(),
    lockedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    createdAt: z.string(),
    canRetry: z.boolean(),
  })
  .openapi('Job');

const ZJobList = paginated(ZJobSchema).extend({
  counts: z.record(ZJobStatus, z.number().int()),
  kinds: z.array(z.object({ kind: z.string(), label: z.string() })),
});

const tags = ['Tâches de fond'];

export const listJobsRoute = createRoute({
  method: 'get',
  path: '/admin/jobs',
  tags,
  summary: 'Les tâches de fond (envois de courriels, calculs), filtrées par état et par type',
  request: {
    query: ZPaginationQuery.extend({
      status: ZJobStatus.optional(),
      kind: z.string().trim().max(60).optional(),
      failed: z
        .enum(['true', 'false'])
        .optional()
        .transform((v) => v === 'true')
        .openapi({ description: 'Seulement les tâches qui ont échoué au moins une fois' }),
    }),
  },
  responses: { 200: jsonContent(ZJobList, 'Page de tâches'), ...errorResponses },
});

export const retryJobRoute = createRoute({
  method: 'post',
  path: '/admin/jobs/{id}/retry',
  tags,
  summary: 'Relancer une tâche en échec ou abandonnée (ses tentatives repartent de zéro)',
  request: { params: idParam('de tâche') },
  responses: {
    200: jsonContent(ZJobSchema, 'Tâche remise en attente'),
    409: jsonContent(z.object({ message: z.string() }), 'La tâche n’a pas échoué'),
    ...errorResponses,
    ...notFoundResponse,
  },
});
