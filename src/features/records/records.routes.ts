import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonContent } from '../../http/openapi.js';

const ZRecordBreakSchema = z.object({
  table: z.string(),
  tableLabel: z.string(),
  file: z.string().nullable(),
  recordId: z.string(),
  chainSeq: z.number().int(),
  kind: z.enum(['content', 'missing', 'out_of_order', 'link', 'anchor']),
  message: z.string(),
});

export const ZRecordsIntegritySchema = z
  .object({
    checkedAt: z.string(),
    records: z.number().int(),
    breaks: z.array(ZRecordBreakSchema),
    chains: z.array(z.object({ table: z.string(), label: z.string(), records: z.number().int(), files: z.number().int(), breaks: z.number().int(), headDigest: z.string() })),
  })
  .openapi('RecordsIntegrity');

export const recordsIntegrityRoute = createRoute({
  method: 'get',
  path: '/records/integrity',
  tags: ['Journal'],
  summary: 'Vérifie maintenant les chaînes d’empreintes des registres en ajout seul (comme `movsc verify-records`)',
  responses: { 200: jsonContent(ZRecordsIntegritySchema, 'Résultat de la vérification'), ...errorResponses },
});
