/**
 * The settings of a soutenance session (decision 027), for its creation and its changes: label and
 * place, the days and their slots, the rooms (or video), the constituted juries it plans, and the days
 * a member cannot come. Slots are typed as « 09:00-10:00, 10:00-11:00 »: one line per day.
 */
import { ActionIcon, Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { formatDate } from '../../lib/format';
import { applyErrors } from '../../lib/forms';

export type TSettingsValues = {
  label: string;
  place: string;
  days: { date: string; slots: string }[];
  rooms: { id?: string; label: string; video: boolean }[];
  juryIds: string[];
  /** Whole days off: `${userId}|${date}`. */
  daysOff: string[];
};

export type TSettingsPayload = {
  label: string;
  place: string;
  days: { date: string; slots: { start: string; end: string }[] }[];
  rooms: { id?: string; label: string; video: boolean }[];
  juryIds: string[];
  unavailability: { userId: string; date: string; slots?: number[] }[];
};

export const slotsText = (slots: { start: string; end: string }[]) => slots.map((s) => `${s.start}-${s.end}`).join(', ');

/** « 09:00-10:00, 10:00-11:00 » → slots, or the French reason it cannot be read. */
export function parseSlots(text: string): { slots: { start: string; end: string }[] } | { error: string } {
  const parts = text
    .split(/[,;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return { error: 'Indiquez au moins un créneau, par exemple 09:00-10:00.' };
  const slots: { start: string; end: string }[] = [];
  for (const p of parts) {
    const m = /^(\d{1,2})[:h](\d{2})\s*[-–à]\s*(\d{1,2})[:h](\d{2})$/.exec(p);
    if (!m) return { error: `« ${p} » n’est pas un créneau (attendu : 09:00-10:00).` };
    const hhmm = (h: string, mm: string) => `${h.padStart(2, '0')}:${mm}`;
    slots.push({ start: hhmm(m[1]!, m[2]!), end: hhmm(m[3]!, m[4]!) });
  }
  return { slots };
}

export function SessionSettingsForm({
  initial,
  juries,
  members,
  keptUnavailability = [],
  submitLabel,
  pending,
  onSubmit,
  onCancel,
}: {
  initial: TSettingsValues;
  juries: { id: string; label: string; constituted: boolean; cases: number }[];
  members: { userId: string; name: string; kindLabel: string }[];
  /** Slot-level unavailability entered through the API, kept as is. */
  keptUnavailability?: { userId: string; date: string; slots?: number[] }[];
  submitLabel: string;
  pending: boolean;
  onSubmit: (payload: TSettingsPayload, fail: (e: unknown) => void) => void;
  onCancel?: () => void;
}) {
  const form = useForm<TSettingsValues>({ initialValues: initial });
  const submit = (v: TSettingsValues) => {
    const days: TSettingsPayload['days'] = [];
    const errors: Record<string, string> = {};
    v.days.forEach((d, i) => {
      const parsed = parseSlots(d.slots);
      if ('error' in parsed) errors[`days.${i}.slots`] = parsed.error;
      else days.push({ date: d.date, slots: parsed.slots });
    });
    if (Object.keys(errors).length) return form.setErrors(errors);
    const dates = new Set(days.map((d) => d.date));
    const unavailability = [
      ...keptUnavailability.filter((u) => u.slots && dates.has(u.date)),
      ...v.daysOff.map((k) => k.split('|') as [string, string]).filter(([, date]) => dates.has(date)).map(([userId, date]) => ({ userId, date })),
    ];
    onSubmit({ label: v.label, place: v.place, days, rooms: v.rooms, juryIds: v.juryIds, unavailability }, (e) => applyErrors(form, e, ['label', 'place', 'days', 'rooms', 'juryIds', 'unavailability']));
  };
  const toggleOff = (key: string) => form.setFieldValue('daysOff', form.values.daysOff.includes(key) ? form.values.daysOff.filter((k) => k !== key) : [...form.values.daysOff, key]);
  return (
    <form onSubmit={form.onSubmit(submit)} aria-label="Réglages de la session de soutenances">
      <Stack gap="md">
        <TextInput label="Intitulé" placeholder="Soutenances de juin 2027" required {...form.getInputProps('label')} />
        <TextInput label="Lieu (adresse donnée dans les convocations)" placeholder="292 rue Saint-Martin, 75003 Paris" required {...form.getInputProps('place')} />

        <Title order={3} size="h5">
          Jours et créneaux
        </Title>
        {form.values.days.map((d, i) => (
          <Group key={i} align="flex-end" wrap="nowrap">
            <TextInput type="date" label={`Jour ${i + 1}`} required {...form.getInputProps(`days.${i}.date`)} />
            <TextInput style={{ flex: 1 }} label={`Créneaux du jour ${i + 1}`} description="Séparés par des virgules, par exemple 09:00-10:00, 10:00-11:00" required {...form.getInputProps(`days.${i}.slots`)} />
            <ActionIcon variant="subtle" color="red.9" aria-label={`Retirer le jour ${i + 1}`} disabled={form.values.days.length <= 1} onClick={() => form.removeListItem('days', i)} mb={4}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => form.insertListItem('days', { date: '', slots: form.values.days.at(-1)?.slots ?? '09:00-10:00' })}>
            Ajouter un jour
          </Button>
        </Group>

        <Title order={3} size="h5">
          Salles
        </Title>
        {form.values.rooms.map((r, i) => (
          <Group key={i} align="flex-end" wrap="nowrap">
            <TextInput style={{ flex: 1 }} label={`Salle ${i + 1}`} required {...form.getInputProps(`rooms.${i}.label`)} />
            <Checkbox label="Visioconférence" {...form.getInputProps(`rooms.${i}.video`, { type: 'checkbox' })} mb={8} />
            <ActionIcon variant="subtle" color="red.9" aria-label={`Retirer la salle ${i + 1}`} disabled={form.values.rooms.length <= 1} onClick={() => form.removeListItem('rooms', i)} mb={4}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="default" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => form.insertListItem('rooms', { label: '', video: false })}>
            Ajouter une salle
          </Button>
        </Group>

        <Title order={3} size="h5">
          Jurys planifiés
        </Title>
        {juries.length === 0 ? (
          <Text size="sm" c="dimmed">
            Cette promotion n’a pas encore de jury.
          </Text>
        ) : (
          <Checkbox.Group {...form.getInputProps('juryIds')} label="Jurys dont la session planifie les soutenances">
            <Stack gap={4} mt={4}>
              {juries.map((j) => (
                <Checkbox key={j.id} value={j.id} label={`${j.label} — ${j.cases} dossier${j.cases > 1 ? 's' : ''}${j.constituted ? '' : ' (à constituer)'}`} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}

        {members.length > 0 && form.values.days.some((d) => d.date) && (
          <>
            <Title order={3} size="h5">
              Indisponibilités des membres
            </Title>
            <Table withTableBorder striped aria-label="Indisponibilités des membres (journées entières)">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Membre</Table.Th>
                  {form.values.days.filter((d) => d.date).map((d) => (
                    <Table.Th key={d.date}>{formatDate(d.date)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.map((m) => (
                  <Table.Tr key={m.userId}>
                    <Table.Td>
                      {m.name}{' '}
                      <Text span size="xs" c="dimmed">
                        {m.kindLabel}
                      </Text>
                    </Table.Td>
                    {form.values.days.filter((d) => d.date).map((d) => {
                      const key = `${m.userId}|${d.date}`;
                      return (
                        <Table.Td key={d.date}>
                          <Checkbox aria-label={`${m.name} indisponible le ${formatDate(d.date)}`} label="Indisponible" checked={form.values.daysOff.includes(key)} onChange={() => toggleOff(key)} />
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}

        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Annuler
            </Button>
          )}
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
