import { auditActorOf } from '../../http/actor.js';
import { createRouter } from '../../http/openapi.js';
import { requireActor } from '../../http/session.js';
import { authorize } from '../../policies/policies.js';
import { listJobsRoute, retryJobRoute } from './jobs.routes.js';
import { findJobs, retryJob } from './jobs.service.js';

export const jobsRouter = createRouter()
  .openapi(listJobsRoute, async (c) => {
    authorize(requireActor(c), 'jobs:manage');
    const q = c.req.valid('query');
    const result = await findJobs({ db: c.get('deps').db, status: q.status, kind: q.kind, failedOnly: q.failed, page: q.page, pageSize: q.pageSize });
    return c.json({ ...result, page: q.page, pageSize: q.pageSize }, 200);
  })
  .openapi(retryJobRoute, async (c) => {
    authorize(requireActor(c), 'jobs:manage');
    return c.json(await retryJob({ db: c.get('deps').db, actor: auditActorOf(c), id: c.req.valid('param').id }), 200);
  });
