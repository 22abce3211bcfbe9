import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../auth/auth.tables.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse, paginated, ZPaginationQuery } from '../../http/openapi.js';

export const ZRoleSchema = z.enum(ROLES).openapi('Role');

export const ZUserSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    disabled: z.boolean(),
    roles: z.array(ZRoleSchema),
    centres: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
    createdAt: z.string(),
  })
  .openapi('User');

export const ZUserCreateSchema = z
  .object({
    name: z.string().trim().min(2, 'Le nom doit compter au moins 2 caractères.').max(120),
    email: z.email('Adresse e-mail invalide.'),
    password: z
      .string()
      .min(10, 'Le mot de passe doit compter au moins 10 caractères.')
      .max(128, 'Le mot de passe ne doit pas dépasser 128 caractères.'),
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
    abilities: z.array(z.string()),
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

export const listUsersRoute = createRoute({
  method: 'get',
  path: '/users',
  tags,
  summary: 'Liste des utilisateurs (recherche, filtre, tri, pagination)',
  request: {
    query: ZPaginationQuery.extend({
      q: z.string().trim().max(100).optional(),
      role: ZRoleSchema.optional(),
      centreId: z.uuid().optional(),
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
  summary: 'Créer un compte avec ses rôles et ses centres',
  request: { body: { content: { 'application/json': { schema: ZUserCreateSchema } }, required: true } },
  responses: { 201: jsonContent(ZUserSchema, 'Compte créé'), ...errorResponses, ...conflictResponse },
});

export const getUserRoute = createRoute({
  method: 'get',
  path: '/users/{id}',
  tags,
  summary: 'Un utilisateur',
  request: { params: z.object({ id: z.string().min(1) }) },
  responses: { 200: jsonContent(ZUserSchema, 'Utilisateur'), ...errorResponses, ...notFoundResponse },
});

export const updateUserRoute = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags,
  summary: 'Modifier le nom, les rôles, les centres ou désactiver un compte',
  request: {
    params: z.object({ id: z.string().min(1) }),
    body: { content: { 'application/json': { schema: ZUserPatchSchema } }, required: true },
  },
  responses: { 200: jsonContent(ZUserSchema, 'Utilisateur modifié'), ...errorResponses, ...notFoundResponse },
});
