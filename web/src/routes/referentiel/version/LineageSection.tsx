/** « Filiation »: the versions of the family, oldest → newest, the current one highlighted. */
import { Group, Paper, Stack, Text } from '@mantine/core';
import { StatusBadge } from '../../../components/StatusBadge';
import { AnchorLink } from '../../../components/links';
import type { TVersionDetail } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import { Section } from './common';

export function LineageSection({ lineage, current }: { lineage: TVersionDetail['lineage']; current: string }) {
  return (
    <Section id="filiation" title="Filiation">
      <Text size="sm">Les versions successives de la certification, de la plus ancienne à la plus récente.</Text>
      <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
        {lineage.map((v, i) => {
          const isCurrent = v.code === current;
          return (
            <Paper
              component="li"
              key={v.code}
              withBorder
              p="sm"
              radius="md"
              bg={isCurrent ? 'blue.0' : undefined}
              style={isCurrent ? { borderColor: 'var(--mantine-color-blue-8)', borderWidth: 2 } : undefined}
              aria-current={isCurrent ? 'true' : undefined}
            >
              <Group justify="space-between" gap="xs">
                <Stack gap={0}>
                  <Group gap="xs">
                    <Text size="sm" c="dimmed">
                      {i + 1}.
                    </Text>
                    <AnchorLink to="/referentiel/$code" params={{ code: v.code }} fw={700}>
                      {v.code}
                    </AnchorLink>
                    {isCurrent && (
                      <Text size="sm" fw={600}>
                        (version affichée)
                      </Text>
                    )}
                  </Group>
                  <Text size="sm">{v.title}</Text>
                  <Text size="xs">
                    Du {formatDate(v.registeredOn)} au {formatDate(v.expiresOn)}
                  </Text>
                </Stack>
                <StatusBadge status={v.status} />
              </Group>
            </Paper>
          );
        })}
      </Stack>
    </Section>
  );
}
