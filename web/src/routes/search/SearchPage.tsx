/** /recherche?q= : people, files and promotions the signed-in person may open, grouped by kind. */
import { Anchor, Button, Card, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate, useRouter } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { EmptyResult, ErrorAlert, PageLoader } from '../../components/states';
import { api, unwrap } from '../../lib/api';

const route = getRouteApi('/_app/recherche');

const KINDS = [
  { kind: 'cohort', title: 'Promotions' },
  { kind: 'application', title: 'Dossiers de candidature' },
  { kind: 'person', title: 'Personnes' },
] as const;

export function SearchPage() {
  const { q } = route.useSearch();
  const navigate = useNavigate();
  const router = useRouter();
  const [text, setText] = useState(q ?? '');
  useEffect(() => setText(q ?? ''), [q]);
  const query = (q ?? '').trim();
  const enabled = query.length >= 2;
  const { data, error, isFetching } = useQuery({
    queryKey: ['search', query],
    queryFn: () => unwrap(api.search.$get({ query: { q: query } })),
    enabled,
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="lg">
      <PageHeader title="Recherche" description="Une personne, un dossier de candidature ou une promotion, parmi ceux que vous pouvez consulter." />
      <form
        role="search"
        aria-label="Recherche"
        onSubmit={(e) => {
          e.preventDefault();
          void navigate({ to: '/recherche', search: { q: text.trim() || undefined } });
        }}
      >
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            label="Rechercher"
            description="Nom, prénom, courriel, référence de dossier (C-2026-…), nom ou numéro de promotion"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            style={{ flex: 1 }}
            type="search"
            autoFocus
            error={text.trim().length === 1 ? 'Saisissez au moins 2 caractères.' : undefined}
          />
          <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />}>
            Rechercher
          </Button>
        </Group>
      </form>
      {!enabled ? null : error ? (
        <ErrorAlert error={error} title="La recherche a échoué" />
      ) : !data ? (
        <PageLoader label="Recherche…" />
      ) : data.hits.length === 0 ? (
        <EmptyResult title={`Aucun résultat pour « ${data.q} »`}>Vérifiez l’orthographe, ou cherchez par référence de dossier ou par courriel.</EmptyResult>
      ) : (
        <Stack gap="md" aria-busy={isFetching}>
          {KINDS.map(({ kind, title }) => {
            const hits = data.hits.filter((h) => h.kind === kind);
            if (!hits.length) return null;
            return (
              <Card key={kind} withBorder padding="md" component="section" aria-labelledby={`search-${kind}`}>
                <Title order={2} size="h4" id={`search-${kind}`} mb="xs">
                  {title}
                </Title>
                <List spacing={6} listStyleType="none" p={0}>
                  {hits.map((h) => (
                    <List.Item key={`${h.kind}-${h.id}`}>
                      <Anchor
                        href={h.href}
                        fw={600}
                        onClick={(e) => {
                          // The server gives each hit's path; a plain click stays in the SPA, a modified one opens a tab.
                          if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                          e.preventDefault();
                          void router.navigate({ href: h.href });
                        }}
                      >
                        {h.title}
                      </Anchor>
                      <Text size="sm">{h.subtitle}</Text>
                    </List.Item>
                  ))}
                </List>
              </Card>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
