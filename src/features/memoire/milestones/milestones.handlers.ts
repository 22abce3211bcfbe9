import { auditActorOf } from '../../../http/actor.js';
import { createRouter } from '../../../http/openapi.js';
import { requireActor } from '../../../http/session.js';
import { adjustLearnerDueDateRoute, getCohortMilestonesRoute, markMilestoneRoute, setCohortMilestonesRoute } from './milestones.routes.js';
import { adjustLearnerDueDate, getCohortMilestones, markMilestone, setCohortMilestones } from './milestones.service.js';

export const milestonesRouter = createRouter()
  .openapi(getCohortMilestonesRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await getCohortMilestones({ db: deps.db, actor, cohortId: c.req.valid('param').id, now: deps.clock.now() }), 200);
  })
  .openapi(setCohortMilestonesRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await setCohortMilestones({ db: deps.db, actor, audit: auditActorOf(c), cohortId: c.req.valid('param').id, items: c.req.valid('json').items, now: deps.clock.now() }), 200);
  })
  .openapi(markMilestoneRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const { id, learnerId } = c.req.valid('param');
    const { kind, done } = c.req.valid('json');
    return c.json(await markMilestone({ db: deps.db, actor, audit: auditActorOf(c), cohortId: id, learnerId, kind, done, now: deps.clock.now() }), 200);
  })
  .openapi(adjustLearnerDueDateRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const { id, learnerId } = c.req.valid('param');
    const { kind, dueOn } = c.req.valid('json');
    return c.json(await adjustLearnerDueDate({ db: deps.db, actor, audit: auditActorOf(c), cohortId: id, learnerId, kind, dueOn, now: deps.clock.now() }), 200);
  });
