/** Route contracts of the ateliers mémoire (decision 020): declarations, proposals, groups, moves, history. */
import { createRoute, z } from '@hono/zod-openapi';
import { idParam, ZUserId, ZUuid } from '../../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse, paginated, ZPaginationQuery } from '../../../http/openapi.js';
import { ATELIER_CHANGE_KIND_VALUES, ATELIER_PAIR_KIND_VALUES, ATELIER_PROPOSAL_STATUS_VALUES } from '../../../shared/vocabulary/ateliers.js';
import { MAX_PROPOSAL_SECONDS } from './ateliers.service.js';

const tags = ['Ateliers mémoire'];
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const ZPerson = z.object({ id: z.string(), name: z.string() });
const ZLearnerId = (field: string) => ZUserId(`Identifiant ${field} invalide.`);
const ZPermissions = z.object({ manage: z.boolean(), accept: z.boolean(), declareOwn: z.boolean() });
const ZReason = (max: number) => z.string().trim().max(max, `${max} caractères au plus.`);

const ZGroup = z.object({
  id: z.string(),
  number: z.number().int(),
  leader: ZPerson,
  since: z.string(),
  members: z.array(ZPerson.extend({ since: z.string() })),
});

export const ZAteliersSchema = z
  .object({
    cohortId: z.string(),
    cohortName: z.string(),
    /** all: the promotion's staff; led: the groups the actor leads; own: the actor's own group. */
    scope: z.enum(['all', 'led', 'own']),
    groups: z.array(ZGroup),
    /** Staff only: enrolled learners in no group. */
    ungrouped: z.array(ZPerson),
    permissions: ZPermissions,
  })
  .openapi('Ateliers');

const ZDeclarations = z
  .object({
    cohortId: z.string(),
    staff: z.boolean(),
    learners: z.array(ZPerson.extend({ wishedLeaderId: z.string().nullable(), wishedTheme: z.string().nullable(), groupNumber: z.number().int().nullable() })),
    leaders: z.array(ZPerson.extend({ maxGroups: z.number().int(), themes: z.array(z.string()) })),
    pairs: z.array(z.object({ id: z.string(), kind: z.enum(ATELIER_PAIR_KIND_VALUES), a: ZPerson, b: ZPerson, reason: z.string().nullable(), createdAt: z.string() })),
    classmates: z.array(ZPerson),
    permissions: ZPermissions,
  })
  .openapi('AtelierDeclarations');

const ZTally = z.object({ met: z.number().int(), of: z.number().int() });

export const ZProposalSchema = z
  .object({
    id: z.string(),
    cohortId: z.string(),
    status: z.enum(ATELIER_PROPOSAL_STATUS_VALUES),
    statusLabel: z.string(),
    requestedAt: z.string(),
    requestedBy: ZPerson,
    timeLimitSeconds: z.number().int(),
    learners: z.number().int(),
    leaders: z.number().int(),
    progress: z.object({ jobStatus: z.string().nullable(), elapsedSeconds: z.number(), fraction: z.number() }).nullable(),
    solverStatus: z.string().nullable(),
    objective: z.number().nullable(),
    bound: z.number().nullable(),
    gap: z.number().nullable(),
    solveMs: z.number().int().nullable(),
    /** When impossible: one French sentence per conflicting constraint. */
    diagnosis: z.array(z.string()),
    error: z.string().nullable(),
    groups: z.array(
      z.object({
        index: z.number().int(),
        continuesNumber: z.number().int().nullable(),
        leader: ZPerson,
        members: z.array(ZPerson.extend({ changed: z.boolean(), fromNumber: z.number().int().nullable(), isNew: z.boolean() })),
      }),
    ),
    changes: z.array(z.object({ learner: ZPerson, fromNumber: z.number().int().nullable(), toIndex: z.number().int() })),
    wishes: z.record(z.string(), ZTally).nullable(),
    acceptedAt: z.string().nullable(),
    acceptedBy: ZPerson.nullable(),
    permissions: ZPermissions,
  })
  .openapi('AtelierProposal');

