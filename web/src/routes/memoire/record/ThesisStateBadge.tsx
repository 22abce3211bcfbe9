import { Badge } from '@mantine/core';
import type { TThesisState } from '../../../../../src/shared/vocabulary/memoire';
import { THESIS_STATE_COLORS, THESIS_STATE_LABELS } from './queries';

export function ThesisStateBadge({ state }: { state: TThesisState }) {
  return (
    <Badge color={THESIS_STATE_COLORS[state]} variant="light" radius="sm" tt="none">
      {THESIS_STATE_LABELS[state]}
    </Badge>
  );
}
