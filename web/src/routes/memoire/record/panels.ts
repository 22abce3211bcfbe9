/**
 * The panels other parts of the mémoire add to a record's page (versions and feedback, individual
 * follow-up…): one line each, in the order shown. A panel receives the record's id and decides itself,
 * from its own API answers, what this person may see and do.
 *
 *   import { VersionsPanel } from '../versions/VersionsPanel';
 *   export const THESIS_PANELS: TThesisPanel[] = [{ key: 'versions', component: VersionsPanel }];
 */
import type { ComponentType } from 'react';
import { VersionsPanel } from '../versions/VersionsPanel';
import { FollowupPanel } from '../followup/FollowupPanel';

export type TThesisPanel = { key: string; component: ComponentType<{ thesisId: string }> };

export const THESIS_PANELS: TThesisPanel[] = [
  // ↓ Add a panel here (one line).
  { key: 'versions', component: VersionsPanel },
  { key: 'followup', component: FollowupPanel },
];
