/**
 * /mon-calendrier: a learner's sessions (sign during the window), hours and rate, absence justifications;
 * a teacher's sessions (take attendance); for both, a secret iCalendar address to subscribe to.
 * The session open for signing comes first, on a phone too: the current promotion before finished
 * ones, its « Émarger » before the figures. A rate is shown once there is something to rate.
 */
import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { ButtonLink } from '../../../components/links';
import { EmptyResult, ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap } from '../../../lib/api';
import { useCan, useMe } from '../../../lib/auth';
import { notifyError, notifySuccess } from '../../../lib/forms';
import { formatHours } from '../../../lib/format';
import { ATTENDANCE_LABELS, formatRate, myAttendanceQuery, mySessionsQuery, type TMyAttendance } from '../queries';
import { MySessionsCalendarView } from '../../../components/calendar/SessionsCalendar';
import { FeedsCard } from './FeedsCard';
import { JustificationCard } from './JustificationCard';
import { CertificateLinks, PeriodInputs, type TPeriod } from '../attendance/CertificateLinks';

/** Re-renders every 30 s so that the sign button appears when the window opens. */
function useNow() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function MyCalendarPage() {
  const { data, error, isPending } = useQuery(mySessionsQuery);
  const canSign = useCan('attendance:sign:own');
  const now = useNow();
  const today = dayjs(now).format('YYYY-MM-DD');
  if (isPending) return <PageLoader label="Chargement de votre calendrier…" />;
  if (error) return <ErrorAlert error={error} />;
  // The promotion whose next session is soonest first; those with nothing to come (finished) last.
  const learned = data.items.filter((s) => s.role === 'learner');
  const nextOf = (cohortId: string) =>
    learned
      .filter((s) => s.cohortId === cohortId && new Date(s.endsAt).getTime() >= now)
      .map((s) => s.startsAt)
      .sort()[0] ?? '9999';
  const learnerCohorts = [...new Set(learned.map((s) => s.cohortId))].sort((a, b) => nextOf(a).localeCompare(nextOf(b)));
  const taught = data.items.filter((s) => s.role === 'teacher');
  // The coming sessions (and last week's); when none is coming, the last ones taught.
  const recent = taught.filter((s) => s.date >= dayjs(now).subtract(7, 'day').format('YYYY-MM-DD')).slice(0, 20);
  const teaching = recent.length ? recent : taught.slice(-6).reverse();
  return (
    <Stack gap="lg">
      <PageHeader title="Mon calendrier" description="Vos prochaines séances, vos émargements et vos heures." />
      {canSign && learnerCohorts.map((id) => <LearnerCohort key={id} cohortId={id} now={now} today={today} />)}
      {teaching.length > 0 && (
        <Stack gap="xs">
          <Title order={2} size="h3">
            Séances que j’anime
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {teaching.map((s) => (
              <Card key={s.id} withBorder padding="sm">
                <Text fw={600}>{s.title}</Text>
                <Text size="sm">
                  {dayjs(s.date).format('dddd D MMMM YYYY')}, {s.startTime}–{s.endTime} · {s.cohortName}
                </Text>
                <ButtonLink to="/seances/$id/emargement" params={{ id: s.id }} size="sm" mt="xs" variant="light">
                  Faire l’appel
                </ButtonLink>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      )}
      {data.items.length === 0 && <EmptyResult title="Aucune séance pour le moment." />}
      <MySessionsCalendarView items={data.items} />
      <FeedsCard />
    </Stack>
  );
}

/** The learner's own certificat de réalisation and attestation d'assiduité, over a period they choose. */
function MyCertificates({ cohortId }: { cohortId: string }) {
  const me = useMe();
  const [period, setPeriod] = useState<TPeriod>({ from: '', to: '' });
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Mes attestations
      </Title>
      <PeriodInputs value={period} onChange={setPeriod} />
      <CertificateLinks cohortId={cohortId} learnerId={me.user.id} period={period} size="sm" />
    </Stack>
  );
}

function LearnerCohort({ cohortId, now, today }: { cohortId: string; now: number; today: string }) {
  const queryClient = useQueryClient();
  const { data, error, isPending } = useQuery(myAttendanceQuery(cohortId));
  const sign = useMutation({
    mutationFn: (sessionId: string) => unwrap(api.sessions[':id'].attendance.sign.$post({ param: { id: sessionId }, json: {} })),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: myAttendanceQuery(cohortId).queryKey });
      notifySuccess(`Présence enregistrée à ${dayjs(r.recordedAt).format('HH:mm')}${r.status === 'late' ? ' (en retard)' : ''}.`);
    },
    onError: (e) => notifyError(e, 'Émargement refusé'),
  });
  if (isPending) return <PageLoader />;
  if (error) return <ErrorAlert error={error} />;
  const open = (s: TMyAttendance['sessions'][number]) => now >= new Date(s.startsAt).getTime() - 15 * 60_000 && now <= new Date(s.endsAt).getTime();
  // The session in progress (or about to start) first, then the coming ones.
  const upcoming = data.sessions
    .filter((s) => s.date >= today && new Date(s.endsAt).getTime() >= now)
    .sort((a, b) => Number(open(b)) - Number(open(a)) || a.startsAt.localeCompare(b.startsAt))
    .slice(0, 12);
  // Something to rate: a session over, or one signed.
  const rated = data.summary.rate !== null && data.sessions.some((s) => s.status !== null || new Date(s.endsAt).getTime() < now);
  const figures = rated ? (
    <Group gap="lg">
      <Text size="sm">
        Heures suivies : <strong>{formatHours(data.summary.attendedHours)}</strong> sur {formatHours(data.summary.plannedHours)} passées
      </Text>
      <Text size="sm">
        Assiduité : <strong>{formatRate(data.summary.rate)}</strong>
        {data.summary.alert && (
          <Badge color="red" variant="light" ml="xs" tt="none">
            sous le seuil de {data.threshold} %
          </Badge>
        )}
      </Text>
    </Group>
  ) : (
    <Text size="sm">Vos heures et votre assiduité s’afficheront après votre première séance.</Text>
  );
  const nowOpen = upcoming.some((s) => !s.status && open(s));
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {data.cohortName}
      </Title>
      {!nowOpen && figures}
      {upcoming.length === 0 ? (
        <Text size="sm">Aucune séance à venir.</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {upcoming.map((s) => (
            <Card key={s.id} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text fw={600}>{s.title}</Text>
                {s.status && (
                  <Badge color={ATTENDANCE_LABELS[s.status].color} variant="light" tt="none">
                    {ATTENDANCE_LABELS[s.status].label}
                  </Badge>
                )}
              </Group>
              <Text size="sm">
                {dayjs(s.date).format('dddd D MMMM YYYY')}, {s.startTime}–{s.endTime}
              </Text>
              <Text size="sm" c="dimmed">
                {s.room ?? (s.remote ? 'À distance' : '')}
                {s.teachers.length ? ` · ${s.teachers.map((t) => t.name).join(', ')}` : ''}
              </Text>
              {!s.status && open(s) && (
                <Button mt="xs" size="md" fullWidth leftSection={<IconSignature size={18} aria-hidden />} loading={sign.isPending} onClick={() => sign.mutate(s.id)} aria-label={`Émarger : ${s.title}, ${s.startTime}`}>
                  Émarger
                </Button>
              )}
            </Card>
          ))}
        </SimpleGrid>
      )}
      {nowOpen && figures}
      <PastAttendance sessions={data.sessions.filter((s) => s.date < today || new Date(s.endsAt).getTime() < now)} />
      <JustificationCard cohortId={cohortId} />
      <MyCertificates cohortId={cohortId} />
    </Stack>
  );
}

function PastAttendance({ sessions }: { sessions: TMyAttendance['sessions'] }) {
  const [all, setAll] = useState(false);
  if (!sessions.length) return null;
  const shown = all ? [...sessions].reverse() : [...sessions].reverse().slice(0, 10);
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        Mes émargements
      </Title>
      <Table.ScrollContainer minWidth={360}>
        <Table verticalSpacing={4} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Séance</Table.Th>
              <Table.Th>Durée</Table.Th>
              <Table.Th>Statut</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  {dayjs(s.date).format('DD/MM/YYYY')} {s.startTime} · {s.title}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatHours(s.hours)}</Table.Td>
                <Table.Td>
                  {s.status ? (
                    <Badge color={ATTENDANCE_LABELS[s.status].color} variant="light" tt="none">
                      {ATTENDANCE_LABELS[s.status].label}
                    </Badge>
                  ) : (
                    'Non émargé'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {sessions.length > 10 && (
        <Button variant="subtle" size="xs" mt="xs" onClick={() => setAll((v) => !v)}>
          {all ? 'Afficher les 10 dernières' : `Afficher les ${sessions.length} demi-journées`}
        </Button>
      )}
    </Card>
  );
}
