import { auditActorOf } from '../../http/actor.js';
import { createRouter } from '../../http/openapi.js';
import { clientAddress, requireActor } from '../../http/session.js';
import { todayInParis } from '../../lib/dates.js';
import { attachment, CSV_CONTENT_TYPE, toCsv, toXlsx, XLSX_CONTENT_TYPE, type TExportColumn } from '../../lib/exports.js';
import { formatDateTimeFr } from '../../lib/format.js';
import { findApplications, findApplicationsForExport, addPrivateNote, transitionApplication } from './admissions.instruction.js';
import { checkStartRateLimit } from './admissions.rate-limit.js';
import {
  addDocumentRoute,
  addNoteRoute,
  createApplicationRoute,
  exportApplicationsRoute,
  fileApplicationRoute,
  getApplicationRoute,
  getDocumentRoute,
  removeDocumentRoute,
  listApplicationsRoute,
  myApplicationsRoute,
  openCohortsRoute,
  startApplicationRoute,
  transitionRoute,
  updateApplicationRoute,
} from './admissions.routes.js';
import { STATUS_LABELS, VERDICT_LABELS, type TApplicationState, type TEligibilityVerdict } from './admissions.rules.js';
import {
  addApplicationDocument,
  createApplication,
  fileApplication,
  findMyApplications,
  findOpenCohorts,
  getApplication,
  getApplicationDocumentFor,
  removeApplicationDocument,
  updateDraft,
} from './admissions.service.js';
import { START_ANSWER, startApplication } from './admissions.start.js';

type TExportRow = Awaited<ReturnType<typeof findApplicationsForExport>>[number];
const EXPORT_COLUMNS: TExportColumn<TExportRow>[] = [
  { header: 'Référence', value: (r) => r.reference, width: 16 },
  { header: 'Nom', value: (r) => r.lastName, width: 20 },
  { header: 'Prénom', value: (r) => r.firstName, width: 18 },
  { header: 'E-mail', value: (r) => r.email, width: 28 },
  { header: 'Centre', value: (r) => r.centreName, width: 24 },
  { header: 'Promotion', value: (r) => r.cohortName, width: 24 },
  { header: 'Statut', value: (r) => STATUS_LABELS[r.status as TApplicationState], width: 18 },
  { header: 'Recevabilité', value: (r) => VERDICT_LABELS[r.eligibilityVerdict as TEligibilityVerdict] ?? r.eligibilityVerdict, width: 30 },
  { header: 'Déposée le', value: (r) => (r.filedAt ? formatDateTimeFr(new Date(r.filedAt)) : ''), width: 18 },
];

export const admissionsRouter = createRouter()
  .openapi(openCohortsRoute, async (c) => c.json({ items: await findOpenCohorts({ db: c.get('deps').db, now: c.get('deps').clock.now() }) }, 200))
  .openapi(startApplicationRoute, async (c) => {
    await checkStartRateLimit(c.get('deps').db, clientAddress(c), c.get('deps').clock.now());
    await startApplication({ db: c.get('deps').db, requestId: c.get('requestId'), input: c.req.valid('json'), now: c.get('deps').clock.now() });
    // Whatever happened (account created, address or person already known), the same answer.
    return c.json(START_ANSWER, 202);
  })
  .openapi(createApplicationRoute, async (c) => {
    const viewer = requireActor(c);
    return c.json(await createApplication({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor: auditActorOf(c), viewer, input: c.req.valid('json') }), 201);
  })
  .openapi(myApplicationsRoute, async (c) => {
    const viewer = requireActor(c);
    return c.json({ items: await findMyApplications({ db: c.get('deps').db, viewer }) }, 200);
  })
  .openapi(listApplicationsRoute, async (c) => {
    const viewer = requireActor(c);
    const query = c.req.valid('query');
    const result = await findApplications({ db: c.get('deps').db, viewer, ...query, includeDrafts: query.includeDrafts === 'true' });
    return c.json({ ...result, page: query.page, pageSize: query.pageSize }, 200);
  })
  .openapi(exportApplicationsRoute, async (c) => {
    const viewer = requireActor(c);
    const { format, ...query } = c.req.valid('query');
    const rows = await findApplicationsForExport({ db: c.get('deps').db, viewer, ...query, includeDrafts: query.includeDrafts === 'true' });
    // What the file is and the request's day: « candidatures-2026-12-01.csv ».
    const name = `candidatures-${todayInParis(c.get('deps').clock.now())}.${format}`;
    const content = format === 'csv' ? toCsv(rows, EXPORT_COLUMNS) : await toXlsx(rows, EXPORT_COLUMNS, 'Candidatures');
    return c.body(typeof content === 'string' ? content : new Uint8Array(content), 200, {
      'content-type': format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE,
      'content-disposition': attachment(name),
    });
  })
  .openapi(getApplicationRoute, async (c) => {
    const viewer = requireActor(c);
    return c.json(await getApplication({ db: c.get('deps').db, viewer, id: c.req.valid('param').id }), 200);
  })
  .openapi(updateApplicationRoute, async (c) => {
    const viewer = requireActor(c);
    return c.json(await updateDraft({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor: auditActorOf(c), viewer, id: c.req.valid('param').id, patch: c.req.valid('json') }), 200);
  })
  .openapi(addDocumentRoute, async (c) => {
    const viewer = requireActor(c);
    return c.json(await addApplicationDocument({ db: c.get('deps').db, actor: auditActorOf(c), viewer, id: c.req.valid('param').id, input: c.req.valid('json') }), 201);
  })
  .openapi(getDocumentRoute, async (c) => {
    const viewer = requireActor(c);
    const { id, documentId } = c.req.valid('param');
    const doc = await getApplicationDocumentFor({ db: c.get('deps').db, viewer, id, documentId });
    return c.body(new Uint8Array(doc.content), 200, { 'content-type': doc.contentType, 'content-disposition': attachment(doc.fileName) });
  })
  .openapi(removeDocumentRoute, async (c) => {
    const viewer = requireActor(c);
    const { id, documentId } = c.req.valid('param');
    return c.json(await removeApplicationDocument({ db: c.get('deps').db, actor: auditActorOf(c), viewer, id, documentId }), 200);
  })
  .openapi(fileApplicationRoute, async (c) => {
    const viewer = requireActor(c);
    return c.json(await fileApplication({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor: auditActorOf(c), viewer, id: c.req.valid('param').id }), 200);
  })
  .openapi(transitionRoute, async (c) => {
    const viewer = requireActor(c);
    const { action, reason } = c.req.valid('json');
    return c.json(await transitionApplication({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor: auditActorOf(c), viewer, id: c.req.valid('param').id, action, reason }), 200);
  })
  .openapi(addNoteRoute, async (c) => {
    const viewer = requireActor(c);
    return c.json(await addPrivateNote({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor: auditActorOf(c), viewer, id: c.req.valid('param').id, text: c.req.valid('json').text }), 201);
  });
