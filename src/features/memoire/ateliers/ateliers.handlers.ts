import { auditActorOf } from '../../../http/actor.js';
import { createRouter } from '../../../http/openapi.js';
import { requireActor } from '../../../http/session.js';
import {
  acceptProposalRoute,
  declareLeaderRoute,
  declarePairRoute,
  declareWishRoute,
  getAteliersRoute,
  getDeclarationsRoute,
  getProposalRoute,
  listChangesRoute,
  listProposalsRoute,
  moveLearnerRoute,
  previewMoveRoute,
  requestProposalRoute,
  withdrawPairRoute,
} from './ateliers.routes.js';
import {
  acceptProposal,
  declareLeader,
  declarePair,
  declareWish,
  getAteliers,
  getDeclarations,
  getProposal,
  listChanges,
  listProposals,
  moveLearner,
  previewMove,
  requestProposal,
  withdrawPair,
} from './ateliers.service.js';

export const ateliersRouter = createRouter()
  .openapi(getAteliersRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await getAteliers({ db: c.get('deps').db, actor, cohortId: c.req.valid('param').id }), 200);
  })
  .openapi(getDeclarationsRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await getDeclarations({ db: c.get('deps').db, actor, cohortId: c.req.valid('param').id }), 200);
  })
  .openapi(declareWishRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await declareWish({ db: deps.db, actor, audit: auditActorOf(c), cohortId: c.req.valid('param').id, now: deps.clock.now(), input: c.req.valid('json') }), 200);
  })
  .openapi(declarePairRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await declarePair({ db: deps.db, actor, audit: auditActorOf(c), cohortId: c.req.valid('param').id, now: deps.clock.now(), input: c.req.valid('json') }), 201);
  })
  .openapi(withdrawPairRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await withdrawPair({ db: c.get('deps').db, actor, audit: auditActorOf(c), id: c.req.valid('param').id }), 200);
  })
  .openapi(declareLeaderRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await declareLeader({ db: deps.db, actor, audit: auditActorOf(c), cohortId: c.req.valid('param').id, now: deps.clock.now(), input: c.req.valid('json') }), 200);
  })
  .openapi(requestProposalRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const { timeLimitSeconds } = c.req.valid('json');
    return c.json(await requestProposal({ db: deps.db, actor, audit: auditActorOf(c), cohortId: c.req.valid('param').id, now: deps.clock.now(), timeLimitSeconds }), 202);
  })
  .openapi(listProposalsRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await listProposals({ db: c.get('deps').db, actor, cohortId: c.req.valid('param').id, ...c.req.valid('query') }), 200);
  })
  .openapi(getProposalRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await getProposal({ db: deps.db, actor, id: c.req.valid('param').id, now: deps.clock.now() }), 200);
  })
  .openapi(acceptProposalRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await acceptProposal({ db: deps.db, actor, audit: auditActorOf(c), id: c.req.valid('param').id, now: deps.clock.now(), reason: c.req.valid('json').reason }), 200);
  })
  .openapi(previewMoveRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await previewMove({ db: c.get('deps').db, actor, cohortId: c.req.valid('param').id, ...c.req.valid('query') }), 200);
  })
  .openapi(moveLearnerRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await moveLearner({ db: deps.db, actor, audit: auditActorOf(c), cohortId: c.req.valid('param').id, now: deps.clock.now(), input: c.req.valid('json') }), 200);
  })
  .openapi(listChangesRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await listChanges({ db: c.get('deps').db, actor, cohortId: c.req.valid('param').id, ...c.req.valid('query') }), 200);
  });
