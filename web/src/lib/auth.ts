/**
 * Who is signed in: GET /api/me through React Query (null when signed out), and the better-auth
 * endpoints called directly (same-origin cookie).
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api, ApiError, postJson, toApiError, type TMe } from './api';
import type { TAbility } from './labels';

export const meQueryKey = ['me'] as const;

export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: async (): Promise<TMe | null> => {
    // better-auth answers 200 null when signed out: no 401 in the console on the sign-in page.
    if (!(await hasSession())) return null;
    const res = await api.me.$get();
    if ((res.status as number) === 401) return null;
    if (!res.ok) throw await toApiError(res);
    return (await res.json()) as TMe;
  },
  staleTime: 60_000,
});

async function hasSession(): Promise<boolean> {
  try {
    const res = await fetch('/api/auth/get-session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!res.ok) return true; // let /api/me decide
    return (await res.json()) !== null;
  } catch {
    throw new ApiError(0, 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.');
  }
}

/**
 * The signed-in user, provided by the authenticated layout. The layout keeps the last known value
 * while a sign-out (or an expired session) takes the app back to /connexion.
 */
export const MeContext = createContext<TMe | null>(null);

export function useMe(): TMe {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() est appelé hors de la mise en page authentifiée.');
  return me;
}

export function hasAbility(me: TMe | null | undefined, ability: TAbility): boolean {
  return !!me && me.abilities.includes(ability);
}

export function useCan(ability: TAbility): boolean {
  const { data } = useQuery(meQuery);
  return hasAbility(data, ability);
}

export function signIn(email: string, password: string) {
  return postJson('/api/auth/sign-in/email', { email, password });
}

export function signOut() {
  return postJson('/api/auth/sign-out', {});
}

export function changePassword(currentPassword: string, newPassword: string) {
  return postJson('/api/auth/change-password', { currentPassword, newPassword, revokeOtherSessions: true });
}

/** Keeps a post-sign-in destination inside the app ("/referentiel?x=1"), never another site. */
export function safeRedirect(target: unknown): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/connexion')) {
    return '/';
  }
  return target;
}
