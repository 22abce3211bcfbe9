/** One residency: its days and sessions, and the free edits (move, split, add a day, delete). */
import { ActionIcon, Alert, Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, toApiError, unwrap } from '../../../lib/api';
import { notifyError, notifySuccess } from '../../../lib/forms';
import { formatHours } from '../../../lib/format';
import { calendarQuery, SESSION_TYPE_LABELS, type TCalendar, type TResidency } from '../queries';
import type { TSessionFormTarget } from './SessionForm';
import { SessionCorrectionModal } from './SessionCorrectionModal';
import { useCan } from '../../../lib/auth';

const longDay = (iso: string) => dayjs(iso).format('dddd D MMMM YYYY');

export function ResidencyPanel({
  cohortId,
  residency,
  canManage,
  onEditSession,
}: {
  cohortId: string;
  residency: TResidency;
  canManage: boolean;
  onEditSession: (target: TSessionFormTarget) => void;
}) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<null | 'move' | 'split' | 'add' | 'remove' | 'delete' | { deleteSession: string; title: string }>(null);
  const [date, setDate] = useState('');
  const [correcting, setCorrecting] = useState<TResidency['sessions'][number] | null>(null);
  const canCorrect = useCan('attendance:correct');
  const done = async (cal: TCalendar | null, message: string) => {
    if (cal) queryClient.setQueryData(calendarQuery(cohortId).queryKey, cal);
    else await queryClient.invalidateQueries({ queryKey: calendarQuery(cohortId).queryKey });
    await queryClient.invalidateQueries({ queryKey: ['cohort', cohortId] });
    setDialog(null);
    setDate('');
    notifySuccess(message);
  };
  const patch = useMutation({
    mutationFn: (json: { moveTo?: string; days?: string[] }) => unwrap(api.residencies[':id'].$patch({ param: { id: residency.id }, json })),
    onSuccess: (cal) => done(cal, 'Regroupement modifié.'),
    onError: (e) => notifyError(e, 'Modification refusée'),
  });
  // A move is previewed first (the days it gives and why), then confirmed.
  const preview = useMutation({
    mutationFn: (moveTo: string) => unwrap(api.residencies[':id']['move-preview'].$post({ param: { id: residency.id }, json: { moveTo } })),
    onError: (e) => notifyError(e, 'Déplacement impossible'),
  });
  const split = useMutation({
    mutationFn: (atDay: string) => unwrap(api.residencies[':id'].split.$post({ param: { id: residency.id }, json: { atDay } })),
    onSuccess: (cal) => done(cal, 'Regroupement scindé.'),
    onError: (e) => notifyError(e, 'Scission refusée'),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.residencies[':id'].$delete({ param: { id: residency.id } })),
    onSuccess: (cal) => done(cal, 'Regroupement supprimé.'),
    onError: (e) => notifyError(e, 'Suppression refusée'),
  });
  const removeSession = useMutation({
    mutationFn: async (id: string) => {
      const res = await api.sessions[':id'].$delete({ param: { id } });
      if (!res.ok) throw await toApiError(res);
    },
    onSuccess: () => done(null, 'Séance supprimée.'),
    onError: (e) => notifyError(e, 'Suppression refusée'),
  });

  return (
    <Stack gap="sm">
      <Text size="sm">Jours : {residency.days.map(longDay).join(' · ')}</Text>
      {canManage && (
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setDialog('move')}>
            Déplacer
          </Button>
          {residency.days.length > 1 && (
            <Button size="xs" variant="default" onClick={() => setDialog('split')}>
              Scinder
            </Button>
          )}
          <Button size="xs" variant="default" onClick={() => setDialog('add')}>
            Ajouter un jour
          </Button>
          {residency.days.length > 1 && (
            <Button size="xs" variant="default" onClick={() => setDialog('remove')}>
              Retirer un jour
            </Button>
          )}
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onEditSession({ residencyId: residency.id, session: null })}>
            Ajouter une séance
          </Button>
          <Button size="xs" variant="subtle" color="red" onClick={() => setDialog('delete')}>
            Supprimer
          </Button>
        </Group>
      )}
      {residency.sessions.length === 0 ? (
        <Text size="sm" c="dimmed">
          Aucune séance.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing={4} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Jour</Table.Th>
                <Table.Th>Horaires</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Titre</Table.Th>
                <Table.Th>Intervenant·es</Table.Th>
                <Table.Th>Lieu</Table.Th>
                {canManage && (
                  <Table.Th>
                    <span className="mantine-visually-hidden">Actions</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {residency.sessions.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{dayjs(s.date).format('ddd D MMM')}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {s.startTime}–{s.endTime} ({formatHours(s.hours)})
                  </Table.Td>
                  <Table.Td>{SESSION_TYPE_LABELS[s.type]}</Table.Td>
                  <Table.Td>{s.title}</Table.Td>
                  <Table.Td>{s.teachers.map((t) => t.name).join(', ') || '—'}</Table.Td>
                  <Table.Td>{s.room ?? (s.remoteUrl ? 'À distance' : '—')}</Table.Td>
                  {canManage && (
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {s.signed ? (
                        // Signed: its times are fixed (decision 012); a correction with a reason instead of the edit.
                        <Group gap={4} wrap="nowrap">
                          <Badge color="gray" variant="light" title="Des émargements existent : horaires figés">
                            Émargée
                          </Badge>
                          {canCorrect && (
                            <Button size="compact-xs" variant="subtle" aria-label={`Corriger les horaires de la séance ${s.title} du ${s.date}`} onClick={() => setCorrecting(s)}>
                              Corriger
                            </Button>
                          )}
                        </Group>
                      ) : (
                        <>
                          <ActionIcon variant="subtle" aria-label={`Modifier la séance ${s.title} du ${s.date}`} onClick={() => onEditSession({ residencyId: residency.id, session: s })}>
                            <IconPencil size={16} aria-hidden />
                          </ActionIcon>
                          <ActionIcon variant="subtle" color="red" aria-label={`Supprimer la séance ${s.title} du ${s.date}`} onClick={() => setDialog({ deleteSession: s.id, title: s.title })}>
                            <IconTrash size={16} aria-hidden />
                          </ActionIcon>
                        </>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <SessionCorrectionModal cohortId={cohortId} session={correcting} onClose={() => setCorrecting(null)} />
      <Modal
        opened={dialog === 'move'}
        onClose={() => {
          setDialog(null);
          preview.reset();
        }}
        title={`Déplacer « ${residency.label} »`}
        centered
      >
        <Stack>
          <Text size="sm">Le regroupement garde ses {residency.days.length} jours ouvrés (jours fériés sautés) ; chaque séance suit son jour.</Text>
          <TextInput
            type="date"
            label="Nouveau premier jour"
            value={date}
            onChange={(e) => {
              setDate(e.currentTarget.value);
              preview.reset();
            }}
          />
          {preview.data && preview.data.requested === date && (
            <Alert color={preview.data.notes.length ? 'orange' : 'blue'} variant="light" title="Le regroupement deviendra" role="status">
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  {preview.data.after.map((d) => longDay(d)).join(', ')}
                </Text>
                {preview.data.notes.map((n) => (
                  <Text size="sm" key={n}>
                    {n}
                  </Text>
                ))}
                {preview.data.sessionsMoved > 0 && <Text size="sm">{preview.data.sessionsMoved} séance{preview.data.sessionsMoved > 1 ? 's suivent leur' : ' suit son'} jour.</Text>}
              </Stack>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              Annuler
            </Button>
            {preview.data && preview.data.requested === date ? (
              <Button loading={patch.isPending} onClick={() => patch.mutate({ moveTo: date })}>
                Confirmer le déplacement
              </Button>
            ) : (
              <Button disabled={!date} loading={preview.isPending} onClick={() => preview.mutate(date)}>
                Voir le résultat
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>
      <Modal opened={dialog === 'split'} onClose={() => setDialog(null)} title={`Scinder « ${residency.label} »`} centered>
        <Stack>
          <Select label="Le second regroupement commence le" data={residency.days.slice(1).map((d) => ({ value: d, label: longDay(d) }))} value={date || null} onChange={(v) => setDate(v ?? '')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              Annuler
            </Button>
            <Button disabled={!date} loading={split.isPending} onClick={() => split.mutate(date)}>
              Scinder
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={dialog === 'add'} onClose={() => setDialog(null)} title={`Ajouter un jour à « ${residency.label} »`} centered>
        <Stack>
          <TextInput type="date" label="Jour à ajouter" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              Annuler
            </Button>
            <Button disabled={!date} loading={patch.isPending} onClick={() => patch.mutate({ days: [...residency.days, date] })}>
              Ajouter
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={dialog === 'remove'} onClose={() => setDialog(null)} title={`Retirer un jour de « ${residency.label} »`} centered>
        <Stack>
          <Text size="sm">Un jour qui porte encore des séances ne peut pas être retiré : déplacez ou supprimez-les d’abord.</Text>
          <Select label="Jour à retirer" data={residency.days.map((d) => ({ value: d, label: longDay(d) }))} value={date || null} onChange={(v) => setDate(v ?? '')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              Annuler
            </Button>
            <Button color="red" disabled={!date} loading={patch.isPending} onClick={() => patch.mutate({ days: residency.days.filter((d) => d !== date) })}>
              Retirer
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={dialog === 'delete'} onClose={() => setDialog(null)} title={`Supprimer « ${residency.label} » ?`} centered>
        <Stack>
          <Text size="sm">Seul un regroupement sans séance peut être supprimé.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              Annuler
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              Supprimer
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={typeof dialog === 'object' && dialog !== null} onClose={() => setDialog(null)} title="Supprimer la séance ?" centered>
        <Stack>
          <Text size="sm">« {typeof dialog === 'object' && dialog ? dialog.title : ''} » sera retirée du calendrier et des agendas abonnés.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              Annuler
            </Button>
            <Button color="red" loading={removeSession.isPending} onClick={() => typeof dialog === 'object' && dialog && removeSession.mutate(dialog.deleteSession)}>
              Supprimer
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
