/** The learners of a promotion, and enrolling one by hand (admissions do it when a registration is final). */
import { Button, Group, Select, Stack, Table, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyResult, ErrorAlert, PageLoader } from '../../components/states';
import { api, unwrap } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { notifyError, notifySuccess } from '../../lib/forms';
import { learnersQuery } from './queries';

export function LearnersTab({ cohortId }: { cohortId: string }) {
  const { data, error, isPending } = useQuery(learnersQuery(cohortId));
  const canManage = useCan('cohorts:manage');
  return (
    <Stack gap="md">
      {canManage && <EnrolForm cohortId={cohortId} />}
      {isPending ? (
        <PageLoader label="Chargement des auditeur·rices…" />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : data.items.length === 0 ? (
        <EmptyResult title="Aucun·e auditeur·rice inscrit·e pour le moment." />
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped verticalSpacing="xs">
            <Table.Caption>
              {data.items.length} auditeur·rice{data.items.length > 1 ? 's' : ''}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Nom</Table.Th>
                <Table.Th>Courriel</Table.Th>
                <Table.Th>Financeur</Table.Th>
                <Table.Th>Statut</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((l) => (
                <Table.Tr key={l.userId}>
                  <Table.Td fw={600}>{l.name}</Table.Td>
                  <Table.Td>{l.email}</Table.Td>
                  <Table.Td>{l.funderLabel ?? '—'}</Table.Td>
                  <Table.Td>{l.status === 'enrolled' ? 'Inscrit·e' : l.status === 'withdrawn' ? 'Abandon' : 'Terminé·e'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function EnrolForm({ cohortId }: { cohortId: string }) {
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState<string | null>(null);
  const [funder, setFunder] = useState('');
  const candidates = useQuery({ queryKey: ['cohort', cohortId, 'learner-candidates'], queryFn: () => unwrap(api.cohorts[':id']['learner-candidates'].$get({ param: { id: cohortId } })) });
  const enrol = useMutation({
    mutationFn: () => unwrap(api.cohorts[':id'].learners.$post({ param: { id: cohortId }, json: { userId: userId!, funderLabel: funder.trim() || null } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['cohort', cohortId] });
      notifySuccess('Auditeur·rice inscrit·e.');
      setUserId(null);
      setFunder('');
    },
    onError: (e) => notifyError(e),
  });
  return (
    <Group align="flex-end" gap="sm">
      <Select
        label="Inscrire un·e auditeur·rice du centre"
        placeholder={candidates.data?.items.length === 0 ? 'Aucun compte disponible' : 'Choisir'}
        searchable
        data={(candidates.data?.items ?? []).map((c) => ({ value: c.userId, label: `${c.name} (${c.email})` }))}
        value={userId}
        onChange={setUserId}
        w={340}
      />
      <TextInput label="Financeur principal" value={funder} onChange={(e) => setFunder(e.currentTarget.value)} w={220} />
      <Button disabled={!userId} loading={enrol.isPending} onClick={() => enrol.mutate()}>
        Inscrire
      </Button>
    </Group>
  );
}
