/** The validator's findings: path in monospace, message, errors red and warnings orange. */
import { Alert, Badge, Code, Group, List, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { TProblem } from '../../../lib/api';

export function ProblemList({ problems }: { problems: TProblem[] }) {
  if (problems.length === 0) {
    return (
      <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} title="Aucun problème">
        Le fichier est conforme : il peut être importé.
      </Alert>
    );
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <Stack gap="xs">
      <Text fw={600}>
        {errors} erreur{errors > 1 ? 's' : ''}, {warnings} avertissement{warnings > 1 ? 's' : ''}
      </Text>
      <List spacing="xs" listStyleType="none" aria-label="Problèmes trouvés dans le fichier">
        {problems.map((p, i) => (
          <List.Item key={`${p.path}-${i}`} data-testid={`problem-${p.severity}`}>
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <Badge color={p.severity === 'error' ? 'red.8' : 'orange.9'} variant="filled" radius="sm" miw={120} tt="none" style={{ flexShrink: 0 }}>
                {p.severity === 'error' ? 'Erreur' : 'Avertissement'}
              </Badge>
              <Stack gap={0}>
                <Code>{p.path || '(fichier)'}</Code>
                <Text size="sm" c={p.severity === 'error' ? 'red.9' : 'orange.9'}>
                  {p.message}
                </Text>
              </Stack>
            </Group>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
