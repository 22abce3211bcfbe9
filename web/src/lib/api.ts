/**
 * The typed API client (Hono RPC, types inferred from the server's route contracts) and the one
 * way to turn a non-OK answer into an Error carrying the server's French message and issues.
 */
import { hc } from 'hono/client';
import type { ClientResponse, InferResponseType } from 'hono/client';
import type { TApiRoutes } from '../../../src/http/app';

export const api = hc<TApiRoutes>('/api', { init: { credentials: 'same-origin' } });

/**
 * Download links (PDF, CSV, XLSX, ICS, documents) are built from the same route types with `$url`,
 * so a renamed route or a wrong param breaks the build instead of a link. `$url` needs an absolute
 * base; `fileHref` keeps the link same-origin and relative.
 */
export const files = hc<TApiRoutes>(new URL('/api', window.location.origin).href);
export const fileHref = (url: URL) => `${url.pathname}${url.search}`;

export type TIssue = { path: string; message: string };

/** A refused request: `message` is the server's French sentence, `issues` the per-field problems (422, 409). */
export class ApiError extends Error {
  readonly status: number;
  readonly issues: TIssue[];
  readonly requestId: string | undefined;
  constructor(status: number, message: string, issues: TIssue[] = [], requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.issues = issues;
    this.requestId = requestId;
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  401: 'Vous devez être connecté·e.',
  403: "Vous n'avez pas les droits nécessaires pour cette action.",
  404: 'Ressource introuvable.',
  409: 'Conflit avec des données existantes.',
  422: 'Certaines données sont invalides.',
  429: 'Trop de tentatives : réessayez dans quelques minutes.',
};

/** Reads a refused response's body (French `message`, `issues`, `requestId`) into an ApiError. */
export async function toApiError(res: Response | ClientResponse<unknown>): Promise<ApiError> {
  type TBody = { message?: unknown; issues?: unknown; requestId?: unknown };
  const body = (await res.json().catch(() => null)) as TBody | null;
  const issues = Array.isArray(body?.issues)
    ? (body.issues as unknown[]).filter(
        (i): i is TIssue => typeof i === 'object' && i !== null && 'message' in i && typeof (i as TIssue).message === 'string',
      )
    : [];
  const fallback = FALLBACK_MESSAGES[res.status] ?? `Erreur du serveur (${res.status}). Réessayez plus tard.`;
  const message = typeof body?.message === 'string' && body.message ? body.message : fallback;
  const requestId = typeof body?.requestId === 'string' ? body.requestId : undefined;
  return new ApiError(res.status, message, issues.map((i) => ({ path: String(i.path ?? ''), message: i.message })), requestId);
}

/** A network failure (server down, offline) in French. */
function networkError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.');
}

type TSuccessBody<R> = R extends ClientResponse<infer T, infer S, 'json'> ? (S extends 200 | 201 | 202 ? T : never) : never;

/** Awaits a typed client call and returns its JSON body, or throws an ApiError. */
export async function unwrap<R extends ClientResponse<unknown, number, 'json'>>(call: Promise<R>): Promise<TSuccessBody<R>> {
  let res: R;
  try {
    res = await call;
  } catch (error) {
    throw networkError(error);
  }
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as TSuccessBody<R>;
}

/** Plain JSON request for routes outside the typed client (better-auth's /api/auth/*). */
export async function postJson<T = unknown>(path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
  } catch (error) {
    throw networkError(error);
  }
  if (!res.ok) throw await toApiError(res);
  return (await res.json().catch(() => null)) as T;
}

export type TMe = InferResponseType<typeof api.me.$get, 200>;
export type TUser = InferResponseType<typeof api.users.$get, 200>['items'][number];
export type TCentre = InferResponseType<typeof api.centres.$get, 200>['items'][number];
export type TVersionSummary = InferResponseType<typeof api.certifications.$get, 200>['items'][number];
export type TVersionDetail = InferResponseType<(typeof api.certifications)[':code']['$get'], 200>;
export type TVersionDocument = TVersionDetail['document'];
export type TAuditEvent = InferResponseType<typeof api.audit.$get, 200>['items'][number];
export type TProblem = InferResponseType<typeof api.certifications.validate.$post, 200>['problems'][number];
export type TImportResult = InferResponseType<typeof api.certifications.import.$post, 200>;
export type TJob = InferResponseType<typeof api.admin.jobs.$get, 200>['items'][number];
export type TNotification = InferResponseType<typeof api.notifications.$get, 200>['items'][number];
