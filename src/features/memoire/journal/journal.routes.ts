/** Route contracts of the learner's workspace (decision 023): the journal and the time log. */
import { createRoute, z } from '@hono/zod-openapi';
import { idParam, ZIsoDate } from '../../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../../http/openapi.js';

const tags = ['Journal et temps de travail'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const ZTitle = z.string().trim().min(1, 'Donnez un titre à l’entrée.').max(200, '200 caractères au plus.');
const ZBody = z.string().trim().min(1, 'Écrivez le texte de l’entrée.').max(50_000, '50 000 caractères au plus.');

export const ZJournalEntrySchema = z
  .object({
    id: z.string(),
    cohortId: z.string(),
    title: z.string(),
    body: z.string(),
    sharedAt: z.string().nullable(),
    readAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    permissions: z.object({ edit: z.boolean(), unshare: z.boolean(), delete: z.boolean() }),
  })
  .openapi('JournalEntry');

export const myJournalRoute = createRoute({
  method: 'get',
  path: '/me/journal',
  tags,
  summary: '« Mon journal » : ses entrées (autobiographie raisonnée), partagées ou non',
  responses: { 200: jsonContent(z.object({ items: z.array(ZJournalEntrySchema) }), 'Mon journal'), ...errorResponses },
});

export const createJournalEntryRoute = createRoute({
  method: 'post',
  path: '/cohorts/{id}/journal',
  tags,
  summary: 'Écrire une entrée de son journal (privée jusqu’à ce qu’on la partage)',
  request: { params: idParam('de promotion'), ...body(z.strictObject({ title: ZTitle, body: ZBody })) },
  responses: { 201: jsonContent(ZJournalEntrySchema, 'Entrée écrite'), ...errorResponses, ...notFoundResponse },
});

export const updateJournalEntryRoute = createRoute({
  method: 'patch',
  path: '/journal/{id}',
  tags,
  summary: 'Modifier une de ses entrées (tant que son enseignant·e ne l’a pas lue)',
  request: { params: idParam('d’entrée'), ...body(z.strictObject({ title: ZTitle.optional(), body: ZBody.optional() })) },
  responses: { 200: jsonContent(ZJournalEntrySchema, 'Entrée modifiée'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const shareJournalEntryRoute = createRoute({
  method: 'post',
  path: '/journal/{id}/share',
  tags,
  summary: 'Partager une entrée avec son enseignant·e, ou la reprendre tant qu’elle n’a pas été lue',
  request: { params: idParam('d’entrée'), ...body(z.strictObject({ shared: z.boolean('Indiquez shared : true ou false.') })) },
  responses: { 200: jsonContent(ZJournalEntrySchema, 'Partage changé'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const deleteJournalEntryRoute = createRoute({
  method: 'delete',
  path: '/journal/{id}',
  tags,
  summary: 'Supprimer une de ses entrées privées',
  request: { params: idParam('d’entrée') },
  responses: { 204: { description: 'Supprimée' }, ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

const ZTimeLog = z.object({ id: z.string(), cohortId: z.string(), workedOn: z.string(), minutes: z.number().int(), activity: z.string(), createdAt: z.string() }).openapi('ThesisTimeLog');
const ZPace = z.object({
  expectedMinutesPerMonth: z.object({ min: z.number().int(), max: z.number().int() }),
  months: z.array(z.object({ month: z.string(), minutes: z.number().int(), hours: z.number(), days: z.number(), status: z.enum(['below', 'within', 'above']) })),
});

export const myTimeLogRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/time-log',
  tags,
  summary: 'Son temps de travail sur le mémoire dans la promotion, et son rythme par mois (2 à 4 jours attendus)',
  request: { params: idParam('de promotion') },
  responses: { 200: jsonContent(z.object({ items: z.array(ZTimeLog), pace: ZPace }), 'Temps de travail'), ...errorResponses, ...notFoundResponse },
});

export const createTimeLogRoute = createRoute({
  method: 'post',
  path: '/cohorts/{id}/time-log',
  tags,
  summary: 'Noter du temps passé sur son mémoire',
  request: {
    params: idParam('de promotion'),
    ...body(
      z.strictObject({
        workedOn: ZIsoDate,
        minutes: z.number('Durée en minutes.').int('Durée en minutes entières.').min(1, 'Durée d’une minute au moins.').max(1440, 'Une journée compte 1 440 minutes au plus.'),
        activity: z.string().trim().min(1, 'Dites ce que vous avez fait.').max(500, '500 caractères au plus.'),
      }),
    ),
  },
  responses: { 201: jsonContent(ZTimeLog, 'Temps noté'), ...errorResponses, ...notFoundResponse },
});

export const deleteTimeLogRoute = createRoute({
  method: 'delete',
  path: '/time-log/{id}',
  tags,
  summary: 'Retirer un temps noté',
  request: { params: idParam('de temps de travail') },
  responses: { 204: { description: 'Retiré' }, ...errorResponses, ...notFoundResponse },
});
