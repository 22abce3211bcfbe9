/** The instruction actions allowed in the file's state, each with its mandatory written reason; private notes. */
import { Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { notifyError, notifySuccess } from '../../lib/forms';
import { ACTIONS, type TAction, type TApplication } from './labels';

export function DecisionPanel({ application }: { application: TApplication }) {
  const queryClient = useQueryClient();
  const canInstruct = useCan('admissions:instruct');
  const canDecide = useCan('admissions:decide');
  const [action, setAction] = useState<TAction | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [note, setNote] = useState('');

  const transition = useMutation({
    mutationFn: () => unwrap(api.applications[':id'].transitions.$post({ param: { id: application.id }, json: { action: action!, reason } })),
    onSuccess: (data) => {
      queryClient.setQueryData(['application', application.id], data);
      void queryClient.invalidateQueries({ queryKey: ['applications'] });
      notifySuccess(`${ACTIONS[action!].label} : c'est enregistré.`);
      setAction(null);
      setReason('');
    },
    onError: (e) => {
      if (e instanceof ApiError && e.issues.some((i) => i.path === 'reason')) setReasonError(e.issues.find((i) => i.path === 'reason')!.message);
      else notifyError(e);
    },
  });
  const addNote = useMutation({
    mutationFn: () => unwrap(api.applications[':id'].notes.$post({ param: { id: application.id }, json: { text: note } })),
    onSuccess: (data) => {
      queryClient.setQueryData(['application', application.id], data);
      setNote('');
      notifySuccess('Note privée ajoutée.');
    },
    onError: (e) => notifyError(e),
  });

  const actions = application.availableActions.filter((a) => (ACTIONS[a].decision ? canDecide : canInstruct));
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Instruction
        </Title>
        {actions.length === 0 ? (
          <Text size="sm">Aucune action possible dans l'état actuel{application.decidedAt ? ' : la décision est définitive.' : '.'}</Text>
        ) : (
          <Group gap="sm">
            {actions.map((a) => (
              <Button key={a} color={ACTIONS[a].color} variant={ACTIONS[a].decision ? 'filled' : 'outline'} onClick={() => setAction(a)}>
                {ACTIONS[a].label}
              </Button>
            ))}
          </Group>
        )}
        {canInstruct && (
          <Stack gap={4}>
            <Textarea label="Note privée (jamais visible de la personne candidate)" value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
            <Button variant="default" w="fit-content" onClick={() => addNote.mutate()} disabled={!note.trim()} loading={addNote.isPending}>
              Ajouter la note
            </Button>
          </Stack>
        )}
      </Stack>
      <Modal opened={action !== null} onClose={() => setAction(null)} title={action ? `${ACTIONS[action].label} — motif écrit` : ''} centered>
        <Stack gap="sm">
          {action && ACTIONS[action].decision && <Text size="sm">Une décision est définitive : elle ne pourra plus être modifiée.</Text>}
          <Textarea
            label="Motif (obligatoire, communiqué à la personne candidate)"
            value={reason}
            error={reasonError}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setReasonError(null);
            }}
            autosize
            minRows={3}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAction(null)}>
              Annuler
            </Button>
            <Button color={action ? ACTIONS[action].color : undefined} loading={transition.isPending} onClick={() => (reason.trim().length < 3 ? setReasonError('Le motif écrit est obligatoire (au moins 3 caractères).') : transition.mutate())}>
              Confirmer
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
