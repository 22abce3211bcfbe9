/** /compte: who I am, changing my name (kept in the journal) and my password (other sessions are signed out). */
import { Badge, Button, Card, Group, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { changePassword, meQueryKey, useCan, useMe } from '../../lib/auth';
import { notifySuccess } from '../../lib/forms';
import { api, ApiError, unwrap } from '../../lib/api';

// The server's policy (ASVS 5.0 V6): 8 characters; it also refuses the most common passwords.
const MIN_LENGTH = 8;

export function AccountPage() {
  const me = useMe();
  const canManage = useCan('account:manage:own');
  return (
    <Stack gap="lg" maw={900}>
      <PageHeader title="Mon compte" />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder padding="lg">
          <Title order={2} mb="sm">
            Mes informations
          </Title>
          <Stack gap="xs">
            <NameLine name={me.user.name} />
            <Text size="sm">
              <strong>E-mail :</strong> {me.user.email}
            </Text>
            <Group gap={6}>
              <Text size="sm" fw={700}>
                Rôles :
              </Text>
              {me.roles.map((r) => (
                <Badge key={r.role} variant="outline" radius="sm" tt="none">
                  {r.label}
                </Badge>
              ))}
            </Group>
            <Text size="sm">
              <strong>Centres :</strong> {me.centres.length ? me.centres.map((c) => c.name).join(', ') : 'aucun'}
            </Text>
            <Text size="xs" c="dimmed">
              Pour modifier votre adresse e-mail, vos rôles ou vos centres, adressez-vous à un·e administrateur·rice.
            </Text>
          </Stack>
        </Card>
        {canManage && <PasswordCard />}
      </SimpleGrid>
    </Stack>
  );
}

/** My name, and a small form to change it (2 to 120 characters, as the server checks). */
function NameLine({ name }: { name: string }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({
    initialValues: { name },
    validate: {
      name: (v) =>
        v.trim().length < 2 ? 'Le nom doit compter au moins 2 caractères.' : v.trim().length > 120 ? 'Le nom ne doit pas dépasser 120 caractères.' : null,
    },
  });
  if (!editing) {
    return (
      <Group gap="xs">
        <Text size="sm">
          <strong>Nom :</strong> {name}
        </Text>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => {
            form.setValues({ name });
            setEditing(true);
          }}
        >
          Modifier mon nom
        </Button>
      </Group>
    );
  }
  const onSubmit = form.onSubmit(async (values) => {
    setSubmitting(true);
    try {
      await unwrap(api.me.$patch({ json: { name: values.name.trim() } }));
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      setEditing(false);
      notifySuccess('Votre nom a été modifié.', 'Nom modifié');
    } catch (error) {
      form.setFieldError('name', error instanceof Error ? error.message : String(error));
    } finally {
      setSubmitting(false);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Group align="flex-end" gap="xs">
        <TextInput label="Nom" autoComplete="name" required maxLength={120} {...form.getInputProps('name')} />
        <Button type="submit" loading={submitting}>
          Enregistrer
        </Button>
        <Button variant="default" onClick={() => setEditing(false)} disabled={submitting}>
          Annuler
        </Button>
      </Group>
    </form>
  );
}

function PasswordCard() {
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmation: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Saisissez votre mot de passe actuel.'),
      newPassword: (v, values) =>
        v.length < MIN_LENGTH
          ? `Le nouveau mot de passe doit compter au moins ${MIN_LENGTH} caractères.`
          : v.length > 128
            ? 'Le mot de passe ne doit pas dépasser 128 caractères.'
            : v === values.currentPassword
              ? 'Le nouveau mot de passe doit différer de l’actuel.'
              : null,
      confirmation: (v, values) => (v === values.newPassword ? null : 'La confirmation ne correspond pas au nouveau mot de passe.'),
    },
  });

  const onSubmit = form.onSubmit(async ({ currentPassword, newPassword }) => {
    setSubmitting(true);
    try {
      await changePassword(currentPassword, newPassword);
      form.reset();
      notifySuccess('Votre mot de passe a été modifié. Vos autres sessions ont été fermées.', 'Mot de passe modifié');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // 400/401: wrong current password; 422: the new one is refused.
      if (error instanceof ApiError && error.status === 422) form.setFieldError('newPassword', message);
      else form.setFieldError('currentPassword', message);
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <Card withBorder padding="lg">
      <Title order={2} mb="sm">
        Changer de mot de passe
      </Title>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <PasswordInput label="Mot de passe actuel" autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
          <PasswordInput
            label="Nouveau mot de passe"
            description={`Au moins ${MIN_LENGTH} caractères ; une phrase facile à retenir convient. Les mots de passe les plus courants sont refusés.`}
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput label="Confirmation" autoComplete="new-password" required {...form.getInputProps('confirmation')} />
          <Group justify="flex-end">
            <Button type="submit" loading={submitting}>
              Changer le mot de passe
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
