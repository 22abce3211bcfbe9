import { createRoute, z } from '@hono/zod-openapi';
import { userIdParam } from '../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../http/openapi.js';
import { ACCOUNT_TOKEN_PURPOSES } from './accounts.tables.js';
import { ZNewPasswordSchema } from '../auth/password.policy.js';

const tags = ['Compte'];
const ZMessage = z.object({ message: z.string() });
const ZToken = z.string({ error: 'Le lien est incomplet : copiez-le en entier depuis le courriel.' }).min(20, 'Le lien est incomplet : copiez-le en entier depuis le courriel.').max(200);

export const requestResetRoute = createRoute({
  method: 'post',
  path: '/account/password-reset-request',
  tags,
  summary: 'Mot de passe oublié : envoie un lien si un compte actif a cette adresse (la réponse ne le dit pas)',
  request: {
    body: { content: { 'application/json': { schema: z.object({ email: z.email('Adresse e-mail invalide.') }).strict() } }, required: true },
  },
  responses: { 202: jsonContent(ZMessage, 'Demande prise en compte'), 422: errorResponses[422] },
});

export const checkLinkRoute = createRoute({
  method: 'post',
  path: '/account/password-link/check',
  tags,
  summary: 'Vérifie un lien d’invitation ou de réinitialisation avant de choisir le mot de passe',
  request: { body: { content: { 'application/json': { schema: z.object({ token: ZToken }).strict() } }, required: true } },
  responses: {
    200: jsonContent(z.object({ purpose: z.enum(ACCOUNT_TOKEN_PURPOSES), name: z.string(), email: z.string(), expiresAt: z.string() }), 'Lien valable'),
    422: errorResponses[422],
  },
});

export const setPasswordRoute = createRoute({
  method: 'post',
  path: '/account/password',
  tags,
  summary: 'Choisit son mot de passe par un lien (une seule fois ; les sessions ouvertes sont fermées)',
  request: {
    body: { content: { 'application/json': { schema: z.object({ token: ZToken, password: ZNewPasswordSchema }).strict() } }, required: true },
  },
  responses: { 200: jsonContent(z.object({ email: z.string(), message: z.string() }), 'Mot de passe enregistré'), 422: errorResponses[422] },
});

export const resendInvitationRoute = createRoute({
  method: 'post',
  path: '/users/{id}/invitation',
  tags: ['Utilisateurs'],
  summary: 'Renvoyer l’invitation à choisir son mot de passe (l’ancien lien ne vaut plus)',
  request: { params: userIdParam },
  responses: { 202: jsonContent(ZMessage, 'Invitation renvoyée'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});
