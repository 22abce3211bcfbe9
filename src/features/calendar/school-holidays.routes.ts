import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonContent } from '../../http/openapi.js';
import { SCHOOL_ZONE_VALUES } from '../../shared/vocabulary/centres.js';

const tags = ['Vacances scolaires'];

const ZCoverageSchema = z
  .object({ zone: z.enum(SCHOOL_ZONE_VALUES), knownFrom: z.string().nullable(), knownUntil: z.string().nullable(), periods: z.number() })
  .openapi('SchoolHolidayCoverage');

export const schoolHolidayCoverageRoute = createRoute({
  method: 'get',
  path: '/school-holidays/coverage',
  tags,
  summary: 'Jusqu’à quelle date les vacances scolaires de chaque zone sont connues',
  responses: { 200: jsonContent(z.object({ zones: z.array(ZCoverageSchema) }), 'Couverture par zone'), ...errorResponses },
});

export const importSchoolHolidaysRoute = createRoute({
  method: 'post',
  path: '/school-holidays/import',
  tags,
  summary:
    'Importer le calendrier scolaire officiel (jeu fr-en-calendrier-scolaire) : export CSV (« ; ») ou ICS d’une zone. Remplace les années scolaires couvertes par le fichier ; un fichier invalide n’écrit rien (422 : ligne et champ).',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.strictObject({
            fileName: z.string().trim().min(1, 'Le nom du fichier est obligatoire.').max(200),
            content: z.string().min(1, 'Le fichier est vide.').max(5_000_000, 'Le fichier dépasse 5 Mo.'),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: jsonContent(
      z.object({ fileName: z.string(), periods: z.number(), skipped: z.number(), schoolYears: z.array(z.string()), coverage: z.array(ZCoverageSchema) }),
      'Calendrier importé',
    ),
    ...errorResponses,
  },
});
