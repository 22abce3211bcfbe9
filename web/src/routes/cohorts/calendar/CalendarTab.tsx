/** The calendar of a promotion: totals against the maquette, the generator, the residencies and their sessions. */
import { Accordion, Alert, Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCalendarPlus, IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyResult, ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap } from '../../../lib/api';
import { useCan } from '../../../lib/auth';
import { notifyError, notifySuccess } from '../../../lib/forms';
import { formatDate, formatHours } from '../../../lib/format';
import { calendarQuery, RESIDENCY_KIND_LABELS, SESSION_TYPE_LABELS, type TCalendar, type TSessionType } from '../queries';
import { CohortCalendarView } from '../../../components/calendar/SessionsCalendar';
import { CohortFeedButton } from './CohortFeedButton';
import { ResidencyPanel } from './ResidencyPanel';
import { SessionFormModal, type TSessionFormTarget } from './SessionForm';

export function CalendarTab({ cohortId }: { cohortId: string }) {
  const { data, error, isPending } = useQuery(calendarQuery(cohortId));
  const canManage = useCan('calendar:manage');
  const [sessionForm, setSessionForm] = useState<TSessionFormTarget | null>(null);
  if (isPending) return <PageLoader label="Chargement du calendrier…" />;
  if (error) return <ErrorAlert error={error} />;
  return (
    <Stack gap="lg">
      <Totals calendar={data} />
      {canManage && <GenerateForm calendar={data} />}
      <CohortFeedButton cohortId={cohortId} />
      {data.residencies.length > 0 && <CohortCalendarView residencies={data.residencies} markers={data.markers} />}
      <Stack gap="xs">
        <Title order={2} size="h3">
          Regroupements
        </Title>
        {data.residencies.length === 0 ? (
          <EmptyResult title="Aucun regroupement pour le moment.">{canManage ? 'Générez le calendrier ci-dessus, puis ajustez-le librement.' : ''}</EmptyResult>
        ) : (
          <Accordion multiple variant="separated" chevronPosition="left">
            {data.residencies.map((r) => (
              <Accordion.Item key={r.id} value={r.id}>
                <Accordion.Control>
                  <Group gap="sm" wrap="wrap">
                    <Text fw={600}>{r.label}</Text>
                    <Badge variant="light" color={r.kind === 'on_site' ? 'blue' : r.kind === 'remote' ? 'grape' : 'orange'} tt="none">
                      {RESIDENCY_KIND_LABELS[r.kind]}
                    </Badge>
                    <Text size="sm">
                      {r.days.length === 1 ? `le ${formatDate(r.startsOn)}` : `du ${formatDate(r.startsOn)} au ${formatDate(r.endsOn)}`} · {r.days.length} jour{r.days.length > 1 ? 's' : ''} ·{' '}
                      {r.sessions.length} séance{r.sessions.length > 1 ? 's' : ''} ({formatHours(r.sessions.reduce((s, x) => s + x.hours, 0))})
                    </Text>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <ResidencyPanel cohortId={cohortId} residency={r} canManage={canManage} onEditSession={setSessionForm} />
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        )}
      </Stack>
      <SessionFormModal cohortId={cohortId} calendar={data} target={sessionForm} onClose={() => setSessionForm(null)} />
    </Stack>
  );
}

function Totals({ calendar }: { calendar: TCalendar }) {
  const t = calendar.totals;
  const rows: { label: string; planned: number; expected: number | null; strong?: boolean }[] = [
    ...(['theoretical', 'technical', 'monographic', 'methodological'] as TSessionType[]).map((k) => ({ label: SESSION_TYPE_LABELS[k], planned: t.byType[k] ?? 0, expected: null })),
    { label: 'Séminaires (total)', planned: t.seminarHours, expected: t.expected.seminarHours, strong: true },
    { label: 'Ateliers mémoire', planned: t.thesisWorkshopHours, expected: t.expected.thesisWorkshopHours, strong: true },
    { label: 'Total', planned: t.totalHours, expected: t.expected.totalHours, strong: true },
  ];
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        Heures planifiées face à la maquette
      </Title>
      <Table withTableBorder maw={640} verticalSpacing={4} aria-label="Heures par type de séance">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Type</Table.Th>
            <Table.Th ta="right">Planifié</Table.Th>
            <Table.Th ta="right">Maquette</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.label} fw={r.strong ? 700 : undefined}>
              <Table.Td>{r.label}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid={r.label === 'Total' ? 'total-planned' : undefined}>
                {formatHours(r.planned)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {r.expected === null ? '' : formatHours(r.expected)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {t.deviations.length > 0 ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Le plan s’écarte de la maquette" role="alert" maw={640}>
          <Stack gap={2}>
            {t.deviations.map((d) => (
              <Text size="sm" key={d.kind}>
                {d.message}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : (
        <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} maw={640}>
          Le plan correspond à la maquette : {formatHours(t.expected.seminarHours)} de séminaires et {formatHours(t.expected.thesisWorkshopHours)} d’ateliers mémoire.
        </Alert>
      )}
    </Stack>
  );
}

const ZONES = [
  { value: 'none', label: 'Ne pas éviter les vacances scolaires' },
  { value: 'A', label: 'Éviter les vacances de la zone A' },
  { value: 'B', label: 'Éviter les vacances de la zone B' },
  { value: 'C', label: 'Éviter les vacances de la zone C' },
];

function GenerateForm({ calendar }: { calendar: TCalendar }) {
  const queryClient = useQueryClient();
  const [startsOn, setStartsOn] = useState(calendar.defaults.startsOn);
  const [zone, setZone] = useState<string>(calendar.defaults.schoolZone ?? 'none');
  const [confirming, setConfirming] = useState(false);
  const generate = useMutation({
    mutationFn: (replace: boolean) =>
      unwrap(
        api.cohorts[':id'].calendar.generate.$post({
          param: { id: calendar.cohortId },
          json: { startsOn, schoolZone: zone === 'none' ? null : (zone as 'A' | 'B' | 'C'), replace, withSessions: true },
        }),
      ),
    onSuccess: async (cal) => {
      queryClient.setQueryData(calendarQuery(calendar.cohortId).queryKey, cal);
      await queryClient.invalidateQueries({ queryKey: ['cohort', calendar.cohortId] });
      setConfirming(false);
      notifySuccess(`Calendrier généré : ${cal.residencies.length} regroupements, ${formatHours(cal.totals.totalHours)} de séances.`);
    },
    onError: (e) => notifyError(e, 'Génération impossible'),
  });
  const d = calendar.defaults;
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        Générer le calendrier
      </Title>
      <Text size="sm" c="dimmed">
        {d.onSiteWeeks} semaines de cinq jours environ tous les deux mois, {d.remoteDays} journées à distance et {d.defenseDays} jours de soutenances, hors jours fériés ; les séances par demi-journée
        suivent la maquette. Tout reste modifiable ensuite.
      </Text>
      <Text size="sm">
        Promotion du {formatDate(calendar.promotion.startsOn)} au {formatDate(calendar.promotion.endsOn)} : les regroupements s’y répartissent, les soutenances dans ses six dernières semaines.
        {calendar.schoolHolidays.zone &&
          (calendar.schoolHolidays.knownUntil
            ? ` Vacances scolaires de la zone ${calendar.schoolHolidays.zone} connues jusqu’au ${formatDate(calendar.schoolHolidays.knownUntil)}.`
            : ` Aucune vacance scolaire connue pour la zone ${calendar.schoolHolidays.zone}.`)}
      </Text>
      {calendar.schoolHolidays.warning && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert" maw={720}>
          {calendar.schoolHolidays.warning}
        </Alert>
      )}
      <Group align="flex-end" gap="sm">
        <TextInput
          type="date"
          label="Premier jour"
          description="Dans la promotion"
          min={calendar.promotion.startsOn}
          max={calendar.promotion.endsOn}
          value={startsOn}
          onChange={(e) => setStartsOn(e.currentTarget.value)}
          w={200}
        />
        <Select label="Vacances scolaires" data={ZONES} value={zone} onChange={(v) => setZone(v ?? 'none')} allowDeselect={false} w={300} />
        <Button
          leftSection={<IconCalendarPlus size={18} aria-hidden />}
          loading={generate.isPending}
          onClick={() => (calendar.residencies.length ? setConfirming(true) : generate.mutate(false))}
        >
          Générer le calendrier
        </Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Remplacer le calendrier ?" centered>
        <Stack>
          <Text size="sm">Les {calendar.residencies.length} regroupements actuels et toutes leurs séances seront remplacés. Ce n’est possible que si aucun émargement n’existe.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Annuler
            </Button>
            <Button color="red" loading={generate.isPending} onClick={() => generate.mutate(true)}>
              Remplacer
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