const ZMoveAnalysis = z
  .object({
    fromGroupId: z.string().nullable(),
    fromNumber: z.number().int().nullable(),
    toNumber: z.number().int(),
    blocking: z.array(z.string()),
    constraints: z.array(z.string()),
    wishes: z.array(z.string()),
    objectiveBefore: z.number(),
    objectiveAfter: z.number(),
    clean: z.boolean(),
  })
  .openapi('AtelierMoveAnalysis');

const cohortParam = { params: idParam('de promotion') };

export const getAteliersRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/ateliers',
  tags,
  summary: 'Les groupes d’ateliers mémoire : tous pour l’équipe, ceux qu’il·elle anime pour un·e enseignant·e, le sien pour un·e auditeur·rice',
  request: cohortParam,
  responses: { 200: jsonContent(ZAteliersSchema, 'Groupes'), ...errorResponses, ...notFoundResponse },
});

export const getDeclarationsRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/ateliers/declarations',
  tags,
  summary: 'Vœux, paires et capacités des animateur·rices (tous pour l’équipe, les siens pour un·e auditeur·rice)',
  request: cohortParam,
  responses: { 200: jsonContent(ZDeclarations, 'Déclarations'), ...errorResponses, ...notFoundResponse },
});

export const declareWishRoute = createRoute({
  method: 'put',
  path: '/cohorts/{id}/ateliers/wishes',
  tags,
  summary: 'Déclarer le vœu d’un·e auditeur·rice (animateur·rice et/ou thème) — le sien, ou par l’équipe',
  request: {
    ...cohortParam,
    ...body(
      z.strictObject({
        learnerId: ZLearnerId('d’auditeur·rice').optional(),
        wishedLeaderId: ZLearnerId('d’animateur·rice').nullable(),
        wishedTheme: ZReason(200).nullable(),
      }),
    ),
  },
  responses: { 200: jsonContent(ZDeclarations, 'Vœu enregistré'), ...errorResponses, ...notFoundResponse },
});

