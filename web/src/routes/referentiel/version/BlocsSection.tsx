/** « Blocs de compétences »: each bloc, its France Compétences code, competencies and assessments. */
import { Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { Note, Section, SourceNote, uniqueSources, type TDoc } from './common';

export function BlocsSection({ doc }: { doc: TDoc }) {
  const sources = uniqueSources(doc.completionRule?.source, ...doc.blocs.map((b) => b.source));
  return (
    <Section id="blocs" title="Blocs de compétences" sources={sources}>
      {doc.completionRule && (
        <Text size="sm">
          {doc.completionRule.text}{' '}
          <Text span size="xs" c="dimmed">
            ({`Source${doc.completionRule.source.length > 1 ? 's' : ''} : ${doc.completionRule.source.join(', ')}`})
          </Text>
        </Text>
      )}
      {doc.blocs.map((bloc) => (
        <Card key={bloc.code} withBorder padding="md" radius="md" component="article" aria-labelledby={`bloc-${bloc.code}`}>
          <Stack gap="sm">
            <Group gap="xs">
              <Badge color="blue" variant="filled" radius="sm" size="lg">
                {bloc.code}
              </Badge>
              {bloc.franceCompetencesCode && (
                <Badge color="gray.8" variant="outline" radius="sm" tt="none">
                  France Compétences : {bloc.franceCompetencesCode}
                </Badge>
              )}
            </Group>
            <Title order={3} id={`bloc-${bloc.code}`}>
              {bloc.title}
            </Title>
            {bloc.description && <Text size="sm">{bloc.description}</Text>}
            <div>
              <Text fw={600} size="sm">
                Compétences
              </Text>
              {bloc.competencies.length === 0 ? (
                <Text size="sm">Les sources ne détaillent pas les compétences de ce bloc.</Text>
              ) : (
                <List size="sm" spacing={4}>
                  {bloc.competencies.map((c, i) => (
                    <List.Item key={i}>
                      {c.code && <strong>{c.code} — </strong>}
                      {c.text}
                    </List.Item>
                  ))}
                </List>
              )}
            </div>
            <div>
              <Text fw={600} size="sm">
                Modalités d’évaluation
              </Text>
              {bloc.assessments.length === 0 ? (
                <Text size="sm">Les sources ne précisent pas les modalités d’évaluation de ce bloc.</Text>
              ) : (
                <List size="sm" spacing={4}>
                  {bloc.assessments.map((a, i) => (
                    <List.Item key={i}>
                      {a.label}
                      {a.source && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          ({a.source.join(', ')})
                        </Text>
                      )}
                    </List.Item>
                  ))}
                </List>
              )}
            </div>
            {bloc.note && <Note>{bloc.note}</Note>}
            <SourceNote ids={bloc.source} />
          </Stack>
        </Card>
      ))}
    </Section>
  );
}
