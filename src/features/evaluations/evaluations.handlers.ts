import { auditActorOf } from '../../http/actor.js';
import { createRouter } from '../../http/openapi.js';
import { requireActor } from '../../http/session.js';
import { getEvaluationPlan, setBlocRule } from './evaluations-plan.service.js';
import {
  enterMarksRoute,
  getCohortMarksRoute,
  getEvaluationPlanRoute,
  getMarkHistoryRoute,
  getMyEvaluationsRoute,
  releaseMarksRoute,
  setBlocRuleRoute,
  setMarkersRoute,
} from './evaluations.routes.js';
import { enterMarks, getCohortMarks, getMarkHistory, getMyEvaluations, releaseMarks, setAssessmentMarkers } from './evaluations.service.js';

export const evaluationsRouter = createRouter()
  .openapi(getEvaluationPlanRoute, async (c) => {
    return c.json(await getEvaluationPlan({ db: c.get('deps').db, actor: requireActor(c), code: c.req.valid('param').code }), 200);
  })
  .openapi(setBlocRuleRoute, async (c) => {
    const deps = c.get('deps');
    const { code, blocCode } = c.req.valid('param');
    const { rule, reason } = c.req.valid('json');
    return c.json(await setBlocRule({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), code, blocCode, rule, reason, now: deps.clock.now() }), 200);
  })
  .openapi(getCohortMarksRoute, async (c) => {
    return c.json(await getCohortMarks({ db: c.get('deps').db, actor: requireActor(c), cohortId: c.req.valid('param').id }), 200);
  })
  .openapi(setMarkersRoute, async (c) => {
    const deps = c.get('deps');
    const { assessmentId, markers } = c.req.valid('json');
    return c.json(await setAssessmentMarkers({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), cohortId: c.req.valid('param').id, assessmentId, markers, now: deps.clock.now() }), 200);
  })
  .openapi(enterMarksRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await enterMarks({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), cohortId: c.req.valid('param').id, cells: c.req.valid('json').cells, now: deps.clock.now() }), 200);
  })
  .openapi(getMarkHistoryRoute, async (c) => {
    const { id, learnerId, assessmentId } = c.req.valid('param');
    return c.json(await getMarkHistory({ db: c.get('deps').db, actor: requireActor(c), cohortId: id, learnerId, assessmentId }), 200);
  })
  .openapi(releaseMarksRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await releaseMarks({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), cohortId: c.req.valid('param').id, assessmentId: c.req.valid('json').assessmentId, now: deps.clock.now() }), 200);
  })
  .openapi(getMyEvaluationsRoute, async (c) => {
    return c.json(await getMyEvaluations({ db: c.get('deps').db, actor: requireActor(c) }), 200);
  });
