/** /evaluations: the promotions whose marks one reads or enters (decision 024); each opens its grid. */
import { Badge, Stack, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { EmptyResult, ErrorAlert, PageLoader } from '../../components/states';
import { cohortLabel, formatDate } from '../../lib/format';
import { cohortsQuery } from '../cohorts/queries';

export function EvaluationsPage() {
  const { data, error, isPending } = useQuery(cohortsQuery({ page: 1 }));
  return (
    <Stack gap="md">
      <PageHeader title="Évaluations" description="Les notes des promotions : saisie par les correcteur·rices, troisièmes lectures, publication, propositions par bloc." />
      {isPending ? (
        <PageLoader label="Chargement des promotions…" />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : data.items.length === 0 ? (
        <EmptyResult title="Aucune promotion" />
      ) : (
        <Table striped withTableBorder aria-label="Promotions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Promotion</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>Dates</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td fw={600}>
                  <AnchorLink to="/evaluations/$id" params={{ id: c.id }}>
                    {cohortLabel({ name: c.name, centreName: c.centre.name })}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  <Badge variant="outline" radius="sm" tt="none">
                    {c.certificationVersionCode}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  du {formatDate(c.startsOn)} au {formatDate(c.endsOn)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
