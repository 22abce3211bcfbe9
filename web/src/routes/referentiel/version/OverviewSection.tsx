/** « Présentation »: objectives, jobs, keywords, registration history, the mémoire, published outcomes. */
import { Badge, Group, List, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { formatDate } from '../../../lib/format';
import { Section, SourceNote, Unstated, type TDoc } from './common';

function TextList({ title, items }: { title: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <Stack gap={4}>
      <Title order={3}>{title}</Title>
      <List size="sm" spacing={4}>
        {items.map((t, i) => (
          <List.Item key={i}>{t}</List.Item>
        ))}
      </List>
    </Stack>
  );
}

export function OverviewSection({ doc }: { doc: TDoc }) {
  const o = doc.overview;
  return (
    <Section id="presentation" title="Présentation" sources={o?.source}>
      {!o ? (
        <Unstated>Les sources ne donnent pas de présentation de cette version.</Unstated>
      ) : (
        <>
          {o.objectives.map((p, i) => (
            <Text key={i} size="sm">
              {p}
            </Text>
          ))}
          <TextList title="Métiers visés" items={o.jobTitles} />
          <TextList title="Secteurs" items={o.sectors} />
          {o.keywords.length > 0 && (
            <Stack gap={4}>
              <Title order={3}>Mots-clés</Title>
              <Group gap={6}>
                {o.keywords.map((k) => (
                  <Badge key={k} variant="outline" color="gray.8" radius="sm" tt="none">
                    {k}
                  </Badge>
                ))}
              </Group>
            </Stack>
          )}
          <TextList title="À savoir" items={o.notes} />
        </>
      )}

      {doc.registrationHistory.length > 0 && (
        <Stack gap="xs">
          <Title order={3}>Historique de l’enregistrement</Title>
          <Timeline bulletSize={14} lineWidth={2} active={doc.registrationHistory.length - 1}>
            {[...doc.registrationHistory]
              .sort((a, b) => a.date.localeCompare(b.date))
              .map((e, i) => (
                <Timeline.Item key={i} title={formatDate(e.date)}>
                  <Text size="sm">{e.text}</Text>
                  {(e.effectiveFrom || e.until) && (
                    <Text size="xs">
                      {e.effectiveFrom && `Effet au ${formatDate(e.effectiveFrom)}`}
                      {e.effectiveFrom && e.until && ' — '}
                      {e.until && `jusqu’au ${formatDate(e.until)}`}
                    </Text>
                  )}
                  <SourceNote ids={e.source} />
                </Timeline.Item>
              ))}
          </Timeline>
        </Stack>
      )}

      {doc.thesis && (
        <Stack gap="xs">
          <Group justify="space-between" align="baseline">
            <Title order={3}>Le mémoire</Title>
            <SourceNote ids={doc.thesis.source} />
          </Group>
          {doc.thesis.summary.map((p, i) => (
            <Text key={i} size="sm">
              {p}
            </Text>
          ))}
          {doc.thesis.subjects.length > 0 && (
            <Text size="sm">
              <strong>Il peut porter sur :</strong> {doc.thesis.subjects.join(' ; ')}.
            </Text>
          )}
          {doc.thesis.qualities.length > 0 && (
            <Text size="sm">
              <strong>Qualités attendues :</strong> {doc.thesis.qualities.join(', ')}.
            </Text>
          )}
          {doc.thesis.approxPages && <Text size="sm">Environ {doc.thesis.approxPages} pages.</Text>}
          {doc.thesis.workload && <Text size="sm">Charge de travail : {doc.thesis.workload}.</Text>}
        </Stack>
      )}

      {doc.publishedOutcomes.length > 0 && (
        <Stack gap="xs">
          <Title order={3}>Résultats publiés par le certificateur</Title>
          <Table.ScrollContainer minWidth={600}>
            <Table withTableBorder striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Année</Table.Th>
                  <Table.Th>Certifié·es</Table.Th>
                  <Table.Th>dont par VAE</Table.Th>
                  <Table.Th>Taux d’emploi à 6 mois</Table.Th>
                  <Table.Th>Emploi visé à 6 mois</Table.Th>
                  <Table.Th>Emploi visé à 2 ans</Table.Th>
                  <Table.Th>Sources</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...doc.publishedOutcomes]
                  .sort((a, b) => b.year - a.year)
                  .map((r) => (
                    <Table.Tr key={r.year}>
                      <Table.Td>{r.year}</Table.Td>
                      <Table.Td>{r.certified}</Table.Td>
                      <Table.Td>{r.certifiedThroughVae}</Table.Td>
                      <Table.Td>{r.employmentRateAt6Months} %</Table.Td>
                      <Table.Td>{r.targetJobRateAt6Months} %</Table.Td>
                      <Table.Td>{r.targetJobRateAt2Years} %</Table.Td>
                      <Table.Td>
                        <SourceNote ids={r.source} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Section>
  );
}
