/** « Voies d'accès et jurys »: each route open or closed, with its jury's composition. */
import { Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { JURY_KIND_LABELS } from '../../../lib/labels';
import { Note, Section, SourceNote, Unstated, uniqueSources, type TDoc } from './common';

export function AccessRoutesSection({ doc }: { doc: TDoc }) {
  const routes = doc.accessRoutes;
  return (
    <Section id="voies-acces" title="Voies d’accès et jurys" sources={uniqueSources(...routes.map((r) => r.source))}>
      {routes.length === 0 && <Unstated>Les sources de cette version ne décrivent pas les voies d’accès.</Unstated>}
      {routes.map((r) => {
        const total = r.jury?.members.reduce((sum, m) => sum + m.count, 0) ?? 0;
        return (
          <Card key={r.route} withBorder padding="md" radius="md">
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start" gap="xs">
                <Title order={3} style={{ flex: 1 }}>
                  {r.label}
                </Title>
                <Badge color={r.open ? 'green.9' : 'gray.7'} variant="filled" radius="sm" tt="none">
                  {r.open ? 'Ouverte' : 'Fermée'}
                </Badge>
              </Group>
              {r.jury ? (
                <div>
                  <Text size="sm" fw={600}>
                    Jury : {total} membre{total > 1 ? 's' : ''}
                  </Text>
                  <List size="sm" spacing={2}>
                    {r.jury.members.map((m, i) => (
                      <List.Item key={i}>
                        {m.count} × {m.label}{' '}
                        <Text span size="xs" c="dimmed">
                          ({JURY_KIND_LABELS[m.kind]})
                        </Text>
                        {m.mustInclude && m.mustInclude.length > 0 && <> — dont obligatoirement : {m.mustInclude.join(' ; ')}</>}
                      </List.Item>
                    ))}
                  </List>
                </div>
              ) : (
                r.open && <Text size="sm">Les sources ne précisent pas la composition du jury.</Text>
              )}
              {r.note && <Note>{r.note}</Note>}
              <SourceNote ids={r.source} />
            </Stack>
          </Card>
        );
      })}
    </Section>
  );
}
