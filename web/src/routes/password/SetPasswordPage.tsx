/**
 * /mot-de-passe?jeton=…: the page of an invitation or reset link. Checks the link first, then takes the
 * new password (typed twice); the policy is the server's (8 characters, common passwords refused).
 */
import { Alert, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { usePageTitle } from '../../components/PageHeader';
import { PageLoader } from '../../components/states';
import { postJson } from '../../lib/api';
import { applyErrors } from '../../lib/forms';
import { PublicCard } from './PublicCard';

const route = getRouteApi('/mot-de-passe');

type TLink = { purpose: 'invitation' | 'password_reset'; name: string; email: string; expiresAt: string };

export function SetPasswordPage() {
  usePageTitle('Choisir son mot de passe');
  const { jeton } = route.useSearch();
  const [done, setDone] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const link = useQuery({
    queryKey: ['password-link', jeton],
    queryFn: () => postJson<TLink>('/api/account/password-link/check', { token: jeton ?? '' }),
    retry: false,
    enabled: Boolean(jeton),
  });
  const form = useForm({
    initialValues: { password: '', confirmation: '' },
    validate: {
      password: (v) => ([...v].length >= 8 ? null : 'Le mot de passe doit compter au moins 8 caractères.'),
      confirmation: (v, values) => (v === values.password ? null : 'Les deux saisies diffèrent.'),
    },
  });
  const onSubmit = form.onSubmit(async ({ password }) => {
    setSubmitting(true);
    try {
      const res = await postJson<{ email: string; message: string }>('/api/account/password', { token: jeton ?? '', password });
      setDone(res.message);
    } catch (error) {
      applyErrors(form, error, ['password']);
    } finally {
      setSubmitting(false);
    }
  });

  const invalid = (message: string) => (
    <Stack gap="md">
      <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Lien inutilisable" role="alert">
        {message}
      </Alert>
      <Text size="sm">
        <a href="/mot-de-passe-oublie">Demander un nouveau lien</a> · <a href="/connexion">Connexion</a>
      </Text>
    </Stack>
  );

  if (!jeton) return <PublicCard title="Choisir son mot de passe">{invalid('Le lien est incomplet : copiez-le en entier depuis le courriel.')}</PublicCard>;
  if (link.isPending) return <PageLoader />;
  if (link.isError) return <PublicCard title="Choisir son mot de passe">{invalid(link.error.message)}</PublicCard>;

  const welcome = link.data.purpose === 'invitation';
  return (
    <PublicCard title={welcome ? 'Bienvenue sur MOVSC' : 'Nouveau mot de passe'}>
      {done ? (
        <Stack gap="md">
          <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} title="C’est fait" role="status">
            {done}
          </Alert>
          <Button component="a" href="/connexion" fullWidth>
            Se connecter
          </Button>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <Text size="sm">
              {welcome ? `Bonjour ${link.data.name}, choisissez le mot de passe de votre compte` : `${link.data.name}, choisissez un nouveau mot de passe pour le compte`}{' '}
              <strong>{link.data.email}</strong>.
            </Text>
            {/* The account's identifier, for password managers. */}
            <input type="email" name="username" autoComplete="username" value={link.data.email} readOnly hidden />
            <PasswordInput
              label="Mot de passe"
              description="Au moins 8 caractères ; une phrase facile à retenir convient très bien. Les mots de passe les plus courants sont refusés."
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
            <PasswordInput label="Confirmation" autoComplete="new-password" required {...form.getInputProps('confirmation')} />
            <Button type="submit" loading={submitting} fullWidth>
              Enregistrer le mot de passe
            </Button>
          </Stack>
        </form>
      )}
    </PublicCard>
  );
}
