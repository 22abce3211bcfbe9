/** Queries and types of the soutenance screens (decision 027), typed from the API's contracts. */
import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../lib/api';

export type TSession = InferResponseType<(typeof api)['soutenance-sessions'][':id']['$get'], 200>;
export type TSessionSummary = InferResponseType<(typeof api.cohorts)[':id']['soutenance-sessions']['$get'], 200>['items'][number];
export type TPlanRun = InferResponseType<(typeof api)['soutenance-plans'][':id']['$get'], 200>;
export type TMySoutenance = InferResponseType<(typeof api.me.soutenances)['$get'], 200>['items'][number];

export const cohortSessionsQuery = (cohortId: string) =>
  queryOptions({ queryKey: ['cohort', cohortId, 'soutenance-sessions'], queryFn: () => unwrap(api.cohorts[':id']['soutenance-sessions'].$get({ param: { id: cohortId } })) });

export const sessionQuery = (id: string) => queryOptions({ queryKey: ['soutenance-session', id], queryFn: () => unwrap(api['soutenance-sessions'][':id'].$get({ param: { id } })) });

const running = (r: TPlanRun | undefined) => r?.status === 'queued' || r?.status === 'solving';

/** A planner run, polled every second while the job computes (progress), then left alone. */
export const planRunQuery = (id: string) =>
  queryOptions({
    queryKey: ['soutenance-plan', id],
    queryFn: () => unwrap(api['soutenance-plans'][':id'].$get({ param: { id } })),
    refetchInterval: (q) => (running(q.state.data) ? 1000 : false),
  });

export const mySoutenancesQuery = queryOptions({ queryKey: ['me', 'soutenances'], queryFn: () => unwrap(api.me.soutenances.$get()) });
