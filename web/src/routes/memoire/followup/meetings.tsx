/** What the follow-up pages share: the types from the API, French labels, and one meeting card with its answers. */
import { Badge, Button, Card, Group, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { useState } from 'react';
import { api, unwrap } from '../../../lib/api';
import { applyErrors, notifyError, notifySuccess } from '../../../lib/forms';
import { formatDateTime, formatMinutes } from '../../../lib/format';
import {
  MEETING_ACTION_LABELS,
  MEETING_MODE_LABELS,
  MEETING_MODE_VALUES,
  MEETING_STATE_LABELS,
  NOTE_VISIBILITY_LABELS,
  type TMeetingAction,
  type TMeetingMode,
  type TMeetingState,
} from '../../../../../src/shared/vocabulary/followup';

export type TMeeting = InferResponseType<(typeof api.meetings)[':id']['$get'], 200>;
export type TTransition = Parameters<(typeof api.meetings)[':id']['transitions']['$post']>[0]['json'];

export const MODE_OPTIONS = MEETING_MODE_VALUES.map((value) => ({ value, label: MEETING_MODE_LABELS[value] }));
// Filled, dark shades: white text at a contrast of 5:1 or more (axe, WCAG AA).
const STATE_COLORS: Record<TMeetingState, string> = { requested: 'blue.8', counter_proposed: 'grape.8', accepted: 'teal.9', declined: 'red.9', held: 'teal.9', cancelled: 'gray.7' };

export const StateBadge = ({ state }: { state: TMeetingState }) => (
  <Badge color={STATE_COLORS[state]} variant="filled" tt="none">
    {MEETING_STATE_LABELS[state]}
  </Badge>
);

/** "2026-03-17T14:00" typed in the browser (its time zone: Paris for our users) → ISO instant. */
export const localToIso = (local: string) => new Date(local).toISOString();

/** Invalidates everything the follow-up pages show. */
export function useFollowupRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['followup'] });
}

