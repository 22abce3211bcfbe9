import { auditActorOf } from '../../http/actor.js';
import { createRouter } from '../../http/openapi.js';
import { requireActor } from '../../http/session.js';
import { changeThesisStateRoute, createThesisRoute, getThesisRoute, listCohortThesesRoute, myThesesRoute, updateThesisRoute } from './memoire.routes.js';
import { changeThesisState, createThesis, findCohortTheses, findMyTheses, getThesis, updateThesis } from './memoire.service.js';

export const memoireRouter = createRouter()
  .openapi(listCohortThesesRoute, async (c) => {
    const actor = requireActor(c);
    return c.json({ items: await findCohortTheses({ db: c.get('deps').db, actor, cohortId: c.req.valid('param').id }) }, 200);
  })
  .openapi(myThesesRoute, async (c) => {
    const actor = requireActor(c);
    return c.json({ items: await findMyTheses({ db: c.get('deps').db, actor }) }, 200);
  })
  .openapi(createThesisRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await createThesis({ db: deps.db, actor, audit: auditActorOf(c), cohortId: c.req.valid('param').id, input: c.req.valid('json'), now: deps.clock.now() }), 201);
  })
  .openapi(getThesisRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await getThesis({ db: c.get('deps').db, actor, id: c.req.valid('param').id }), 200);
  })
  .openapi(updateThesisRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await updateThesis({ db: deps.db, actor, audit: auditActorOf(c), id: c.req.valid('param').id, input: c.req.valid('json'), now: deps.clock.now() }), 200);
  })
  .openapi(changeThesisStateRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const { state, note } = c.req.valid('json');
    return c.json(await changeThesisState({ db: deps.db, actor, audit: auditActorOf(c), id: c.req.valid('param').id, state, note, now: deps.clock.now() }), 200);
  });
