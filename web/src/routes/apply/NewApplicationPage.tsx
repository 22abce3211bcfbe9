/** /mes-candidatures/nouvelle: a signed-in person starts another application (another diploma or year). */
import { Button, Paper, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert, PageLoader } from '../../components/states';
import { api, unwrap } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { applyErrors } from '../../lib/forms';
import { cohortLabel, formatDate } from '../../lib/format';

export function NewApplicationPage() {
  const me = useMe();
  const navigate = useNavigate();
  const cohorts = useQuery({ queryKey: ['open-cohorts'], queryFn: () => unwrap(api.admissions['open-cohorts'].$get()) });
  const [firstName = '', ...rest] = me.user.name.split(' ');
  const form = useForm({ initialValues: { cohortId: '', firstName, lastName: rest.join(' '), birthDate: '' } });
  const create = useMutation({
    mutationFn: (v: typeof form.values) => unwrap(api.applications.$post({ json: v })),
    onSuccess: (data) => void navigate({ to: '/mes-candidatures/$id', params: { id: data.id } }),
    onError: (e) => applyErrors(form, e, ['cohortId', 'firstName', 'lastName', 'birthDate']),
  });
  return (
    <Stack gap="md" maw={720}>
      <PageHeader title="Nouvelle candidature" description="Une seule candidature par personne, par diplôme et par an." />
      {cohorts.isPending ? (
        <PageLoader />
      ) : cohorts.error ? (
        <ErrorAlert error={cohorts.error} />
      ) : (
        <Paper withBorder p="md">
          <form onSubmit={form.onSubmit((v) => create.mutate(v))} noValidate>
            <Stack gap="sm">
              <Select
                label="Centre et promotion"
                required
                data={cohorts.data.items.map((c) => ({ value: c.id, label: `${cohortLabel({ name: c.name, centreName: c.centreName })} (début le ${formatDate(c.startsOn)})` }))}
                {...form.getInputProps('cohortId')}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label="Nom" required {...form.getInputProps('lastName')} />
                <TextInput label="Prénom" required {...form.getInputProps('firstName')} />
                <TextInput label="Date de naissance" type="date" required {...form.getInputProps('birthDate')} />
              </SimpleGrid>
              <Button type="submit" loading={create.isPending} w="fit-content">
                Commencer
              </Button>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
