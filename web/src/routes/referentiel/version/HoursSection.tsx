/** « Maquette horaire »: hour components, the totals the server computed, and any mismatch. */
import { Alert, List, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { THourTotals } from '../../../../../src/features/referentiel/referentiel.rules';
import type { TVersionDetail } from '../../../lib/api';
import { formatHours, plural } from '../../../lib/format';
import { HOUR_KIND_LABELS } from '../../../lib/labels';
import { Section, Unstated, type TDoc } from './common';

const nowrap = { whiteSpace: 'nowrap' } as const;

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

export function HoursSection({ doc, totals: rawTotals }: { doc: TDoc; totals: TVersionDetail['hourTotals'] }) {
  const hours = doc.hours;
  if (!hours) {
    return (
      <Section id="maquette" title="Maquette horaire">
        <Unstated>Les sources de cette version ne donnent pas de maquette horaire.</Unstated>
      </Section>
    );
  }
  const totals = rawTotals as (THourTotals & Record<string, unknown>) | null;
  const declared = totals?.declared ?? hours.declaredTotalHours;
  const computed = totals?.componentsSum ?? null;
  const componentsDiffer =
    totals?.componentsMatch === false || (totals?.componentsMatch === undefined && hours.components.length > 0 && computed !== declared);
  const modulesDiffer = totals?.modulesMatch === false;
  const formula =
    hours.components.length > 0
      ? `${hours.components.map((c) => `${formatHours(c.hours)} ${c.label.toLocaleLowerCase('fr')}`).join(' + ')} = ${formatHours(computed ?? 0)}`
      : null;

  return (
    <Section id="maquette" title="Maquette horaire" sources={hours.source}>
      {componentsDiffer && computed !== null && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Total déclaré et somme calculée diffèrent">
          Le total déclaré par la source est de {formatHours(declared)}, mais la somme des composantes donne {formatHours(computed)}.
        </Alert>
      )}
      {modulesDiffer && totals?.modulesSum !== null && totals?.modulesSum !== undefined && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Heures des modules et total déclaré diffèrent">
          Les modules certifiants totalisent {formatHours(totals.modulesSum)}, pour un total déclaré de {formatHours(declared)}.
        </Alert>
      )}
      {formula && (
        <Text fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formula}
        </Text>
      )}
      {hours.components.length === 0 ? (
        <Unstated>La source donne seulement un total de {formatHours(declared)}, sans le détailler.</Unstated>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Composante</Table.Th>
                <Table.Th>Nature</Table.Th>
                <Table.Th ta="right">Heures</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {hours.components.map((c, i) => (
                <Table.Tr key={i}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {c.label}
                    </Text>
                    {c.detail && (
                      <List size="xs" spacing={2} mt={4}>
                        {c.detail.map((d, j) => (
                          <List.Item key={j}>{d}</List.Item>
                        ))}
                      </List>
                    )}
                  </Table.Td>
                  <Table.Td>{HOUR_KIND_LABELS[c.kind]}</Table.Td>
                  <Table.Td ta="right" style={nowrap}>
                    {formatHours(c.hours)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row" colSpan={2}>
                  Somme calculée
                </Table.Th>
                <Table.Td ta="right" fw={700} style={nowrap}>
                  {formatHours(computed ?? 0)}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row" colSpan={2}>
                  Total déclaré par la source
                </Table.Th>
                <Table.Td ta="right" fw={700} style={nowrap}>
                  {formatHours(declared)}
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
        {hours.weeksOnSite !== undefined && <Figure label="Présentiel" value={plural(hours.weeksOnSite, 'semaine', 'semaines')} />}
        {hours.remoteDays !== undefined && <Figure label="Distanciel" value={plural(hours.remoteDays, 'jour', 'jours')} />}
        {hours.defenseDays !== undefined && <Figure label="Soutenances" value={plural(hours.defenseDays, 'jour', 'jours')} />}
        {hours.durationYears !== undefined && (
          <Figure label="Durée" value={`${String(hours.durationYears).replace('.', ',')} an${hours.durationYears >= 2 ? 's' : ''}`} />
        )}
        {hours.rhythm && <Figure label="Rythme" value={hours.rhythm} />}
        {hours.thesisWorkshopGroupSize && (
          <Figure
            label="Ateliers mémoire"
            value={`groupes de ${hours.thesisWorkshopGroupSize.min} à ${hours.thesisWorkshopGroupSize.max} auditeur·rices`}
          />
        )}
      </SimpleGrid>
      {hours.notes.length > 0 && (
        <Stack gap={4}>
          <Text fw={600} size="sm">
            Précisions
          </Text>
          <List size="sm" spacing={4}>
            {hours.notes.map((n, i) => (
              <List.Item key={i}>{n}</List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Section>
  );
}
