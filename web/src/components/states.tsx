/** Loading, error and empty states shared by every page. */
import { Alert, Center, Code, List, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api';

export function PageLoader({ label = 'Chargement…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader aria-hidden />
        <Text size="sm">{label}</Text>
      </Stack>
    </Center>
  );
}

export function ErrorAlert({ error, title = 'Impossible de charger les données' }: { error: unknown; title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle aria-hidden />} role="alert">
      <Text size="sm">{message}</Text>
      {issues.length > 0 && (
        <List size="sm" mt={4}>
          {issues.map((issue, i) => (
            <List.Item key={i}>
              {issue.path && <Code>{issue.path}</Code>} {issue.message}
            </List.Item>
          ))}
        </List>
      )}
      {requestId && <Text size="sm">Identifiant de la requête : {requestId}</Text>}
    </Alert>
  );
}

export function EmptyResult({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Center py="xl">
      <Stack align="center" gap={4}>
        <IconInbox size={36} aria-hidden stroke={1.5} />
        <Text fw={600}>{title}</Text>
        {children && <Text size="sm">{children}</Text>}
      </Stack>
    </Center>
  );
}
