/**
 * /seances/$id/emargement: the attendance list of one half-day, built for a phone: one card per learner,
 * the teacher marks those who did not sign (« Tous présents » then the exceptions), rectifies their own
 * roll call until they sign, corrections carry a reason, the teacher signs the sheet after a confirmation.
 */
import { Alert, Badge, Button, Card, Group, Modal, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap } from '../../../lib/api';
import { useMe } from '../../../lib/auth';
import { notifyError, notifySuccess } from '../../../lib/forms';
import { formatDateTime } from '../../../lib/format';
import { ATTENDANCE_LABELS, sessionAttendanceQuery, type TAttendanceStatus, type TSessionAttendance } from '../queries';

const STATUS_OPTIONS = (Object.keys(ATTENDANCE_LABELS) as TAttendanceStatus[]).map((value) => ({ value, label: ATTENDANCE_LABELS[value].label }));

export function SessionAttendancePage() {
  const { id } = useParams({ from: '/_app/seances/$id/emargement' });
  const queryClient = useQueryClient();
  const me = useMe();
  const { data, error, isPending } = useQuery({ ...sessionAttendanceQuery(id), refetchInterval: 30_000 });
  const [marks, setMarks] = useState<Record<string, TAttendanceStatus>>({});
  const [correcting, setCorrecting] = useState<{ recordId: string; name: string; own: boolean } | null>(null);
  const [confirmSign, setConfirmSign] = useState(false);
  const [correction, setCorrection] = useState<{ status: TAttendanceStatus; reason: string }>({ status: 'present', reason: '' });

  const update = (fresh: TSessionAttendance, message: string) => {
    queryClient.setQueryData(sessionAttendanceQuery(id).queryKey, fresh);
    notifySuccess(message);
  };
  const save = useMutation({
    mutationFn: () =>
      unwrap(api.sessions[':id'].attendance.marks.$post({ param: { id }, json: { entries: Object.entries(marks).map(([learnerId, status]) => ({ learnerId, status })) } })),
    onSuccess: (fresh) => {
      setMarks({});
      update(fresh, 'Appel enregistré.');
    },
    onError: (e) => notifyError(e, 'Appel refusé'),
  });
  const correct = useMutation({
    mutationFn: () => unwrap(api.attendance[':id'].corrections.$post({ param: { id: correcting!.recordId }, json: correction })),
    onSuccess: (fresh) => {
      setCorrecting(null);
      update(fresh, 'Correction enregistrée (nouvel enregistrement daté).');
    },
    onError: (e) => notifyError(e, 'Correction refusée'),
  });
  const sign = useMutation({
    mutationFn: () => unwrap(api.sessions[':id'].attendance['teacher-signature'].$post({ param: { id } })),
    onSuccess: (fresh) => {
      setConfirmSign(false);
      update(fresh, 'Feuille signée.');
    },
    onError: (e) => notifyError(e, 'Signature refusée'),
  });

  if (isPending) return <PageLoader label="Chargement de la feuille…" />;
  if (error) return <ErrorAlert error={error} />;
  const s = data.session;
  const unmarked = data.learners.filter((l) => !l.current);
  const signedByMe = data.teacherSignatures.some((t) => t.userId === me.user.id);
  return (
    <Stack gap="md" maw={560}>
      <PageHeader title="Feuille d’émargement" description={`${s.title} — ${dayjs(s.date).format('dddd D MMMM YYYY')}, ${s.startTime}–${s.endTime}${s.room ? `, ${s.room}` : s.remote ? ', à distance' : ''}`} />
      <Alert color={data.window.open ? 'green' : 'gray'} variant="light">
        {data.window.open
          ? `Émargement ouvert jusqu’à ${dayjs(data.window.closesAt).format('HH:mm')} : les auditeur·rices signent sur leur appareil.`
          : `Émargement des auditeur·rices : du ${formatDateTime(data.window.opensAt)} au ${formatDateTime(data.window.closesAt)}.`}
      </Alert>
      <Stack gap="xs">
        {data.learners.map((l) => (
          <Card key={l.userId} withBorder padding="sm">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text fw={600}>{l.name}</Text>
              {l.current ? (
                <Badge color={ATTENDANCE_LABELS[l.current.status].color} variant="light" tt="none">
                  {ATTENDANCE_LABELS[l.current.status].label}
                </Badge>
              ) : (
                <Badge color="gray" variant="outline" tt="none">
                  Non émargé
                </Badge>
              )}
            </Group>
            {l.current ? (
              <Group justify="space-between" gap="xs" mt={4}>
                <Text size="xs" c="dimmed">
                  {l.current.method === 'self' ? 'Signé' : l.current.method === 'teacher' ? 'Relevé' : 'Corrigé'} par {l.current.recordedBy} le {formatDateTime(l.current.recordedAt)}
                  {l.current.reason ? ` — ${l.current.reason}` : ''}
                </Text>
                {l.canCorrect && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => {
                      // The teacher's own mark, before signing: a rectification of the roll call.
                      const own = l.current!.method === 'teacher' && l.current!.recordedBy === me.user.name && !signedByMe && !data.permissions.correct;
                      setCorrection({ status: l.current!.status, reason: own ? 'Rectification de mon appel avant signature' : '' });
                      setCorrecting({ recordId: l.current!.id, name: l.name, own });
                    }}
                    aria-label={`Corriger l’émargement de ${l.name}`}
                  >
                    Corriger
                  </Button>
                )}
              </Group>
            ) : (
              data.permissions.mark &&
              l.userId !== me.user.id && (
                <SegmentedControl
                mt="xs"
                fullWidth
                size="xs"
                aria-label={`Statut de ${l.name}`}
                data={[{ value: '', label: '—' }, ...STATUS_OPTIONS]}
                value={marks[l.userId] ?? ''}
                onChange={(v) =>
                  setMarks((m) => {
                    const next = { ...m };
                    if (v) next[l.userId] = v as TAttendanceStatus;
                    else delete next[l.userId];
                    return next;
                  })
                }
                />
              )
            )}
          </Card>
        ))}
      </Stack>
      {data.permissions.mark && unmarked.length > 0 && (
        <Group grow wrap="wrap">
          <Button
            size="md"
            variant="default"
            onClick={() => setMarks((m) => Object.fromEntries(unmarked.filter((l) => l.userId !== me.user.id).map((l) => [l.userId, m[l.userId] ?? 'present'])))}
          >
            Tous présents
          </Button>
          <Button size="md" disabled={Object.keys(marks).length === 0} loading={save.isPending} onClick={() => save.mutate()}>
            Enregistrer l’appel ({Object.keys(marks).length})
          </Button>
        </Group>
      )}
      <Stack gap={4}>
        <Text fw={600}>Signature de l’enseignant·e</Text>
        {data.teacherSignatures.map((t) => (
          <Text size="sm" key={t.userId}>
            Signée par {t.name} le {formatDateTime(t.signedAt)}
          </Text>
        ))}
        {data.permissions.sign && !signedByMe && (
          <Button variant="light" leftSection={<IconSignature size={18} aria-hidden />} loading={sign.isPending} onClick={() => setConfirmSign(true)}>
            Signer la feuille
          </Button>
        )}
      </Stack>
      <Modal opened={confirmSign} onClose={() => setConfirmSign(false)} title="Signer la feuille ?" centered>
        <Stack>
          <Text size="sm">
            Vous attestez la présence des {data.learners.filter((l) => l.current && (l.current.status === 'present' || l.current.status === 'late')).length} auditeur·rices
            présent·es sur {data.learners.length}
            {unmarked.length ? ` ; ${unmarked.length} n’ont encore aucun statut` : ''}. Une fois signée, votre appel ne se rectifie plus : une correction passera par le
            gestionnaire.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmSign(false)}>
              Annuler
            </Button>
            <Button leftSection={<IconSignature size={18} aria-hidden />} loading={sign.isPending} onClick={() => sign.mutate()}>
              Signer
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={Boolean(correcting)} onClose={() => setCorrecting(null)} title={`Corriger l’émargement de ${correcting?.name ?? ''}`} centered>
        <Stack>
          <Text size="sm">
            {correcting?.own
              ? 'Vous rectifiez votre appel avant de signer la feuille : le premier relevé reste visible, la rectification est datée, à votre nom.'
              : 'L’enregistrement signé reste visible : la correction est un nouvel enregistrement daté, à votre nom, avec son motif.'}
          </Text>
          <Select label="Nouveau statut" data={STATUS_OPTIONS} value={correction.status} onChange={(v) => setCorrection((c) => ({ ...c, status: (v ?? 'present') as TAttendanceStatus }))} allowDeselect={false} />
          <Textarea label="Motif" required value={correction.reason} onChange={(e) => setCorrection((c) => ({ ...c, reason: e.currentTarget.value }))} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCorrecting(null)}>
              Annuler
            </Button>
            <Button disabled={correction.reason.trim().length < 3} loading={correct.isPending} onClick={() => correct.mutate()}>
              Enregistrer la correction
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
