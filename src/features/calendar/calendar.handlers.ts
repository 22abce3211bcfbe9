import { createRouter } from '../../http/openapi.js';
import { auditActorOf } from '../../http/actor.js';
import { publicBaseUrl } from '../../http/context.js';
import { requireActor } from '../../http/session.js';
import {
  createFeedRoute,
  createResidencyRoute,
  feedIcsRoute,
  listFeedsRoute,
  revokeFeedRoute,
  createSessionRoute,
  deleteResidencyRoute,
  deleteSessionRoute,
  generateCalendarRoute,
  getCalendarRoute,
  mySessionsRoute,
  splitResidencyRoute,
  previewResidencyMoveRoute,
  correctSessionTimesRoute,
  sessionCorrectionsRoute,
  updateResidencyRoute,
  updateSessionRoute,
} from './calendar.routes.js';
import { createResidency, deleteResidency, generateCohortCalendar, getCalendar, previewResidencyMove, splitResidency, updateResidency } from './calendar.service.js';
import { createFeed, findMyFeeds, renderFeed, revokeFeed } from './feeds.service.js';
import { createSession, deleteSession, findMySessions, updateSession } from './sessions.service.js';
import { authorize } from '../../policies/policies.js';
import { importSchoolHolidaysRoute, schoolHolidayCoverageRoute } from './school-holidays.routes.js';
import { getSchoolHolidayCoverage, importSchoolHolidays } from './school-holidays.service.js';
import { correctSessionTimes, findSessionCorrections } from './session-corrections.service.js';

export const calendarRouter = createRouter()
  .openapi(schoolHolidayCoverageRoute, async (c) => {
    authorize(requireActor(c), 'centres:read');
    return c.json({ zones: await getSchoolHolidayCoverage({ db: c.get('deps').db }) }, 200);
  })
  .openapi(previewResidencyMoveRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await previewResidencyMove({ db: c.get('deps').db, actor, id: c.req.valid('param').id, moveTo: c.req.valid('json').moveTo }), 200);
  })
  .openapi(correctSessionTimesRoute, async (c) => {
    const actor = requireActor(c);
    const result = await correctSessionTimes({ db: c.get('deps').db, actor, audit: auditActorOf(c), now: c.get('deps').clock.now(), id: c.req.valid('param').id, input: c.req.valid('json') });
    return c.json(result, 201);
  })
  .openapi(sessionCorrectionsRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await findSessionCorrections({ db: c.get('deps').db, actor, id: c.req.valid('param').id }), 200);
  })
  .openapi(importSchoolHolidaysRoute, async (c) => {
    authorize(requireActor(c), 'holidays:import');
    const { fileName, content } = c.req.valid('json');
    return c.json(await importSchoolHolidays({ db: c.get('deps').db, audit: auditActorOf(c), now: c.get('deps').clock.now(), fileName, content }), 200);
  })
  .openapi(getCalendarRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await getCalendar({ db: c.get('deps').db, actor, cohortId: c.req.valid('param').id }), 200);
  })
  .openapi(generateCalendarRoute, async (c) => {
    const actor = requireActor(c);
    const input = c.req.valid('json');
    return c.json(await generateCohortCalendar({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor, audit: auditActorOf(c), cohortId: c.req.valid('param').id, input }), 200);
  })
  .openapi(createResidencyRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await createResidency({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor, audit: auditActorOf(c), cohortId: c.req.valid('param').id, input: c.req.valid('json') }), 200);
  })
  .openapi(updateResidencyRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await updateResidency({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor, audit: auditActorOf(c), id: c.req.valid('param').id, patch: c.req.valid('json') }), 200);
  })
  .openapi(splitResidencyRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await splitResidency({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor, audit: auditActorOf(c), id: c.req.valid('param').id, atDay: c.req.valid('json').atDay }), 200);
  })
  .openapi(deleteResidencyRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await deleteResidency({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor, audit: auditActorOf(c), id: c.req.valid('param').id }), 200);
  })
  .openapi(createSessionRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await createSession({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor, audit: auditActorOf(c), input: c.req.valid('json') }), 201);
  })
  .openapi(updateSessionRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await updateSession({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor, audit: auditActorOf(c), id: c.req.valid('param').id, input: c.req.valid('json') }), 200);
  })
  .openapi(deleteSessionRoute, async (c) => {
    const actor = requireActor(c);
    await deleteSession({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor, audit: auditActorOf(c), id: c.req.valid('param').id });
    return c.body(null, 204);
  })
  .openapi(mySessionsRoute, async (c) => {
    const actor = requireActor(c);
    return c.json({ items: await findMySessions({ db: c.get('deps').db, actor }) }, 200);
  })
  .openapi(feedIcsRoute, async (c) => {
    const token = c.req.valid('param').file.replace(/\.ics$/, '');
    const text = await renderFeed({ db: c.get('deps').db, token });
    // No cache header here: a feed is personal data, stored by nobody (no-store on every API answer, decision 016).
    return c.body(text, 200, { 'content-type': 'text/calendar; charset=utf-8' });
  })
  .openapi(listFeedsRoute, async (c) => {
    const actor = requireActor(c);
    return c.json({ items: await findMyFeeds({ db: c.get('deps').db, actor }) }, 200);
  })
  .openapi(createFeedRoute, async (c) => {
    const actor = requireActor(c);
    const { scope, cohortId } = c.req.valid('json');
    // BASE_URL, not the request's Host: a forged Host must not put another site in the secret address.
    return c.json(await createFeed({ db: c.get('deps').db, actor, audit: auditActorOf(c), scope, cohortId, baseUrl: publicBaseUrl(c.get('deps')) }), 201);
  })
  .openapi(revokeFeedRoute, async (c) => {
    const actor = requireActor(c);
    await revokeFeed({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor, audit: auditActorOf(c), id: c.req.valid('param').id });
    return c.body(null, 204);
  });