export const declarePairRoute = createRoute({
  method: 'post',
  path: '/cohorts/{id}/ateliers/pairs',
  tags,
  summary: 'Déclarer deux auditeur·rices qui ne doivent pas être ensemble (l’équipe) ou qui souhaitent l’être',
  request: {
    ...cohortParam,
    ...body(
      z.strictObject({
        kind: z.enum(ATELIER_PAIR_KIND_VALUES, 'Type de paire inconnu (apart ou together).'),
        learnerIds: z.tuple([ZLearnerId('d’auditeur·rice'), ZLearnerId('d’auditeur·rice')], 'Donnez deux auditeur·rices.'),
        reason: ZReason(500).nullable().default(null),
      }),
    ),
  },
  responses: { 201: jsonContent(ZDeclarations, 'Paire déclarée'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const withdrawPairRoute = createRoute({
  method: 'delete',
  path: '/atelier-pairs/{id}',
  tags,
  summary: 'Retirer une paire déclarée',
  request: { params: idParam('de paire') },
  responses: { 200: jsonContent(ZDeclarations, 'Paire retirée'), ...errorResponses, ...notFoundResponse },
});

export const declareLeaderRoute = createRoute({
  method: 'put',
  path: '/cohorts/{id}/ateliers/leaders',
  tags,
  summary: 'Le nombre maximal de groupes et les thèmes d’un·e enseignant·e de la promotion',
  request: {
    ...cohortParam,
    ...body(
      z.strictObject({
        leaderId: ZLearnerId('d’animateur·rice'),
        maxGroups: z.number('Nombre de groupes attendu.').int('Nombre entier de groupes attendu.').min(0, 'Au moins 0 groupe.').max(50, '50 groupes au plus.'),
        themes: z.array(ZReason(200), 'Liste de thèmes attendue.').max(50, '50 thèmes au plus.').default([]),
      }),
    ),
  },
  responses: { 200: jsonContent(ZDeclarations, 'Animateur·rice enregistré·e'), ...errorResponses, ...notFoundResponse },
});

export const requestProposalRoute = createRoute({
  method: 'post',
  path: '/cohorts/{id}/ateliers/proposals',
  tags,
  summary: 'Demander une proposition de groupes (calcul en tâche de fond ; suivre sa progression)',
  request: {
    ...cohortParam,
    ...body(
      z.strictObject({
        timeLimitSeconds: z
          .number('Limite de temps attendue (en secondes).')
          .int('Nombre entier de secondes attendu.')
          .min(1, 'Au moins 1 seconde.')
          .max(MAX_PROPOSAL_SECONDS, `${MAX_PROPOSAL_SECONDS} secondes au plus.`),
      }),
    ),
  },
  responses: { 202: jsonContent(ZProposalSchema, 'Proposition demandée'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const listProposalsRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/ateliers/proposals',
  tags,
  summary: 'Les propositions de groupes de la promotion, les plus récentes d’abord',
  request: { ...cohortParam, query: ZPaginationQuery },
  responses: {
    200: jsonContent(
      paginated(
        z.object({
          id: z.string(),
          status: z.enum(ATELIER_PROPOSAL_STATUS_VALUES),
          statusLabel: z.string(),
          requestedAt: z.string(),
          requestedBy: ZPerson,
          objective: z.number().nullable(),
          gap: z.number().nullable(),
          solveMs: z.number().int().nullable(),
        }),
      ),
      'Propositions',
    ),
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const getProposalRoute = createRoute({
  method: 'get',
  path: '/atelier-proposals/{id}',
  tags,
  summary: 'Une proposition : sa progression, puis objectif, borne, écart, temps, groupes et changements, ou l’explication de l’impossibilité',
  request: { params: idParam('de proposition') },
  responses: { 200: jsonContent(ZProposalSchema, 'Proposition'), ...errorResponses, ...notFoundResponse },
});

export const acceptProposalRoute = createRoute({
  method: 'post',
  path: '/atelier-proposals/{id}/accept',
  tags,
  summary: 'Accepter une proposition : elle devient les groupes de la promotion (les changements de groupe sont consignés)',
  request: {
    params: idParam('de proposition'),
    ...body(z.strictObject({ confirm: z.literal(true, 'Confirmez l’acceptation (confirm: true).'), reason: ZReason(500).default('') })),
  },
  responses: { 200: jsonContent(ZAteliersSchema, 'Groupes acceptés'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const previewMoveRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/ateliers/moves/preview',
  tags,
  summary: 'Ce qu’un changement de groupe romprait (contraintes, taille, vœux), avant de le confirmer',
  request: { ...cohortParam, query: z.object({ learnerId: ZLearnerId('d’auditeur·rice'), toGroupId: ZUuid('de groupe') }) },
  responses: { 200: jsonContent(ZMoveAnalysis, 'Conséquences'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const moveLearnerRoute = createRoute({
  method: 'post',
  path: '/cohorts/{id}/ateliers/moves',
  tags,
  summary: 'Changer un·e auditeur·rice de groupe, avec un motif (confirmation exigée si des vœux ou la taille 5–6 sont rompus)',
  request: {
    ...cohortParam,
    ...body(
      z.strictObject({
        learnerId: ZLearnerId('d’auditeur·rice'),
        toGroupId: ZUuid('de groupe'),
        reason: ZReason(500).min(1, 'Indiquez le motif du changement de groupe.'),
        confirm: z.boolean('Confirmation attendue (true ou false).').default(false),
      }),
    ),
  },
  responses: { 200: jsonContent(ZAteliersSchema, 'Changement consigné'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const listChangesRoute = createRoute({
  method: 'get',
  path: '/cohorts/{id}/ateliers/changes',
  tags,
  summary: 'L’historique des changements de groupe (daté, attribué, motivé), le plus récent d’abord',
  request: { ...cohortParam, query: ZPaginationQuery },
  responses: {
    200: jsonContent(
      paginated(
        z.object({
          id: z.string(),
          at: z.string(),
          learner: ZPerson,
          fromNumber: z.number().int().nullable(),
          toNumber: z.number().int().nullable(),
          kind: z.enum(ATELIER_CHANGE_KIND_VALUES),
          reason: z.string(),
          actor: ZPerson,
        }),
      ),
      'Changements',
    ),
    ...errorResponses,
    ...notFoundResponse,
  },
});
