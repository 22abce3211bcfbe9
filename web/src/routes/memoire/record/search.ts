/** Search params of /memoires: unknown or malformed values are dropped. */
import { THESIS_STATE_VALUES, type TThesisState } from '../../../../../src/shared/vocabulary/memoire';

export const THESIS_SORTS = ['learner', 'state', 'supervisor', 'updatedAt'] as const;
export type TThesesSearch = {
  promotion?: string;
  q?: string;
  state?: TThesisState;
  sort?: (typeof THESIS_SORTS)[number];
  order?: 'asc' | 'desc';
  page?: number;
};

const str = (v: unknown, max = 100) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);
const pick = <T extends string>(v: unknown, allowed: readonly T[]) => (allowed.includes(v as T) ? (v as T) : undefined);

export const validateThesesSearch = (s: Record<string, unknown>): TThesesSearch => {
  const page = Number(s.page);
  return {
    promotion: str(s.promotion, 60),
    q: str(s.q),
    state: pick(s.state, THESIS_STATE_VALUES),
    sort: pick(s.sort, THESIS_SORTS),
    order: pick(s.order, ['asc', 'desc'] as const),
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
};
