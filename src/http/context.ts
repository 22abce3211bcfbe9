import type { TDb } from '../db/client.js';
import type { TAuth } from '../features/auth/auth.js';
import type { TClock } from '../lib/clock.js';
import type { TActor } from '../policies/policies.js';
import type { TLogger } from './logger.js';

export type TDeps = {
  db: TDb;
  auth: TAuth;
  logger: TLogger;
  /** The one source of "now" for the request's use cases (settable in tests and the demo). */
  clock: TClock;
  /**
   * The platform's public URL (BASE_URL): links the API hands out (feed addresses) are built from it,
   * never from the request's Host header. Absent: the URL the auth was configured with (the same).
   */
  baseUrl?: string;
  /** Folder of the built SPA, when it is to be served. */
  webDir?: string;
  /** Trust X-Forwarded-For (the app runs behind a proxy). */
  /** Reverse proxies whose X-Forwarded-For entries are believed (TRUSTED_PROXIES). */
  trustedProxies?: readonly string[];
};

export type TAppEnv = {
  Variables: {
    requestId: string;
    deps: TDeps;
    actor: TActor | null;
  };
};

/** The public URL links are built from (see `TDeps.baseUrl`). */
export const publicBaseUrl = (deps: Pick<TDeps, 'baseUrl' | 'auth'>): string => deps.baseUrl ?? deps.auth.options.baseURL ?? 'http://localhost:3000';
