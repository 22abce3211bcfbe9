import { auditActorOf } from '../../http/actor.js';
import { createRouter } from '../../http/openapi.js';
import { requireActor } from '../../http/session.js';
import { enterJuryOralMarkRoute, getJuryCaseEvaluationsRoute } from './jury-oral.routes.js';
import { enterJuryOralMark, getJuryCaseEvaluations } from './jury-oral.service.js';

export const juryOralRouter = createRouter()
  .openapi(getJuryCaseEvaluationsRoute, async (c) => c.json(await getJuryCaseEvaluations({ db: c.get('deps').db, actor: requireActor(c), caseId: c.req.valid('param').id }), 200))
  .openapi(enterJuryOralMarkRoute, async (c) => {
    const deps = c.get('deps');
    const { assessmentId, ...input } = c.req.valid('json');
    return c.json(await enterJuryOralMark({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), caseId: c.req.valid('param').id, assessmentId, input, now: deps.clock.now() }), 200);
  });
