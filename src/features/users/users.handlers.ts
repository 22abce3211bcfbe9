import { inArray } from 'drizzle-orm';
import { createRouter } from '../../http/openapi.js';
import { auditActorOf } from '../../http/actor.js';
import { requireActor } from '../../http/session.js';
import { abilitiesOf, authorize } from '../../policies/policies.js';
import { ROLE_LABELS } from '../../shared/vocabulary/roles.js';
import { centres } from '../centres/centres.tables.js';
import type { TDb } from '../../db/client.js';
import type { TActor } from '../../policies/policies.js';
import { createUserRoute, getUserRoute, listUsersRoute, meRoute, updateMeRoute, updateUserRoute } from './users.routes.js';
import { createUser, findUsers, getUser, updateOwnName, updateUser } from './users.service.js';

async function presentMe(db: TDb, actor: TActor) {
  const rows = actor.centreIds.length
    ? await db.select({ id: centres.id, code: centres.code, name: centres.name }).from(centres).where(inArray(centres.id, actor.centreIds))
    : [];
  return {
    user: { id: actor.userId, name: actor.name, email: actor.email },
    roles: actor.roles.map((role) => ({ role, label: ROLE_LABELS[role] })),
    centres: rows,
    abilities: abilitiesOf(actor),
  };
}

export const usersRouter = createRouter()
  .openapi(meRoute, async (c) => c.json(await presentMe(c.get('deps').db, requireActor(c)), 200))
  .openapi(updateMeRoute, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const name = await updateOwnName({ db, actor: auditActorOf(c), userId: actor.userId, name: c.req.valid('json').name });
    return c.json(await presentMe(db, { ...actor, name }), 200);
  })
  .openapi(listUsersRoute, async (c) => {
    authorize(requireActor(c), 'users:manage');
    const query = c.req.valid('query');
    const result = await findUsers({ db: c.get('deps').db, ...query });
    return c.json({ ...result, page: query.page, pageSize: query.pageSize }, 200);
  })
  .openapi(createUserRoute, async (c) => {
    authorize(requireActor(c), 'users:manage');
    const user = await createUser({ db: c.get('deps').db, actor: auditActorOf(c), input: c.req.valid('json') });
    return c.json(user, 201);
  })
  .openapi(getUserRoute, async (c) => {
    authorize(requireActor(c), 'users:manage');
    return c.json(await getUser({ db: c.get('deps').db, id: c.req.valid('param').id }), 200);
  })
  .openapi(updateUserRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await updateUser({ db: c.get('deps').db, actor: auditActorOf(c), viewer: requireActor(c), id, patch: c.req.valid('json') }), 200);
  });
