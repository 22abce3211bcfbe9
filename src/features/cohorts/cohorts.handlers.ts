import { createRouter } from '../../http/openapi.js';
import { auditActorOf } from '../../http/actor.js';
import { requireActor } from '../../http/session.js';
import {
  addCohortLearnerRoute,
  createCohortRoute,
  getCohortRoute,
  learnerCandidatesRoute,
  listCohortLearnersRoute,
  listCohortsRoute,
  nextCohortNumberRoute,
  staffCandidatesRoute,
  updateCohortRoute,
} from './cohorts.routes.js';
import {
  addCohortLearner,
  createCohort,
  findCohortLearners,
  findCohorts,
  findLearnerCandidates,
  findNextCohortNumber,
  findStaffCandidates,
  getCohort,
  updateCohort,
} from './cohorts.service.js';

export const cohortsRouter = createRouter()
  .openapi(listCohortsRoute, async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid('query');
    const result = await findCohorts({ db: c.get('deps').db, actor, ...query });
    return c.json({ ...result, page: query.page, pageSize: query.pageSize }, 200);
  })
  .openapi(staffCandidatesRoute, async (c) => {
    const actor = requireActor(c);
    const { centreId } = c.req.valid('query');
    return c.json({ items: await findStaffCandidates({ db: c.get('deps').db, actor, centreId }) }, 200);
  })
  .openapi(nextCohortNumberRoute, async (c) => {
    const actor = requireActor(c);
    return c.json({ number: await findNextCohortNumber({ db: c.get('deps').db, actor, centreId: c.req.valid('query').centreId }) }, 200);
  })
  .openapi(createCohortRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await createCohort({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor, audit: auditActorOf(c), input: c.req.valid('json') }), 201);
  })
  .openapi(getCohortRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await getCohort({ db: c.get('deps').db, actor, id: c.req.valid('param').id }), 200);
  })
  .openapi(updateCohortRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await updateCohort({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor, audit: auditActorOf(c), id: c.req.valid('param').id, patch: c.req.valid('json') }), 200);
  })
  .openapi(listCohortLearnersRoute, async (c) => {
    const actor = requireActor(c);
    return c.json({ items: await findCohortLearners({ db: c.get('deps').db, actor, id: c.req.valid('param').id }) }, 200);
  })
  .openapi(addCohortLearnerRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await addCohortLearner({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor, audit: auditActorOf(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 201);
  })
  .openapi(learnerCandidatesRoute, async (c) => {
    const actor = requireActor(c);
    return c.json({ items: await findLearnerCandidates({ db: c.get('deps').db, actor, id: c.req.valid('param').id }) }, 200);
  });
