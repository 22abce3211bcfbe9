import { createRouter } from '../../http/openapi.js';
import { requireActor } from '../../http/session.js';
import { authorize } from '../../policies/policies.js';
import { recordsIntegrityRoute } from './records.routes.js';
import { verifyRecords } from './records.service.js';

/** The administrator checks the registers from the audit page; the same walk as the CLI command. */
export const recordsRouter = createRouter().openapi(recordsIntegrityRoute, async (c) => {
  authorize(requireActor(c), 'audit:read');
  const { db, clock } = c.get('deps');
  const { records, breaks, chains } = await verifyRecords({ db });
  // The heads (one per file) are for the command's --save-heads, not for the page.
  return c.json({ checkedAt: clock.now().toISOString(), records, breaks, chains }, 200);
});
