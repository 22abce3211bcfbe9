/**
 * One audit event in words: who (a link to the person), what (the action's label), on what (the
 * file, promotion, session or person, named and linked, not a uuid); its row expands to show the
 * entity before and after, side by side, with the raw identifiers.
 */
import { ActionIcon, Badge, Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { AnchorLink } from '../../../components/links';
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

/** A name for the entity, read from what the event recorded (reference, name, title, file name, e-mail). */
function nameOf(event: TAuditEvent): string | null {
  for (const side of [event.after, event.before]) {
    if (!side || typeof side !== 'object') continue;
    const s = side as Record<string, unknown>;
    for (const key of ['reference', 'name', 'title', 'fileName', 'email', 'code', 'label']) {
      if (typeof s[key] === 'string' && s[key]) return s[key] as string;
    }
  }
  return null;
}

const OPEN: Record<string, string> = {
  application: 'la candidature',
  cohort: 'la promotion',
  session: 'la feuille de la séance',
  user: 'la personne',
};

/** The entity, named and linked to its page when it has one. */
function Subject({ event }: { event: TAuditEvent }) {
  const id = event.entityId;
  if (!id) return <>—</>;
  const text = nameOf(event) ?? (OPEN[event.entityType] ? `Ouvrir ${OPEN[event.entityType]}` : entityTypeLabel(event.entityType));
  switch (event.entityType) {
    case 'application':
      return (
        <AnchorLink to="/candidatures/$id" params={{ id }} size="sm">
          {text}
        </AnchorLink>
      );
    case 'cohort':
      return (
        <AnchorLink to="/promotions/$id" params={{ id }} size="sm">
          {text}
        </AnchorLink>
      );
    case 'session':
      return (
        <AnchorLink to="/seances/$id/emargement" params={{ id }} size="sm">
          {text}
        </AnchorLink>
      );
    case 'user':
      return nameOf(event) ? (
        <AnchorLink to="/admin/utilisateurs" search={{ q: nameOf(event)! }} size="sm">
          {text}
        </AnchorLink>
      ) : (
        <>{text}</>
      );
    default:
      return <Text size="sm">{text}</Text>;
  }
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
        <Table.Td>
          {event.actorId && event.actorLabel ? (
            <AnchorLink to="/admin/utilisateurs" search={{ q: event.actorLabel }} size="sm">
              {event.actorLabel}
            </AnchorLink>
          ) : (
            event.actorLabel || 'Système'
          )}
        </Table.Td>
        <Table.Td>
          <Text size="sm">{actionLabel(event.action)}</Text>
        </Table.Td>
        <Table.Td>
          <Badge variant="outline" color="gray.8" radius="sm" tt="none">
            {entityTypeLabel(event.entityType)}
          </Badge>
        </Table.Td>
        <Table.Td style={{ wordBreak: 'break-word' }}>
          <Subject event={event} />
        </Table.Td>
      </Table.Tr>
      {expanded && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={COLUMNS}>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <JsonBlock title="Avant" value={event.before} />
              <JsonBlock title="Après" value={event.after} />
            </SimpleGrid>
            <Text size="xs" mt="xs">
              Action : <Code>{event.action}</Code>
              {event.entityId && (
                <>
                  {' '}
                  · identifiant : <Code>{event.entityId}</Code>
                </>
              )}
              {event.requestId && (
                <>
                  {' '}
                  · requête : <Code>{event.requestId}</Code>
                </>
              )}
            </Text>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
