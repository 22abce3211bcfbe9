/** /promotions: the promotions of one's centres, by centre and year, with « Nouvelle promotion ». */
import { Badge, Button, Group, Select, Stack, Table } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { AnchorLink } from '../../components/links';
import { EmptyResult, ErrorAlert, PageLoader } from '../../components/states';
import { useCan } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { centresQuery } from '../../lib/queries';
import { CohortFormModal } from './CohortForm';
import { cohortsQuery } from './queries';

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 12 }, (_, i) => String(thisYear + 1 - i));

export function CohortsPage() {
  const [centreId, setCentreId] = useState<string | null>(null);
  const [year, setYear] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const canManage = useCan('cohorts:manage');
  const centres = useQuery(centresQuery);
  const { data, error, isPending } = useQuery(cohortsQuery({ centreId: centreId ?? undefined, year: year ? Number(year) : undefined, page }));

  return (
    <Stack gap="md">
      <PageHeader
        title="Promotions"
        description="Les promotions de vos centres : deux ans de regroupements, leurs auditeur·rices, leur calendrier et leur assiduité."
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
              Nouvelle promotion
            </Button>
          )
        }
      />
      <Group gap="sm" align="flex-end">
        <Select
          label="Centre"
          placeholder="Tous les centres"
          clearable
          data={(centres.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={centreId}
          onChange={(v) => {
            setCentreId(v);
            setPage(1);
          }}
          w={260}
        />
        <Select
          label="Année de début"
          placeholder="Toutes les années"
          clearable
          data={YEARS}
          value={year}
          onChange={(v) => {
            setYear(v);
            setPage(1);
          }}
          w={200}
        />
      </Group>
      {isPending ? (
        <PageLoader label="Chargement des promotions…" />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : data.items.length === 0 ? (
        <EmptyResult title="Aucune promotion pour ces critères.">{canManage ? 'Créez-en une avec « Nouvelle promotion ».' : ''}</EmptyResult>
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Caption>
                {data.total} promotion{data.total > 1 ? 's' : ''}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>N°</Table.Th>
                  <Table.Th>Promotion</Table.Th>
                  <Table.Th>Centre</Table.Th>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Début</Table.Th>
                  <Table.Th>Fin</Table.Th>
                  <Table.Th>Auditeur·rices</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{c.number}</Table.Td>
                    <Table.Td fw={600}>
                      <AnchorLink to="/promotions/$id" params={{ id: c.id }}>
                        {c.name}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{c.centre.name}</Table.Td>
                    <Table.Td>
                      <Badge variant="outline" radius="sm" tt="none">
                        {c.certificationVersionCode}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatDate(c.startsOn)}</Table.Td>
                    <Table.Td>{formatDate(c.endsOn)}</Table.Td>
                    <Table.Td>
                      {c.learnerCount} / {c.capacity}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager page={page} pageSize={25} total={data.total} onChange={setPage} />
        </>
      )}
      <CohortFormModal opened={creating} cohort={null} onClose={() => setCreating(false)} />
    </Stack>
  );
}
