/** Unknown paths: a 404 page (inside the shell when signed in). */
import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRouterState } from '@tanstack/react-router';
import { usePageTitle } from '../components/PageHeader';
import { AnchorLink } from '../components/links';
import { meQuery } from '../lib/auth';

export function NotFoundPage() {
  usePageTitle('Page introuvable');
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const { data: me } = useQuery(meQuery);
  const inShell = useRouterState({ select: (s) => s.matches.some((m) => m.routeId === '/_app') });
  const content = (
    <Stack gap="md" maw={640} p={inShell ? 0 : 'xl'}>
      <Text fw={700} c="blue.9">
        Erreur 404
      </Text>
      <Title order={1}>Page introuvable</Title>
      <Text>
        L’adresse <code>{pathname}</code> ne correspond à aucune page de MOVSC. Elle a peut-être été mal saisie ou la page
        a été déplacée.
      </Text>
      {me ? <AnchorLink to="/">Retour à l’accueil</AnchorLink> : <AnchorLink to="/connexion">Se connecter</AnchorLink>}
    </Stack>
  );
  return inShell ? content : <main>{content}</main>;
}
