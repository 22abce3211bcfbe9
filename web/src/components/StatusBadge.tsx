import { Badge } from '@mantine/core';
import { STATUS_LABELS } from '../lib/labels';
import type { TVersionSummary } from '../lib/api';

export function StatusBadge({ status }: { status: TVersionSummary['status'] }) {
  const { label, color } = STATUS_LABELS[status];
  return (
    <Badge color={color} variant="filled" radius="sm" tt="none">
      {label}
    </Badge>
  );
}
