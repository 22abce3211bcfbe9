/** The centre form (create or edit), with the server's issues on the fields they name. */
import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, unwrap, type TCentre } from '../../../lib/api';
import { applyErrors, notifySuccess } from '../../../lib/forms';
import {
  DECLARATION_NUMBER_MESSAGE,
  DECLARATION_NUMBER_PATTERN,
  isValidSiret,
  SCHOOL_ZONE_LABELS,
  SCHOOL_ZONE_VALUES,
  SIRET_MESSAGE,
  type TSchoolZone,
} from '../../../../../src/shared/vocabulary/centres';

const FIELDS = ['code', 'name', 'address', 'postalCode', 'city', 'schoolZone', 'siret', 'declarationNumber'] as const;
const EMPTY = { code: '', name: '', address: '', postalCode: '', city: '', schoolZone: 'none', siret: '', declarationNumber: '' };
const ZONE_OPTIONS = [{ value: 'none', label: 'Aucune (hors métropole)' }, ...SCHOOL_ZONE_VALUES.map((z) => ({ value: z, label: SCHOOL_ZONE_LABELS[z] }))];
const compact = (v: string) => v.replace(/\s+/g, '').toUpperCase();

/** `centre` null = create; a centre = edit (its code cannot change). */
export function CentreFormModal({ opened, centre, onClose }: { opened: boolean; centre: TCentre | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: EMPTY,
    validate: {
      code: (v) => (centre || /^[A-Za-z0-9-]{2,20}$/.test(v.trim()) ? null : 'Le code compte 2 à 20 lettres, chiffres ou tirets.'),
      name: (v) => (v.trim().length >= 2 ? null : 'Le nom doit compter au moins 2 caractères.'),
      postalCode: (v) => (/^(\d{5})?$/.test(v.trim()) ? null : 'Le code postal compte 5 chiffres.'),
      city: (v) => (v.trim() ? null : 'La ville est obligatoire.'),
      siret: (v) => (!compact(v) || isValidSiret(compact(v)) ? null : SIRET_MESSAGE),
      declarationNumber: (v) => (!compact(v) || DECLARATION_NUMBER_PATTERN.test(compact(v)) ? null : DECLARATION_NUMBER_MESSAGE),
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(
      centre
        ? {
            code: centre.code,
            name: centre.name,
            address: centre.address,
            postalCode: centre.postalCode,
            city: centre.city,
            schoolZone: centre.schoolZone ?? 'none',
            siret: centre.siret ?? '',
            declarationNumber: centre.declarationNumber ?? '',
          }
        : EMPTY,
    );
    form.resetDirty();
    form.clearErrors();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, centre]);

  const save = useMutation({
    mutationFn: async (values: typeof EMPTY) => {
      const fields = {
        name: values.name.trim(),
        address: values.address.trim(),
        postalCode: values.postalCode.trim(),
        city: values.city.trim(),
        schoolZone: values.schoolZone === 'none' ? null : (values.schoolZone as TSchoolZone),
        siret: compact(values.siret) || null,
        declarationNumber: compact(values.declarationNumber) || null,
      };
      if (centre) return unwrap(api.centres[':id'].$patch({ param: { id: centre.id }, json: fields }));
      return unwrap(api.centres.$post({ json: { code: values.code.trim(), ...fields } }));
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['centres'] });
      notifySuccess(centre ? `Le centre ${saved.name} a été modifié.` : `Le centre ${saved.name} a été ajouté.`);
      onClose();
    },
    onError: (error) => applyErrors(form, error, FIELDS),
  });

  return (
    <Modal opened={opened} onClose={onClose} title={centre ? `Modifier le centre ${centre.code}` : 'Ajouter un centre'} size="lg" centered>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Code"
              description={centre ? 'Le code ne se modifie pas.' : 'Ex. PARIS, LYON-2'}
              required={!centre}
              disabled={!!centre}
              {...form.getInputProps('code')}
            />
            <TextInput label="Nom" required {...form.getInputProps('name')} />
          </SimpleGrid>
          <TextInput label="Adresse" {...form.getInputProps('address')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Code postal" inputMode="numeric" maxLength={5} {...form.getInputProps('postalCode')} />
            <TextInput label="Ville" required {...form.getInputProps('city')} />
          </SimpleGrid>
          <Select
            label="Zone de vacances scolaires"
            description="La zone de l’académie du centre (calendrier scolaire de l’Éducation nationale)."
            data={ZONE_OPTIONS}
            allowDeselect={false}
            {...form.getInputProps('schoolZone')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="SIRET" description="14 chiffres" inputMode="numeric" maxLength={17} {...form.getInputProps('siret')} />
            <TextInput label="Numéro de déclaration d’activité" description="11 caractères" maxLength={14} {...form.getInputProps('declarationNumber')} />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose}>
              Annuler
            </Button>
            <Button type="submit" loading={save.isPending}>
              {centre ? 'Enregistrer' : 'Ajouter'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
