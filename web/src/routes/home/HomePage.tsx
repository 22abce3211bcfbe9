/** / : greeting, the user's roles and centres, and a card per thing they may do. */
import { Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { PageHeader } from '../../components/PageHeader';
import { AnchorLink } from '../../components/links';
import { useMe } from '../../lib/auth';
import { visibleEntries } from '../app/navigation';

export function HomePage() {
  const me = useMe();
  const entries = visibleEntries(me.abilities).filter((e) => e.to !== '/');
  return (
    <Stack gap="xl">
      <PageHeader title={`Bonjour, ${me.user.name}`} description="Bienvenue dans le système d’information du titre MOVSC." />

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Card withBorder padding="md">
          <Title order={2} size="h3" mb="xs">
            Vos rôles
          </Title>
          <Group gap="xs">
            {me.roles.map((r) => (
              <Badge key={r.role} variant="outline" color="blue" radius="sm" tt="none">
                {r.label}
              </Badge>
            ))}
          </Group>
        </Card>
        <Card withBorder padding="md">
          <Title order={2} size="h3" mb="xs">
            Vos centres
          </Title>
          {me.centres.length === 0 ? (
            <Text size="sm">Aucun centre rattaché : votre rôle couvre tous les centres ou n’en demande pas.</Text>
          ) : (
            <Stack gap={2}>
              {me.centres.map((c) => (
                <Text key={c.id} size="sm">
                  {c.name} <Text span c="dimmed" size="sm">({c.code})</Text>
                </Text>
              ))}
            </Stack>
          )}
        </Card>
      </SimpleGrid>

      <section aria-labelledby="home-actions">
        <Title order={2} id="home-actions" mb="sm">
          Ce que vous pouvez faire
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {entries.map((entry) => (
            <Card key={entry.to} withBorder padding="md">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon variant="light" size="lg" aria-hidden>
                  <entry.icon size={20} />
                </ThemeIcon>
                <Stack gap={4}>
                  <AnchorLink to={entry.to} fw={600}>
                    {entry.label} <IconArrowRight size={14} aria-hidden style={{ verticalAlign: 'middle' }} />
                  </AnchorLink>
                  <Text size="sm">{entry.description}</Text>
                </Stack>
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
