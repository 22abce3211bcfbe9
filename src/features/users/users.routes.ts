import { createRoute, z } from '@hono/zod-openapi';
import { userIdParam } from '../../http/contract.js';
import { ABILITY_VALUES, ROLE_VALUES } from '../../shared/vocabulary/index.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse, paginated, ZPaginationQuery } from '../../http/openapi.js';

export const ZRoleSchema = z.enum(ROLE_VALUES).openapi('Role');
export const ZAbilitySchema = z.enum(ABILITY_VALUES).openapi('Ability');

export const ZUserSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    disabled: z.boolean(),
    roles: z.array(ZRoleSchema),
    centres: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
    createdAt: z.string(),
    passwordSet: z.boolean().openapi({ description: "Faux tant que la personne n'a pas suivi son invitation" }),
  })
  .openapi('User');

export const ZUserCreateSchema = z
  .object({
    name: z.string().trim().min(2, 'Le nom doit compter au moins 2 caractères.').max(120),
    email: z.email('Adresse e-mail invalide.'),
    roles: z.array(ZRoleSchema).min(1, 'Choisissez au moins un rôle.'),
    centreIds: z.array(z.uuid('Identifiant de centre invalide.')).default([]),
  })
  .strict()
  .openapi('UserCreate');

export const ZUserPatchSchema = z
  .object({
    name: z.string().trim().min(2, 'Le nom doit compter au moins 2 caractères.').max(120),
    roles: z.array(ZRoleSchema).min(1, 'Choisissez au moins un rôle.'),
    centreIds: z.array(z.uuid('Identifiant de centre invalide.')),
    disabled: z.boolean(),
  })
  .partial()
  .strict()
  .openapi('UserPatch');

export const ZMeSchema = z
  .object({
    user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    roles: z.array(z.object({ role: ZRoleSchema, label: z.string() })),
    centres: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
    abilities: z.array(ZAbilitySchema),
  })
  .openapi('Me');

const tags = ['Utilisateurs'];

export const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['Compte'],
  summary: "L'utilisateur connecté, ses rôles, ses centres et ses droits",
  responses: { 200: jsonContent(ZMeSchema, 'Utilisateur connecté'), ...errorResponses },
});

export const ZMeUpdateSchema = z
  .object({ name: z.string().trim().min(2, 'Le nom doit compter au moins 2 caractères.').max(120, 'Le nom ne doit pas dépasser 120 caractères.') })
  .strict()
  .openapi('MeUpdate');

export const updateMeRoute = createRoute({
  method: 'patch',
  path: '/me',
  tags: ['Compte'],
  summary: 'Changer son propre nom (consigné au journal)',
  request: { body: { content: { 'application/json': { schema: ZMeUpdateSchema } }, required: true } },
  responses: { 200: jsonContent(ZMeSchema, 'Utilisateur connecté, nom changé'), ...errorResponses },
});

export const listUsersRoute = createRoute({
  method: 'get',
  path: '/users',
  tags,
  summary: 'Liste des utilisateurs (recherche, filtre, tri, pagination)',
  request: {
    query: ZPaginationQuery.extend({
      q: z.string().trim().max(100).optional(),
      role: ZRoleSchema.optional(),
      centreId: z.uuid('Identifiant de centre invalide.').optional(),
      sort: z.enum(['name', 'email', 'createdAt']).default('name'),
      order: z.enum(['asc', 'desc']).default('asc'),
    }),
  },
  responses: { 200: jsonContent(paginated(ZUserSchema), 'Page de résultats'), ...errorResponses },
});

export const createUserRoute = createRoute({
  method: 'post',
  path: '/users',
  tags,
  summary: 'Créer un compte avec ses rôles et ses centres : la personne reçoit une invitation à choisir son mot de passe',
  request: { body: { content: { 'application/json': { schema: ZUserCreateSchema } }, required: true } },
  responses: { 201: jsonContent(ZUserSchema, 'Compte créé'), ...errorResponses, ...conflictResponse },
});

export const getUserRoute = createRoute({
  method: 'get',
  path: '/users/{id}',
  tags,
  summary: 'Un utilisateur',
  request: { params: userIdParam },
  responses: { 200: jsonContent(ZUserSchema, 'Utilisateur'), ...errorResponses, ...notFoundResponse },
});

export const updateUserRoute = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags,
  summary: 'Modifier le nom, les rôles, les centres ou désactiver un compte',
  request: {
    params: userIdParam,
    body: { content: { 'application/json': { schema: ZUserPatchSchema } }, required: true },
  },
  responses: { 200: jsonContent(ZUserSchema, 'Utilisateur modifié'), ...errorResponses, ...notFoundResponse },
});
