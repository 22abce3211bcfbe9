import { auditActorOf } from '../../../http/actor.js';
import { createRouter } from '../../../http/openapi.js';
import { requireActor } from '../../../http/session.js';
import {
  addMeetingNoteRoute,
  cohortMentoringHoursRoute,
  createMeetingRoute,
  getMeetingRoute,
  learnerFollowupRoute,
  mentorFollowupRoute,
  myFollowupRoute,
  transitionMeetingRoute,
} from './followup.routes.js';
import { addMeetingNote, createMeetingRequest, getCohortMentoringHours, getLearnerFollowup, getMeeting, getMentorFollowup, getMyFollowup, transitionMeeting } from './followup.service.js';

export const followupRouter = createRouter()
  .openapi(myFollowupRoute, async (c) => {
    const actor = requireActor(c);
    return c.json({ items: await getMyFollowup({ db: c.get('deps').db, actor, now: c.get('deps').clock.now() }) }, 200);
  })
  .openapi(mentorFollowupRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await getMentorFollowup({ db: c.get('deps').db, actor }), 200);
  })
  .openapi(createMeetingRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await createMeetingRequest({ db: deps.db, actor, audit: auditActorOf(c), cohortId: c.req.valid('param').id, input: c.req.valid('json'), now: deps.clock.now() }), 201);
  })
  .openapi(getMeetingRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await getMeeting({ db: c.get('deps').db, actor, id: c.req.valid('param').id }), 200);
  })
  .openapi(transitionMeetingRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await transitionMeeting({ db: deps.db, actor, audit: auditActorOf(c), id: c.req.valid('param').id, input: c.req.valid('json'), now: deps.clock.now() }), 200);
  })
  .openapi(addMeetingNoteRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await addMeetingNote({ db: deps.db, actor, audit: auditActorOf(c), id: c.req.valid('param').id, input: c.req.valid('json'), now: deps.clock.now() }), 201);
  })
  .openapi(cohortMentoringHoursRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await getCohortMentoringHours({ db: c.get('deps').db, actor, cohortId: c.req.valid('param').id }), 200);
  })
  .openapi(learnerFollowupRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const { id, learnerId } = c.req.valid('param');
    return c.json(await getLearnerFollowup({ db: deps.db, actor, cohortId: id, learnerId, now: deps.clock.now() }), 200);
  });
