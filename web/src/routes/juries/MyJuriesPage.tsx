/**
 * « Mes jurys » (/mes-jurys) and one case's file (/mes-jurys/dossiers/$id): a jury member sees only the
 * juries they sit on and opens only the files of the cases they sit on (decision 026); a case they do not
 * sit on (a declared conflict, a mémoire they supervise) says why, and does not open.
 */
import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { EmptyResult, ErrorAlert, PageLoader } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { JURY_MEMBER_KIND_LABELS, JURY_ROUTE_LABELS } from '../../../../src/shared/vocabulary/juries';
import { THESIS_STATE_LABELS, type TThesisState } from '../../../../src/shared/vocabulary/memoire';
import { JuryCaseEvaluations } from './JuryCaseEvaluations';
import { juryCaseQuery, myJuriesQuery } from './queries';

export function MyJuriesPage() {
  const { data, error, isPending } = useQuery(myJuriesQuery);
  return (
    <Stack gap="lg">
      <PageHeader title="Mes jurys" description="Les jurys où vous siégez et les dossiers qui vous sont confiés." />
      {isPending ? (
        <PageLoader />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : data.items.length === 0 ? (
        <EmptyResult title="Vous ne siégez dans aucun jury pour le moment." />
      ) : (
        data.items.map((j) => (
          <Card key={j.id} withBorder padding="lg" component="section" aria-label={`Jury ${j.label}`}>
            <Stack gap="sm">
              <Group gap="sm">
                <Title order={2} size="h3">
                  {j.label}
                </Title>
                <Badge variant="light" tt="none">
                  {JURY_ROUTE_LABELS[j.route]}
                </Badge>
                <Text size="sm">{j.cohort.name}</Text>
              </Group>
              <Text size="sm">
                Composition : {j.seats.map((s) => `${s.name} (${JURY_MEMBER_KIND_LABELS[s.kind].toLowerCase()}${s.president ? ', présidence' : ''})`).join(', ')}.
              </Text>
              <Table.ScrollContainer minWidth={520}>
                <Table verticalSpacing="xs" aria-label={`Dossiers du jury ${j.label}`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Auditeur·rice</Table.Th>
                      <Table.Th>Mémoire</Table.Th>
                      <Table.Th>Dépôt final</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {j.cases.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>
                          {c.open ? (
                            <AnchorLink to="/mes-jurys/dossiers/$id" params={{ id: c.id }} fw={600}>
                              {c.learner.name}
                            </AnchorLink>
                          ) : (
                            <Group gap={4} wrap="nowrap">
                              <IconLock size={14} aria-hidden />
                              <Text size="sm">{c.learner.name}</Text>
                            </Group>
                          )}
                          {!c.open && <Text size="xs">{c.reason}</Text>}
                          {c.open && !c.votes && <Text size="xs">Vous siégez sans voix délibérative sur ce dossier.</Text>}
                        </Table.Td>
                        <Table.Td>{c.thesisTitle ?? '—'}</Table.Td>
                        <Table.Td>{c.finalDeposit ? formatDateTime(c.finalDeposit.at) : 'Pas encore'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          </Card>
        ))
      )}
    </Stack>
  );
}

export function JuryCasePage() {
  const { id } = useParams({ from: '/_app/mes-jurys/dossiers/$id' });
  const { data, error, isPending } = useQuery(juryCaseQuery(id));
  if (isPending) return <PageLoader />;
  if (error) return <ErrorAlert error={error} />;
  return (
    <Stack gap="lg">
      <PageHeader
        title={`Dossier de ${data.learner.name}`}
        description={
          <AnchorLink to="/mes-jurys">
            {data.jury.label} — {data.cohort.name}
          </AnchorLink>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Mémoire
          </Title>
          {data.thesis ? (
            <Stack gap={4}>
              <Text fw={600}>{data.thesis.title ?? 'Titre à venir'}</Text>
              {data.thesis.question && <Text size="sm">Question : {data.thesis.question}</Text>}
              {data.thesis.organisation && <Text size="sm">Organisation concernée : {data.thesis.organisation}</Text>}
              <Text size="sm">État : {THESIS_STATE_LABELS[data.thesis.state as TThesisState] ?? data.thesis.state}</Text>
            </Stack>
          ) : (
            <Text size="sm">Pas de fiche mémoire.</Text>
          )}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Dépôt final
          </Title>
          {data.finalDeposit ? (
            <Stack gap={4}>
              <Text size="sm">Déposé le {formatDateTime(data.finalDeposit.at)}{data.finalDeposit.pageCount ? `, ${data.finalDeposit.pageCount} pages` : ''}.</Text>
              <Text size="xs" style={{ wordBreak: 'break-all' }}>
                Empreinte SHA-256 : {data.finalDeposit.sha256}
              </Text>
              {data.finalDeposit.pageWarning && <Alert color="orange">{data.finalDeposit.pageWarning}</Alert>}
              <Anchor href={`/api/jury-cases/${data.id}/memoire`} download>
                <Group gap={4}>
                  <IconDownload size={16} aria-hidden /> Télécharger le mémoire ({data.finalDeposit.fileName})
                </Group>
              </Anchor>
            </Stack>
          ) : (
            <Text size="sm">Le mémoire n’a pas encore été déposé.</Text>
          )}
        </Card>
      </SimpleGrid>
      <JuryCaseEvaluations caseId={data.id} />
    </Stack>
  );
}
