import { createRoute, z } from '@hono/zod-openapi';
import { idParam } from '../../http/contract.js';
import { errorResponses, jsonContent, notFoundResponse, paginated, ZPaginationQuery } from '../../http/openapi.js';

export const ZNotificationSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

const tags = ['Notifications'];

export const listNotificationsRoute = createRoute({
  method: 'get',
  path: '/notifications',
  tags,
  summary: 'Mes notifications, les plus récentes d’abord, et le nombre de non lues',
  request: {
    query: ZPaginationQuery.extend({
      unread: z
        .enum(['true', 'false'])
        .optional()
        .transform((v) => v === 'true'),
    }),
  },
  responses: { 200: jsonContent(paginated(ZNotificationSchema).extend({ unread: z.number().int() }), 'Page de notifications'), ...errorResponses },
});

export const unreadCountRoute = createRoute({
  method: 'get',
  path: '/notifications/unread-count',
  tags,
  summary: 'Le nombre de mes notifications non lues (la pastille de la cloche)',
  responses: { 200: jsonContent(z.object({ unread: z.number().int() }), 'Non lues'), ...errorResponses },
});

export const markReadRoute = createRoute({
  method: 'post',
  path: '/notifications/{id}/read',
  tags,
  summary: 'Marquer une notification comme lue',
  request: { params: idParam('de notification') },
  responses: { 200: jsonContent(ZNotificationSchema, 'Notification lue'), ...errorResponses, ...notFoundResponse },
});

export const markAllReadRoute = createRoute({
  method: 'post',
  path: '/notifications/read-all',
  tags,
  summary: 'Marquer toutes mes notifications comme lues',
  responses: { 200: jsonContent(z.object({ updated: z.number().int(), unread: z.number().int() }), 'Toutes lues'), ...errorResponses },
});
