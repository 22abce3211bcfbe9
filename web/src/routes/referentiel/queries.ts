import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';

export const versionsQuery = queryOptions({
  queryKey: ['certifications'],
  queryFn: () => unwrap(api.certifications.$get()),
});

export const versionQuery = (code: string) =>
  queryOptions({
    queryKey: ['certifications', code],
    queryFn: () => unwrap(api.certifications[':code'].$get({ param: { code } })),
  });
