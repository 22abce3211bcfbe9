import { auditActorOf } from '../../http/actor.js';
import { createRouter } from '../../http/openapi.js';
import { requireActor } from '../../http/session.js';
import { admissionCohortsRoute, promoteRoute, registrationRoute, waitingListRoute } from './registration.routes.js';
import { findAdmissionCohorts, findWaitingList, promoteFromWaitingList, submitRegistration } from './registration.service.js';

export const registrationRouter = createRouter()
  .openapi(registrationRoute, async (c) => {
    const viewer = requireActor(c);
    return c.json(await submitRegistration({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor: auditActorOf(c), viewer, id: c.req.valid('param').id, form: c.req.valid('json') }), 200);
  })
  .openapi(admissionCohortsRoute, async (c) => {
    const viewer = requireActor(c);
    return c.json({ items: await findAdmissionCohorts({ db: c.get('deps').db, viewer }) }, 200);
  })
  .openapi(waitingListRoute, async (c) => {
    const viewer = requireActor(c);
    return c.json(await findWaitingList({ db: c.get('deps').db, viewer, cohortId: c.req.valid('param').cohortId }), 200);
  })
  .openapi(promoteRoute, async (c) => {
    const viewer = requireActor(c);
    return c.json(await promoteFromWaitingList({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor: auditActorOf(c), viewer, cohortId: c.req.valid('param').cohortId }), 200);
  });
