import { auditActorOf } from '../../http/actor.js';
import { createRouter } from '../../http/openapi.js';
import { requireActor } from '../../http/session.js';
import {
  addCaseRoute,
  addSeatRoute,
  constituteJuryRoute,
  createJuryRoute,
  declareConflictRoute,
  downloadJuryCaseMemoireRoute,
  getJuryCaseRoute,
  getJuryRoute,
  inviteJuryMemberRoute,
  listCohortJuriesRoute,
  listJuryMembersRoute,
  myJuriesRoute,
  putJuryMemberRoute,
  removeCaseRoute,
  removeSeatRoute,
  updateJuryRoute,
} from './juries.routes.js';
import {
  addCase,
  addSeat,
  constituteJury,
  createJury,
  declareMemberConflict,
  downloadJuryCaseMemoire,
  findCohortJuries,
  findJuryMembers,
  findMyJuries,
  getJury,
  getJuryCase,
  inviteJuryMember,
  removeCase,
  removeSeat,
  updateJury,
  upsertJuryMember,
} from './juries.service.js';

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
const contentDisposition = (fileName: string) =>
  `attachment; filename="${fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export const juriesRouter = createRouter()
  .openapi(listJuryMembersRoute, async (c) => c.json({ items: await findJuryMembers({ db: c.get('deps').db, actor: requireActor(c) }) }, 200))
  .openapi(putJuryMemberRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await upsertJuryMember({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), userId: c.req.valid('param').id, input: c.req.valid('json'), now: deps.clock.now() }), 200);
  })
  .openapi(inviteJuryMemberRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await inviteJuryMember({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), input: { ...c.req.valid('json'), representsResponsable: false }, now: deps.clock.now() }), 201);
  })
  .openapi(listCohortJuriesRoute, async (c) => c.json({ items: await findCohortJuries({ db: c.get('deps').db, actor: requireActor(c), cohortId: c.req.valid('param').id }) }, 200))
  .openapi(createJuryRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await createJury({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), cohortId: c.req.valid('param').id, input: c.req.valid('json'), now: deps.clock.now() }), 201);
  })
  .openapi(getJuryRoute, async (c) => c.json(await getJury({ db: c.get('deps').db, actor: requireActor(c), id: c.req.valid('param').id }), 200))
  .openapi(updateJuryRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await updateJury({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), id: c.req.valid('param').id, patch: c.req.valid('json'), now: deps.clock.now() }), 200);
  })
  .openapi(addSeatRoute, async (c) => {
    const deps = c.get('deps');
    const { userId, president } = c.req.valid('json');
    return c.json(await addSeat({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), juryId: c.req.valid('param').id, userId, president, now: deps.clock.now() }), 200);
  })
  .openapi(removeSeatRoute, async (c) => {
    const deps = c.get('deps');
    const { id, userId } = c.req.valid('param');
    return c.json(await removeSeat({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), juryId: id, userId, now: deps.clock.now() }), 200);
  })
  .openapi(addCaseRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await addCase({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), juryId: c.req.valid('param').id, learnerId: c.req.valid('json').learnerId, now: deps.clock.now() }), 200);
  })
  .openapi(removeCaseRoute, async (c) => {
    const deps = c.get('deps');
    const { id, learnerId } = c.req.valid('param');
    return c.json(await removeCase({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), juryId: id, learnerId, now: deps.clock.now() }), 200);
  })
  .openapi(declareConflictRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await declareMemberConflict({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), juryId: c.req.valid('param').id, ...c.req.valid('json'), now: deps.clock.now() }), 200);
  })
  .openapi(constituteJuryRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await constituteJury({ db: deps.db, actor: requireActor(c), audit: auditActorOf(c), id: c.req.valid('param').id, now: deps.clock.now() }), 200);
  })
  .openapi(myJuriesRoute, async (c) => c.json({ items: await findMyJuries({ db: c.get('deps').db, actor: requireActor(c) }) }, 200))
  .openapi(getJuryCaseRoute, async (c) => c.json(await getJuryCase({ db: c.get('deps').db, actor: requireActor(c), caseId: c.req.valid('param').id }), 200))
  .openapi(downloadJuryCaseMemoireRoute, async (c) => {
    const file = await downloadJuryCaseMemoire({ db: c.get('deps').db, actor: requireActor(c), caseId: c.req.valid('param').id });
    return new Response(file.body, {
      status: 200,
      headers: {
        'content-type': file.contentType,
        'content-length': String(file.sizeBytes),
        'content-disposition': contentDisposition(file.fileName),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      },
    }) as never;
  });
