import { auditActorOf } from '../../http/actor.js';
import { createRouter } from '../../http/openapi.js';
import { requireActor } from '../../http/session.js';
import { declareConflictRoute, myConflictsRoute } from './conflicts.routes.js';
import { declareConflictOnApplication, findMyConflicts } from './conflicts.service.js';

export const conflictsRouter = createRouter()
  .openapi(declareConflictRoute, async (c) => {
    const actor = requireActor(c);
    const result = await declareConflictOnApplication({
      db: c.get('deps').db,
      actor,
      audit: auditActorOf(c),
      applicationId: c.req.valid('param').id,
      reason: c.req.valid('json').reason,
      now: c.get('deps').clock.now(),
    });
    return c.json(result, 201);
  })
  .openapi(myConflictsRoute, async (c) => c.json({ items: await findMyConflicts({ db: c.get('deps').db, actor: requireActor(c) }) }, 200));
