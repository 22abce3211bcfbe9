/**
 * The instruction actions this person may take on the file (from the API's policies: its state, their
 * rights, never their own file nor one they stepped aside from), each decision and correction request
 * with its mandatory written reason (starting the review needs none); private notes; declaring a
 * conflict of interest.
 */
import { Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/forms';
import { ACTIONS, type TAction, type TApplication } from './labels';

export function DecisionPanel({ application }: { application: TApplication }) {
  const queryClient = useQueryClient();
  const canInstruct = application.permissions.addNote;
  const [conflictOpen, setConflictOpen] = useState(false);
  const [conflictReason, setConflictReason] = useState('');
  const [action, setAction] = useState<TAction | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [note, setNote] = useState('');

  // Taking a file up decides nothing: its comment is optional (the API asks a reason of the others).
  const reasonOptional = action === 'start_review';
  const transition = useMutation({
    mutationFn: () =>
      unwrap(api.applications[':id'].transitions.$post({ param: { id: application.id }, json: { action: action!, ...(reason.trim() ? { reason } : {}) } })),
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

  const declareConflict = useMutation({
    mutationFn: () => unwrap(api.applications[':id'].conflict.$post({ param: { id: application.id }, json: { reason: conflictReason } })),
    onSuccess: () => {
      setConflictOpen(false);
      notifySuccess('Conflit d’intérêts déclaré : vous ne traiterez plus les dossiers de cette personne.');
      void queryClient.invalidateQueries({ queryKey: ['applications'] });
      void queryClient.invalidateQueries({ queryKey: ['application', application.id] });
    },
    onError: (e) => notifyError(e),
  });

  const actions = application.availableActions;
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
        {application.permissions.declareConflict && (
          <Button variant="subtle" color="gray" w="fit-content" onClick={() => setConflictOpen(true)}>
            Déclarer un conflit d’intérêts
          </Button>
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
      <Modal opened={action !== null} onClose={() => setAction(null)} title={action ? (reasonOptional ? ACTIONS[action].label : `${ACTIONS[action].label} — motif écrit`) : ''} centered>
        <Stack gap="sm">
          {action && ACTIONS[action].decision && <Text size="sm">Une décision est définitive : elle ne pourra plus être modifiée.</Text>}
          <Textarea
            label={reasonOptional ? 'Commentaire (facultatif)' : 'Motif (obligatoire, communiqué à la personne candidate)'}
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
            <Button color={action ? ACTIONS[action].color : undefined} loading={transition.isPending} onClick={() => (!reasonOptional && reason.trim().length < 3 ? setReasonError('Le motif écrit est obligatoire (au moins 3 caractères).') : transition.mutate())}>
              Confirmer
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={conflictOpen} onClose={() => setConflictOpen(false)} title="Déclarer un conflit d’intérêts" centered>
        <Stack gap="sm">
          <Text size="sm">
            Vous ne pourrez plus consulter, instruire, décider ni financer les dossiers de {application.firstName} {application.lastName}. Cette déclaration est
            définitive.
          </Text>
          <Textarea label="Motif (obligatoire)" value={conflictReason} onChange={(e) => setConflictReason(e.currentTarget.value)} autosize minRows={2} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConflictOpen(false)}>
              Annuler
            </Button>
            <Button color="red" disabled={conflictReason.trim().length < 3} loading={declareConflict.isPending} onClick={() => declareConflict.mutate()}>
              Je me retire de ce dossier
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
