/**
 * A signed session (attendance exists) keeps its times: no edit is offered. The promotion's staff who
 * correct attendance may correct its times with a reason (decision 012); the history lists every correction.
 */
import { Alert, Button, Group, List, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, unwrap } from '../../../lib/api';
import { applyErrors, notifySuccess } from '../../../lib/forms';
import { formatDate, formatDateTime, formatHours } from '../../../lib/format';
import { calendarQuery } from '../queries';

type TSignedSession = { id: string; title: string; date: string; startTime: string; endTime: string; hours: number };

export function SessionCorrectionModal({ cohortId, session, onClose }: { cohortId: string; session: TSignedSession | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const history = useQuery({
    queryKey: ['session-corrections', session?.id],
    queryFn: () => unwrap(api.sessions[':id']['time-corrections'].$get({ param: { id: session!.id } })),
    enabled: !!session,
  });
  const form = useForm({
    initialValues: { startTime: '', endTime: '', reason: '' },
    validate: { reason: (v) => (v.trim().length >= 10 ? null : 'Le motif de la correction est obligatoire (10 caractères au moins).') },
  });
  useEffect(() => {
    if (session) form.setValues({ startTime: session.startTime, endTime: session.endTime, reason: '' });
    form.clearErrors();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session?.id]);
  const save = useMutation({
    mutationFn: (v: typeof form.values) => unwrap(api.sessions[':id']['time-corrections'].$post({ param: { id: session!.id }, json: { startTime: v.startTime, endTime: v.endTime, reason: v.reason.trim() } })),
    onSuccess: async (c) => {
      await queryClient.invalidateQueries({ queryKey: calendarQuery(cohortId).queryKey });
      await queryClient.invalidateQueries({ queryKey: ['session-corrections', session?.id] });
      notifySuccess(`Horaires corrigés : ${c.after.startTime}–${c.after.endTime} (${formatHours(c.after.hours)}).`);
      onClose();
    },
    onError: (e) => applyErrors(form, e, ['startTime', 'endTime', 'reason'] as const),
  });
  const learners = history.data?.learnersWithAttendance ?? 0;
  return (
    <Modal opened={!!session} onClose={onClose} title={session ? `Corriger les horaires — ${session.title}` : ''} size="lg" centered>
      {session && (
        <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
          <Stack gap="sm">
            <Alert color="orange" variant="light" title="Séance émargée : horaires figés">
              <Text size="sm">
                Des émargements existent pour la séance du {formatDate(session.date)} ({session.startTime}–{session.endTime}, {formatHours(session.hours)}) : elle ne se modifie plus. Une erreur d’horaires se
                corrige ici, avec un motif enregistré, daté et signé de votre nom.
                {learners > 0 &&
                  ` Les heures de présence ${learners > 1 ? `des ${learners} auditeur·rices émargé·es` : 'de l’auditeur·rice émargé·e'} pour cette séance suivront les horaires corrigés.`}
              </Text>
            </Alert>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput type="time" label="Début" required {...form.getInputProps('startTime')} />
              <TextInput type="time" label="Fin" required {...form.getInputProps('endTime')} />
            </SimpleGrid>
            <Textarea label="Motif de la correction" description="10 caractères au moins" required autosize minRows={2} {...form.getInputProps('reason')} />
            {history.data && history.data.items.length > 0 && (
              <Stack gap={4}>
                <Text fw={600} size="sm">
                  Historique des corrections
                </Text>
                <List size="sm">
                  {history.data.items.map((c) => (
                    <List.Item key={c.id}>
                      {formatDateTime(c.correctedAt)}, {c.correctedBy.name} : {c.before.startTime}–{c.before.endTime} → {c.after.startTime}–{c.after.endTime} ({formatHours(c.before.hours)} →{' '}
                      {formatHours(c.after.hours)}). Motif : {c.reason}
                    </List.Item>
                  ))}
                </List>
              </Stack>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Annuler
              </Button>
              <Button type="submit" loading={save.isPending}>
                Enregistrer la correction
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
