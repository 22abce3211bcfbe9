/** The administrative registration form, open once the application is accepted. */
import { Alert, Button, Checkbox, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api';
import { applyErrors, notifySuccess } from '../../lib/forms';
import { formatDateTime } from '../../lib/format';
import type { TApplication } from '../admissions/labels';

const FIELDS = ['address', 'postalCode', 'city', 'phone', 'employerName', 'jobSeeker', 'acceptsRules'] as const;

export function RegistrationSection({ application }: { application: TApplication }) {
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      address: application.address,
      postalCode: '',
      city: '',
      phone: application.phone,
      employerName: '',
      jobSeeker: application.situation === 'job_seeker',
      acceptsRules: false,
    },
  });
  const submit = useMutation({
    mutationFn: (v: typeof form.values) => unwrap(api.applications[':id'].registration.$post({ param: { id: application.id }, json: { ...v, employerName: v.employerName || null } })),
    onSuccess: (data) => {
      queryClient.setQueryData(['application', application.id], data);
      notifySuccess(data.registrationStatus === 'complete' ? 'Votre inscription est définitive.' : "La promotion est complète : vous êtes sur la liste d'attente.");
    },
    onError: (e) => applyErrors(form, e, FIELDS),
  });

  if (application.registrationStatus === 'complete') {
    return (
      <Alert color="green" title="Inscription définitive">
        Vous êtes inscrit·e dans la promotion {application.cohort?.name} depuis le {formatDateTime(application.registeredAt)}.
        {application.internshipWeeksRequired ? ` En tant que demandeur·euse d'emploi, vous devez effectuer un stage d'au moins ${application.internshipWeeksRequired} semaines.` : ''}
      </Alert>
    );
  }
  if (application.registrationStatus === 'waiting') {
    return (
      <Alert color="yellow" title="Liste d'attente">
        Votre bulletin est complet mais la promotion est complète : vous êtes sur la liste d'attente, dans l'ordre de retour des bulletins.
      </Alert>
    );
  }
  return (
    <form onSubmit={form.onSubmit((v) => submit.mutate(v))} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h3">
          Bulletin d'inscription administrative
        </Title>
        <Text size="sm">Votre candidature est acceptée. L'inscription n'est définitive qu'au retour de ce bulletin complet.</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Adresse" required {...form.getInputProps('address')} />
          <TextInput label="Code postal" required {...form.getInputProps('postalCode')} />
          <TextInput label="Ville" required {...form.getInputProps('city')} />
          <TextInput label="Téléphone" required {...form.getInputProps('phone')} />
          <TextInput label="Employeur (le cas échéant)" {...form.getInputProps('employerName')} />
        </SimpleGrid>
        <Checkbox label="Je suis demandeur·euse d'emploi (un stage d'au moins 8 semaines est alors obligatoire)" {...form.getInputProps('jobSeeker', { type: 'checkbox' })} />
        <Checkbox label="J'accepte le règlement intérieur du Cnam" {...form.getInputProps('acceptsRules', { type: 'checkbox' })} />
        <Button type="submit" loading={submit.isPending} w="fit-content">
          Retourner mon bulletin d'inscription
        </Button>
      </Stack>
    </form>
  );
}
