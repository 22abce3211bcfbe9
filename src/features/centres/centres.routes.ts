import { createRoute, z } from '@hono/zod-openapi';
import { idParam } from '../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../http/openapi.js';

export const ZCentreSchema = z
  .object({ id: z.string(), code: z.string(), name: z.string(), address: z.string(), postalCode: z.string(), city: z.string() })
  .openapi('Centre');

const fields = {
  name: z.string().trim().min(2, 'Le nom doit compter au moins 2 caractères.').max(120),
  address: z.string().trim().max(200).default(''),
  postalCode: z
    .string()
    .trim()
    .regex(/^(\d{5})?$/, 'Le code postal compte 5 chiffres.')
    .default(''),
  city: z.string().trim().min(1, 'La ville est obligatoire.').max(80),
};

export const ZCentreCreateSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{2,20}$/, 'Le code compte 2 à 20 lettres, chiffres ou tirets.'),
    ...fields,
  })
  .strict()
  .openapi('CentreCreate');

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
