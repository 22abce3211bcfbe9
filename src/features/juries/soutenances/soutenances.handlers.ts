import { auditActorOf } from '../../../http/actor.js';
import { createRouter } from '../../../http/openapi.js';
import { requireActor } from '../../../http/session.js';
import { attachment } from '../../../lib/exports.js';
import {
  acceptPlanRoute,
  convocationPdfRoute,
  createSessionRoute,
  getPlanRoute,
  getSessionRoute,
  invitationIcsRoute,
  listSessionsRoute,
  moveSoutenanceRoute,
  mySoutenancesRoute,
  requestPlanRoute,
  sendConvocationsRoute,
  updateSessionRoute,
} from './soutenances.routes.js';
import {
  acceptRun,
  createSession,
  downloadConvocation,
  downloadInvitation,
  findCohortSessions,
  findMySoutenances,
  getRun,
  getSession,
  moveSoutenance,
  requestPlan,
  sendConvocations,
  updateSession,
} from './soutenances.service.js';

export const soutenancesRouter = createRouter()
  .openapi(listSessionsRoute, async (c) => c.json({ items: await findCohortSessions({ db: c.get('deps').db, actor: requireActor(c), cohortId: c.req.valid('param').id }) }, 200))
  .openapi(createSessionRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await createSession({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), cohortId: c.req.valid('param').id, input: c.req.valid('json'), now: deps.clock.now() }), 201);
  })
  .openapi(getSessionRoute, async (c) => c.json(await getSession({ db: c.get('deps').db, actor: requireActor(c), id: c.req.valid('param').id, now: c.get('deps').clock.now() }), 200))
  .openapi(updateSessionRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await updateSession({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), id: c.req.valid('param').id, input: c.req.valid('json'), now: deps.clock.now() }), 200);
  })
  .openapi(requestPlanRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await requestPlan({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), sessionId: c.req.valid('param').id, timeLimitSeconds: c.req.valid('json').timeLimitSeconds, now: deps.clock.now() }), 202);
  })
  .openapi(getPlanRoute, async (c) => c.json(await getRun({ db: c.get('deps').db, actor: requireActor(c), id: c.req.valid('param').id, now: c.get('deps').clock.now() }), 200))
  .openapi(acceptPlanRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await acceptRun({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), id: c.req.valid('param').id, now: deps.clock.now() }), 200);
  })
  .openapi(moveSoutenanceRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await moveSoutenance({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), id: c.req.valid('param').id, move: c.req.valid('json'), now: deps.clock.now() }), 200);
  })
  .openapi(sendConvocationsRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await sendConvocations({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), sessionId: c.req.valid('param').id, now: deps.clock.now() }), 200);
  })
  .openapi(convocationPdfRoute, async (c) => {
    const { pdf, fileName } = await downloadConvocation({ db: c.get('deps').db, actor: requireActor(c), id: c.req.valid('param').id, now: c.get('deps').clock.now() });
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': attachment(fileName), 'cache-control': 'private, no-store' });
  })
  .openapi(invitationIcsRoute, async (c) => {
    const { ics, fileName } = await downloadInvitation({ db: c.get('deps').db, actor: requireActor(c), id: c.req.valid('param').id, now: c.get('deps').clock.now() });
    return c.body(ics, 200, { 'content-type': 'text/calendar; charset=utf-8; method=REQUEST', 'content-disposition': attachment(fileName), 'cache-control': 'private, no-store' });
  })
  .openapi(mySoutenancesRoute, async (c) => c.json({ items: await findMySoutenances({ db: c.get('deps').db, actor: requireActor(c) }) }, 200));
