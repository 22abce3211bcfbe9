import { Badge } from '@mantine/core';
import { MILESTONE_STATUS_LABELS, type TMilestoneStatus } from '../../../../../src/shared/vocabulary/memoire-milestones';

const COLORS: Record<TMilestoneStatus, string> = { todo: 'gray', late: 'red', done: 'green' };

export function MilestoneBadge({ status }: { status: TMilestoneStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light" radius="sm" tt="none">
      {MILESTONE_STATUS_LABELS[status]}
    </Badge>
  );
}
