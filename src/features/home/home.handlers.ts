import { createRouter } from '../../http/openapi.js';
import { requireActor } from '../../http/session.js';
import { dashboardRoute, searchRoute } from './home.routes.js';
import { getDashboard, globalSearch } from './home.service.js';

export const homeRouter = createRouter()
  .openapi(dashboardRoute, async (c) => c.json(await getDashboard({ db: c.get('deps').db, actor: requireActor(c), now: c.get('deps').clock.now() }), 200))
  .openapi(searchRoute, async (c) => c.json(await globalSearch({ db: c.get('deps').db, actor: requireActor(c), q: c.req.valid('query').q }), 200));
