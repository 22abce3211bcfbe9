/** Queries shared by several pages. */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './api';

export const centresQuery = queryOptions({
  queryKey: ['centres'],
  queryFn: () => unwrap(api.centres.$get()),
  staleTime: 60_000,
});
