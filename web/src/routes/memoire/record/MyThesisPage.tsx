/**
 * /mon-memoire: the learner's own mémoire records (one per promotion, GET /api/me/theses), each opening
 * its page; the learner's dashboard (milestones, group, what awaits them) sits below.
 */
import { Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { AnchorLink } from '../../../components/links';
import { EmptyResult, ErrorAlert, PageLoader } from '../../../components/states';
import { myThesesQuery } from './queries';
import { ThesisStateBadge } from './ThesisStateBadge';

export function MyThesisPage({ children }: { children?: ReactNode }) {
  const { data, error, isPending } = useQuery(myThesesQuery);
  return (
    <Stack gap="lg">
      <PageHeader title="Mon mémoire" description="Votre fiche mémoire, vos jalons et ce qui vous attend." />
      {isPending ? (
        <PageLoader label="Chargement de votre fiche…" />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : data.items.length === 0 ? (
        <EmptyResult title="Vous n’avez pas encore de fiche mémoire.">Ouvrez-la depuis votre promotion ci-dessous, ou demandez-le à l’équipe pédagogique.</EmptyResult>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {data.items.map((t) => (
            <Card key={t.id} withBorder padding="md">
              <Group justify="space-between" wrap="nowrap" mb={4}>
                <AnchorLink to="/memoires/$id" params={{ id: t.id }} fw={600}>
                  {t.title ?? 'Ma fiche mémoire'}
                </AnchorLink>
                <ThesisStateBadge state={t.state} />
              </Group>
              <Text size="sm">Directeur·rice : {t.supervisor?.name ?? 'pas encore désigné·e'}</Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {children}
    </Stack>
  );
}
