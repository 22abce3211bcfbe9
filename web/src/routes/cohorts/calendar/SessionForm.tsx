/** Plan or change a session: residency day, times, type, title, teachers, room or remote link. */
import { Button, Group, Modal, MultiSelect, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { api, ApiError, unwrap } from '../../../lib/api';
import { applyErrors, notifySuccess } from '../../../lib/forms';
import { cohortQuery, SESSION_TYPE_OPTIONS, type TCalendar, type TSession, type TSessionType } from '../queries';

export type TSessionFormTarget = { residencyId: string; session: TSession | null };

const FIELDS = ['residencyId', 'date', 'startTime', 'endTime', 'type', 'title', 'teacherIds', 'room', 'remoteUrl'] as const;

export function SessionFormModal({ cohortId, calendar, target, onClose }: { cohortId: string; calendar: TCalendar; target: TSessionFormTarget | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const cohort = useQuery(cohortQuery(cohortId));
  const centreId = cohort.data?.centre.id;
  const candidates = useQuery({
    queryKey: ['cohort-staff-candidates', centreId],
    queryFn: () => unwrap(api.cohorts['staff-candidates'].$get({ query: { centreId: centreId! } })),
    enabled: Boolean(target && centreId),
  });
  const form = useForm({
    initialValues: { residencyId: '', date: '', startTime: '09:00', endTime: '12:30', type: 'theoretical' as TSessionType, title: '', teacherIds: [] as string[], room: '', remoteUrl: '' },
  });
  useEffect(() => {
    if (!target) return;
    const s = target.session;
    const residency = calendar.residencies.find((r) => r.id === target.residencyId);
    form.setValues({
      residencyId: target.residencyId,
      date: s?.date ?? residency?.days[0] ?? '',
      startTime: s?.startTime ?? '09:00',
      endTime: s?.endTime ?? '12:30',
      type: s?.type ?? 'theoretical',
      title: s?.title ?? '',
      teacherIds: s?.teachers.map((t) => t.userId) ?? [],
      room: s?.room ?? '',
      remoteUrl: s?.remoteUrl ?? '',
    });
    form.clearErrors();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  const save = useMutation({
    mutationFn: (v: typeof form.values) => {
      const json = { ...v, room: v.room.trim() || null, remoteUrl: v.remoteUrl.trim() || null };
      if (target?.session) return unwrap(api.sessions[':id'].$put({ param: { id: target.session.id }, json }));
      return unwrap(api.sessions.$post({ json }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['cohort', cohortId] });
      notifySuccess(target?.session ? 'Séance modifiée.' : 'Séance ajoutée.');
      onClose();
    },
    onError: (e) => {
      // "Outside its residency" names the instant; the form shows it on the day.
      if (e instanceof ApiError) for (const issue of e.issues) if (issue.path === 'startsAt') issue.path = 'date';
      applyErrors(form, e, FIELDS);
    },
  });

  const residency = calendar.residencies.find((r) => r.id === form.values.residencyId);
  const teacherOptions = (candidates.data?.items ?? []).filter((c) => c.role !== 'gestionnaire').map((c) => ({ value: c.userId, label: c.name }));
  for (const t of target?.session?.teachers ?? []) if (!teacherOptions.some((o) => o.value === t.userId)) teacherOptions.push({ value: t.userId, label: t.name });

  return (
    <Modal opened={Boolean(target)} onClose={onClose} title={target?.session ? 'Modifier la séance' : 'Ajouter une séance'} size="lg" centered>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label="Regroupement" required data={calendar.residencies.map((r) => ({ value: r.id, label: r.label }))} allowDeselect={false} {...form.getInputProps('residencyId')} />
            <Select
              label="Jour"
              required
              allowDeselect={false}
              data={(residency?.days ?? []).map((d) => ({ value: d, label: dayjs(d).format('dddd D MMMM YYYY') }))}
              {...form.getInputProps('date')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 2 }} spacing="sm">
            <TextInput type="time" label="Début" required {...form.getInputProps('startTime')} />
            <TextInput type="time" label="Fin" required {...form.getInputProps('endTime')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select label="Type" required data={SESSION_TYPE_OPTIONS} allowDeselect={false} {...form.getInputProps('type')} />
            <TextInput label="Titre" required {...form.getInputProps('title')} />
          </SimpleGrid>
          <MultiSelect label="Intervenant·es" data={teacherOptions} searchable {...form.getInputProps('teacherIds')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Salle" {...form.getInputProps('room')} />
            <TextInput label="Lien de visioconférence" placeholder="https://…" {...form.getInputProps('remoteUrl')} />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose}>
              Annuler
            </Button>
            <Button type="submit" loading={save.isPending}>
              Enregistrer
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
