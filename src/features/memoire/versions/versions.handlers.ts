import { Readable } from 'node:stream';
import type { ReadableStream as TNodeReadableStream } from 'node:stream/web';
import type { Context } from 'hono';
import { auditActorOf } from '../../../http/actor.js';
import type { TAppEnv } from '../../../http/context.js';
import { createRouter } from '../../../http/openapi.js';
import { requireActor } from '../../../http/session.js';
import {
  addFeedbackRoute,
  downloadThesisFileRoute,
  finalDepositRoute,
  getVersionsRoute,
  markChangeRoute,
  uploadThesisAnnexRoute,
  uploadVersionAnnexRoute,
  uploadVersionRoute,
} from './versions.routes.js';
import { addFeedback, downloadThesisFile, getVersionsPanel, makeFinalDeposit, markChange, thesisIdOfFile, uploadThesisFile } from './versions.service.js';

/**
 * The request body as a Node stream, never buffered: under @hono/node-server the raw IncomingMessage
 * (`c.env.incoming`), elsewhere (in-process tests) the Request's web stream.
 */
function bodyStreamOf(c: Context<TAppEnv>): () => Readable {
  return () => {
    const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
    if (incoming instanceof Readable) return incoming;
    const body = c.req.raw.body;
    return body ? Readable.fromWeb(body as TNodeReadableStream<Uint8Array>) : Readable.from([]);
  };
}

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const versionsRouter = createRouter()
  .openapi(getVersionsRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await getVersionsPanel({ db: c.get('deps').db, actor, thesisId: c.req.valid('param').id }), 200);
  })
  .openapi(uploadVersionRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const file = await uploadThesisFile({ db: deps.db, actor, audit: auditActorOf(c), thesisId: c.req.valid('param').id, kind: 'version', stream: bodyStreamOf(c), contentType: c.req.header('content-type') ?? '', now: deps.clock.now() });
    return c.json(file, 201);
  })
  .openapi(uploadThesisAnnexRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const file = await uploadThesisFile({ db: deps.db, actor, audit: auditActorOf(c), thesisId: c.req.valid('param').id, kind: 'annex', stream: bodyStreamOf(c), contentType: c.req.header('content-type') ?? '', now: deps.clock.now() });
    return c.json(file, 201);
  })
  .openapi(uploadVersionAnnexRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const versionId = c.req.valid('param').id;
    const thesisId = await thesisIdOfFile(deps.db, versionId);
    const file = await uploadThesisFile({ db: deps.db, actor, audit: auditActorOf(c), thesisId, kind: 'annex', versionId, stream: bodyStreamOf(c), contentType: c.req.header('content-type') ?? '', now: deps.clock.now() });
    return c.json(file, 201);
  })
  .openapi(downloadThesisFileRoute, async (c) => {
    const actor = requireActor(c);
    const { file, body } = await downloadThesisFile({ db: c.get('deps').db, actor, fileId: c.req.valid('param').id });
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': file.contentType,
        'content-length': String(file.sizeBytes),
        'content-disposition': contentDisposition(file.fileName),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      },
    }) as never;
  })
  .openapi(addFeedbackRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const { comment, changes } = c.req.valid('json');
    return c.json(await addFeedback({ db: deps.db, actor, audit: auditActorOf(c), versionId: c.req.valid('param').id, comment, changes, now: deps.clock.now() }), 201);
  })
  .openapi(markChangeRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await markChange({ db: deps.db, actor, audit: auditActorOf(c), changeId: c.req.valid('param').id, done: c.req.valid('json').done, now: deps.clock.now() }), 200);
  })
  .openapi(finalDepositRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    return c.json(await makeFinalDeposit({ db: deps.db, actor, audit: auditActorOf(c), versionId: c.req.valid('param').id, now: deps.clock.now() }), 200);
  });
