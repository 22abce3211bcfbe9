import { createRoute, z } from '@hono/zod-openapi';
import { idParam } from '../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../http/openapi.js';

const tags = ['Conflits d’intérêts'];

const ZConflict = z.object({ id: z.string(), subjectName: z.string(), reason: z.string(), declaredAt: z.string() }).openapi('ConflictDeclaration');

export const declareConflictRoute = createRoute({
  method: 'post',
  path: '/applications/{id}/conflict',
  tags,
  summary: 'Déclarer un conflit d’intérêts avec la personne de cette candidature (on se retire de ses dossiers)',
  request: {
    params: idParam('de candidature'),
    body: { content: { 'application/json': { schema: z.object({ reason: z.string().max(2000) }).strict() } }, required: true },
  },
  responses: { 201: jsonContent(ZConflict, 'Conflit déclaré'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const myConflictsRoute = createRoute({
  method: 'get',
  path: '/me/conflicts',
  tags,
  summary: 'Mes déclarations de conflit d’intérêts',
  responses: { 200: jsonContent(z.object({ items: z.array(ZConflict) }), 'Déclarations'), ...errorResponses },
});
