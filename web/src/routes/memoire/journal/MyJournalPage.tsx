/**
 * « Mon journal » (/mon-journal): the entries of one's autobiographie raisonnée, private until shared with
 * one's leader or supervisor (with a confirmation: once they read it, it stays shared), and the time log
 * with the monthly pace against the 2–4 days a month expected.
 */
import { Badge, Button, Card, Group, Modal, NumberInput, Select, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { EmptyResult, ErrorAlert, PageLoader } from '../../../components/states';
import { api, toApiError, unwrap } from '../../../lib/api';
import { applyErrors, notifyError, notifySuccess } from '../../../lib/forms';
import { formatDate, formatDateTime, formatMinutes } from '../../../lib/format';
import { myFollowupQuery } from '../followup/MyFollowupPage';
import { PaceChart } from './PaceChart';

type TEntry = InferResponseType<typeof api.me.journal.$get, 200>['items'][number];
const PAGE_SIZE = 10;
const journalKey = ['followup', 'journal'];

function EntryForm({ cohortId, entry, onDone }: { cohortId: string; entry?: TEntry; onDone?: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { title: entry?.title ?? '', body: entry?.body ?? '' } });
  const save = useMutation({
    mutationFn: (v: { title: string; body: string }) =>
      entry ? unwrap(api.journal[':id'].$patch({ param: { id: entry.id }, json: v })) : unwrap(api.cohorts[':id'].journal.$post({ param: { id: cohortId }, json: v })),
    onSuccess: async () => {
      notifySuccess(entry ? 'Entrée modifiée.' : 'Entrée écrite : elle reste privée tant que vous ne la partagez pas.');
      if (!entry) form.reset();
      await queryClient.invalidateQueries({ queryKey: journalKey });
      onDone?.();
    },
    onError: (error) => applyErrors(form, error, ['title', 'body']),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} aria-label={entry ? 'Modifier l’entrée' : 'Nouvelle entrée'}>
      <Stack gap="sm">
        <TextInput label="Titre" required {...form.getInputProps('title')} />
        <Textarea label="Texte" required autosize minRows={4} {...form.getInputProps('body')} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {entry ? 'Enregistrer' : 'Écrire l’entrée'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EntryCard({ entry }: { entry: TEntry }) {
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<'share' | 'delete' | null>(null);
  const [editing, setEditing] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: journalKey });
  const share = useMutation({
    mutationFn: (shared: boolean) => unwrap(api.journal[':id'].share.$post({ param: { id: entry.id }, json: { shared } })),
    onSuccess: async () => {
      setConfirm(null);
      await refresh();
    },
    onError: (error) => notifyError(error),
  });
  const remove = useMutation({
    mutationFn: async () => {
      const res = await api.journal[':id'].$delete({ param: { id: entry.id } });
      if (!res.ok) throw await toApiError(res);
    },
    onSuccess: async () => {
      setConfirm(null);
      await refresh();
    },
    onError: (error) => notifyError(error),
  });
  const shared = Boolean(entry.sharedAt);
  return (
    <Card withBorder padding="sm" component="li">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Text fw={600}>{entry.title}</Text>
            {shared ? (
              <Badge color="teal.9" variant="filled" tt="none">
                {entry.readAt ? `Partagée, lue le ${formatDate(entry.readAt)}` : 'Partagée'}
              </Badge>
            ) : (
              <Badge color="gray.7" variant="filled" tt="none">
                Privée
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {formatDateTime(entry.createdAt)}
          </Text>
        </Group>
        {editing ? <EntryForm cohortId={entry.cohortId} entry={entry} onDone={() => setEditing(false)} /> : <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{entry.body}</Text>}
        <Group gap="sm">
          <Switch
            label="Partagée avec mon enseignant·e"
            checked={shared}
            disabled={shared && !entry.permissions.unshare}
            onChange={(e) => (e.currentTarget.checked ? setConfirm('share') : share.mutate(false))}
          />
          {entry.permissions.edit && !editing && (
            <Button size="xs" variant="default" onClick={() => setEditing(true)}>
              Modifier
            </Button>
          )}
          {entry.permissions.delete && (
            <Button size="xs" variant="default" color="red.8" onClick={() => setConfirm('delete')}>
              Supprimer
            </Button>
          )}
        </Group>
      </Stack>
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={confirm === 'share' ? 'Partager cette entrée ?' : 'Supprimer cette entrée ?'}>
        <Stack gap="sm">
          <Text size="sm">
            {confirm === 'share'
              ? 'La personne qui anime votre atelier mémoire et celle qui dirige votre mémoire pourront la lire. Vous pourrez la reprendre tant qu’elle n’a pas été lue ; une fois lue, elle reste partagée et ne change plus.'
              : 'L’entrée sera définitivement supprimée.'}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              Annuler
            </Button>
            {confirm === 'share' ? (
              <Button onClick={() => share.mutate(true)} loading={share.isPending}>
                Partager
              </Button>
            ) : (
              <Button color="red.8" onClick={() => remove.mutate()} loading={remove.isPending}>
                Supprimer
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function TimeLog({ cohortId }: { cohortId: string }) {
  const queryClient = useQueryClient();
  const log = useQuery({ queryKey: ['followup', 'time-log', cohortId], queryFn: () => unwrap(api.cohorts[':id']['time-log'].$get({ param: { id: cohortId } })) });
  const form = useForm({ initialValues: { workedOn: null as string | null, hours: 1 as number | string, minutes: 0 as number | string, activity: '' } });
  const add = useMutation({
    mutationFn: (v: typeof form.values) =>
      unwrap(api.cohorts[':id']['time-log'].$post({ param: { id: cohortId }, json: { workedOn: v.workedOn ?? '', minutes: Number(v.hours) * 60 + Number(v.minutes), activity: v.activity } })),
    onSuccess: async () => {
      form.reset();
      await queryClient.invalidateQueries({ queryKey: ['followup', 'time-log', cohortId] });
    },
    onError: (error) => applyErrors(form, error, ['workedOn', 'minutes', 'activity']),
  });
  const remove = useMutation({
    mutationFn: async (id: string) => {
      const res = await api['time-log'][':id'].$delete({ param: { id } });
      if (!res.ok) throw await toApiError(res);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['followup', 'time-log', cohortId] }),
    onError: (error) => notifyError(error),
  });
  return (
    <Stack gap="md">
      <form onSubmit={form.onSubmit((v) => add.mutate(v))} aria-label="Noter du temps de travail">
        <Group align="flex-end" wrap="wrap">
          <DatePickerInput label="Jour" required valueFormat="DD/MM/YYYY" {...form.getInputProps('workedOn')} />
          <NumberInput label="Heures" min={0} max={24} w={100} {...form.getInputProps('hours')} />
          <NumberInput label="Minutes" min={0} max={59} step={15} w={100} {...form.getInputProps('minutes')} error={form.errors.minutes} />
          <TextInput label="Ce que vous avez fait" required style={{ flex: 1, minWidth: 220 }} {...form.getInputProps('activity')} />
          <Button type="submit" loading={add.isPending}>
            Noter
          </Button>
        </Group>
      </form>
      {log.isPending ? (
        <PageLoader />
      ) : log.isError ? (
        <ErrorAlert error={log.error} />
      ) : (
        <>
          <PaceChart pace={log.data.pace} />
          {log.data.items.length > 0 && (
            <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Temps notés">
              {log.data.items.slice(0, 20).map((l) => (
                <Group key={l.id} component="li" justify="space-between" wrap="nowrap">
                  <Text size="sm">
                    {formatDate(l.workedOn)} — {formatMinutes(l.minutes)} — {l.activity}
                  </Text>
                  <Button size="compact-xs" variant="default" onClick={() => remove.mutate(l.id)} aria-label={`Retirer le temps du ${formatDate(l.workedOn)}`}>
                    Retirer
                  </Button>
                </Group>
              ))}
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}

export function MyJournalPage() {
  const followup = useQuery(myFollowupQuery);
  const journal = useQuery({ queryKey: journalKey, queryFn: () => unwrap(api.me.journal.$get()) });
  const [page, setPage] = useState(1);
  const [chosen, setChosen] = useState<string | null>(null);
  const promotions = followup.data?.items ?? [];
  // The promotion in progress first (the API's order) unless the learner picks another (a learner may be in several).
  const cohortId = promotions.find((p) => p.cohortId === chosen)?.cohortId ?? promotions[0]?.cohortId;
  return (
    <Stack gap="lg">
      <PageHeader title="Mon journal" description="Votre autobiographie raisonnée, entrée par entrée, et le temps que vous consacrez à votre mémoire." />
      {followup.isPending || journal.isPending ? (
        <PageLoader />
      ) : followup.isError ? (
        <ErrorAlert error={followup.error} />
      ) : journal.isError ? (
        <ErrorAlert error={journal.error} />
      ) : !cohortId ? (
        <EmptyResult title="Vous n’êtes inscrit·e dans aucune promotion pour le moment." />
      ) : (
        <>
          {promotions.length > 1 && (
            <Select
              label="Promotion"
              description="Les nouvelles entrées et le temps noté vont dans cette promotion."
              data={promotions.map((p) => ({ value: p.cohortId, label: p.cohortName }))}
              value={cohortId}
              onChange={setChosen}
              allowDeselect={false}
              maw={420}
            />
          )}
          <Card withBorder>
            <Title order={2} size="h3" mb="sm">
              Nouvelle entrée
            </Title>
            <EntryForm cohortId={cohortId} />
          </Card>
          <section aria-labelledby="entrees">
            <Title order={2} size="h3" id="entrees" mb="sm">
              Mes entrées
            </Title>
            {journal.data.items.length === 0 ? (
              <Text c="dimmed">Aucune entrée pour le moment : commencez par votre parcours scolaire, associatif ou professionnel.</Text>
            ) : (
              <>
                <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {journal.data.items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((e) => (
                    <EntryCard key={e.id} entry={e} />
                  ))}
                </Stack>
                <Pager page={page} pageSize={PAGE_SIZE} total={journal.data.items.length} onChange={setPage} noun={['entrée', 'entrées']} />
              </>
            )}
          </section>
          <section aria-labelledby="temps">
            <Title order={2} size="h3" id="temps" mb="sm">
              Mon temps de travail sur le mémoire
            </Title>
            <TimeLog cohortId={cohortId} />
          </section>
        </>
      )}
    </Stack>
  );
}
