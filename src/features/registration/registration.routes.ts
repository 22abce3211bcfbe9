/** Contracts of registration: the returned form, the promotions' places and their waiting lists. */
import { createRoute, z } from '@hono/zod-openapi';
import { idParam as uuidParam, ZUuid } from '../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../http/openapi.js';
import { ZApplicationSchema, ZRegistrationFormSchema } from '../admissions/admissions.schemas.js';

const tags = ['Candidatures'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const idParam = uuidParam('de candidature');

export const registrationRoute = createRoute({
  method: 'post',
  path: '/applications/{id}/registration',
  tags,
  summary: "Retourner le bulletin d'inscription administrative",
  request: { params: idParam, ...body(ZRegistrationFormSchema) },
  responses: { 200: jsonContent(ZApplicationSchema, 'Inscription définitive ou en liste d’attente'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

const cohortParam = z.object({ cohortId: ZUuid('de promotion') });
const ZWaitingList = z.object({
  cohortId: z.string(),
  capacity: z.number(),
  enrolled: z.number(),
  items: z.array(z.object({ id: z.string(), reference: z.string(), lastName: z.string(), firstName: z.string(), waitingSince: z.string(), position: z.number() })),
});

export const waitingListRoute = createRoute({
  method: 'get',
  path: '/admissions/cohorts/{cohortId}/waiting-list',
  tags,
  summary: "Liste d'attente ordonnée d'une promotion",
  request: { params: cohortParam },
  responses: { 200: jsonContent(ZWaitingList, "Liste d'attente"), ...errorResponses, ...notFoundResponse },
});

export const promoteRoute = createRoute({
  method: 'post',
  path: '/admissions/cohorts/{cohortId}/waiting-list/promote',
  tags,
  summary: "Inscrire la première personne de la liste d'attente quand une place se libère",
  request: { params: cohortParam },
  responses: { 200: jsonContent(ZApplicationSchema, 'Personne inscrite'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const admissionCohortsRoute = createRoute({
  method: 'get',
  path: '/admissions/cohorts',
  tags,
  summary: 'Promotions de vos centres : capacité, inscrit·es, liste d’attente',
  responses: {
    200: jsonContent(
      z.object({
        items: z.array(
          z.object({ id: z.string(), name: z.string(), number: z.number(), startsOn: z.string(), capacity: z.number(), centreName: z.string(), enrolled: z.number(), waiting: z.number() }),
        ),
      }),
      'Promotions',
    ),
    ...errorResponses,
  },
});
