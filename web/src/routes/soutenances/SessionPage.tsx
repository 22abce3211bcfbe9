/**
 * /soutenances/$id: one session of soutenances (decision 027). Its settings; the planner's run (the
 * exact optimiser in a background job: progress, then objective, bound, gap and time, or why no plan
 * exists); the timetable, where a defence is moved by hand under the same checks; and the convocations
 * (PDF, e-mail with a link, calendar invitation), sent after a confirmation and sent again as an update
 * when a defence changes.
 */
import { Alert, Badge, Button, Card, Group, List, Modal, NumberInput, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCalendarEvent, IconCheck, IconDownload, IconMailForward, IconRoute } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { EmptyResult, ErrorAlert, PageLoader } from '../../components/states';
import { api, ApiError, fileHref, files, unwrap } from '../../lib/api';
import { formatDate, formatDateTime, plural } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/forms';
import { planRunQuery, sessionQuery, type TPlanRun, type TSession } from './queries';
import { SessionSettingsForm, slotsText, type TSettingsPayload } from './SessionSettings';

const hour = (hhmm: string) => hhmm.replace(':', ' h ');
const percent = (gap: number | null) => (gap === null ? '—' : `${(gap * 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 })} %`);

/** French sentences from the API (refusals, the diagnosis, what the timetable no longer respects), as a list. */
function Sentences({ items }: { items: readonly string[] }) {
  return (
    <List size="sm">
      {items.map((m) => (
        <List.Item key={m}>{m}</List.Item>
      ))}
    </List>
  );
}

function useRefresh(id: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['soutenance-session', id] });
}

export function SessionPage() {
  const { id } = useParams({ from: '/_app/soutenances/$id' });
  const session = useQuery(sessionQuery(id));
  if (session.isPending) return <PageLoader label="Chargement de la session…" />;
  if (session.error) return <ErrorAlert error={session.error} />;
  const s = session.data;
  return (
    <Stack gap="lg">
      <PageHeader
        title={s.label}
        description={
          <AnchorLink to="/promotions/$id/jurys" params={{ id: s.cohortId }}>
            Retour aux jurys de la promotion
          </AnchorLink>
        }
      />
      <Text size="sm">
        {plural(s.days.length, 'jour', 'jours')} ({s.days.map((d) => formatDate(d.date)).join(', ')}) — {plural(s.rooms.length, 'salle', 'salles')} — {s.place}
      </Text>
      <PlanSection session={s} />
      <TimetableSection session={s} />
      <SettingsSection session={s} />
    </Stack>
  );
}

