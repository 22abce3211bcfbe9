import { auditActorOf } from '../../http/actor.js';
import { createRouter } from '../../http/openapi.js';
import { requireActor } from '../../http/session.js';
import { attachment } from '../../lib/exports.js';
import { renderQuote, renderTrainingAgreement } from './funding.documents.js';
import { agreementRoute, getFundingRoute, quoteRoute, setFundingRoute } from './funding.routes.js';
import { getFundingPlan, setFundingPlan } from './funding.service.js';

const pdf = (bytes: Buffer, fileName: string) =>
  new Response(new Uint8Array(bytes), { status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': attachment(fileName) } });

export const fundingRouter = createRouter()
  .openapi(getFundingRoute, async (c) => {
    const viewer = requireActor(c);
    return c.json(await getFundingPlan({ db: c.get('deps').db, viewer, id: c.req.valid('param').id }), 200);
  })
  .openapi(setFundingRoute, async (c) => {
    const viewer = requireActor(c);
    return c.json(await setFundingPlan({ db: c.get('deps').db, now: c.get('deps').clock.now(), actor: auditActorOf(c), viewer, id: c.req.valid('param').id, input: c.req.valid('json') }), 200);
  })
  .openapi(quoteRoute, async (c) => {
    const { pdf: bytes, fileName } = await renderQuote({ db: c.get('deps').db, now: c.get('deps').clock.now(), viewer: requireActor(c), id: c.req.valid('param').id });
    return pdf(bytes, fileName);
  })
  .openapi(agreementRoute, async (c) => {
    const { pdf: bytes, fileName } = await renderTrainingAgreement({ db: c.get('deps').db, now: c.get('deps').clock.now(), viewer: requireActor(c), id: c.req.valid('param').id });
    return pdf(bytes, fileName);
  });
