/** Search params of the commission's list: unknown or malformed values are dropped. */
const str = (v: unknown, max = 100) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);
const pick = <T extends string>(v: unknown, allowed: readonly T[]) => (allowed.includes(v as T) ? (v as T) : undefined);

export const STATUSES = ['draft', 'correction', 'filed', 'in_review', 'accepted', 'refused', 'closed'] as const;
export const VERDICTS = ['eligible', 'derogation', 'not_eligible'] as const;
export const SORTS = ['filedAt', 'lastName', 'status', 'reference'] as const;

export type TApplicationsSearch = {
  page?: number;
  q?: string;
  centre?: string;
  cohort?: string;
  status?: (typeof STATUSES)[number];
  eligibility?: (typeof VERDICTS)[number];
  sort?: (typeof SORTS)[number];
  order?: 'asc' | 'desc';
};

export const validateApplicationsSearch = (s: Record<string, unknown>): TApplicationsSearch => {
  const page = Number(s.page);
  return {
    page: Number.isInteger(page) && page > 1 ? page : undefined,
    q: str(s.q),
    centre: str(s.centre, 60),
    cohort: str(s.cohort, 60),
    status: pick(s.status, STATUSES),
    eligibility: pick(s.eligibility, VERDICTS),
    sort: pick(s.sort, SORTS),
    order: pick(s.order, ['asc', 'desc'] as const),
  };
};
