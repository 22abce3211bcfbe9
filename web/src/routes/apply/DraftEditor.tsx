/** The applicant's form: identity, contact, situation, funding, project, diplomas, experiences. Saved as a draft. */
import { ActionIcon, Alert, Autocomplete, Button, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, ApiError, unwrap, type TIssue } from '../../lib/api';
import { messageOnField, placeOfIssue } from '../../lib/form-errors';
import { applyErrors, notifySuccess } from '../../lib/forms';
import { FUNDING_INTENTS, SITUATIONS, type TApplication } from '../admissions/labels';

type TExperienceRow = { kind: 'social' | 'professional'; startDate: string; endDate: string; field: string; responsibilities: string; responsibilityLevel: number | '' };

/** The fields shown as one input each (the lists' rows have an input per cell: their issues land there). */
const FIELDS = ['lastName', 'firstName', 'birthDate', 'phone', 'address', 'situation', 'fundingIntent', 'project'] as const;

/**
 * `issues`: what a refused filing said is missing; shown on the fields, or beside the list they
 * concern (« Déclarez au moins une expérience. »).
 */
export function DraftEditor({ application, acceptedDiplomas, issues = [] }: { application: TApplication; acceptedDiplomas: string[]; issues?: TIssue[] }) {
  const queryClient = useQueryClient();
  // Issues of a whole list (none of its inputs can show them), from a refused save or filing.
  const [listIssues, setListIssues] = useState<TIssue[]>([]);
  const form = useForm({
    initialValues: {
      lastName: application.lastName,
      firstName: application.firstName,
      birthDate: application.birthDate,
      phone: application.phone,
      address: application.address,
      situation: application.situation as string | null,
      fundingIntent: application.fundingIntent as string | null,
      project: application.project,
      diplomas: application.diplomas.map((d) => ({ level: d.level as number | '', title: d.title, year: d.year as number | '' })),
      experiences: application.experiences.map(
        (e): TExperienceRow => ({ kind: e.kind, startDate: e.startDate, endDate: e.endDate ?? '', field: e.field, responsibilities: e.responsibilities, responsibilityLevel: e.responsibilityLevel ?? '' }),
      ),
    },
  });

  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      unwrap(
        api.applications[':id'].$patch({
          param: { id: application.id },
          json: {
            lastName: v.lastName,
            firstName: v.firstName,
            birthDate: v.birthDate,
            phone: v.phone,
            address: v.address,
            situation: (v.situation || null) as never,
            fundingIntent: (v.fundingIntent || null) as never,
            project: v.project,
            diplomas: v.diplomas.map((d) => ({ level: Number(d.level), title: d.title, year: Number(d.year) })),
            experiences: v.experiences.map((e) => ({
              kind: e.kind,
              startDate: e.startDate,
              endDate: e.endDate || null,
              field: e.field,
              responsibilities: e.responsibilities,
              responsibilityLevel: e.responsibilityLevel === '' ? null : Number(e.responsibilityLevel),
            })),
          },
        }),
      ),
    onMutate: () => setListIssues([]),
    onSuccess: (data) => {
      queryClient.setQueryData(['application', application.id], data);
      notifySuccess('Brouillon enregistré ; la recevabilité a été recalculée.');
    },
    onError: (e) => {
      applyErrors(form, e, FIELDS, 'Brouillon non enregistré');
      if (e instanceof ApiError) setListIssues(e.issues.filter((i) => !placeOfIssue(i.path, form.getValues(), FIELDS)));
    },
  });

  useEffect(() => {
    if (issues.length === 0) return;
    for (const issue of issues) {
      const place = placeOfIssue(issue.path, form.getValues(), FIELDS);
      if (place) form.setFieldError(place, messageOnField(issue));
    }
    setListIssues(issues.filter((i) => !placeOfIssue(i.path, form.getValues(), FIELDS)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [issues]);

  const listError = (list: 'diplomas' | 'experiences') =>
    listIssues
      .filter((i) => i.path === list || i.path.startsWith(`${list}[`))
      .map((i) => (
        <Text key={`${i.path}-${i.message}`} size="sm" c="var(--mantine-color-error)" role="alert">
          {i.message}
        </Text>
      ));

  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
      <Stack gap="md">
        <Fieldset legend="Identité et contact">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Nom" {...form.getInputProps('lastName')} />
            <TextInput label="Prénom" {...form.getInputProps('firstName')} />
            <TextInput label="Date de naissance" type="date" {...form.getInputProps('birthDate')} />
            <TextInput label="Téléphone" type="tel" autoComplete="tel" {...form.getInputProps('phone')} />
          </SimpleGrid>
          <TextInput mt="sm" label="Adresse postale" autoComplete="street-address" {...form.getInputProps('address')} />
        </Fieldset>
        <Fieldset legend="Situation et financement">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label="Situation" data={[...SITUATIONS]} clearable {...form.getInputProps('situation')} />
            <Select label="Financement envisagé" data={[...FUNDING_INTENTS]} clearable {...form.getInputProps('fundingIntent')} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Diplômes">
          <Stack gap="xs">
            {listError('diplomas')}
            {form.values.diplomas.map((_, i) => (
              <Group key={i} align="flex-end" wrap="wrap">
                {/* Any title; the diplomas recognised by name (ES, AS, CESF) are proposed. */}
                <Autocomplete label={`Intitulé du diplôme ${i + 1}`} data={acceptedDiplomas} w={{ base: '100%', sm: 360 }} {...form.getInputProps(`diplomas.${i}.title`)} />
                <NumberInput label="Niveau (1 à 8)" min={1} max={8} w={130} {...form.getInputProps(`diplomas.${i}.level`)} />
                <NumberInput label="Année" min={1950} max={2100} w={110} {...form.getInputProps(`diplomas.${i}.year`)} />
                <ActionIcon variant="default" size="lg" aria-label={`Retirer le diplôme ${i + 1}`} onClick={() => form.removeListItem('diplomas', i)}>
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem('diplomas', { level: 6, title: '', year: '' })} w="fit-content">
              Ajouter un diplôme
            </Button>
          </Stack>
        </Fieldset>
        <Fieldset legend="Expériences sociales (associatives, syndicales) ou professionnelles">
          <Stack gap="md">
            {listError('experiences')}
            {form.values.experiences.map((_, i) => (
              <Stack key={i} gap={4}>
                <Group align="flex-end" wrap="wrap">
                  <Select
                    label={`Type de l'expérience ${i + 1}`}
                    data={[
                      { value: 'professional', label: 'Professionnelle' },
                      { value: 'social', label: 'Sociale (associative ou syndicale)' },
                    ]}
                    allowDeselect={false}
                    w={{ base: '100%', sm: 260 }}
                    {...form.getInputProps(`experiences.${i}.kind`)}
                  />
                  <TextInput label="Début" type="date" {...form.getInputProps(`experiences.${i}.startDate`)} />
                  <TextInput label="Fin (vide si en cours)" type="date" {...form.getInputProps(`experiences.${i}.endDate`)} />
                  <NumberInput label="Niveau de responsabilité" min={1} max={8} w={180} {...form.getInputProps(`experiences.${i}.responsibilityLevel`)} />
                  <ActionIcon variant="default" size="lg" aria-label={`Retirer l'expérience ${i + 1}`} onClick={() => form.removeListItem('experiences', i)}>
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput label="Domaine" {...form.getInputProps(`experiences.${i}.field`)} />
                  <TextInput label="Responsabilités" {...form.getInputProps(`experiences.${i}.responsibilities`)} />
                </SimpleGrid>
              </Stack>
            ))}
            <Button
              variant="default"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => form.insertListItem('experiences', { kind: 'professional', startDate: '', endDate: '', field: '', responsibilities: '', responsibilityLevel: '' } satisfies TExperienceRow)}
              w="fit-content"
            >
              Ajouter une expérience
            </Button>
          </Stack>
        </Fieldset>
        <Textarea label="Votre projet, avec vos mots" autosize minRows={5} {...form.getInputProps('project')} />
        {save.isError && (
          <Alert color="red" title="Le brouillon n’est pas enregistré" role="alert">
            {save.error instanceof ApiError && save.error.issues.length > 0
              ? 'Corrigez les champs signalés en rouge, puis enregistrez de nouveau : vos saisies sont conservées.'
              : save.error.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Enregistrer le brouillon
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
