/** Queries and types of the juries' screens (decision 026), typed from the API's contracts. */
import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../lib/api';

export type TJury = InferResponseType<(typeof api.juries)[':id']['$get'], 200>;
export type TJuryMember = InferResponseType<(typeof api)['jury-members']['$get'], 200>['items'][number];
export type TMyJury = InferResponseType<(typeof api.me.juries)['$get'], 200>['items'][number];
export type TJuryCase = InferResponseType<(typeof api)['jury-cases'][':id']['$get'], 200>;

export const cohortJuriesQuery = (cohortId: string) =>
  queryOptions({ queryKey: ['cohort', cohortId, 'juries'], queryFn: () => unwrap(api.cohorts[':id'].juries.$get({ param: { id: cohortId } })) });
export const juryMembersQuery = queryOptions({ queryKey: ['jury-members'], queryFn: () => unwrap(api['jury-members'].$get()) });
export const myJuriesQuery = queryOptions({ queryKey: ['me', 'juries'], queryFn: () => unwrap(api.me.juries.$get()) });
export const juryCaseQuery = (id: string) => queryOptions({ queryKey: ['jury-case', id], queryFn: () => unwrap(api['jury-cases'][':id'].$get({ param: { id } })) });
