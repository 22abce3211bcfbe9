/** Attendance of a promotion: rates and hours per learner and funder, exports, the day's PDF, justifications. */
import { Anchor, Badge, Button, Group, Modal, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconDownload, IconFileTypePdf } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { AnchorLink } from '../../../components/links';
import { EmptyResult, ErrorAlert, PageLoader } from '../../../components/states';
import { api, fileHref, files, unwrap } from '../../../lib/api';
import { useCan } from '../../../lib/auth';
import { notifyError, notifySuccess } from '../../../lib/forms';
import { formatDate, formatHours } from '../../../lib/format';
import { calendarQuery, formatRate, justificationsQuery, reportQuery } from '../queries';
import { CertificateLinks, PeriodInputs, type TPeriod } from './CertificateLinks';

export function AttendanceTab({ cohortId }: { cohortId: string }) {
  const { data, error, isPending } = useQuery(reportQuery(cohortId));
  const [period, setPeriod] = useState<TPeriod>({ from: '', to: '' });
  if (isPending) return <PageLoader label="Calcul de l’assiduité…" />;
  if (error) return <ErrorAlert error={error} />;
  return (
    <Stack gap="lg">
      <DaySheets cohortId={cohortId} />
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h3">
            Heures et taux par auditeur·rice
          </Title>
          <Group gap="xs">
            <Button component="a" href={fileHref(files.cohorts[':id'].attendance.export.$url({ param: { id: cohortId }, query: { format: 'csv' } }))} download variant="default" size="xs" leftSection={<IconDownload size={14} aria-hidden />}>
              Export CSV
            </Button>
            <Button component="a" href={fileHref(files.cohorts[':id'].attendance.export.$url({ param: { id: cohortId }, query: { format: 'xlsx' } }))} download variant="default" size="xs" leftSection={<IconDownload size={14} aria-hidden />}>
              Export XLSX
            </Button>
          </Group>
        </Group>
        <Text size="sm">
          Taux de la promotion : <strong>{formatRate(data.cohort.rate)}</strong> sur {data.pastSessions} demi-journées passées · seuil d’alerte {data.threshold} %
        </Text>
        {data.learners.length === 0 ? (
          <EmptyResult title="Aucun·e auditeur·rice inscrit·e." />
        ) : (
          <>
          <Text size="sm">Certificat de réalisation et attestation d’assiduité : heures réalisées d’après les émargements, sur la période choisie.</Text>
          <PeriodInputs value={period} onChange={setPeriod} />
          <Table.ScrollContainer minWidth={1100}>
            <Table striped verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Auditeur·rice</Table.Th>
                  <Table.Th>Financeur</Table.Th>
                  <Table.Th ta="right">Prévues</Table.Th>
                  <Table.Th ta="right">Suivies</Table.Th>
                  <Table.Th ta="right">Excusées</Table.Th>
                  <Table.Th ta="right">Absences</Table.Th>
                  <Table.Th ta="right">Taux</Table.Th>
                  <Table.Th>Documents</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.learners.map((l) => (
                  <Table.Tr key={l.userId}>
                    <Table.Td fw={600}>{l.name}</Table.Td>
                    <Table.Td>{l.funderLabel ?? '—'}</Table.Td>
                    <Table.Td ta="right">{formatHours(l.plannedHours)}</Table.Td>
                    <Table.Td ta="right">{formatHours(l.attendedHours)}</Table.Td>
                    <Table.Td ta="right">{formatHours(l.excusedHours)}</Table.Td>
                    <Table.Td ta="right">{formatHours(l.absentHours + l.unrecordedHours)}</Table.Td>
                    <Table.Td ta="right">
                      {l.alert ? (
                        <Badge color="red" variant="light" tt="none">
                          {formatRate(l.rate)} — sous le seuil
                        </Badge>
                      ) : (
                        formatRate(l.rate)
                      )}
                    </Table.Td>
                    <Table.Td>
                      <CertificateLinks cohortId={cohortId} learnerId={l.userId} period={period} who={l.name} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          </>
        )}
      </Stack>
      <Stack gap="xs">
        <Group justify="space-between" maw={640}>
          <Title order={2} size="h3">
            Heures par financeur
          </Title>
          <Group gap="xs">
            <Button component="a" href={fileHref(files.cohorts[':id'].attendance.export.$url({ param: { id: cohortId }, query: { format: 'csv', view: 'funders' } }))} download variant="default" size="xs" leftSection={<IconDownload size={14} aria-hidden />} aria-label="Export CSV des heures par financeur">
              Export CSV
            </Button>
            <Button component="a" href={fileHref(files.cohorts[':id'].attendance.export.$url({ param: { id: cohortId }, query: { format: 'xlsx', view: 'funders' } }))} download variant="default" size="xs" leftSection={<IconDownload size={14} aria-hidden />} aria-label="Export XLSX des heures par financeur">
              Export XLSX
            </Button>
          </Group>
        </Group>
        <Table withTableBorder maw={640} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Financeur</Table.Th>
              <Table.Th ta="right">Auditeur·rices</Table.Th>
              <Table.Th ta="right">Heures suivies</Table.Th>
              <Table.Th ta="right">Heures dues</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.byFunder.map((f) => (
              <Table.Tr key={f.funder}>
                <Table.Td>{f.funder}</Table.Td>
                <Table.Td ta="right">{f.learners}</Table.Td>
                <Table.Td ta="right">{formatHours(f.attendedHours)}</Table.Td>
                <Table.Td ta="right">{formatHours(f.dueHours)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      <Justifications cohortId={cohortId} />
    </Stack>
  );
}

function DaySheets({ cohortId }: { cohortId: string }) {
  const calendar = useQuery(calendarQuery(cohortId));
  const days = useMemo(() => {
    const all = new Set((calendar.data?.residencies ?? []).flatMap((r) => r.sessions.map((s) => s.date)));
    return [...all].sort();
  }, [calendar.data]);
  const today = dayjs().format('YYYY-MM-DD');
  const defaultDay = days.filter((d) => d <= today).at(-1) ?? days[0] ?? null;
  const [day, setDay] = useState<string | null>(null);
  const chosen = day ?? defaultDay;
  const sessions = (calendar.data?.residencies ?? []).flatMap((r) => r.sessions).filter((s) => s.date === chosen);
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        Feuilles d’émargement
      </Title>
      <Group align="flex-end" gap="sm">
        <Select label="Journée" searchable data={days.map((d) => ({ value: d, label: dayjs(d).format('dddd D MMMM YYYY') }))} value={chosen} onChange={setDay} w={300} />
        {chosen && (
          <Button component="a" href={fileHref(files.cohorts[':id'].attendance.sheet.$url({ param: { id: cohortId }, query: { date: chosen } }))} target="_blank" leftSection={<IconFileTypePdf size={18} aria-hidden />}>
            Feuille du jour (PDF)
          </Button>
        )}
      </Group>
      {sessions.length > 0 && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          {sessions.map((s) => (
            <Text size="sm" key={s.id}>
              {s.startTime}–{s.endTime} · {s.title} ·{' '}
              <AnchorLink to="/seances/$id/emargement" params={{ id: s.id }}>
                Ouvrir la feuille de la séance
              </AnchorLink>
            </Text>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

const JUSTIFICATION_STATUS = { pending: { label: 'À traiter', color: 'orange' }, accepted: { label: 'Accepté', color: 'green' }, refused: { label: 'Refusé', color: 'red' } } as const;

function Justifications({ cohortId }: { cohortId: string }) {
  const queryClient = useQueryClient();
  const canDecide = useCan('attendance:justifications:decide');
  const { data, error, isPending } = useQuery(justificationsQuery(cohortId));
  const [refusing, setRefusing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (v: { id: string; decision: 'accepted' | 'refused' }) => unwrap(api.justifications[':id'].decision.$post({ param: { id: v.id }, json: { decision: v.decision, reason } })),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: ['cohort', cohortId] });
      setRefusing(null);
      setReason('');
      notifySuccess(r.status === 'accepted' ? `Justificatif accepté : ${r.excusedSessions} demi-journée(s) excusée(s).` : 'Justificatif refusé.');
    },
    onError: (e) => notifyError(e),
  });
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        Justificatifs d’absence
      </Title>
      {isPending ? (
        <PageLoader />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : data.items.length === 0 ? (
        <Text size="sm">Aucun justificatif déposé.</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Auditeur·rice</Table.Th>
                <Table.Th>Période</Table.Th>
                <Table.Th>Motif</Table.Th>
                <Table.Th>Fichier</Table.Th>
                <Table.Th>Statut</Table.Th>
                <Table.Th>
                  <span className="mantine-visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((j) => (
                <Table.Tr key={j.id}>
                  <Table.Td>{j.learnerName}</Table.Td>
                  <Table.Td>{j.fromDate === j.toDate ? formatDate(j.fromDate) : `${formatDate(j.fromDate)} – ${formatDate(j.toDate)}`}</Table.Td>
                  <Table.Td>{j.note || '—'}</Table.Td>
                  <Table.Td>
                    <Anchor href={fileHref(files.justifications[':id'].document.$url({ param: { id: j.id } }))} target="_blank">
                      {j.fileName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={JUSTIFICATION_STATUS[j.status].color} variant="light" tt="none">
                      {JUSTIFICATION_STATUS[j.status].label}
                    </Badge>
                    {j.decisionReason ? <Text size="xs">{j.decisionReason}</Text> : null}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {canDecide && j.status === 'pending' && (
                      <Group gap={4}>
                        <Button size="xs" color="green" loading={decide.isPending} onClick={() => decide.mutate({ id: j.id, decision: 'accepted' })} aria-label={`Accepter le justificatif de ${j.learnerName}`}>
                          Accepter
                        </Button>
                        <Button size="xs" variant="default" onClick={() => setRefusing(j.id)} aria-label={`Refuser le justificatif de ${j.learnerName}`}>
                          Refuser
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={Boolean(refusing)} onClose={() => setRefusing(null)} title="Refuser le justificatif" centered>
        <Stack>
          <Textarea label="Motif du refus" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRefusing(null)}>
              Annuler
            </Button>
            <Button color="red" disabled={!reason.trim()} loading={decide.isPending} onClick={() => refusing && decide.mutate({ id: refusing, decision: 'refused' })}>
              Refuser
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
