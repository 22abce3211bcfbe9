import { createRouter } from '../../http/openapi.js';
import { requireActor } from '../../http/session.js';
import { authorize } from '../../policies/policies.js';
import { listAuditRoute } from './audit.routes.js';
import { findAuditEvents } from './audit.service.js';

export const auditRouter = createRouter().openapi(listAuditRoute, async (c) => {
  authorize(requireActor(c), 'audit:read');
  const query = c.req.valid('query');
  const { rows, total } = await findAuditEvents({ db: c.get('deps').db, ...query });
  const items = rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  return c.json({ items, total, page: query.page, pageSize: query.pageSize }, 200);
});
