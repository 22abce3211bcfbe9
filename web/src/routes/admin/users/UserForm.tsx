/**
 * Create or edit an account: name and e-mail (create: the person receives an invitation to choose their
 * password), roles, centres, disabled, resending the invitation (edit).
 */
import { Alert, Button, Group, Modal, MultiSelect, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, postJson, unwrap, type TUser } from '../../../lib/api';
import { applyErrors, notifySuccess } from '../../../lib/forms';
import { ROLE_OPTIONS, type TRole } from '../../../lib/labels';
import { centresQuery } from '../../../lib/queries';

const FIELDS = ['name', 'email', 'roles', 'centreIds', 'disabled'] as const;
type TValues = { name: string; email: string; roles: TRole[]; centreIds: string[]; disabled: boolean };
const EMPTY: TValues = { name: '', email: '', roles: [], centreIds: [], disabled: false };

/** `user` null = create. */
export function UserFormModal({ opened, user, onClose }: { opened: boolean; user: TUser | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const centres = useQuery(centresQuery);
  const [confirmOpened, setConfirmOpened] = useState(false);
  const creating = user === null;

  const form = useForm<TValues>({
    initialValues: EMPTY,
    validate: {
      name: (v) => (v.trim().length >= 2 ? null : 'Le nom doit compter au moins 2 caractères.'),
      email: (v) => (!creating || /^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Adresse e-mail invalide.'),
      roles: (v) => (v.length > 0 ? null : 'Choisissez au moins un rôle.'),
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(
      user
        ? { ...EMPTY, name: user.name, email: user.email, roles: user.roles, centreIds: user.centres.map((c) => c.id), disabled: user.disabled }
        : EMPTY,
    );
    form.resetDirty();
    form.clearErrors();
    setConfirmOpened(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, user]);

  const save = useMutation({
    mutationFn: async (v: TValues) => {
      if (!user) {
        return unwrap(
          api.users.$post({ json: { name: v.name.trim(), email: v.email.trim(), roles: v.roles, centreIds: v.centreIds } }),
        );
      }
      return unwrap(
        api.users[':id'].$patch({
          param: { id: user.id },
          json: { name: v.name.trim(), roles: v.roles, centreIds: v.centreIds, disabled: v.disabled },
        }),
      );
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      notifySuccess(user ? `Le compte de ${saved.name} a été modifié.` : `Le compte de ${saved.name} a été créé : une invitation à choisir son mot de passe lui est envoyée par courriel.`);
      onClose();
    },
    onError: (error) => applyErrors(form, error, FIELDS),
  });

  const centreOptions = (centres.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }));
  const onToggleDisabled = (checked: boolean) => {
    if (checked) setConfirmOpened(true);
    else form.setFieldValue('disabled', false);
  };

  return (
    <Modal.Stack>
      <Modal
        stackId="user-form"
        opened={opened}
        onClose={onClose}
        title={user ? `Modifier ${user.name}` : 'Nouvel utilisateur'}
        size="lg"
        centered
      >
        <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
          <Stack gap="sm">
            <TextInput label="Nom" required autoComplete="off" {...form.getInputProps('name')} />
            {creating ? (
              <>
                <TextInput
                  label="E-mail"
                  type="email"
                  required
                  autoComplete="off"
                  description="La personne y recevra un lien pour choisir elle-même son mot de passe (valable 7 jours)."
                  {...form.getInputProps('email')}
                />
              </>
            ) : (
              <>
                <Text size="sm">
                  <strong>E-mail :</strong> {user.email}
                </Text>
                {!user.passwordSet && <InvitationPending user={user} />}
              </>
            )}
            <MultiSelect label="Rôles" required data={ROLE_OPTIONS} placeholder="Choisir…" {...form.getInputProps('roles')} />
            <MultiSelect
              label="Centres"
              data={centreOptions}
              placeholder={centres.isPending ? 'Chargement…' : 'Choisir…'}
              searchable
              nothingFoundMessage="Aucun centre"
              {...form.getInputProps('centreIds')}
            />
            {!creating && (
              <Switch
                label="Compte désactivé"
                description="Un compte désactivé ne peut plus se connecter ; il reste dans le journal."
                color="red.8"
                checked={form.values.disabled}
                onChange={(e) => onToggleDisabled(e.currentTarget.checked)}
                error={form.errors.disabled}
              />
            )}
            {!creating && form.values.disabled && !user.disabled && (
              <Alert color="orange" variant="light">
                Le compte sera désactivé à l’enregistrement.
              </Alert>
            )}
            <Group justify="flex-end" gap="sm" mt="sm">
              <Button variant="default" onClick={onClose}>
                Annuler
              </Button>
              <Button type="submit" loading={save.isPending}>
                {creating ? 'Créer le compte' : 'Enregistrer'}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <Modal stackId="confirm-disable" opened={confirmOpened} onClose={() => setConfirmOpened(false)} title="Désactiver ce compte ?" centered>
        <Stack gap="md">
          <Text size="sm">
            {user?.name} ne pourra plus se connecter à MOVSC tant que le compte restera désactivé. Vous pourrez le réactiver à tout
            moment.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirmOpened(false)}>
              Annuler
            </Button>
            <Button
              color="red.8"
              onClick={() => {
                form.setFieldValue('disabled', true);
                setConfirmOpened(false);
              }}
            >
              Désactiver le compte
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Modal.Stack>
  );
}

/** The person has not chosen a password yet: say so, and let the administrator send a fresh link. */
function InvitationPending({ user }: { user: TUser }) {
  const resend = useMutation({
    mutationFn: () => postJson<{ message: string }>(`/api/users/${encodeURIComponent(user.id)}/invitation`, {}),
    onSuccess: (res) => notifySuccess(res.message),
    onError: (error) => applyErrors({ setFieldError: () => {} }, error, []),
  });
  return (
    <Alert color="blue" variant="light" title="Invitation en attente">
      <Stack gap="xs">
        <Text size="sm">{user.name} n’a pas encore choisi son mot de passe. Vous pouvez renvoyer l’invitation : le lien précédent cessera de fonctionner.</Text>
        <Group>
          <Button size="xs" variant="light" onClick={() => resend.mutate()} loading={resend.isPending}>
            Renvoyer l’invitation
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
