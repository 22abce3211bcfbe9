import { createRouter } from '../../http/openapi.js';
import { requireActor } from '../../http/session.js';
import { listNotificationsRoute, markAllReadRoute, markReadRoute, unreadCountRoute } from './notifications.routes.js';
import { countUnread, findNotifications, markAllNotificationsRead, markNotificationRead } from './notifications.service.js';

// Every signed-in person has their own notifications: no ability beyond being signed in.
export const notificationsRouter = createRouter()
  .openapi(listNotificationsRoute, async (c) => {
    const actor = requireActor(c);
    const q = c.req.valid('query');
    const result = await findNotifications({ db: c.get('deps').db, userId: actor.userId, unreadOnly: q.unread, page: q.page, pageSize: q.pageSize });
    return c.json({ ...result, page: q.page, pageSize: q.pageSize }, 200);
  })
  .openapi(unreadCountRoute, async (c) => {
    const actor = requireActor(c);
    return c.json({ unread: await countUnread(c.get('deps').db, actor.userId) }, 200);
  })
  .openapi(markReadRoute, async (c) => {
    const actor = requireActor(c);
    const { db, clock } = c.get('deps');
    return c.json(await markNotificationRead({ db, userId: actor.userId, id: c.req.valid('param').id, now: clock.now() }), 200);
  })
  .openapi(markAllReadRoute, async (c) => {
    const actor = requireActor(c);
    const { db, clock } = c.get('deps');
    const updated = await markAllNotificationsRead({ db, userId: actor.userId, now: clock.now() });
    return c.json({ updated, unread: await countUnread(db, actor.userId) }, 200);
  });
