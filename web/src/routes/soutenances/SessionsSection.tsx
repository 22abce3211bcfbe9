/** The soutenance sessions of a promotion, on its juries' page (decision 027), with the opening of a new one. */
import { Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { AnchorLink } from '../../components/links';
import { ErrorAlert } from '../../components/states';
import { api, unwrap } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { cohortSessionsQuery } from './queries';
import { SessionSettingsForm, type TSettingsPayload } from './SessionSettings';

type TJuryLite = { id: string; label: string; constitutedAt: string | null; cases: unknown[]; seats: { userId: string; name: string; kind: string }[] };

export function SessionsSection({ cohortId, juries }: { cohortId: string; juries: TJuryLite[] }) {
  const sessions = useQuery(cohortSessionsQuery(cohortId));
  const [opening, setOpening] = useState(false);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: ({ payload }: { payload: TSettingsPayload; fail: (e: unknown) => void }) => unwrap(api.cohorts[':id']['soutenance-sessions'].$post({ param: { id: cohortId }, json: payload })),
    onSuccess: async (s) => {
      notifySuccess(`Session « ${s.label} » ouverte.`);
      setOpening(false);
      await qc.invalidateQueries({ queryKey: ['cohort', cohortId, 'soutenance-sessions'] });
      await navigate({ to: '/soutenances/$id', params: { id: s.id } });
    },
    onError: (e, v) => v.fail(e),
  });
  const members = [...new Map(juries.flatMap((j) => j.seats.map((s) => [s.userId, { userId: s.userId, name: s.name, kindLabel: '' }] as const))).values()];
  return (
    <Card withBorder padding="lg" component="section" aria-label="Sessions de soutenances">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            Sessions de soutenances
          </Title>
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setOpening(true)}>
            Ouvrir une session
          </Button>
        </Group>
        {sessions.error ? (
          <ErrorAlert error={sessions.error} />
        ) : !sessions.data || sessions.data.items.length === 0 ? (
          <Text c="dimmed" size="sm">
            Aucune session : ouvrez-en une pour planifier les soutenances des jurys constitués (jours, créneaux, salles).
          </Text>
        ) : (
          <Table striped withTableBorder aria-label="Sessions de soutenances de la promotion">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Session</Table.Th>
                <Table.Th>Dates</Table.Th>
                <Table.Th>Jurys</Table.Th>
                <Table.Th>Soutenances planifiées</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <AnchorLink to="/soutenances/$id" params={{ id: s.id }}>
                      {s.label}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{s.firstDay ? (s.firstDay === s.lastDay ? formatDate(s.firstDay) : `du ${formatDate(s.firstDay)} au ${formatDate(s.lastDay)}`) : '—'}</Table.Td>
                  <Table.Td>{s.juries}</Table.Td>
                  <Table.Td>{s.planned}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Modal opened={opening} onClose={() => setOpening(false)} title="Ouvrir une session de soutenances" size="xl">
        {opening && (
          <SessionSettingsForm
            initial={{
              label: '',
              place: '',
              days: [{ date: '', slots: '09:00-10:00, 10:00-11:00, 11:00-12:00, 14:00-15:00, 15:00-16:00, 16:00-17:00' }],
              rooms: [{ label: '', video: false }],
              juryIds: juries.filter((j) => j.constitutedAt).map((j) => j.id),
              daysOff: [],
            }}
            juries={juries.map((j) => ({ id: j.id, label: j.label, constituted: Boolean(j.constitutedAt), cases: j.cases.length }))}
            members={members}
            submitLabel="Ouvrir la session"
            pending={create.isPending}
            onSubmit={(payload, fail) => create.mutate({ payload, fail })}
            onCancel={() => setOpening(false)}
          />
        )}
      </Modal>
    </Card>
  );
}
