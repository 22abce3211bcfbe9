import { auditActorOf } from '../../../http/actor.js';
import { createRouter } from '../../../http/openapi.js';
import { requireActor } from '../../../http/session.js';
import {
  createJournalEntryRoute,
  createTimeLogRoute,
  deleteJournalEntryRoute,
  deleteTimeLogRoute,
  myJournalRoute,
  myTimeLogRoute,
  shareJournalEntryRoute,
  updateJournalEntryRoute,
} from './journal.routes.js';
import { createJournalEntry, createTimeLog, deleteJournalEntry, deleteTimeLog, findMyJournal, findMyTimeLog, shareJournalEntry, updateJournalEntry } from './journal.service.js';

export const journalRouter = createRouter()
  .openapi(myJournalRoute, async (c) => {
    const actor = requireActor(c);
    return c.json({ items: await findMyJournal({ db: c.get('deps').db, actor }) }, 200);
  })
  .openapi(createJournalEntryRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await createJournalEntry({ db: deps.db, actor, audit: auditActorOf(c), cohortId: c.req.valid('param').id, input: c.req.valid('json'), now: deps.clock.now() }), 201);
  })
  .openapi(updateJournalEntryRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await updateJournalEntry({ db: deps.db, actor, audit: auditActorOf(c), id: c.req.valid('param').id, input: c.req.valid('json'), now: deps.clock.now() }), 200);
  })
  .openapi(shareJournalEntryRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await shareJournalEntry({ db: deps.db, actor, audit: auditActorOf(c), id: c.req.valid('param').id, shared: c.req.valid('json').shared, now: deps.clock.now() }), 200);
  })
  .openapi(deleteJournalEntryRoute, async (c) => {
    const actor = requireActor(c);
    await deleteJournalEntry({ db: c.get('deps').db, actor, audit: auditActorOf(c), id: c.req.valid('param').id });
    return c.body(null, 204);
  })
  .openapi(myTimeLogRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await findMyTimeLog({ db: deps.db, actor, cohortId: c.req.valid('param').id, now: deps.clock.now() }), 200);
  })
  .openapi(createTimeLogRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await createTimeLog({ db: deps.db, actor, audit: auditActorOf(c), cohortId: c.req.valid('param').id, input: c.req.valid('json'), now: deps.clock.now() }), 201);
  })
  .openapi(deleteTimeLogRoute, async (c) => {
    const actor = requireActor(c);
    await deleteTimeLog({ db: c.get('deps').db, actor, audit: auditActorOf(c), id: c.req.valid('param').id });
    return c.body(null, 204);
  });