function AnswerModal({ meeting, action, onClose }: { meeting: TMeeting; action: TMeetingAction; onClose: () => void }) {
  const refresh = useFollowupRefresh();
  const form = useForm({
    initialValues: { at: meeting.proposedTimes[0] ?? '', local: '', reason: '', message: '', times: '', durationMinutes: 45 as number | string, mode: meeting.mode as string, heldLocal: '', shared: '', private: '' },
  });
  const send = useMutation({
    mutationFn: (json: TTransition) => unwrap(api.meetings[':id'].transitions.$post({ param: { id: meeting.id }, json })),
    onSuccess: async () => {
      notifySuccess(`« ${MEETING_ACTION_LABELS[action]} » : c’est enregistré.`);
      await refresh();
      onClose();
    },
    onError: (error) => applyErrors(form, error),
  });
  const submit = form.onSubmit((v) => {
    const times = v.times.split('\n').map((s) => s.trim()).filter(Boolean);
    try {
      if (action === 'accept') send.mutate({ action, at: v.at });
      else if (action === 'counter') send.mutate({ action, at: localToIso(v.local), message: v.message || undefined });
      else if (action === 'decline') send.mutate({ action, reason: v.reason });
      else if (action === 'cancel') send.mutate({ action, reason: v.reason || undefined });
      else if (action === 'accept_counter') send.mutate({ action });
      else if (action === 'refuse_counter') send.mutate({ action, proposedTimes: times.map(localToIso) });
      else if (action === 'hold') {
        const notes = [
          ...(v.shared.trim() ? [{ body: v.shared, visibility: 'shared' as const }] : []),
          ...(v.private.trim() ? [{ body: v.private, visibility: 'private' as const }] : []),
        ];
        send.mutate({ action, heldAt: localToIso(v.heldLocal), durationMinutes: Number(v.durationMinutes), mode: v.mode as TMeetingMode, notes });
      }
    } catch {
      notifyError(new Error('Une date ou une heure est incomplète.'));
    }
  });
  return (
    <Modal opened onClose={onClose} title={MEETING_ACTION_LABELS[action]}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">
            {meeting.subject} — {meeting.learner.name} avec {meeting.teacher.name}
          </Text>
          {action === 'accept' && (
            <Select label="Créneau retenu" data={meeting.proposedTimes.map((t) => ({ value: t, label: formatDateTime(t) }))} allowDeselect={false} {...form.getInputProps('at')} />
          )}
          {action === 'counter' && (
            <>
              <TextInput type="datetime-local" label="Autre horaire" required {...form.getInputProps('local')} />
              <Textarea label="Message (facultatif)" {...form.getInputProps('message')} />
            </>
          )}
          {(action === 'decline' || action === 'cancel') && <Textarea label={action === 'decline' ? 'Motif du refus' : 'Motif (facultatif)'} required={action === 'decline'} {...form.getInputProps('reason')} />}
          {action === 'accept_counter' && <Text>Horaire proposé : {formatDateTime(meeting.counterAt)}</Text>}
          {action === 'refuse_counter' && (
            <Textarea label="Vos créneaux (un par ligne, AAAA-MM-JJTHH:MM)" description="De un à trois créneaux à venir." required autosize minRows={2} {...form.getInputProps('times')} />
          )}
          {action === 'hold' && (
            <>
              <TextInput type="datetime-local" label="Date et heure de l’entretien" required {...form.getInputProps('heldLocal')} />
              <NumberInput label="Durée (minutes)" min={5} max={480} required {...form.getInputProps('durationMinutes')} />
              <Select label="Mode" data={MODE_OPTIONS} allowDeselect={false} {...form.getInputProps('mode')} />
              <Textarea label={`Note ${NOTE_VISIBILITY_LABELS.shared.toLowerCase()}`} autosize minRows={2} {...form.getInputProps('shared')} />
              <Textarea label={`Note ${NOTE_VISIBILITY_LABELS.private.toLowerCase()}`} description="Jamais montrée à l’auditeur·rice ni à l’équipe." autosize minRows={2} {...form.getInputProps('private')} />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Fermer
            </Button>
            <Button type="submit" loading={send.isPending} color={action === 'decline' || action === 'cancel' ? 'red.8' : undefined}>
              {MEETING_ACTION_LABELS[action]}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function NoteForm({ meeting }: { meeting: TMeeting }) {
  const refresh = useFollowupRefresh();
  const form = useForm({ initialValues: { body: '', visibility: 'shared' } });
  const add = useMutation({
    mutationFn: (v: { body: string; visibility: string }) => unwrap(api.meetings[':id'].notes.$post({ param: { id: meeting.id }, json: { body: v.body, visibility: v.visibility as 'shared' | 'private' } })),
    onSuccess: async () => {
      form.reset();
      await refresh();
    },
    onError: (error) => applyErrors(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((v) => add.mutate(v))}>
      <Group align="flex-end" gap="xs">
        <Textarea label="Ajouter une note" autosize minRows={1} style={{ flex: 1 }} {...form.getInputProps('body')} />
        <Select aria-label="Visibilité de la note" data={Object.entries(NOTE_VISIBILITY_LABELS).map(([value, label]) => ({ value, label }))} allowDeselect={false} w={240} {...form.getInputProps('visibility')} />
        <Button type="submit" loading={add.isPending}>
          Ajouter
        </Button>
      </Group>
    </form>
  );
}

/** One meeting: its state, times, the notes the reader may see, and the answers they may give. */
export function MeetingCard({ meeting, showLearner = false }: { meeting: TMeeting; showLearner?: boolean }) {
  const [action, setAction] = useState<TMeetingAction | null>(null);
  return (
    <Card withBorder padding="sm" component="li">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <StateBadge state={meeting.state} />
            <Text fw={600}>{meeting.subject}</Text>
          </Group>
          <Text size="sm" c="dimmed">
            {showLearner ? meeting.learner.name : meeting.teacher.name} · {MEETING_MODE_LABELS[meeting.heldMode ?? meeting.mode]}
          </Text>
        </Group>
        {meeting.state === 'requested' && <Text size="sm">Créneaux proposés : {meeting.proposedTimes.map(formatDateTime).join(' ; ')}</Text>}
        {meeting.state === 'counter_proposed' && <Text size="sm">Autre horaire proposé : {formatDateTime(meeting.counterAt)}</Text>}
        {meeting.state === 'accepted' && <Text size="sm">Prévu le {formatDateTime(meeting.scheduledAt)}</Text>}
        {meeting.state === 'declined' && <Text size="sm">Motif : {meeting.declineReason}</Text>}
        {meeting.state === 'held' && meeting.durationMinutes !== null && (
          <Text size="sm">
            Tenu le {formatDateTime(meeting.heldAt)} — {formatMinutes(meeting.durationMinutes)}
          </Text>
        )}
        {meeting.notes.length > 0 && (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Notes de l’entretien">
            {meeting.notes.map((n) => (
              <Card key={n.id} component="li" padding="xs" bg={n.visibility === 'private' ? 'yellow.0' : 'gray.0'}>
                <Text size="xs" c="dimmed">
                  {n.visibility === 'private' ? 'Note privée' : 'Note partagée'} · {n.author.name} · {formatDateTime(n.createdAt)}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {n.body}
                </Text>
              </Card>
            ))}
          </Stack>
        )}
        {meeting.actions.length > 0 && (
          <Group gap="xs">
            {meeting.actions.map((a) => (
              <Button key={a} size="xs" variant={a === 'decline' || a === 'cancel' ? 'default' : 'light'} onClick={() => setAction(a)}>
                {MEETING_ACTION_LABELS[a]}
              </Button>
            ))}
          </Group>
        )}
        {meeting.canWriteNotes && <NoteForm meeting={meeting} />}
      </Stack>
      {action && <AnswerModal meeting={meeting} action={action} onClose={() => setAction(null)} />}
    </Card>
  );
}

export function MeetingList({ meetings, empty, showLearner }: { meetings: TMeeting[]; empty: string; showLearner?: boolean }) {
  if (meetings.length === 0) return <Text c="dimmed">{empty}</Text>;
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {meetings.map((m) => (
        <MeetingCard key={m.id} meeting={m} showLearner={showLearner} />
      ))}
    </Stack>
  );
}
