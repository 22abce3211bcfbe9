import { createRouter } from '../../../http/openapi.js';
import { requireActor } from '../../../http/session.js';
import { enforce } from '../../../policies/decision.js';
import { canSeeLearnerDashboard, canSeeTeachingDashboard } from '../../../policies/memoire-milestones.policy.js';
import { learnerDashboardRoute, teachingDashboardRoute } from './dashboard.routes.js';
import { getLearnerDashboard, getTeachingDashboard } from './dashboard.service.js';

export const memoireDashboardRouter = createRouter()
  .openapi(teachingDashboardRoute, async (c) => {
    const actor = requireActor(c);
    enforce(canSeeTeachingDashboard(actor));
    const deps = c.get('deps');
    return c.json(await getTeachingDashboard({ db: deps.db, actor, now: deps.clock.now() }), 200);
  })
  .openapi(learnerDashboardRoute, async (c) => {
    const actor = requireActor(c);
    enforce(canSeeLearnerDashboard(actor));
    const deps = c.get('deps');
    return c.json(await getLearnerDashboard({ db: deps.db, actor, now: deps.clock.now() }), 200);
  });
