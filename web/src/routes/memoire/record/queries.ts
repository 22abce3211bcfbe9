/** Queries and types of the mémoire record's screens (decision 019), typed from the API's contracts. */
import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api';
import { THESIS_STATE_LABELS, type TThesisState } from '../../../../../src/shared/vocabulary/memoire';

export type TThesis = InferResponseType<(typeof api.theses)[':id']['$get'], 200>;
export type TThesisSummary = InferResponseType<(typeof api.cohorts)[':id']['theses']['$get'], 200>['items'][number];

export const thesisQuery = (id: string) => queryOptions({ queryKey: ['thesis', id], queryFn: () => unwrap(api.theses[':id'].$get({ param: { id } })) });
export const cohortThesesQuery = (cohortId: string) =>
  queryOptions({ queryKey: ['cohort', cohortId, 'theses'], queryFn: () => unwrap(api.cohorts[':id'].theses.$get({ param: { id: cohortId } })) });
export const myThesesQuery = queryOptions({ queryKey: ['me', 'theses'], queryFn: () => unwrap(api.me.theses.$get()) });

/** A colour per state; the words are the vocabulary's. */
export const THESIS_STATE_COLORS: Record<TThesisState, string> = {
  project: 'gray',
  writing: 'blue',
  deposited: 'violet',
  defended: 'teal',
  evaluated: 'green',
  abandoned: 'red',
};

export { THESIS_STATE_LABELS };
