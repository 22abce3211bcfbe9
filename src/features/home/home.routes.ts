import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonContent } from '../../http/openapi.js';
import { ZSessionSchema } from '../calendar/calendar.routes.js';
import { APPLICATION_STATUS_VALUES } from '../../shared/vocabulary/admissions.js';

const tags = ['Accueil'];

const ZFileItem = z.object({
  id: z.string(),
  reference: z.string(),
  name: z.string(),
  cohortName: z.string(),
  status: z.enum(APPLICATION_STATUS_VALUES),
  statusLabel: z.string(),
  filedAt: z.string().nullable(),
});
const ZFiles = z.object({ total: z.number().int(), items: z.array(ZFileItem) });
const ZDashboardSession = ZSessionSchema.extend({ cohortName: z.string() });

export const ZDashboardSchema = z
  .object({
    today: z.string(),
    admissions: z.object({ toReview: ZFiles, backFromCorrection: ZFiles }).nullable(),
    teaching: z.object({ today: z.array(ZDashboardSession), unsigned: z.object({ total: z.number().int(), items: z.array(ZDashboardSession) }) }).nullable(),
    attendanceAlerts: z
      .object({
        total: z.number().int(),
        items: z.array(z.object({ cohortId: z.string(), cohortName: z.string(), userId: z.string(), name: z.string(), rate: z.number(), threshold: z.number() })),
      })
      .nullable(),
    myApplications: z
      .array(z.object({ id: z.string(), reference: z.string(), status: z.enum(APPLICATION_STATUS_VALUES), statusLabel: z.string(), cohortName: z.string(), nextStep: z.string() }))
      .nullable(),
    learning: z
      .array(
        z.object({
          cohortId: z.string(),
          cohortName: z.string(),
          threshold: z.number(),
          nextSessions: z.array(ZSessionSchema),
          programmeHours: z.number(),
          pastHours: z.number(),
          attendedHours: z.number(),
          rate: z.number().nullable(),
        }),
      )
      .nullable(),
  })
  .openapi('Dashboard');

export const dashboardRoute = createRoute({
  method: 'get',
  path: '/me/dashboard',
  tags,
  summary: 'Le tableau de bord de la personne connectée : son travail du jour, selon ses rôles',
  responses: { 200: jsonContent(ZDashboardSchema, 'Tableau de bord'), ...errorResponses },
});

export const ZSearchHitSchema = z
  .object({ kind: z.enum(['person', 'application', 'cohort']), id: z.string(), title: z.string(), subtitle: z.string(), href: z.string() })
  .openapi('SearchHit');

export const searchRoute = createRoute({
  method: 'get',
  path: '/search',
  tags,
  summary: 'Recherche globale : une personne, un dossier ou une promotion, dans le périmètre de la personne connectée',
  request: {
    query: z.object({
      q: z
        .string({ error: 'Saisissez ce que vous cherchez.' })
        .trim()
        .min(2, 'La recherche compte au moins 2 caractères.')
        .max(100, 'La recherche compte au plus 100 caractères.'),
    }),
  },
  responses: { 200: jsonContent(z.object({ q: z.string(), hits: z.array(ZSearchHitSchema) }), 'Résultats'), ...errorResponses },
});
