/** /promotions/$id: one promotion — overview, learners, calendar, attendance — each tab as allowed. */
import { Alert, Badge, Button, Card, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconGavel, IconPencil, IconUsersGroup } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert, PageLoader } from '../../components/states';
import { useCan } from '../../lib/auth';
import { cohortLabel, formatDate, formatEuros, formatHours } from '../../lib/format';
import { AttendanceTab } from './attendance/AttendanceTab';
import { CalendarTab } from './calendar/CalendarTab';
import { CohortFormModal } from './CohortForm';
import { LearnersTab } from './LearnersTab';
import { calendarQuery, cohortQuery, formatRate, reportQuery, STAFF_ROLE_LABELS, type TCohort } from './queries';

export function CohortPage() {
  const { id } = useParams({ from: '/_app/promotions/$id' });
  const { data, error, isPending } = useQuery(cohortQuery(id));
  const [editing, setEditing] = useState(false);
  const canManage = useCan('cohorts:manage');
  const canReports = useCan('attendance:reports');
  const canManageJuries = useCan('jury:manage');
  if (isPending) return <PageLoader label="Chargement de la promotion…" />;
  if (error) return <ErrorAlert error={error} />;
  return (
    <Stack gap="md">
      <PageHeader
        title={cohortLabel({ name: data.name, centreName: data.centre.name })}
        description={`${data.certificationVersion.code} · du ${formatDate(data.startsOn)} au ${formatDate(data.endsOn)}`}
        actions={
          <>
            <ButtonLink to="/promotions/$id/ateliers" params={{ id }} variant="default" leftSection={<IconUsersGroup size={16} aria-hidden />}>
              Ateliers mémoire
            </ButtonLink>
            {canManageJuries && !data.viewerIsLearner && (
              <ButtonLink to="/promotions/$id/jurys" params={{ id }} variant="default" leftSection={<IconGavel size={16} aria-hidden />}>
                Jurys
              </ButtonLink>
            )}
            {canManage && !data.viewerIsLearner && (
              <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
                Modifier la promotion
              </Button>
            )}
          </>
        }
      />
      <Tabs defaultValue="overview" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">Vue d’ensemble</Tabs.Tab>
          {!data.viewerIsLearner && <Tabs.Tab value="learners">Auditeur·rices ({data.learnerCount})</Tabs.Tab>}
          <Tabs.Tab value="calendar">Calendrier</Tabs.Tab>
          {canReports && <Tabs.Tab value="attendance">Assiduité</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Overview cohort={data} canReports={canReports} />
        </Tabs.Panel>
        <Tabs.Panel value="learners" pt="md">
          <LearnersTab cohortId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="calendar" pt="md">
          <CalendarTab cohortId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="attendance" pt="md">
          <AttendanceTab cohortId={id} />
        </Tabs.Panel>
      </Tabs>
      <CohortFormModal opened={editing} cohort={data} onClose={() => setEditing(false)} />
    </Stack>
  );
}

function Overview({ cohort, canReports }: { cohort: TCohort; canReports: boolean }) {
  const calendar = useQuery(calendarQuery(cohort.id));
  const report = useQuery({ ...reportQuery(cohort.id), enabled: canReports });
  const onSite = calendar.data?.residencies.filter((r) => r.kind === 'on_site') ?? [];
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Promotion
        </Title>
        <Text size="sm">
          {cohort.learnerCount} auditeur·rice{cohort.learnerCount > 1 ? 's' : ''} inscrit·e{cohort.learnerCount > 1 ? 's' : ''} sur {cohort.capacity} places
        </Text>
        <Text size="sm">Seuil d’alerte d’assiduité : {cohort.attendanceAlertThreshold} %</Text>
        <Title order={3} size="h5" mt="sm">
          Équipe
        </Title>
        {cohort.staff.length === 0 ? (
          <Text size="sm" c="dimmed">
            Personne n’est encore assigné·e.
          </Text>
        ) : (
          cohort.staff.map((s) => (
            <Text size="sm" key={`${s.userId}-${s.role}`}>
              {s.name} <Text span c="dimmed" size="sm">— {STAFF_ROLE_LABELS[s.role]}</Text>
            </Text>
          ))
        )}
        {cohort.priceGrid.length > 0 && (
          <>
            <Title order={3} size="h5" mt="sm">
              Tarifs
            </Title>
            {cohort.priceGrid.map((p, i) => (
              <Text size="sm" key={i}>
                {p.label} : {formatEuros(p.amountCents)}
                {p.optional ? ' (option)' : ''}
              </Text>
            ))}
          </>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Calendrier et heures
        </Title>
        {calendar.isPending ? (
          <Text size="sm">Chargement…</Text>
        ) : calendar.error ? (
          <ErrorAlert error={calendar.error} />
        ) : (
          <Stack gap={4}>
            <Text size="sm">
              {onSite.length} regroupement{onSite.length > 1 ? 's' : ''}
              {onSite[0] ? `, du ${formatDate(onSite[0].startsOn)} au ${formatDate(onSite.at(-1)!.endsOn)}` : ''}
            </Text>
            <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {formatHours(calendar.data.totals.totalHours)} planifiées / {formatHours(calendar.data.maquette.totalHours)}
            </Text>
            {calendar.data.totals.deviations.length > 0 ? (
              <Badge color="orange" variant="light" tt="none">
                Écart à la maquette
              </Badge>
            ) : (
              <Badge color="green" variant="light" tt="none">
                Conforme à la maquette
              </Badge>
            )}
          </Stack>
        )}
      </Card>
      {canReports && (
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Assiduité
          </Title>
          {report.isPending ? (
            <Text size="sm">Chargement…</Text>
          ) : report.error ? (
            <ErrorAlert error={report.error} />
          ) : (
            <Stack gap={4}>
              <Text size="sm">Taux de la promotion : {formatRate(report.data.cohort.rate)}</Text>
              <Text size="sm">{formatHours(report.data.cohort.attendedHours)} suivies sur {formatHours(report.data.cohort.dueHours)} dues</Text>
              {report.data.cohort.alerts > 0 ? (
                <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} p="xs">
                  {report.data.cohort.alerts} auditeur·rice{report.data.cohort.alerts > 1 ? 's' : ''} sous le seuil de {report.data.threshold} %
                </Alert>
              ) : (
                <Text size="sm">Personne sous le seuil.</Text>
              )}
            </Stack>
          )}
        </Card>
      )}
    </SimpleGrid>
  );
}
