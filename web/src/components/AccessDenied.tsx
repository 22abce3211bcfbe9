/** What a user sees on a page their roles do not open: a clear refusal, never a blank page. */
import { Alert, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useCan } from '../lib/auth';
import { ABILITY_LABELS, type TAbility } from '../lib/labels';
import { usePageTitle } from './PageHeader';
import { AnchorLink } from './links';

export function AccessDenied({ ability }: { ability: TAbility }) {
  usePageTitle('Accès refusé');
  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>Accès refusé</Title>
      <Alert color="red" variant="light" icon={<IconLock aria-hidden />} title="Droit manquant">
        <Text size="sm">
          Cette page demande le droit « {ABILITY_LABELS[ability]} », que vos rôles ne vous donnent pas. Adressez-vous à
          un·e administrateur·rice si vous en avez besoin.
        </Text>
      </Alert>
      <AnchorLink to="/">Retour à l’accueil</AnchorLink>
    </Stack>
  );
}

export function RequireAbility({ ability, children }: { ability: TAbility; children: ReactNode }) {
  const allowed = useCan(ability);
  return allowed ? <>{children}</> : <AccessDenied ability={ability} />;
}