function PlanSection({ session }: { session: TSession }) {
  const refresh = useRefresh(session.id);
  const [limit, setLimit] = useState<number | string>(30);
  const latest = session.runs[0];
  const request = useMutation({
    mutationFn: () => unwrap(api['soutenance-sessions'][':id'].plans.$post({ param: { id: session.id }, json: { timeLimitSeconds: Number(limit) || 30 } })),
    onSuccess: async () => {
      notifySuccess('Calcul demandé : il se poursuit en tâche de fond.');
      await refresh();
    },
    onError: (e) => notifyError(e, 'Calcul impossible'),
  });
  return (
    <Card withBorder padding="lg" component="section" aria-label="Calcul du planning">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Calcul du planning
        </Title>
        <Text size="sm">
          Chaque soutenance est tenue par le jury constitué qui examine le dossier. L’optimiseur choisit le jour, le créneau et la salle : personne ne siège deux fois à la fois, chaque salle accueille une soutenance par
          créneau, les indisponibilités sont respectées, et les soutenances de chaque membre sont regroupées (le moins de journées et de demi-journées possible).
        </Text>
        {session.planIssues.length > 0 && (
          <Alert color="orange" icon={<IconAlertTriangle size={18} aria-hidden />} title="Le planning ne peut pas encore être calculé">
            <Sentences items={session.planIssues} />
          </Alert>
        )}
        {session.skipped.length > 0 && (
          <Alert color="gray" title="Dossiers non planifiés">
            <List size="sm">
              {session.skipped.map((k) => (
                <List.Item key={k.learnerId}>
                  {k.name} ({k.juryLabel}) : {k.reason}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group align="flex-end">
          <NumberInput label="Durée maximale du calcul (secondes)" min={1} max={600} value={limit} onChange={setLimit} w={260} />
          <Button leftSection={<IconRoute size={16} aria-hidden />} onClick={() => request.mutate()} loading={request.isPending} disabled={session.planIssues.length > 0}>
            Calculer le planning
          </Button>
        </Group>
        {latest ? <RunCard runId={latest.id} sessionId={session.id} planned={session.soutenances} /> : <Text c="dimmed">Aucun calcul pour l’instant.</Text>}
      </Stack>
    </Card>
  );
}

function RunCard({ runId, sessionId, planned }: { runId: string; sessionId: string; planned: TSession['soutenances'] }) {
  const refresh = useRefresh(sessionId);
  const qc = useQueryClient();
  const run = useQuery(planRunQuery(runId));
  const [confirming, setConfirming] = useState(false);
  const convened = planned.filter((s) => s.convocation !== 'not_sent').length;
  const accept = useMutation({
    mutationFn: () => unwrap(api['soutenance-plans'][':id'].accept.$post({ param: { id: runId } })),
    onSuccess: async () => {
      setConfirming(false);
      notifySuccess('Planning retenu.');
      await Promise.all([refresh(), qc.invalidateQueries({ queryKey: ['soutenance-plan', runId] })]);
    },
    onError: (e) => {
      setConfirming(false);
      notifyError(e, 'Planning non retenu');
    },
  });
  if (run.isPending) return <PageLoader label="Chargement du calcul…" />;
  if (run.error) return <ErrorAlert error={run.error} />;
  const r: TPlanRun = run.data;
  const working = r.status === 'queued' || r.status === 'solving';
  const ok = r.status === 'optimal' || r.status === 'feasible';
  return (
    <Card withBorder padding="md" aria-label="Dernier calcul">
      <Stack gap="sm">
        <Group gap="sm">
          <Badge color={ok ? 'teal.9' : working ? 'blue.9' : 'red.9'} variant="filled" tt="none">
            {r.statusLabel}
          </Badge>
          <Text size="sm">
            Demandé le {formatDateTime(r.requestedAt)} — {plural(r.defences, 'soutenance', 'soutenances')}
          </Text>
          {r.acceptedAt && (
            <Badge color="teal.9" variant="light" tt="none" leftSection={<IconCheck size={12} aria-hidden />}>
              Retenu le {formatDateTime(r.acceptedAt)}
            </Badge>
          )}
        </Group>
        {working && (
          <Stack gap={4}>
            <Progress value={Math.min(100, (r.elapsedSeconds / r.timeLimitSeconds) * 100)} animated aria-label="Avancement du calcul" />
            <Text size="sm" role="status">
              {r.status === 'queued' ? 'En attente du calculateur…' : `Calcul en cours : ${Math.round(r.elapsedSeconds)} s sur ${r.timeLimitSeconds} s au plus.`}
            </Text>
          </Stack>
        )}
        {ok && (
          <Text size="sm" role="status">
            Objectif {r.objective} — borne {r.bound ?? '—'} — écart {percent(r.gap)} — {((r.solveMs ?? 0) / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s
          </Text>
        )}
        {r.error && <Alert color="red">{r.error}</Alert>}
        {r.diagnosis.length > 0 && (
          <Alert color="red" title="Pourquoi aucun planning n’existe">
            <Sentences items={r.diagnosis} />
          </Alert>
        )}
        {r.outdated && !r.acceptedAt && ok && <Alert color="orange">La session a changé depuis ce calcul : relancez-le avant de retenir un planning.</Alert>}
        {ok && (
          <Table striped withTableBorder aria-label="Planning proposé">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Horaire</Table.Th>
                <Table.Th>Salle</Table.Th>
                <Table.Th>Auditeur·rice</Table.Th>
                <Table.Th>Jury</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.assignments.map((a) => (
                <Table.Tr key={a.learner.id}>
                  <Table.Td>{formatDate(a.date)}</Table.Td>
                  <Table.Td>
                    {hour(a.start)} – {hour(a.end)}
                  </Table.Td>
                  <Table.Td>{a.roomLabel}</Table.Td>
                  <Table.Td>{a.learner.name}</Table.Td>
                  <Table.Td>
                    {a.members.join(', ')}
                    {a.observers.length ? ` ; sans voix délibérative : ${a.observers.join(', ')}` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {ok && !r.acceptedAt && (
          <Group>
            <Button onClick={() => (planned.length ? setConfirming(true) : accept.mutate())} loading={accept.isPending} disabled={r.outdated}>
              Retenir ce planning
            </Button>
          </Group>
        )}
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Remplacer le planning retenu ?">
        <Stack gap="sm">
          <Text size="sm">
            Ce planning remplacera celui qui est retenu ({plural(planned.length, 'soutenance', 'soutenances')}
            {convened ? `, dont ${plural(convened, 'déjà convoquée', 'déjà convoquées')} : leurs convocations seront à renvoyer si elles changent` : ''}).
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Annuler
            </Button>
            <Button onClick={() => accept.mutate()} loading={accept.isPending}>
              Remplacer
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

type TRow = TSession['soutenances'][number];

const CONVOCATION_BADGES: Record<TRow['convocation'], { label: string; color: string }> = {
  not_sent: { label: 'Non envoyée', color: 'gray.8' },
  sent: { label: 'Envoyée', color: 'teal.9' },
  outdated: { label: 'À renvoyer (modifiée)', color: 'orange.9' },
};

function TimetableSection({ session }: { session: TSession }) {
  const refresh = useRefresh(session.id);
  const [moving, setMoving] = useState<TRow | null>(null);
  const [confirming, setConfirming] = useState(false);
  const due = session.soutenances.filter((s) => s.convocation !== 'sent');
  const send = useMutation({
    mutationFn: () => unwrap(api['soutenance-sessions'][':id'].convocations.$post({ param: { id: session.id } })),
    onSuccess: async (r) => {
      setConfirming(false);
      notifySuccess(`${plural(r.soutenances, 'soutenance convoquée', 'soutenances convoquées')} (${plural(r.messages, 'courriel', 'courriels')}${r.updated ? `, dont ${r.updated} mise${r.updated > 1 ? 's' : ''} à jour` : ''}).`);
      await refresh();
    },
    onError: (e) => {
      setConfirming(false);
      notifyError(e, 'Convocations non envoyées');
    },
  });
  return (
    <Card withBorder padding="lg" component="section" aria-label="Planning des soutenances">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            Planning des soutenances
          </Title>
          <Button leftSection={<IconMailForward size={16} aria-hidden />} disabled={due.length === 0} onClick={() => setConfirming(true)}>
            Envoyer les convocations
          </Button>
        </Group>
        {session.problems.length > 0 && (
          <Alert color="red" icon={<IconAlertTriangle size={18} aria-hidden />} title="Le planning ne respecte plus toutes les règles">
            <Sentences items={session.problems} />
          </Alert>
        )}
        {session.soutenances.length === 0 ? (
          <EmptyResult title="Aucune soutenance planifiée.">Calculez un planning puis retenez-le : il apparaîtra ici.</EmptyResult>
        ) : (
          <Table striped withTableBorder aria-label="Soutenances planifiées">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Horaire</Table.Th>
                <Table.Th>Salle</Table.Th>
                <Table.Th>Auditeur·rice</Table.Th>
                <Table.Th>Jury</Table.Th>
                <Table.Th>Convocation</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {session.soutenances.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{formatDate(s.date)}</Table.Td>
                  <Table.Td>
                    {hour(s.start)} – {hour(s.end)}
                  </Table.Td>
                  <Table.Td>
                    {s.roomLabel}
                    {s.video ? ' (visio)' : ''}
                  </Table.Td>
                  <Table.Td>{s.learner.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.juryLabel}</Text>
                    <Text size="xs" c="dimmed">
                      {s.members.map((m) => `${m.name}${m.president ? ' (présidence)' : ''}`).join(', ')}
                      {s.observers.length ? ` ; sans voix délibérative : ${s.observers.map((o) => o.name).join(', ')}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={CONVOCATION_BADGES[s.convocation].color} variant="filled" tt="none">
                      {CONVOCATION_BADGES[s.convocation].label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setMoving(s)} aria-label={`Déplacer la soutenance de ${s.learner.name}`}>
                        Déplacer
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        component="a"
                        href={fileHref(files.soutenances[':id']['convocation.pdf'].$url({ param: { id: s.id } }))}
                        download
                        leftSection={<IconDownload size={14} aria-hidden />}
                        aria-label={`Convocation de ${s.learner.name} (PDF)`}
                      >
                        PDF
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {moving && <MoveModal session={session} row={moving} onClose={() => setMoving(null)} />}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Envoyer les convocations ?">
        <Stack gap="sm">
          <Text size="sm">
            {plural(due.length, 'soutenance', 'soutenances')} : l’auditeur·rice et chaque membre du jury recevront un courriel avec le lien vers leur espace et une invitation de calendrier.
            {due.some((s) => s.convocation === 'outdated') ? ' Les soutenances modifiées remplacent l’invitation déjà reçue.' : ''}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Annuler
            </Button>
            <Button onClick={() => send.mutate()} loading={send.isPending}>
              Envoyer
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function MoveModal({ session, row, onClose }: { session: TSession; row: TRow; onClose: () => void }) {
  const refresh = useRefresh(session.id);
  const [date, setDate] = useState(row.date);
  const [slot, setSlot] = useState(String(row.slotIndex));
  const [room, setRoom] = useState(row.roomId);
  const [refusal, setRefusal] = useState<string[] | null>(null);
  const day = session.days.find((d) => d.date === date);
  const move = useMutation({
    mutationFn: () => unwrap(api.soutenances[':id'].$patch({ param: { id: row.id }, json: { date, slotIndex: Number(slot), roomId: room } })),
    onSuccess: async () => {
      notifySuccess(`Soutenance de ${row.learner.name} déplacée. Pensez à renvoyer sa convocation.`);
      onClose();
      await refresh();
    },
    onError: (e) => (e instanceof ApiError && e.issues.length ? setRefusal(e.issues.map((i) => i.message)) : notifyError(e)),
  });
  return (
    <Modal opened onClose={onClose} title={`Déplacer la soutenance de ${row.learner.name}`}>
      <Stack gap="sm">
        <Select label="Jour" data={session.days.map((d) => ({ value: d.date, label: formatDate(d.date) }))} value={date} onChange={(v) => v && (setDate(v), setSlot('0'))} allowDeselect={false} comboboxProps={{ withinPortal: false }} />
        <Select label="Créneau" data={(day?.slots ?? []).map((s, i) => ({ value: String(i), label: `${hour(s.start)} – ${hour(s.end)}` }))} value={slot} onChange={(v) => v && setSlot(v)} allowDeselect={false} comboboxProps={{ withinPortal: false }} />
        <Select label="Salle" data={session.rooms.map((r) => ({ value: r.id, label: r.label }))} value={room} onChange={(v) => v && setRoom(v)} allowDeselect={false} comboboxProps={{ withinPortal: false }} />
        {refusal && (
          <Alert color="red" title="Déplacement refusé">
            <Sentences items={refusal} />
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annuler
          </Button>
          <Button leftSection={<IconCalendarEvent size={16} aria-hidden />} onClick={() => move.mutate()} loading={move.isPending}>
            Déplacer
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SettingsSection({ session }: { session: TSession }) {
  const refresh = useRefresh(session.id);
  const juries = useQuery({ queryKey: ['cohort', session.cohortId, 'juries'], queryFn: () => unwrap(api.cohorts[':id'].juries.$get({ param: { id: session.cohortId } })) });
  const [editing, setEditing] = useState(false);
  const save = useMutation({
    mutationFn: ({ payload }: { payload: TSettingsPayload; fail: (e: unknown) => void }) => unwrap(api['soutenance-sessions'][':id'].$put({ param: { id: session.id }, json: payload })),
    onSuccess: async () => {
      notifySuccess('Réglages enregistrés.');
      setEditing(false);
      await refresh();
    },
    onError: (e, v) => v.fail(e),
  });
  return (
    <Card withBorder padding="lg" component="section" aria-label="Réglages de la session">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            Réglages
          </Title>
          {!editing && (
            <Button variant="default" onClick={() => setEditing(true)}>
              Modifier les réglages
            </Button>
          )}
        </Group>
        {editing ? (
          <SessionSettingsForm
            initial={{
              label: session.label,
              place: session.place,
              days: session.days.map((d) => ({ date: d.date, slots: slotsText(d.slots) })),
              rooms: session.rooms.map((r) => ({ id: r.id, label: r.label, video: r.video })),
              juryIds: session.juryIds,
              daysOff: session.unavailability.filter((u) => !u.slots).map((u) => `${u.userId}|${u.date}`),
            }}
            juries={(juries.data?.items ?? []).map((j) => ({ id: j.id, label: j.label, constituted: Boolean(j.constitutedAt), cases: j.cases.length }))}
            members={session.members}
            keptUnavailability={session.unavailability}
            submitLabel="Enregistrer les réglages"
            pending={save.isPending}
            onSubmit={(payload, fail) => save.mutate({ payload, fail })}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <Stack gap={4}>
            {session.days.map((d) => (
              <Text key={d.date} size="sm">
                {formatDate(d.date)} : {d.slots.map((s) => `${hour(s.start)} – ${hour(s.end)}`).join(', ')}
              </Text>
            ))}
            <Text size="sm">Salles : {session.rooms.map((r) => `${r.label}${r.video ? ' (visio)' : ''}`).join(', ')}</Text>
            <Text size="sm">Jurys : {session.juries.map((j) => `${j.label}${j.constituted ? '' : ' (à constituer)'}`).join(', ') || 'aucun'}</Text>
            <Text size="sm">
              Indisponibilités : {session.unavailability.length === 0 ? 'aucune' : session.unavailability.map((u) => `${session.members.find((m) => m.userId === u.userId)?.name ?? '?'} le ${formatDate(u.date)}`).join(', ')}
            </Text>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
