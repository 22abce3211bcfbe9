/** The monthly pace of personal work on the mémoire against the 2–4 days (of 7 h) a month expected, as a bar chart and a table. */
import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Stack, Table, Text } from '@mantine/core';
import type { InferResponseType } from 'hono/client';
import { api } from '../../../lib/api';
import { formatMinutes } from '../../../lib/format';
import { HOURS_PER_WORK_DAY } from '../../../../../src/shared/vocabulary/followup';

export type TPace = InferResponseType<(typeof api.cohorts)[':id']['time-log']['$get'], 200>['pace'];

const STATUS_LABELS = { below: 'En dessous', within: 'Dans le rythme', above: 'Au-dessus' } as const;
const monthLabel = (m: string) => new Date(`${m}-01T12:00:00Z`).toLocaleDateString('fr-FR', { month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

export function PaceChart({ pace }: { pace: TPace }) {
  const { min, max } = pace.expectedMinutesPerMonth;
  if (pace.months.length === 0) return <Text c="dimmed">Aucun temps noté pour le moment : le rythme apparaîtra avec votre premier temps de travail.</Text>;
  const data = pace.months.map((m) => ({ mois: monthLabel(m.month), heures: m.hours }));
  return (
    <Stack gap="sm">
      <Text size="sm">
        Attendu : de {formatMinutes(min)} à {formatMinutes(max)} par mois (2 à 4 journées de {HOURS_PER_WORK_DAY} h).
      </Text>
      <div role="img" aria-label={`Heures de travail sur le mémoire par mois, de ${monthLabel(pace.months[0]!.month)} à ${monthLabel(pace.months.at(-1)!.month)} ; le détail suit dans le tableau.`}>
        <BarChart
          h={220}
          data={data}
          dataKey="mois"
          series={[{ name: 'heures', label: 'Heures', color: 'blue.7' }]}
          referenceLines={[
            { y: min / 60, label: 'Minimum attendu', color: 'orange.8' },
            { y: max / 60, label: 'Maximum attendu', color: 'teal.8' },
          ]}
          withTooltip={false}
        />
      </div>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Mois</Table.Th>
            <Table.Th scope="col">Temps</Table.Th>
            <Table.Th scope="col">Journées</Table.Th>
            <Table.Th scope="col">Rythme</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pace.months.map((m) => (
            <Table.Tr key={m.month}>
              <Table.Td>{monthLabel(m.month)}</Table.Td>
              <Table.Td>{formatMinutes(m.minutes)}</Table.Td>
              <Table.Td>{m.days.toLocaleString('fr-FR')}</Table.Td>
              <Table.Td>{STATUS_LABELS[m.status]}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
