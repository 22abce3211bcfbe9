import { createRouter } from '../../http/openapi.js';
import { auditActorOf } from '../../http/actor.js';
import { clientAddress, requireActor } from '../../http/session.js';
import type { TActor } from '../../policies/policies.js';
import { attachment, CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../../lib/exports.js';
import { exportAttendance, getAttendanceReport, getMyAttendance, renderDaySheet } from './attendance.reports.js';
import { renderLearnerCertificate, type TCertificateKind } from './attendance.certificates.js';
import {
  attendanceCertificateRoute,
  completionCertificateRoute,
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

/** The learner's certificate of the given kind over the query's period, as a download. */
async function certificate(deps: { db: Parameters<typeof renderLearnerCertificate>[0]['db']; now: Date }, actor: TActor, kind: TCertificateKind, p: { id: string; learnerId: string }, q: { from?: string; to?: string }) {
  const file = await renderLearnerCertificate({ db: deps.db, actor, cohortId: p.id, learnerId: p.learnerId, kind, from: q.from, to: q.to, now: deps.now });
  return { body: new Uint8Array(file.pdf), headers: { 'content-type': 'application/pdf', 'content-disposition': attachment(file.fileName) } };
}

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
    const { content, fileName } = await exportAttendance({ db: c.get('deps').db, actor, cohortId: c.req.valid('param').id, now: c.get('deps').clock.now(), format, view });
    return c.body(typeof content === 'string' ? content : new Uint8Array(content), 200, {
      'content-type': format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE,
      'content-disposition': attachment(fileName),
    });
  })
  .openapi(sheetRoute, async (c) => {
    const actor = requireActor(c);
    const { date } = c.req.valid('query');
    const { pdf, fileName } = await renderDaySheet({ db: c.get('deps').db, actor, cohortId: c.req.valid('param').id, date, now: c.get('deps').clock.now() });
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': attachment(fileName) });
  })
  .openapi(completionCertificateRoute, async (c) => {
    const file = await certificate({ db: c.get('deps').db, now: c.get('deps').clock.now() }, requireActor(c), 'completion', c.req.valid('param'), c.req.valid('query'));
    return c.body(file.body, 200, file.headers);
  })
  .openapi(attendanceCertificateRoute, async (c) => {
    const file = await certificate({ db: c.get('deps').db, now: c.get('deps').clock.now() }, requireActor(c), 'attendance', c.req.valid('param'), c.req.valid('query'));
    return c.body(file.body, 200, file.headers);
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
