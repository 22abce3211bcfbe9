/** /mes-candidatures: the applicant's applications, with the way to start one. */
import { Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/PageHeader';
import { AnchorLink, ButtonLink } from '../../components/links';
import { EmptyResult, ErrorAlert, PageLoader } from '../../components/states';
import { api, unwrap } from '../../lib/api';
import { cohortLabel, formatDateTime } from '../../lib/format';
import { StatusPill } from '../admissions/ApplicationParts';
import { REGISTRATION, type TStatus } from '../admissions/labels';

export function MyApplicationsPage() {
  const mine = useQuery({ queryKey: ['applications', 'mine'], queryFn: () => unwrap(api.applications.mine.$get()) });
  return (
    <Stack gap="md">
      <PageHeader title="Mes candidatures" description="Vos candidatures, leur état et votre inscription." actions={<ButtonLink to="/mes-candidatures/nouvelle">Nouvelle candidature</ButtonLink>} />
      {mine.isPending ? (
        <PageLoader />
      ) : mine.error ? (
        <ErrorAlert error={mine.error} />
      ) : mine.data.items.length === 0 ? (
        <EmptyResult title="Vous n'avez pas encore de candidature." />
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Référence</Table.Th>
              <Table.Th>Promotion</Table.Th>
              <Table.Th>État</Table.Th>
              <Table.Th>Inscription</Table.Th>
              <Table.Th>Mise à jour</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mine.data.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <AnchorLink to="/mes-candidatures/$id" params={{ id: a.id }}>
                    {a.reference}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  {cohortLabel({ name: a.cohortName, centreName: a.centreName })}
                </Table.Td>
                <Table.Td>
                  <StatusPill status={a.status as TStatus} />
                </Table.Td>
                <Table.Td>{REGISTRATION[a.registrationStatus] ?? a.registrationStatus}</Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(a.updatedAt)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
