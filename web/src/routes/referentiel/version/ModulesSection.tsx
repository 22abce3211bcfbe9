/** « Modules »: hours when given, optional and non-certifying flags, prices of optional modules. */
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { formatEuros, formatHours } from '../../../lib/format';
import { Section, SourceNote, Unstated, uniqueSources, type TDoc } from './common';

export function ModulesSection({ doc }: { doc: TDoc }) {
  const modules = doc.modules;
  return (
    <Section id="modules" title="Modules" sources={uniqueSources(...modules.map((m) => m.source))}>
      {modules.length === 0 ? (
        <Unstated>Les sources de cette version ne listent pas de modules.</Unstated>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Module</Table.Th>
                <Table.Th>Heures</Table.Th>
                <Table.Th>Statut</Table.Th>
                <Table.Th>Tarifs</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {modules.map((m, i) => (
                <Table.Tr key={i}>
                  <Table.Td>
                    <Stack gap={4}>
                      <Text size="sm" fw={600}>
                        {m.title}
                      </Text>
                      {m.description && <Text size="xs">{m.description}</Text>}
                      <SourceNote ids={m.source} />
                    </Stack>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{m.hours === undefined ? '—' : formatHours(m.hours)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge variant="outline" radius="sm" tt="none" color={m.certifying ? 'blue' : 'gray.8'}>
                        {m.certifying ? 'Certifiant' : 'Non certifiant'}
                      </Badge>
                      {m.optional && (
                        <Badge variant="outline" radius="sm" tt="none" color="grape.9">
                          Facultatif
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {m.prices && m.prices.length > 0 ? (
                      <Stack gap={2}>
                        {m.prices.map((p) => (
                          <Text key={p.label} size="sm" style={{ whiteSpace: 'nowrap' }}>
                            {p.label} : {formatEuros(p.amountCents)}
                          </Text>
                        ))}
                      </Stack>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
