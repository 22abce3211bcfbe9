/** Search-param validators of the routes: unknown or malformed values are dropped, never trusted. */
import { ROLE_LABELS, type TRole } from './labels';

const str = (v: unknown, max = 100): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, max) : typeof v === 'number' ? String(v) : undefined;

const pageNumber = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isInteger(n) && n > 1 ? n : undefined;
};

const isoDate = (v: unknown): string | undefined => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

function pick<T extends string>(v: unknown, allowed: readonly T[]): T | undefined {
  return allowed.includes(v as T) ? (v as T) : undefined;
}

export type TSignInSearch = { redirect?: string };
export const validateSignInSearch = (s: Record<string, unknown>): TSignInSearch => ({ redirect: str(s.redirect, 500) });

export type TUsersSearch = {
  page?: number;
  q?: string;
  role?: TRole;
  centre?: string;
  sort?: 'name' | 'email' | 'createdAt';
  order?: 'asc' | 'desc';
};
export const validateUsersSearch = (s: Record<string, unknown>): TUsersSearch => ({
  page: pageNumber(s.page),
  q: str(s.q),
  role: pick(s.role, Object.keys(ROLE_LABELS) as TRole[]),
  centre: str(s.centre, 60),
  sort: pick(s.sort, ['name', 'email', 'createdAt'] as const),
  order: pick(s.order, ['asc', 'desc'] as const),
});

export type TAuditSearch = { page?: number; q?: string; type?: string; from?: string; to?: string };
export const validateAuditSearch = (s: Record<string, unknown>): TAuditSearch => ({
  page: pageNumber(s.page),
  q: str(s.q),
  type: str(s.type, 50),
  from: isoDate(s.from),
  to: isoDate(s.to),
});

export type TGlobalSearch = { q?: string };
export const validateGlobalSearch = (s: Record<string, unknown>): TGlobalSearch => ({ q: str(s.q, 100) });
