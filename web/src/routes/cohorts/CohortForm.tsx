/** Create or edit a promotion: number, centre, version, dates, capacity, alert threshold, price grid, staff. */
import { ActionIcon, Alert, Button, Group, List, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useEffect, useRef } from 'react';
import { checkCohortUnderVersion } from '../../../../src/features/cohorts/cohorts.rules';
import { api, unwrap } from '../../lib/api';
import { applyErrors, notifySuccess } from '../../lib/forms';
import { centresQuery } from '../../lib/queries';
import { versionsQuery } from '../referentiel/queries';
import { STAFF_ROLE_LABELS, type TCohort } from './queries';

type TPayer = 'third_party' | 'cpf' | 'personal' | 'agreement' | 'other';
type TPriceRow = { label: string; payer: TPayer; euros: number | string; period: 'programme' | 'year' };

const PAYERS: { value: TPayer; label: string }[] = [
  { value: 'third_party', label: 'Tiers payeur (employeur, OPCO)' },
  { value: 'cpf', label: 'CPF' },
  { value: 'personal', label: 'Financement personnel' },
  { value: 'agreement', label: 'Convention de formation' },
  { value: 'other', label: 'Autre' },
];

const FIELDS = ['number', 'name', 'centreId', 'certificationVersionCode', 'startsOn', 'endsOn', 'capacity', 'attendanceAlertThreshold', 'priceGrid', 'staff'] as const;

const EMPTY = {
  number: '' as number | string,
  name: '',
  centreId: '',
  certificationVersionCode: 'RNCP41336',
  startsOn: '',
  endsOn: '',
  capacity: 25 as number | string,
  attendanceAlertThreshold: 80 as number | string,
  priceGrid: [] as TPriceRow[],
  staff: [] as string[],
};

const staffKey = (userId: string, role: string) => `${userId}|${role}`;

