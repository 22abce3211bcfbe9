/** Route contracts of juries (decision 026): members who may sit, a promotion's juries, the jury's space. */
import { createRoute, z } from '@hono/zod-openapi';
import { idParam, ZUserId, ZUuid } from '../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../http/openapi.js';
import { CONFLICT_NATURE_VALUES, JURY_MEMBER_KIND_VALUES, JURY_ROUTE_VALUES, SUPERVISOR_RULE_VALUES } from '../../shared/vocabulary/juries.js';

const tags = ['Jurys'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const ZKind = z.enum(JURY_MEMBER_KIND_VALUES, 'Catégorie inconnue (cnam_teacher, professional ou cnam_administrator).');
const ZRoute = z.enum(JURY_ROUTE_VALUES, 'Voie inconnue (training ou vae).');
const ZSupervisorRule = z.enum(SUPERVISOR_RULE_VALUES, 'Règle inconnue (may_sit, may_not_sit ou sits_without_vote).');
const ZNature = z.enum(CONFLICT_NATURE_VALUES, 'Nature inconnue (employer, colleague, relative ou other).');
const ZPerson = z.object({ id: z.string(), name: z.string() });
const ZLabel = z.string('Intitulé attendu.').trim().min(3, 'Au moins 3 caractères.').max(200, '200 caractères au plus.');
const ZOrganisation = z.string().trim().max(300, '300 caractères au plus.').nullable().default(null);
const ZProblem = z.object({ type: z.enum(['missing', 'surplus', 'responsable_missing']), kind: ZKind, message: z.string() });

export const ZJuryMemberSchema = z
  .object({ userId: z.string(), name: z.string(), email: z.string(), kind: ZKind, organisation: z.string().nullable(), representsResponsable: z.boolean() })
  .openapi('JuryMember');

export const ZJurySchema = z
  .object({
    id: z.string(),
    cohortId: z.string(),
    label: z.string(),
    route: ZRoute,
    supervisorRule: ZSupervisorRule,
    versionCode: z.string(),
    /** The version's composition for this route, as its fiche states it. */
    rule: z.array(z.object({ kind: ZKind, count: z.number().int(), label: z.string(), mustInclude: z.array(z.string()) })),
    seats: z.array(z.object({ userId: z.string(), name: z.string(), kind: ZKind, organisation: z.string().nullable(), representsResponsable: z.boolean(), president: z.boolean() })),
    cases: z.array(
      z.object({
        id: z.string(),
        learner: ZPerson,
        thesisTitle: z.string().nullable(),
        finalDeposit: z.object({ at: z.string(), pageCount: z.number().int().nullable(), sha256: z.string() }).nullable(),
        valid: z.boolean(),
        problems: z.array(ZProblem),
        excluded: z.array(z.object({ userId: z.string(), reason: z.enum(['conflict', 'supervisor']), message: z.string() })),
        voting: z.array(z.string()),
      }),
    ),
    composition: z.object({ valid: z.boolean(), problems: z.array(ZProblem) }),
    constitutedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('Jury');

const memberInput = { kind: ZKind, organisation: ZOrganisation, representsResponsable: z.boolean('Indiquez true ou false.').default(false) };

export const listJuryMembersRoute = createRoute({
  method: 'get',
  path: '/jury-members',
  tags,
  summary: 'Les personnes qui peuvent siéger dans un jury',
  responses: { 200: jsonContent(z.object({ items: z.array(ZJuryMemberSchema) }), 'Membres de jury'), ...errorResponses },
});

export const putJuryMemberRoute = createRoute({
  method: 'put',
  path: '/jury-members/{id}',
  tags,
  summary: 'Inscrire un compte existant dans la liste des membres de jury (catégorie, organisation)',
  request: { params: z.object({ id: ZUserId('Identifiant d’utilisateur invalide.') }), ...body(z.strictObject(memberInput)) },
  responses: { 200: jsonContent(ZJuryMemberSchema, 'Membre de jury'), ...errorResponses, ...notFoundResponse },
});

export const inviteJuryMemberRoute = createRoute({
  method: 'post',
  path: '/jury-members/invitations',
  tags,
  summary: 'Inviter un·e professionnel·le extérieur·e : compte avec le rôle jury, lien pour choisir son mot de passe',
  request: {
    ...body(
      z.strictObject({
        name: z.string('Nom attendu.').trim().min(2, 'Au moins 2 caractères.').max(200, '200 caractères au plus.'),
        email: z.email('Adresse e-mail invalide.').max(254, '254 caractères au plus.'),
        kind: ZKind,
        organisation: ZOrganisation,
      }),
    ),
  },
  responses: { 201: jsonContent(ZJuryMemberSchema, 'Membre invité·e'), ...errorResponses, ...conflictResponse },
});

export const listCohortJuriesRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/juries',
  tags,
  summary: 'Les jurys d’une promotion, avec leur composition vérifiée',
  request: { params: idParam('de promotion') },
  responses: { 200: jsonContent(z.object({ items: z.array(ZJurySchema) }), 'Jurys'), ...errorResponses, ...notFoundResponse },
});

export const createJuryRoute = createRoute({
  method: 'post',
  path: '/cohorts/{id}/juries',
  tags,
  summary: 'Créer un jury pour une session et une voie',
  request: { params: idParam('de promotion'), ...body(z.strictObject({ label: ZLabel, route: ZRoute, supervisorRule: ZSupervisorRule.default('may_sit') })) },
  responses: { 201: jsonContent(ZJurySchema, 'Jury créé'), ...errorResponses, ...notFoundResponse },
});

export const getJuryRoute = createRoute({
  method: 'get',
  path: '/juries/{id}',
  tags,
  summary: 'Un jury : membres, dossiers, composition vérifiée pour le jury et pour chaque dossier',
  request: { params: idParam('de jury') },
  responses: { 200: jsonContent(ZJurySchema, 'Jury'), ...errorResponses, ...notFoundResponse },
});

export const updateJuryRoute = createRoute({
  method: 'patch',
  path: '/juries/{id}',
  tags,
  summary: 'Modifier l’intitulé ou la règle de la direction du mémoire (le jury est à constituer de nouveau)',
  request: { params: idParam('de jury'), ...body(z.strictObject({ label: ZLabel.optional(), supervisorRule: ZSupervisorRule.optional() })) },
  responses: { 200: jsonContent(ZJurySchema, 'Jury'), ...errorResponses, ...notFoundResponse },
});

export const addSeatRoute = createRoute({
  method: 'post',
  path: '/juries/{id}/seats',
  tags,
  summary: 'Faire siéger un membre de la liste (éventuellement à la présidence)',
  request: { params: idParam('de jury'), ...body(z.strictObject({ userId: ZUserId('Identifiant d’utilisateur invalide.'), president: z.boolean('Indiquez true ou false.').default(false) })) },
  responses: { 200: jsonContent(ZJurySchema, 'Jury'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const removeSeatRoute = createRoute({
  method: 'delete',
  path: '/juries/{id}/seats/{userId}',
  tags,
  summary: 'Retirer un membre du jury',
  request: { params: z.object({ id: ZUuid('de jury'), userId: ZUserId('Identifiant d’utilisateur invalide.') }) },
  responses: { 200: jsonContent(ZJurySchema, 'Jury'), ...errorResponses, ...notFoundResponse },
});

export const addCaseRoute = createRoute({
  method: 'post',
  path: '/juries/{id}/cases',
  tags,
  summary: 'Confier au jury le dossier d’un·e auditeur·rice de la promotion',
  request: { params: idParam('de jury'), ...body(z.strictObject({ learnerId: ZUserId('Identifiant d’auditeur·rice invalide.') })) },
  responses: { 200: jsonContent(ZJurySchema, 'Jury'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const removeCaseRoute = createRoute({
  method: 'delete',
  path: '/juries/{id}/cases/{learnerId}',
  tags,
  summary: 'Retirer un dossier du jury',
  request: { params: z.object({ id: ZUuid('de jury'), learnerId: ZUserId('Identifiant d’auditeur·rice invalide.') }) },
  responses: { 200: jsonContent(ZJurySchema, 'Jury'), ...errorResponses, ...notFoundResponse },
});

export const declareConflictRoute = createRoute({
  method: 'post',
  path: '/juries/{id}/conflicts',
  tags,
  summary: 'Enregistrer le conflit d’intérêts qu’un membre déclare avec un·e auditeur·rice (il·elle ne siège plus sur ce dossier)',
  request: {
    params: idParam('de jury'),
    ...body(z.strictObject({ userId: ZUserId('Identifiant d’utilisateur invalide.'), learnerId: ZUserId('Identifiant d’auditeur·rice invalide.'), nature: ZNature, note: z.string().trim().max(500, '500 caractères au plus.').default('') })),
  },
  responses: { 200: jsonContent(ZJurySchema, 'Jury'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const constituteJuryRoute = createRoute({
  method: 'post',
  path: '/juries/{id}/constitute',
  tags,
  summary: 'Constituer le jury : refusé tant qu’il manque un membre au jury ou à l’un de ses dossiers',
  request: { params: idParam('de jury') },
  responses: { 200: jsonContent(ZJurySchema, 'Jury constitué'), ...errorResponses, ...notFoundResponse },
});

export const myJuriesRoute = createRoute({
  method: 'get',
  path: '/me/juries',
  tags,
  summary: 'Mes jurys : les dossiers sur lesquels je siège',
  responses: {
    200: jsonContent(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            label: z.string(),
            route: ZRoute,
            cohort: ZPerson,
            constitutedAt: z.string().nullable(),
            seats: z.array(z.object({ name: z.string(), kind: ZKind, president: z.boolean() })),
            cases: z.array(
              z.object({
                id: z.string(),
                learner: ZPerson,
                thesisTitle: z.string().nullable(),
                finalDeposit: z.object({ at: z.string(), pageCount: z.number().int().nullable(), sha256: z.string() }).nullable(),
                open: z.boolean(),
                reason: z.string().nullable(),
                votes: z.boolean(),
              }),
            ),
          }),
        ),
      }),
      'Mes jurys',
    ),
    ...errorResponses,
  },
});

export const getJuryCaseRoute = createRoute({
  method: 'get',
  path: '/jury-cases/{id}',
  tags,
  summary: 'Le dossier d’un·e auditeur·rice pour un membre qui y siège',
  request: { params: idParam('de dossier') },
  responses: {
    200: jsonContent(
      z.object({
        id: z.string(),
        jury: z.object({ id: z.string(), label: z.string(), route: ZRoute }),
        cohort: ZPerson,
        learner: ZPerson,
        thesis: z.object({ title: z.string().nullable(), question: z.string().nullable(), organisation: z.string().nullable(), kind: z.string().nullable(), genre: z.string().nullable(), state: z.string() }).nullable(),
        finalDeposit: z.object({ at: z.string(), fileName: z.string(), pageCount: z.number().int().nullable(), sha256: z.string(), sizeBytes: z.number().int(), pageWarning: z.string().nullable() }).nullable(),
      }),
      'Dossier',
    ),
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const downloadJuryCaseMemoireRoute = createRoute({
  method: 'get',
  path: '/jury-cases/{id}/memoire',
  tags,
  summary: 'Le mémoire déposé (dépôt final) d’un dossier, pour un membre qui y siège',
  request: { params: idParam('de dossier') },
  responses: { 200: { description: 'Le fichier du dépôt final' }, ...errorResponses, ...notFoundResponse },
});
