/** /admin/taches: the background jobs (e-mails, computations), their failures and a confirmed "relancer". */
import { Badge, Button, Code, Group, Modal, Select, Stack, Switch, Table, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { EmptyResult, ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap, type TJob } from '../../../lib/api';
import { notifyError, notifySuccess } from '../../../lib/forms';
import { JOB_STATUS_LABELS, JOB_STATUS_VALUES, type TJobStatus } from '../../../../../src/shared/vocabulary/jobs';

const PAGE_SIZE = 25;
const STATUS_COLORS: Record<TJobStatus, string> = { pending: 'blue', running: 'violet', succeeded: 'green', dead: 'red' };

const dateTime = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' }) : '—';

export function JobsPage() {
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<TJobStatus | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const [failedOnly, setFailedOnly] = useState(false);
  const [toRetry, setToRetry] = useState<TJob | null>(null);

  const query = {
    page: String(page),
    pageSize: String(PAGE_SIZE),
    ...(status ? { status } : {}),
    ...(kind ? { kind } : {}),
    ...(failedOnly ? { failed: 'true' as const } : {}),
  };
  const list = useQuery({
    queryKey: ['jobs', query],
    queryFn: () => unwrap(api.admin.jobs.$get({ query })),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });

  const retry = useMutation({
    mutationFn: (job: TJob) => unwrap(api.admin.jobs[':id'].retry.$post({ param: { id: job.id } })),
    onSuccess: async (job) => {
      setToRetry(null);
      notifySuccess(`La tâche « ${job.kindLabel} » est remise en file d’attente.`);
      await queryClient.invalidateQueries({ queryKey: ['jobs'] });
    },
    onError: (error) => notifyError(error, 'Relance impossible'),
  });

  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  const counts = list.data?.counts;

  return (
    <Stack gap="md">
      <PageHeader
        title="Tâches de fond"
        description="Les envois de courriels et les calculs faits en arrière-plan : ce qui attend, ce qui a échoué et pourquoi. Une tâche en échec est retentée d’elle-même, de plus en plus espacée, puis abandonnée."
      />
      {counts && (
        <Group gap="xs" aria-label="Nombre de tâches par état">
          {JOB_STATUS_VALUES.map((s) => (
            <Badge key={s} color={STATUS_COLORS[s]} variant="light">
              {JOB_STATUS_LABELS[s]} : {counts[s] ?? 0}
            </Badge>
          ))}
        </Group>
      )}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label="État"
          placeholder="Tous"
          clearable
          data={JOB_STATUS_VALUES.map((s) => ({ value: s, label: JOB_STATUS_LABELS[s] }))}
          value={status}
          onChange={filter((v) => setStatus(v as TJobStatus | null))}
          w={180}
        />
        <Select
          label="Type"
          placeholder="Tous"
          clearable
          data={(list.data?.kinds ?? []).map((k) => ({ value: k.kind, label: k.label }))}
          value={kind}
          onChange={filter(setKind)}
          w={280}
        />
        <Switch label="Seulement les échecs" checked={failedOnly} onChange={(e) => filter(setFailedOnly)(e.currentTarget.checked)} mb={8} />
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <EmptyResult title="Aucune tâche ne correspond à ces filtres." />
      ) : (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Créée le</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>État</Table.Th>
                  <Table.Th>Tentatives</Table.Th>
                  <Table.Th>Prochain essai / fin</Table.Th>
                  <Table.Th>Dernière erreur</Table.Th>
                  <Table.Th>
                    <span className="mantine-visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((job) => (
                  <Table.Tr key={job.id}>
                    <Table.Td>{dateTime(job.createdAt)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {job.kindLabel}
                      </Text>
                      {job.summary && (
                        <Text size="xs" c="dimmed">
                          {job.summary}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[job.status]} variant="light">
                        {job.statusLabel}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {job.attempts} / {job.maxAttempts}
                    </Table.Td>
                    <Table.Td>{job.finishedAt ? dateTime(job.finishedAt) : job.runAt ? dateTime(job.runAt) : 'Dès que possible'}</Table.Td>
                    <Table.Td maw={320}>{job.lastError ? <Code block>{job.lastError}</Code> : '—'}</Table.Td>
                    <Table.Td>
                      {job.canRetry && (
                        <Button size="xs" variant="light" leftSection={<IconRefresh size={14} aria-hidden />} onClick={() => setToRetry(job)}>
                          Relancer
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={setPage} noun={['tâche', 'tâches']} />
        </>
      )}
      <Modal opened={toRetry !== null} onClose={() => setToRetry(null)} title="Relancer cette tâche ?" centered>
        <Stack gap="md">
          <Text size="sm">
            « {toRetry?.kindLabel} » {toRetry?.summary ? `(${toRetry.summary})` : ''} sera remise en file d’attente tout de suite, avec ses
            tentatives remises à zéro. Assurez-vous que la cause de l’échec est réglée.
          </Text>
          {toRetry?.lastError && <Code block>{toRetry.lastError}</Code>}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setToRetry(null)}>
              Annuler
            </Button>
            <Button loading={retry.isPending} onClick={() => toRetry && retry.mutate(toRetry)}>
              Relancer la tâche
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
