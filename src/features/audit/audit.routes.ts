import { createRoute, z } from '@hono/zod-openapi';
import { ZIsoDate } from '../../http/contract.js';
import { errorResponses, jsonContent, paginated, ZPaginationQuery } from '../../http/openapi.js';

export const ZAuditEventSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
  })
  .openapi('AuditEvent');

const date = ZIsoDate;

export const listAuditRoute = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['Journal'],
  summary: "Journal d'audit (toutes les écritures)",
  request: {
    query: ZPaginationQuery.extend({
      q: z.string().trim().max(100).optional(),
      entityType: z.string().trim().max(50).optional(),
      actorId: z.string().optional(),
      from: date.optional(),
      to: date.optional(),
    }),
  },
  responses: { 200: jsonContent(paginated(ZAuditEventSchema), "Page du journal"), ...errorResponses },
});
