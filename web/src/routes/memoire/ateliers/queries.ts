/** Queries and types of the ateliers mémoire screens (decision 020), typed from the API's contracts. */
import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api';

export type TAteliers = InferResponseType<(typeof api.cohorts)[':id']['ateliers']['$get'], 200>;
export type TDeclarations = InferResponseType<(typeof api.cohorts)[':id']['ateliers']['declarations']['$get'], 200>;
export type TProposal = InferResponseType<(typeof api)['atelier-proposals'][':id']['$get'], 200>;
export type TMoveAnalysis = InferResponseType<(typeof api.cohorts)[':id']['ateliers']['moves']['preview']['$get'], 200>;

export const ateliersQuery = (cohortId: string) =>
  queryOptions({ queryKey: ['cohort', cohortId, 'ateliers'], queryFn: () => unwrap(api.cohorts[':id'].ateliers.$get({ param: { id: cohortId } })) });

export const declarationsQuery = (cohortId: string) =>
  queryOptions({
    queryKey: ['cohort', cohortId, 'ateliers', 'declarations'],
    queryFn: () => unwrap(api.cohorts[':id'].ateliers.declarations.$get({ param: { id: cohortId } })),
  });

export const proposalsQuery = (cohortId: string, page: number) =>
  queryOptions({
    queryKey: ['cohort', cohortId, 'ateliers', 'proposals', page],
    queryFn: () => unwrap(api.cohorts[':id'].ateliers.proposals.$get({ param: { id: cohortId }, query: { page: String(page), pageSize: '10' } })),
  });

const running = (p: TProposal | undefined) => p?.status === 'queued' || p?.status === 'solving';

/** A proposal, polled every second while the job runs (progress), then left alone. */
export const proposalQuery = (id: string) =>
  queryOptions({
    queryKey: ['atelier-proposal', id],
    queryFn: () => unwrap(api['atelier-proposals'][':id'].$get({ param: { id } })),
    refetchInterval: (q) => (running(q.state.data) ? 1000 : false),
  });

export const changesQuery = (cohortId: string, page: number) =>
  queryOptions({
    queryKey: ['cohort', cohortId, 'ateliers', 'changes', page],
    queryFn: () => unwrap(api.cohorts[':id'].ateliers.changes.$get({ param: { id: cohortId }, query: { page: String(page), pageSize: '20' } })),
  });

export const movePreviewQuery = (cohortId: string, learnerId: string, toGroupId: string | null) =>
  queryOptions({
    queryKey: ['cohort', cohortId, 'ateliers', 'move', learnerId, toGroupId],
    queryFn: () => unwrap(api.cohorts[':id'].ateliers.moves.preview.$get({ param: { id: cohortId }, query: { learnerId, toGroupId: toGroupId! } })),
    enabled: Boolean(toGroupId),
  });
