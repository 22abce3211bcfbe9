import { createRouter } from '../../http/openapi.js';
import { auditActorOf } from '../../http/actor.js';
import { clientAddress, requireActor } from '../../http/session.js';
import { attachment, CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../../lib/exports.js';
import { exportAttendance, getAttendanceReport, getMyAttendance, renderDaySheet } from './attendance.reports.js';
import {
  correctRoute,
  createJustificationRoute,
  decideJustificationRoute,
  exportRoute,
  getSessionAttendanceRoute,
  justificationDocumentRoute,
  listJustificationsRoute,
  markRoute,
  myAttendanceRoute,
  reportRoute,
  sheetRoute,
  signRoute,
  teacherSignRoute,
} from './attendance.routes.js';
import { correctAttendance, getSessionAttendance, markAttendance, signAsTeacher, signOwnAttendance } from './attendance.service.js';
import { createJustification, decideJustification, findJustifications, getJustificationDocument } from './justifications.service.js';

export const attendanceRouter = createRouter()
  .openapi(getSessionAttendanceRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await getSessionAttendance({ db: c.get('deps').db, actor, sessionId: c.req.valid('param').id, now: c.get('deps').clock.now() }), 200);
  })
  .openapi(signRoute, async (c) => {
    const actor = requireActor(c);
    const clientInfo = `${clientAddress(c) ?? ''} ${c.req.header('user-agent') ?? ''}`.trim();
    const result = await signOwnAttendance({
      db: c.get('deps').db,
      actor,
      audit: auditActorOf(c),
      sessionId: c.req.valid('param').id,
      learnerId: c.req.valid('json').learnerId,
      now: c.get('deps').clock.now(),
      clientInfo,
    });
    return c.json(result, 201);
  })
  .openapi(markRoute, async (c) => {
    const actor = requireActor(c);
    const { entries } = c.req.valid('json');
    return c.json(await markAttendance({ db: c.get('deps').db, actor, audit: auditActorOf(c), sessionId: c.req.valid('param').id, entries, now: c.get('deps').clock.now() }), 200);
  })
  .openapi(teacherSignRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await signAsTeacher({ db: c.get('deps').db, actor, audit: auditActorOf(c), sessionId: c.req.valid('param').id, now: c.get('deps').clock.now() }), 200);
  })
  .openapi(correctRoute, async (c) => {
    const actor = requireActor(c);
    const { status, reason } = c.req.valid('json');
    return c.json(await correctAttendance({ db: c.get('deps').db, actor, audit: auditActorOf(c), recordId: c.req.valid('param').id, status, reason, now: c.get('deps').clock.now() }), 200);
  })
  .openapi(reportRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await getAttendanceReport({ db: c.get('deps').db, actor, cohortId: c.req.valid('param').id, now: c.get('deps').clock.now() }), 200);
  })
  .openapi(exportRoute, async (c) => {
    const actor = requireActor(c);
    const { format, view } = c.req.valid('query');
    const data = await exportAttendance({ db: c.get('deps').db, actor, cohortId: c.req.valid('param').id, now: c.get('deps').clock.now(), format, view });
    return c.body(typeof data === 'string' ? data : new Uint8Array(data), 200, {
      'content-type': format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE,
      'content-disposition': attachment(`${view === 'funders' ? 'heures-par-financeur' : 'assiduite'}.${format}`),
    });
  })
  .openapi(sheetRoute, async (c) => {
    const actor = requireActor(c);
    const { date } = c.req.valid('query');
    const pdf = await renderDaySheet({ db: c.get('deps').db, actor, cohortId: c.req.valid('param').id, date, now: c.get('deps').clock.now() });
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': attachment(`emargement-${date}.pdf`) });
  })
  .openapi(myAttendanceRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await getMyAttendance({ db: c.get('deps').db, actor, cohortId: c.req.valid('param').id, now: c.get('deps').clock.now() }), 200);
  })
  .openapi(createJustificationRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await createJustification({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor, audit: auditActorOf(c), cohortId: c.req.valid('param').id, input: c.req.valid('json') }), 201);
  })
  .openapi(listJustificationsRoute, async (c) => {
    const actor = requireActor(c);
    return c.json({ items: await findJustifications({ db: c.get('deps').db, actor, cohortId: c.req.valid('param').id }) }, 200);
  })
  .openapi(decideJustificationRoute, async (c) => {
    const actor = requireActor(c);
    const { decision, reason } = c.req.valid('json');
    return c.json(await decideJustification({ db: c.get('deps').db, actor, audit: auditActorOf(c), id: c.req.valid('param').id, decision, reason, now: c.get('deps').clock.now() }), 200);
  })
  .openapi(justificationDocumentRoute, async (c) => {
    const actor = requireActor(c);
    const doc = await getJustificationDocument({ db: c.get('deps').db, actor, id: c.req.valid('param').id });
    return c.body(new Uint8Array(doc.content), 200, { 'content-type': doc.contentType, 'content-disposition': attachment(doc.fileName) });
  });
