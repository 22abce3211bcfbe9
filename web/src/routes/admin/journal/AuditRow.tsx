/** One audit event; its row expands to show the entity before and after, side by side. */
import { ActionIcon, Badge, Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { TAuditEvent } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { actionLabel, entityTypeLabel } from '../../../lib/labels';

const COLUMNS = 6;

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={700}>
        {title}
      </Text>
      {value === null || value === undefined ? (
        <Text size="sm">—</Text>
      ) : (
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {JSON.stringify(value, null, 2)}
        </Code>
      )}
    </Stack>
  );
}

export function AuditRow({ event, expanded, onToggle }: { event: TAuditEvent; expanded: boolean; onToggle: () => void }) {
  const detailsId = `audit-details-${event.id}`;
  return (
    <>
      <Table.Tr>
        <Table.Td>
          <ActionIcon
            variant="subtle"
            color="gray.8"
            onClick={onToggle}
            aria-expanded={expanded}
            aria-controls={detailsId}
            aria-label={`${expanded ? 'Masquer' : 'Afficher'} le détail de l’événement ${event.id}`}
          >
            {expanded ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
          </ActionIcon>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at)}</Table.Td>
        <Table.Td>{event.actorLabel}</Table.Td>
        <Table.Td>
          <Text size="sm">{actionLabel(event.action)}</Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {event.action}
          </Text>
        </Table.Td>
        <Table.Td>
          <Badge variant="outline" color="gray.8" radius="sm" tt="none">
            {entityTypeLabel(event.entityType)}
          </Badge>
        </Table.Td>
        <Table.Td ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>
          {event.entityId ?? '—'}
        </Table.Td>
      </Table.Tr>
      {expanded && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={COLUMNS}>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <JsonBlock title="Avant" value={event.before} />
              <JsonBlock title="Après" value={event.after} />
            </SimpleGrid>
            {event.requestId && (
              <Text size="xs" mt="xs">
                Requête : <Code>{event.requestId}</Code>
              </Text>
            )}
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
