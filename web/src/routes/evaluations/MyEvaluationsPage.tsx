/**
 * /mes-evaluations: « Mes évaluations » (decision 024) — in each of one's promotions, per bloc, the marks
 * the responsable released (the others say « pas encore publiée ») and the bloc's proposal from its rule.
 */
import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/PageHeader';
import { EmptyResult, ErrorAlert, PageLoader } from '../../components/states';
import { formatMark, myEvaluationsQuery, PROPOSAL_COLORS, PROPOSAL_LABELS, ruleLabel } from './queries';

export function MyEvaluationsPage() {
  const { data, error, isPending } = useQuery(myEvaluationsQuery);
  return (
    <Stack gap="md">
      <PageHeader title="Mes évaluations" description="Vos notes publiées, bloc par bloc, et ce qu’elles proposent pour chaque bloc." />
      {isPending ? (
        <PageLoader label="Chargement de vos notes…" />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : data.items.length === 0 ? (
        <EmptyResult title="Aucune évaluation">Vous n’êtes inscrit·e dans aucune promotion dont le plan d’évaluation est décrit.</EmptyResult>
      ) : (
        data.items.map((item) => (
          <Stack key={item.cohort.id} gap="sm" component="section" aria-label={item.cohort.name}>
            <Title order={2}>{item.cohort.name}</Title>
            {item.blocs.map((b) => (
              <Card key={b.code} withBorder>
                <Group justify="space-between" align="flex-start">
                  <div>
                    <Title order={3} size="h4">
                      {b.code} — {b.title}
                    </Title>
                    <Text size="xs" c="dimmed">
                      Règle : {ruleLabel(b.rule)}
                    </Text>
                  </div>
                  <Badge color={PROPOSAL_COLORS[b.proposal.status]} variant="light">
                    {PROPOSAL_LABELS[b.proposal.status]}
                    {b.proposal.average !== null ? ` · ${formatMark(b.proposal.average)}/20` : ''}
                  </Badge>
                </Group>
                <Table mt="sm" aria-label={`Épreuves du bloc ${b.code}`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Épreuve</Table.Th>
                      <Table.Th>Résultat</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {b.assessments.map((a) => (
                      <Table.Tr key={a.id}>
                        <Table.Td>{a.label}</Table.Td>
                        <Table.Td>
                          {!a.released
                            ? 'Pas encore publiée'
                            : a.outcome.status !== 'final'
                              ? 'En cours de correction'
                              : a.scale.kind === 'pass_fail'
                                ? a.outcome.passed
                                  ? 'Acquis'
                                  : 'Non acquis'
                                : `${formatMark(a.outcome.mark ?? 0)}/20`}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Card>
            ))}
          </Stack>
        ))
      )}
    </Stack>
  );
}
