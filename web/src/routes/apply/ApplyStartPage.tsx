/**
 * /candidater (public): choose a promotion, give your identity, choose a password. The server answers
 * the same whether the address or the person was known (decision 017), so this page shows one
 * confirmation in every case; « Continuer » then signs in with the password just chosen, as the
 * sign-in page would, and opens the newest draft.
 */
import { Alert, Anchor, Button, Center, Paper, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconMailCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { usePageTitle } from '../../components/PageHeader';
import { ErrorAlert, PageLoader } from '../../components/states';
import { api, unwrap } from '../../lib/api';
import { meQuery, signIn } from '../../lib/auth';
import { applyErrors } from '../../lib/forms';
import { cohortLabel, formatDate } from '../../lib/format';

const FIELDS = ['cohortId', 'lastName', 'firstName', 'birthDate', 'email', 'password'] as const;

export function ApplyStartPage() {
  usePageTitle('Candidater');
  const router = useRouter();
  const queryClient = useQueryClient();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The form was accepted: the same confirmation whatever the server found. */
  const [sent, setSent] = useState<{ email: string; password: string; message: string } | null>(null);
  const cohorts = useQuery({ queryKey: ['open-cohorts'], queryFn: () => unwrap(api.admissions['open-cohorts'].$get()) });
  const form = useForm({
    initialValues: { cohortId: '', lastName: '', firstName: '', birthDate: '', email: '', password: '' },
    validate: {
      cohortId: (v) => (v ? null : 'Choisissez une promotion.'),
      lastName: (v) => (v.trim() ? null : 'Indiquez votre nom.'),
      firstName: (v) => (v.trim() ? null : 'Indiquez votre prénom.'),
      birthDate: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'Indiquez votre date de naissance.'),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Adresse e-mail invalide.'),
      password: (v) => (v.length >= 8 ? null : 'Le mot de passe doit compter au moins 8 caractères.'),
    },
  });

  const onSubmit = form.onSubmit(async (values) => {
    setSubmitting(true);
    setError(null);
    try {
      const email = values.email.trim();
      const answer = await unwrap(api.admissions.start.$post({ json: { ...values, email } }));
      setSent({ email, password: values.password, message: answer.message });
    } catch (e) {
      if (!applyErrors(form, e, FIELDS)) setError(e instanceof Error ? e.message : String(e));
    }
    setSubmitting(false);
  });

  const onContinue = async () => {
    if (!sent) return;
    setSubmitting(true);
    setError(null);
    try {
      await signIn(sent.email, sent.password);
      queryClient.removeQueries({ queryKey: meQuery.queryKey });
      await queryClient.fetchQuery(meQuery);
      const mine = await unwrap(api.applications.mine.$get());
      const draft = mine.items.find((a) => a.status === 'draft');
      router.history.push(draft ? `/mes-candidatures/${draft.id}` : '/mes-candidatures');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setSubmitting(false);
    }
  };

  if (sent) {
    return (
      <Center mih="100vh" p="md" component="main">
        <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={720}>
          <Stack gap="md">
            <div>
              <Text fw={800} size="xl" c="blue.9">
                MOVSC
              </Text>
              <Title order={1}>Demande enregistrée</Title>
            </div>
            <Alert color="blue" variant="light" icon={<IconMailCheck aria-hidden />} title={`Message envoyé à ${sent.email}`} role="status">
              {sent.message}
            </Alert>
            {error && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Connexion refusée" role="alert">
                {error} Si cette adresse avait déjà un compte, connectez-vous avec votre mot de passe habituel, ou utilisez{' '}
                <Anchor href="/mot-de-passe-oublie">Mot de passe oublié</Anchor>.
              </Alert>
            )}
            <Button onClick={() => void onContinue()} loading={submitting}>
              Continuer ma candidature
            </Button>
            <Text size="sm">
              <Anchor href="/connexion">Se connecter avec un autre mot de passe</Anchor>
            </Text>
          </Stack>
        </Paper>
      </Center>
    );
  }

  const selected = cohorts.data?.items.find((c) => c.id === form.values.cohortId);

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={720}>
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <div>
              <Text fw={800} size="xl" c="blue.9">
                MOVSC
              </Text>
              <Title order={1}>Candidater</Title>
              <Text size="sm">
                Manager d'organismes à vocation sociale et culturelle en ESS — Cnam-CESTES. Votre candidature crée votre compte : vous pourrez
                l'enregistrer et y revenir avant de la déposer. Une seule candidature par personne, par diplôme et par an.
              </Text>
            </div>
            {error && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Candidature refusée" role="alert">
                {error}
              </Alert>
            )}
            {cohorts.isPending ? (
              <PageLoader label="Chargement des promotions…" />
            ) : cohorts.error ? (
              <ErrorAlert error={cohorts.error} />
            ) : cohorts.data.items.length === 0 ? (
              <Alert color="gray" title="Aucune promotion ouverte">Aucune promotion ne reçoit de candidatures pour le moment.</Alert>
            ) : (
              <Select
                label="Centre et promotion"
                placeholder="Choisissez"
                required
                data={cohorts.data.items.map((c) => ({ value: c.id, label: `${cohortLabel({ name: c.name, centreName: c.centreName })} (début le ${formatDate(c.startsOn)})` }))}
                {...form.getInputProps('cohortId')}
              />
            )}
            {selected && (
              <Alert color="blue" variant="light" title="Conditions d'admission">
                <Stack gap={4}>
                  {selected.admissionPaths.map((p) => (
                    <Text key={p.id} size="sm">
                      {p.text}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Nom" autoComplete="family-name" required {...form.getInputProps('lastName')} />
              <TextInput label="Prénom" autoComplete="given-name" required {...form.getInputProps('firstName')} />
              <TextInput label="Date de naissance" type="date" autoComplete="bday" required {...form.getInputProps('birthDate')} />
              <TextInput label="E-mail" type="email" autoComplete="email" required {...form.getInputProps('email')} />
            </SimpleGrid>
            <PasswordInput label="Mot de passe (8 caractères au moins ; évitez les plus courants)" autoComplete="new-password" required {...form.getInputProps('password')} />
            <Button type="submit" loading={submitting}>
              Créer mon compte et commencer ma candidature
            </Button>
            <Text size="sm">
              Déjà un compte ? <Anchor href="/connexion">Se connecter</Anchor>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
