/**
 * /mes-ateliers-et-memoires: a teacher's groups and the learners they lead or supervise — who is late on
 * which milestone, who asked them for a meeting, which versions await their feedback (GET
 * /api/me/memoire/teaching: the API shows nobody else).
 */
import { Badge, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { AnchorLink } from '../../../components/links';
import { EmptyResult, ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import { MILESTONE_KIND_LABELS } from '../../../../../src/shared/vocabulary/memoire-milestones';

const PAGE_SIZE = 20;

export function TeachingDashboardPage() {
  const { data, error, isPending } = useQuery({ queryKey: ['me', 'memoire', 'teaching'], queryFn: () => unwrap(api.me.memoire.teaching.$get()) });
  const [page, setPage] = useState(1);
  const learners = useMemo(() => [...(data?.learners ?? [])].sort((a, b) => b.late.length - a.late.length || a.learner.name.localeCompare(b.learner.name, 'fr')), [data]);
  return (
    <Stack gap="lg">
      <PageHeader title="Mes ateliers et mémoires" description="Vos groupes d’ateliers, les auditeur·rices que vous accompagnez, leurs retards, leurs demandes et leurs versions à relire." />
      {isPending ? (
        <PageLoader />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Card withBorder padding="md" component="section" aria-labelledby="dash-meetings">
              <Title order={2} size="h4" id="dash-meetings" mb="xs">
                Demandes d’entretien
              </Title>
              {data.meetingRequests.length === 0 ? (
                <Text size="sm" c="dimmed">Aucune demande en attente de votre réponse.</Text>
              ) : (
                <List spacing={4} listStyleType="none" p={0}>
                  {data.meetingRequests.map((m) => (
                    <List.Item key={m.id}>
                      <Text span fw={600}>{m.learner.name}</Text> — {m.subject} <Text span size="sm" c="dimmed">(demandé le {formatDate(m.createdAt)})</Text>
                    </List.Item>
                  ))}
                </List>
              )}
            </Card>
            <Card withBorder padding="md" component="section" aria-labelledby="dash-versions">
              <Title order={2} size="h4" id="dash-versions" mb="xs">
                Versions à relire
              </Title>
              {data.versionsAwaitingFeedback.length === 0 ? (
                <Text size="sm" c="dimmed">Aucune version n’attend votre retour.</Text>
              ) : (
                <List spacing={4} listStyleType="none" p={0}>
                  {data.versionsAwaitingFeedback.map((v) => (
                    <List.Item key={v.id}>
                      <AnchorLink to="/memoires/$id" params={{ id: v.thesisId }} fw={600}>
                        {v.learner.name}
                      </AnchorLink>{' '}
                      — version {v.number ?? '?'}, déposée le {formatDate(v.depositedAt)}
                    </List.Item>
                  ))}
                </List>
              )}
            </Card>
          </SimpleGrid>
          <Card withBorder padding="md" component="section" aria-labelledby="dash-groups">
            <Title order={2} size="h4" id="dash-groups" mb="xs">
              Mes groupes d’ateliers
            </Title>
            {data.groups.length === 0 ? (
              <Text size="sm" c="dimmed">Vous n’animez aucun groupe d’atelier mémoire.</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
                {data.groups.map((g) => (
                  <Card key={g.id} withBorder padding="sm">
                    <Text fw={600}>
                      Groupe {g.number} — {g.cohort.name}
                    </Text>
                    <Text size="sm">{g.members.map((m) => m.name).join(', ') || 'Aucun membre'}</Text>
                  </Card>
                ))}
              </SimpleGrid>
            )}
          </Card>
          <Card withBorder padding="md" component="section" aria-labelledby="dash-learners">
            <Title order={2} size="h4" id="dash-learners" mb="xs">
              Les auditeur·rices que j’accompagne
            </Title>
            {learners.length === 0 ? (
              <EmptyResult title="Personne pour l’instant.">Vous verrez ici les membres de vos groupes et les mémoires que vous dirigez.</EmptyResult>
            ) : (
              <>
                <Table.ScrollContainer minWidth={720}>
                  <Table striped verticalSpacing="xs">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Auditeur·rice</Table.Th>
                        <Table.Th>Promotion</Table.Th>
                        <Table.Th>Lien</Table.Th>
                        <Table.Th>En retard</Table.Th>
                        <Table.Th>Prochaine échéance</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {learners.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((l) => (
                        <Table.Tr key={`${l.cohort.id}:${l.learner.id}`}>
                          <Table.Td fw={600}>
                            {l.thesisId ? (
                              <AnchorLink to="/memoires/$id" params={{ id: l.thesisId }}>
                                {l.learner.name}
                              </AnchorLink>
                            ) : (
                              l.learner.name
                            )}
                          </Table.Td>
                          <Table.Td>{l.cohort.name}</Table.Td>
                          <Table.Td>{[l.supervised ? 'Direction du mémoire' : null, l.groupNumber ? `Groupe ${l.groupNumber}` : null].filter(Boolean).join(', ')}</Table.Td>
                          <Table.Td>
                            {l.late.length === 0 ? (
                              <Text size="sm" c="dimmed">—</Text>
                            ) : (
                              <Group gap={4}>
                                {l.late.map((m) => (
                                  <Badge key={m.kind} color="red" variant="light" tt="none">
                                    {MILESTONE_KIND_LABELS[m.kind]} ({formatDate(m.dueOn)})
                                  </Badge>
                                ))}
                              </Group>
                            )}
                          </Table.Td>
                          <Table.Td>{l.next ? `${MILESTONE_KIND_LABELS[l.next.kind]}, le ${formatDate(l.next.dueOn)}` : '—'}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <Pager page={page} pageSize={PAGE_SIZE} total={learners.length} onChange={setPage} noun={['auditeur·rice', 'auditeur·rices']} />
              </>
            )}
          </Card>
        </>
      )}
    </Stack>
  );
}
