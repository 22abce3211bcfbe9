/**
 * A promotion's milestones on /memoires: its due dates (the team sets them, with the dates its calendar
 * suggests), and the progress of the learners this person follows — all for the team, the ones a teacher
 * leads or supervises — with « fait » / « à faire » where the API lets them mark it.
 */
import { Button, Card, Checkbox, Group, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { useEffect, useState } from 'react';
import { EmptyResult, ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/forms';
import { MILESTONE_KIND_LABELS, type TMilestoneKind } from '../../../../../src/shared/vocabulary/memoire-milestones';
import { MilestoneBadge } from './MilestoneBadge';

type TMilestones = InferResponseType<(typeof api.cohorts)[':id']['milestones']['$get'], 200>;

export const milestonesQuery = (cohortId: string) => ({
  queryKey: ['cohort', cohortId, 'milestones'],
  queryFn: () => unwrap(api.cohorts[':id'].milestones.$get({ param: { id: cohortId } })),
});

export function MilestonesSection({ cohortId }: { cohortId: string }) {
  const { data, error, isPending } = useQuery(milestonesQuery(cohortId));
  if (isPending) return <PageLoader label="Chargement des jalons…" />;
  if (error) return <ErrorAlert error={error} />;
  return (
    <Stack gap="lg">
      <DueDatesCard data={data} />
      <ProgressCard data={data} />
    </Stack>
  );
}

function DueDatesCard({ data }: { data: TMilestones }) {
  const qc = useQueryClient();
  const initial = () => Object.fromEntries(data.items.map((i) => [i.kind, i.dueOn])) as Record<TMilestoneKind, string | null>;
  const [values, setValues] = useState(initial);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setValues(initial()), [data]);
  const save = useMutation({
    mutationFn: () => unwrap(api.cohorts[':id'].milestones.$put({ param: { id: data.cohortId }, json: { items: data.items.map((i) => ({ kind: i.kind, dueOn: values[i.kind] })) } })),
    onSuccess: (next) => {
      qc.setQueryData(milestonesQuery(data.cohortId).queryKey, next);
      void qc.invalidateQueries({ queryKey: ['cohort', data.cohortId, 'calendar'] });
      notifySuccess('Échéances enregistrées ; elles paraissent dans le calendrier de la promotion.');
    },
    onError: (e) => notifyError(e),
  });
  const editable = data.permissions.setDueDates;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="milestones-due">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="milestones-due">
          Échéances des jalons
        </Title>
        {editable && (
          <Button variant="default" size="xs" onClick={() => setValues(Object.fromEntries(data.items.map((i) => [i.kind, i.proposedOn])) as Record<TMilestoneKind, string>)}>
            Proposer d’après le calendrier
          </Button>
        )}
      </Group>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Jalon</Table.Th>
            <Table.Th>Échéance</Table.Th>
            {editable && <Table.Th>Suggérée par le calendrier</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((i) => (
            <Table.Tr key={i.kind}>
              <Table.Td>{i.label}</Table.Td>
              <Table.Td>
                {editable ? (
                  <TextInput
                    type="date"
                    aria-label={`Échéance : ${i.label}`}
                    value={values[i.kind] ?? ''}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setValues((prev) => ({ ...prev, [i.kind]: v || null }));
                    }}
                    min={data.promotion.startsOn}
                    max={data.promotion.endsOn}
                    w={170}
                  />
                ) : (
                  (i.dueOn ? formatDate(i.dueOn) : 'Non fixée')
                )}
              </Table.Td>
              {editable && <Table.Td>{formatDate(i.proposedOn)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editable && (
        <Group justify="flex-end" mt="sm">
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            Enregistrer les échéances
          </Button>
        </Group>
      )}
      <Text size="sm" c="dimmed" mt="xs">
        Chaque auditeur·rice reçoit un rappel 7 jours puis 1 jour avant une échéance qu’il·elle n’a pas encore marquée faite.
      </Text>
    </Card>
  );
}

function ProgressCard({ data }: { data: TMilestones }) {
  const qc = useQueryClient();
  const mark = useMutation({
    mutationFn: (v: { learnerId: string; kind: TMilestoneKind; done: boolean }) =>
      unwrap(api.cohorts[':id'].milestones.learners[':learnerId'].done.$put({ param: { id: data.cohortId, learnerId: v.learnerId }, json: { kind: v.kind, done: v.done } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: milestonesQuery(data.cohortId).queryKey }),
    onError: (e) => notifyError(e),
  });
  const kinds = data.items.map((i) => i.kind);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="milestones-progress">
      <Title order={2} size="h4" id="milestones-progress" mb="sm">
        Avancement des auditeur·rices
      </Title>
      {data.learners.length === 0 ? (
        <EmptyResult title="Aucun·e auditeur·rice à suivre ici.">Vous voyez les auditeur·rices des groupes que vous animez et des mémoires que vous dirigez.</EmptyResult>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Auditeur·rice</Table.Th>
                {kinds.map((k) => (
                  <Table.Th key={k}>{MILESTONE_KIND_LABELS[k]}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.learners.map((l) => (
                <Table.Tr key={l.learner.id}>
                  <Table.Td fw={600}>{l.learner.name}</Table.Td>
                  {l.milestones.map((m) => (
                    <Table.Td key={m.kind}>
                      <Stack gap={2}>
                        <Group gap={6} wrap="nowrap">
                          {m.canMark && (
                            <Checkbox
                              aria-label={`${MILESTONE_KIND_LABELS[m.kind]} fait pour ${l.learner.name}`}
                              checked={m.status === 'done'}
                              disabled={mark.isPending}
                              onChange={(e) => mark.mutate({ learnerId: l.learner.id, kind: m.kind, done: e.currentTarget.checked })}
                            />
                          )}
                          <MilestoneBadge status={m.status} />
                        </Group>
                        <Tooltip label={m.doneBy ? `Marqué par ${m.doneBy.name}` : 'Échéance'} disabled={!m.doneBy}>
                          <Text size="xs" c="dimmed">
                            {m.doneAt ? `le ${formatDate(m.doneAt)}` : m.dueOn ? `pour le ${formatDate(m.dueOn)}` : 'sans échéance'}
                          </Text>
                        </Tooltip>
                      </Stack>
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
