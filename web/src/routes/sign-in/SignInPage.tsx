/** /connexion: e-mail and password, the server's French refusal in an Alert, then the page asked for. */
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { usePageTitle } from '../../components/PageHeader';
import { meQuery, safeRedirect, signIn } from '../../lib/auth';

const route = getRouteApi('/connexion');

export function SignInPage() {
  usePageTitle('Connexion');
  const search = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Saisissez une adresse e-mail valide.'),
      password: (v) => (v ? null : 'Saisissez votre mot de passe.'),
    },
  });

  const onSubmit = form.onSubmit(async ({ email, password }) => {
    setError(null);
    setSubmitting(true);
    try {
      await signIn(email.trim(), password);
      queryClient.removeQueries({ queryKey: meQuery.queryKey });
      await queryClient.fetchQuery(meQuery);
      router.history.push(safeRedirect(search.redirect));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setSubmitting(false);
    }
  });

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <div>
              <Text fw={800} size="xl" c="blue.9">
                MOVSC
              </Text>
              <Title order={1} size="h2">
                Connexion
              </Title>
              <Text size="sm" c="dimmed">
                Manager d'organismes à vocation sociale et culturelle en ESS — Cnam-CESTES
              </Text>
            </div>
            {error && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Connexion refusée" role="alert">
                {error}
              </Alert>
            )}
            <TextInput label="E-mail" type="email" autoComplete="username" required {...form.getInputProps('email')} />
            <PasswordInput label="Mot de passe" autoComplete="current-password" required {...form.getInputProps('password')} />
            <Button type="submit" loading={submitting} fullWidth>
              Se connecter
            </Button>
            <Text size="sm">
              <a href="/mot-de-passe-oublie">Mot de passe oublié ?</a>
            </Text>
            <Text size="sm">
              Pas encore de compte ? <a href="/candidater">Candidater à la formation</a>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
