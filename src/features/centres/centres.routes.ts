import { createRoute, z } from '@hono/zod-openapi';
import { idParam } from '../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../http/openapi.js';
import { DECLARATION_NUMBER_MESSAGE, DECLARATION_NUMBER_PATTERN, isValidSiret, SCHOOL_ZONE_VALUES, SIRET_MESSAGE } from '../../shared/vocabulary/centres.js';

export const ZCentreSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    address: z.string(),
    postalCode: z.string(),
    city: z.string(),
    schoolZone: z.enum(SCHOOL_ZONE_VALUES).nullable(),
    siret: z.string().nullable(),
    declarationNumber: z.string().nullable(),
  })
  .openapi('Centre');

/** Spaces typed in a SIRET or a declaration number (« 197 534 712 00017 ») are dropped; empty means none. */
const compact = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, '').toUpperCase() || null : v);

const fields = {
  name: z.string().trim().min(2, 'Le nom doit compter au moins 2 caractères.').max(120),
  address: z.string().trim().max(200),
  postalCode: z
    .string()
    .trim()
    .regex(/^(\d{5})?$/, 'Le code postal compte 5 chiffres.'),
  city: z.string().trim().min(1, 'La ville est obligatoire.').max(80),
  schoolZone: z.enum(SCHOOL_ZONE_VALUES, 'La zone de vacances scolaires est A, B ou C (ou aucune).').nullable(),
  siret: z.preprocess(compact, z.string().refine(isValidSiret, SIRET_MESSAGE).nullable()),
  declarationNumber: z.preprocess(compact, z.string().regex(DECLARATION_NUMBER_PATTERN, DECLARATION_NUMBER_MESSAGE).nullable()),
};

export const ZCentreCreateSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{2,20}$/, 'Le code compte 2 à 20 lettres, chiffres ou tirets.'),
    ...fields,
    address: fields.address.default(''),
    postalCode: fields.postalCode.default(''),
    schoolZone: fields.schoolZone.default(null),
    siret: fields.siret.default(null),
    declarationNumber: fields.declarationNumber.default(null),
  })
  .strict()
  .openapi('CentreCreate');

/** Only the fields sent change (no defaults here: a patch of the name keeps the address and the zone). */
export const ZCentrePatchSchema = z.object(fields).partial().strict().openapi('CentrePatch');

const tags = ['Centres'];

export const listCentresRoute = createRoute({
  method: 'get',
  path: '/centres',
  tags,
  summary: 'Les centres Cnam',
  responses: { 200: jsonContent(z.object({ items: z.array(ZCentreSchema) }), 'Centres'), ...errorResponses },
});

export const createCentreRoute = createRoute({
  method: 'post',
  path: '/centres',
  tags,
  summary: 'Ajouter un centre',
  request: { body: { content: { 'application/json': { schema: ZCentreCreateSchema } }, required: true } },
  responses: { 201: jsonContent(ZCentreSchema, 'Centre créé'), ...errorResponses, ...conflictResponse },
});

export const updateCentreRoute = createRoute({
  method: 'patch',
  path: '/centres/{id}',
  tags,
  summary: 'Modifier un centre',
  request: {
    params: idParam('de centre'),
    body: { content: { 'application/json': { schema: ZCentrePatchSchema } }, required: true },
  },
  responses: { 200: jsonContent(ZCentreSchema, 'Centre modifié'), ...errorResponses, ...notFoundResponse },
});
