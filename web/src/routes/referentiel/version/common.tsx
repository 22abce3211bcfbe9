/** Pieces shared by the version page's sections: the cited sources, the section frame, small facts. */
import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { TVersionDocument } from '../../../lib/api';

export type TDoc = TVersionDocument;

/** "Source : 000, 001" — each id links to its entry in the « Sources » section. */
export function SourceNote({ ids, label = 'Source' }: { ids: readonly string[] | undefined; label?: string }) {
  if (!ids || ids.length === 0) return null;
  return (
    <Text size="xs" c="dimmed">
      {label}
      {ids.length > 1 ? 's' : ''} :{' '}
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <Anchor href={`#source-${id}`} size="xs" c="dimmed" underline="always">
            {id}
          </Anchor>
        </span>
      ))}
    </Text>
  );
}

export function Section(props: { id: string; title: string; sources?: readonly string[]; children: ReactNode }) {
  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby={`${props.id}-title`} id={props.id} style={{ scrollMarginTop: 80 }}>
      <Stack gap="md">
        <Group justify="space-between" align="baseline" gap="xs">
          <Title order={2} id={`${props.id}-title`}>
            {props.title}
          </Title>
          <SourceNote ids={props.sources} />
        </Group>
        {props.children}
      </Stack>
    </Paper>
  );
}

export function Note({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" fs="italic">
      {children}
    </Text>
  );
}

export function Unstated({ children }: { children: ReactNode }) {
  return <Text size="sm">{children}</Text>;
}

/** Unique, in order of first appearance. */
export function uniqueSources(...lists: (readonly string[] | undefined)[]): string[] {
  return [...new Set(lists.flatMap((l) => l ?? []))];
}
