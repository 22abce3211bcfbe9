/** Queries and types of the versions panel (decision 021), typed from the API's contracts. */
import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api';

export type TVersionsPanel = InferResponseType<(typeof api.theses)[':id']['versions']['$get'], 200>;
export type TThesisVersion = TVersionsPanel['versions'][number];
export type TThesisFile = TVersionsPanel['annexes'][number];

export const versionsQuery = (thesisId: string) =>
  queryOptions({ queryKey: ['thesis', thesisId, 'versions'], queryFn: () => unwrap(api.theses[':id'].versions.$get({ param: { id: thesisId } })) });

/** « 1,4 Mo », « 820 ko » */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`;
  return `${Math.max(1, Math.round(bytes / 1024))} ko`;
}