export function CohortFormModal({ opened, cohort, onClose }: { opened: boolean; cohort: TCohort | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const centres = useQuery(centresQuery);
  const versions = useQuery(versionsQuery);
  const form = useForm({ initialValues: EMPTY });
  const centreId = cohort?.centre.id ?? form.values.centreId;
  const candidates = useQuery({
    queryKey: ['cohort-staff-candidates', centreId],
    queryFn: () => unwrap(api.cohorts['staff-candidates'].$get({ query: { centreId } })),
    enabled: opened && Boolean(centreId),
  });
  // A new promotion is proposed the number after the centre's highest, never one that exists.
  const nextNumber = useQuery({
    queryKey: ['cohort-next-number', form.values.centreId],
    queryFn: () => unwrap(api.cohorts['next-number'].$get({ query: { centreId: form.values.centreId } })),
    enabled: opened && !cohort && Boolean(form.values.centreId),
  });
  const proposed = useRef<number | null>(null);
  useEffect(() => {
    if (cohort || !nextNumber.data) return;
    // Replaced only while the person has not typed a number of their own.
    if (form.values.number === '' || form.values.number === proposed.current) form.setFieldValue('number', nextNumber.data.number);
    proposed.current = nextNumber.data.number;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nextNumber.data, cohort]);

  // The rules the API applies (same function): refusals and warnings shown before saving.
  const today = dayjs().format('YYYY-MM-DD');
  const versionItems = versions.data?.items ?? [];
  const chosen = versionItems.find((v) => v.code === form.values.certificationVersionCode);
  const checks =
    chosen && /^\d{4}-\d{2}-\d{2}$/.test(form.values.startsOn)
      ? checkCohortUnderVersion(
          { startsOn: form.values.startsOn, endsOn: form.values.endsOn },
          { code: chosen.code, registeredOn: chosen.registeredOn, expiresOn: chosen.expiresOn, accessClosed: chosen.status === 'closed' && chosen.expiresOn >= today },
          today,
          {
            versionChosen: !cohort || cohort.certificationVersion.code !== chosen.code,
            startChanged: !cohort || cohort.startsOn !== form.values.startsOn,
          },
        )
      : { errors: [], warnings: [] };
  const notices = [...checks.errors, ...checks.warnings];
  // New intakes are offered open versions only; a promotion keeps the one it has.
  const versionOptions = versionItems
    .filter((v) => v.status !== 'closed' || v.code === cohort?.certificationVersion.code)
    .map((v) => ({ value: v.code, label: `${v.code} — ${v.title}` }));

  useEffect(() => {
    if (!opened) return;
    form.setValues(
      cohort
        ? {
            number: cohort.number,
            name: cohort.name,
            centreId: cohort.centre.id,
            certificationVersionCode: cohort.certificationVersion.code,
            startsOn: cohort.startsOn,
            endsOn: cohort.endsOn,
            capacity: cohort.capacity,
            attendanceAlertThreshold: cohort.attendanceAlertThreshold,
            priceGrid: cohort.priceGrid.map((p) => ({ label: p.label, payer: p.payer, euros: p.amountCents / 100, period: p.period })),
            staff: cohort.staff.map((s) => staffKey(s.userId, s.role)),
          }
        : EMPTY,
    );
    form.clearErrors();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, cohort]);

  const save = useMutation({
    mutationFn: async (v: typeof EMPTY) => {
      const common = {
        number: Number(v.number),
        name: v.name.trim() || undefined,
        certificationVersionCode: v.certificationVersionCode,
        startsOn: v.startsOn,
        endsOn: v.endsOn,
        capacity: Number(v.capacity),
        attendanceAlertThreshold: Number(v.attendanceAlertThreshold),
        priceGrid: v.priceGrid.map((p) => ({ label: p.label, payer: p.payer, amountCents: Math.round(Number(p.euros) * 100), period: p.period })),
        staff: v.staff.map((k) => {
          const [userId, role] = k.split('|') as [string, keyof typeof STAFF_ROLE_LABELS];
          return { userId, role };
        }),
      };
      if (cohort) return unwrap(api.cohorts[':id'].$patch({ param: { id: cohort.id }, json: common }));
      return unwrap(api.cohorts.$post({ json: { ...common, centreId: v.centreId } }));
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['cohorts'] });
      await queryClient.invalidateQueries({ queryKey: ['cohort-next-number'] });
      await queryClient.invalidateQueries({ queryKey: ['cohort', saved.id] });
      notifySuccess(cohort ? `${saved.name} a été modifiée.` : `${saved.name} a été créée.`);
      onClose();
      if (!cohort) void navigate({ to: '/promotions/$id', params: { id: saved.id } });
    },
    onError: (error) => applyErrors(form, error, FIELDS),
  });

  const staffOptions = (candidates.data?.items ?? []).map((c) => ({ value: staffKey(c.userId, c.role), label: `${c.name} — ${STAFF_ROLE_LABELS[c.role]}` }));
  for (const k of form.values.staff) if (!staffOptions.some((o) => o.value === k)) staffOptions.push({ value: k, label: cohort?.staff.find((s) => staffKey(s.userId, s.role) === k)?.name ?? k });

  return (
    <Modal opened={opened} onClose={onClose} title={cohort ? `Modifier ${cohort.name}` : 'Nouvelle promotion'} size="xl" centered>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NumberInput label="Numéro de promotion" required min={1} {...form.getInputProps('number')} />
            <TextInput label="Nom" description="Par défaut : « 33e promotion — centre »" {...form.getInputProps('name')} />
            <Select
              label="Centre"
              required
              disabled={Boolean(cohort)}
              data={(centres.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              {...form.getInputProps('centreId')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Select
              label="Version de la certification"
              required
              data={versionOptions}
              allowDeselect={false}
              {...form.getInputProps('certificationVersionCode')}
            />
            <TextInput type="date" label="Début" required {...form.getInputProps('startsOn')} />
            <TextInput type="date" label="Fin" required {...form.getInputProps('endsOn')} />
          </SimpleGrid>
          {notices.length > 0 && (
            <Alert
              color={checks.errors.length ? 'red' : 'yellow'}
              variant="light"
              icon={<IconAlertTriangle size={18} aria-hidden />}
              title={checks.errors.length ? 'Cette promotion ne peut pas être enregistrée' : 'À vérifier avant d’enregistrer'}
              aria-live="polite"
              // The light variant's coloured title on its pale background is below 4.5:1: the text colour instead.
              styles={{ title: { color: 'var(--mantine-color-text)' } }}
            >
              <List size="sm" spacing={2}>
                {notices.map((n) => (
                  <List.Item key={n.path + n.message}>{n.message}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NumberInput label="Capacité (places)" required min={1} max={200} {...form.getInputProps('capacity')} />
            <NumberInput label="Seuil d’alerte d’assiduité (%)" min={0} max={100} {...form.getInputProps('attendanceAlertThreshold')} />
          </SimpleGrid>
          <MultiSelect
            label="Équipe de la promotion"
            description={centreId ? 'Responsables pédagogiques, enseignant·es et gestionnaires du centre' : 'Choisissez d’abord le centre'}
            data={staffOptions}
            searchable
            {...form.getInputProps('staff')}
          />
          <Stack gap={6}>
            <Group justify="space-between">
              <Text fw={600} size="sm">
                Grille tarifaire
              </Text>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => form.insertListItem('priceGrid', { label: '', payer: 'third_party', euros: 0, period: 'programme' })}
              >
                Ajouter un tarif
              </Button>
            </Group>
            {form.values.priceGrid.length === 0 && <Text size="sm" c="dimmed">Aucun tarif : la grille de la version s’applique.</Text>}
            {form.values.priceGrid.map((_, i) => (
              <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
                <TextInput label="Libellé" style={{ flex: 2 }} {...form.getInputProps(`priceGrid.${i}.label`)} />
                <Select label="Payeur" style={{ flex: 2 }} data={PAYERS} {...form.getInputProps(`priceGrid.${i}.payer`)} />
                <NumberInput label="Montant (€)" style={{ flex: 1 }} decimalScale={2} decimalSeparator="," min={0} {...form.getInputProps(`priceGrid.${i}.euros`)} />
                <ActionIcon variant="subtle" color="red" aria-label={`Retirer le tarif ${i + 1}`} onClick={() => form.removeListItem('priceGrid', i)} mb={4}>
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose}>
              Annuler
            </Button>
            <Button type="submit" loading={save.isPending}>
              {cohort ? 'Enregistrer' : 'Créer la promotion'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
