/** « Codes »: NSF, ROME and Formacode of the version. */
import { SimpleGrid, Stack, Table, Title } from '@mantine/core';
import { Section, Unstated, type TDoc } from './common';

function CodeTable({ title, items }: { title: string; items: readonly { code: string; label: string }[] }) {
  return (
    <Stack gap={4}>
      <Title order={3}>{title}</Title>
      {items.length === 0 ? (
        <Unstated>Aucun code.</Unstated>
      ) : (
        <Table withTableBorder verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Code</Table.Th>
              <Table.Th>Libellé</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c, i) => (
              <Table.Tr key={`${c.code}-${i}`}>
                <Table.Td ff="monospace">{c.code}</Table.Td>
                <Table.Td>{c.label}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function CodesSection({ doc }: { doc: TDoc }) {
  const codes = doc.codes;
  return (
    <Section id="codes" title="Codes" sources={codes?.source}>
      {!codes ? (
        <Unstated>Les sources de cette version ne donnent pas de codes NSF, ROME ou Formacode.</Unstated>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <CodeTable title="NSF" items={codes.nsf} />
          <CodeTable title="ROME" items={codes.rome} />
          <CodeTable title="Formacode" items={codes.formacode} />
        </SimpleGrid>
      )}
    </Section>
  );
}
