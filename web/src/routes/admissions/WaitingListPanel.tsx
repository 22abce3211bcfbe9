/** A promotion's places and ordered waiting list; staff enrol the first person once a place is free. */
import { Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert, PageLoader } from '../../components/states';
import { api, unwrap } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { notifyError, notifySuccess } from '../../lib/forms';
import { formatDateTime } from '../../lib/format';
import { ConfirmButton } from './ConfirmButton';

export function WaitingListPanel({ cohortId }: { cohortId: string }) {
  const queryClient = useQueryClient();
  const canInstruct = useCan('admissions:instruct');
  const list = useQuery({
    queryKey: ['waiting-list', cohortId],
    queryFn: () => unwrap(api.admissions.cohorts[':cohortId']['waiting-list'].$get({ param: { cohortId } })),
  });
  const promote = useMutation({
    mutationFn: () => unwrap(api.admissions.cohorts[':cohortId']['waiting-list'].promote.$post({ param: { cohortId } })),
    onSuccess: (data) => {
      void queryClient.invalidateQueries({ queryKey: ['waiting-list', cohortId] });
      void queryClient.invalidateQueries({ queryKey: ['applications'] });
      void queryClient.invalidateQueries({ queryKey: ['admission-cohorts'] });
      notifySuccess(`${data.firstName} ${data.lastName} est inscrit·e dans la promotion.`);
    },
    onError: (e) => notifyError(e),
  });
  if (list.isPending) return <PageLoader label="Chargement de la liste d'attente…" />;
  if (list.error) return <ErrorAlert error={list.error} />;
  const { capacity, enrolled, items } = list.data;
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h3">
            Places et liste d'attente
          </Title>
          {canInstruct && items.length > 0 && (
            <ConfirmButton
              variant="default"
              loading={promote.isPending}
              disabled={enrolled >= capacity}
              title="Inscrire la première personne de la liste ?"
              message={`${items[0]!.firstName} ${items[0]!.lastName} deviendra auditeur·rice de la promotion.`}
              confirmLabel="Inscrire"
              onConfirm={() => promote.mutate()}
            >
              Inscrire la première personne en attente
            </ConfirmButton>
          )}
        </Group>
        <Text size="sm">
          {enrolled} inscrit·e{enrolled > 1 ? 's' : ''} sur {capacity} places{enrolled >= capacity ? ' : promotion complète' : ''}.
        </Text>
        {items.length === 0 ? (
          <Text size="sm">Personne en liste d'attente.</Text>
        ) : (
          <List type="ordered" size="sm">
            {items.map((w) => (
              <List.Item key={w.id}>
                {w.lastName.toUpperCase()} {w.firstName} ({w.reference}) — bulletin retourné le {formatDateTime(w.waitingSince)}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}
