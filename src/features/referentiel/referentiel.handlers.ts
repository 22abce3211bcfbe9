import { auditActorOf } from '../../http/actor.js';
import { createRouter } from '../../http/openapi.js';
import { requireActor } from '../../http/session.js';
import { todayInParis } from '../../lib/dates.js';
import { authorize } from '../../policies/policies.js';
import { parseCertificationVersionText } from './referentiel.file.js';
import { getVersionRoute, importVersionRoute, listVersionsRoute, validateVersionRoute } from './referentiel.routes.js';
import { findCertificationVersions, getCertificationVersion, importCertificationVersionText } from './referentiel.service.js';

export const referentielRouter = createRouter()
  .openapi(listVersionsRoute, async (c) => {
    authorize(requireActor(c), 'referentiel:read');
    return c.json({ items: await findCertificationVersions({ db: c.get('deps').db, today: todayInParis(c.get('deps').clock.now()) }) }, 200);
  })
  .openapi(validateVersionRoute, async (c) => {
    authorize(requireActor(c), 'referentiel:import');
    const { fileName, content } = c.req.valid('json');
    const parsed = parseCertificationVersionText(content, fileName);
    return c.json({ ok: parsed.ok, code: parsed.ok ? parsed.version.code : null, problems: parsed.problems }, 200);
  })
  .openapi(importVersionRoute, async (c) => {
    authorize(requireActor(c), 'referentiel:import');
    const { fileName, content } = c.req.valid('json');
    const result = await importCertificationVersionText({ db: c.get('deps').db, actor: auditActorOf(c), text: content, fileName });
    return c.json(result, 200);
  })
  .openapi(getVersionRoute, async (c) => {
    authorize(requireActor(c), 'referentiel:read');
    const version = await getCertificationVersion({ db: c.get('deps').db, code: c.req.valid('param').code, today: todayInParis(c.get('deps').clock.now()) });
    return c.json(version, 200);
  });
