/** /mot-de-passe-oublie: asks for a reset link; the answer never says whether the address has an account. */
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { usePageTitle } from '../../components/PageHeader';
import { postJson } from '../../lib/api';
import { applyErrors } from '../../lib/forms';
import { PublicCard } from './PublicCard';

export function ForgotPasswordPage() {
  usePageTitle('Mot de passe oublié');
  const [sent, setSent] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Saisissez une adresse e-mail valide.') },
  });
  const onSubmit = form.onSubmit(async ({ email }) => {
    setSubmitting(true);
    try {
      const res = await postJson<{ message: string }>('/api/account/password-reset-request', { email: email.trim() });
      setSent(res.message);
    } catch (error) {
      applyErrors(form, error, ['email']);
    } finally {
      setSubmitting(false);
    }
  });
  return (
    <PublicCard title="Mot de passe oublié">
      {sent ? (
        <Stack gap="md">
          <Alert color="green" variant="light" icon={<IconMailCheck aria-hidden />} title="Demande enregistrée" role="status">
            {sent}
          </Alert>
          <Text size="sm">
            <a href="/connexion">Retour à la connexion</a>
          </Text>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <Text size="sm">Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</Text>
            <TextInput label="E-mail" type="email" autoComplete="username" required {...form.getInputProps('email')} />
            <Button type="submit" loading={submitting} fullWidth>
              Recevoir un lien
            </Button>
            <Text size="sm">
              <a href="/connexion">Retour à la connexion</a>
            </Text>
          </Stack>
        </form>
      )}
    </PublicCard>
  );
}
