/** Pieces shared by the applicant's and the staff's views of an application. */
import { Alert, Badge, List, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconLock } from '@tabler/icons-react';
import { formatDate, formatDateTime } from '../../lib/format';
import { EVENT_LABELS, STATUS, VERDICT, type TApplication } from './labels';

export function StatusPill({ status }: { status: TApplication['status'] }) {
  const s = STATUS[status];
  return (
    <Badge color={s.color} variant="filled" radius="sm" tt="none">
      {s.label}
    </Badge>
  );
}

export function VerdictPill({ verdict }: { verdict: string }) {
  const v = VERDICT[verdict] ?? { label: verdict, color: 'gray.7' };
  return (
    <Badge color={v.color} variant="filled" radius="sm" tt="none">
      {v.label}
    </Badge>
  );
}

export function EligibilityPanel({ eligibility }: { eligibility: TApplication['eligibility'] }) {
  const color = eligibility.verdict === 'eligible' ? 'green' : eligibility.verdict === 'derogation' ? 'orange' : 'red';
  return (
    <Alert color={color} variant="light" title={<span>Recevabilité : <VerdictPill verdict={eligibility.verdict} /></span>}>
      <Stack gap="xs">
        <Text size="sm" fw={600}>{eligibility.summary}</Text>
        <List size="sm" spacing={4}>
          {eligibility.paths.map((p) => (
            <List.Item key={p.pathId} icon={p.satisfied ? <IconCircleCheck size={16} aria-label="remplie" /> : <IconCircleX size={16} aria-label="non remplie" />}>
              {p.sentence}
            </List.Item>
          ))}
        </List>
        <Text size="xs">Calculée au {formatDate(eligibility.figures.referenceDate)} ; les périodes d'expérience qui se chevauchent ne sont comptées qu'une fois.</Text>
      </Stack>
    </Alert>
  );
}

export function HistoryTimeline({ history }: { history: TApplication['history'] }) {
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        Historique
      </Title>
      <Timeline bulletSize={18} lineWidth={2} active={history.length}>
        {history.map((h) => (
          <Timeline.Item key={h.id} title={EVENT_LABELS[h.kind] ?? h.kind} bullet={h.private ? <IconLock size={12} aria-hidden /> : undefined}>
            <Text size="xs">
              {formatDateTime(h.at)} — {h.actorLabel}
              {h.private ? ' — note privée, invisible de la personne candidate' : ''}
            </Text>
            {h.text && <Text size="sm">{h.text}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}

export function DiplomasAndExperiences({ application }: { application: TApplication }) {
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Diplômes
      </Title>
      {application.diplomas.length === 0 ? (
        <Text size="sm">Aucun diplôme déclaré.</Text>
      ) : (
        <Table.ScrollContainer minWidth={340}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Intitulé</Table.Th>
              <Table.Th>Niveau</Table.Th>
              <Table.Th>Année</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {application.diplomas.map((d, i) => (
              <Table.Tr key={i}>
                <Table.Td>{d.title}</Table.Td>
                <Table.Td>{d.level}</Table.Td>
                <Table.Td>{d.year}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
      <Title order={2} size="h3">
        Expériences
      </Title>
      {application.experiences.length === 0 ? (
        <Text size="sm">Aucune expérience déclarée.</Text>
      ) : (
        // On a 390-px phone the table scrolls sideways inside its box; the page never does.
        <Table.ScrollContainer minWidth={560}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Type</Table.Th>
              <Table.Th>Période</Table.Th>
              <Table.Th>Domaine</Table.Th>
              <Table.Th>Responsabilités</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {application.experiences.map((e, i) => (
              <Table.Tr key={i}>
                <Table.Td>{e.kind === 'social' ? 'Sociale' : 'Professionnelle'}</Table.Td>
                <Table.Td>
                  {formatDate(e.startDate)} – {e.endDate ? formatDate(e.endDate) : 'en cours'}
                </Table.Td>
                <Table.Td>{e.field}</Table.Td>
                <Table.Td>
                  {e.responsibilities}
                  {e.responsibilityLevel ? ` (niveau ${e.responsibilityLevel})` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
