import { auditActorOf } from '../../http/actor.js';
import { createRouter } from '../../http/openapi.js';
import { requireActor } from '../../http/session.js';
import { authorize } from '../../policies/policies.js';
import { createCentreRoute, listCentresRoute, updateCentreRoute } from './centres.routes.js';
import { createCentre, findCentres, updateCentre } from './centres.service.js';

export const centresRouter = createRouter()
  .openapi(listCentresRoute, async (c) => {
    authorize(requireActor(c), 'centres:read');
    return c.json({ items: await findCentres({ db: c.get('deps').db }) }, 200);
  })
  .openapi(createCentreRoute, async (c) => {
    authorize(requireActor(c), 'centres:manage');
    return c.json(await createCentre({ db: c.get('deps').db, actor: auditActorOf(c), input: c.req.valid('json') }), 201);
  })
  .openapi(updateCentreRoute, async (c) => {
    authorize(requireActor(c), 'centres:manage');
    const centre = await updateCentre({
      db: c.get('deps').db,
      actor: auditActorOf(c),
      id: c.req.valid('param').id,
      patch: c.req.valid('json'),
      now: c.get('deps').clock.now(),
    });
    return c.json(centre, 200);
  });
