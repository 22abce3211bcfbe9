/** « Tarifs »: label, payer, amount (euros from cents), per programme or per year. */
import { Table, Text } from '@mantine/core';
import { formatEuros } from '../../../lib/format';
import { PAYER_LABELS } from '../../../lib/labels';
import { Section, SourceNote, Unstated, uniqueSources, type TDoc } from './common';

export function PricesSection({ doc }: { doc: TDoc }) {
  const prices = doc.prices;
  return (
    <Section id="tarifs" title="Tarifs" sources={uniqueSources(...prices.map((p) => p.source))}>
      {prices.length === 0 ? (
        <Unstated>Les sources de cette version ne donnent pas de tarif.</Unstated>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tarif</Table.Th>
                <Table.Th>Financeur</Table.Th>
                <Table.Th ta="right">Montant</Table.Th>
                <Table.Th>Période</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {prices.map((p, i) => (
                <Table.Tr key={i}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {p.label}
                    </Text>
                    {p.note && <Text size="xs">{p.note}</Text>}
                    <SourceNote ids={p.source} />
                  </Table.Td>
                  <Table.Td>{PAYER_LABELS[p.payer]}</Table.Td>
                  <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {formatEuros(p.amountCents)}
                  </Table.Td>
                  <Table.Td>{p.period === 'programme' ? 'pour le parcours complet' : 'par an'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
