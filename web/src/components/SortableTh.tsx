/** A table header that sorts its column: a button inside the th, aria-sort on the th. */
import { Group, Table, UnstyledButton } from '@mantine/core';
import { IconArrowsSort, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export type TSortOrder = 'asc' | 'desc';

export function SortableTh<K extends string>(props: {
  column: K;
  sortBy: K | undefined;
  order: TSortOrder;
  onSort: (column: K) => void;
  children: ReactNode;
}) {
  const active = props.sortBy === props.column;
  const Icon = !active ? IconArrowsSort : props.order === 'asc' ? IconSortAscending : IconSortDescending;
  return (
    <Table.Th aria-sort={active ? (props.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => props.onSort(props.column)} fw={700} fz="sm" style={{ whiteSpace: 'nowrap' }}>
        <Group gap={4} wrap="nowrap">
          {props.children}
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
