/**
 * /memoires/$id: one mémoire record — its content (written by the learner while the record allows it),
 * its supervisor (named by the promotion's team), its state (moved by the team, with confirmation, and a
 * written reason for an abandonment) and its dated, attributed history. What this person may do comes
 * from the record's `permissions`, computed by the policies the API enforces: no role is checked here.
 * Below, the panels of `panels.ts` (versions, follow-up…).
 */
import { Alert, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Timeline, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowRight } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { applyErrors, notifyError, notifySuccess } from '../../../lib/forms';
import {
  THESIS_GENRE_LABELS,
  THESIS_GENRE_VALUES,
  THESIS_KIND_LABELS,
  THESIS_KIND_VALUES,
  type TThesisGenre,
  type TThesisKind,
  type TThesisState,
} from '../../../../../src/shared/vocabulary/memoire';
import { thesisQuery, THESIS_STATE_LABELS, type TThesis } from './queries';
import { ThesisPanels } from './ThesisPanels';
import { ThesisStateBadge } from './ThesisStateBadge';

const route = getRouteApi('/_app/memoires/$id');

export function ThesisPage() {
  const { id } = route.useParams();
  const { data, error, isPending } = useQuery(thesisQuery(id));
  if (isPending) return <PageLoader label="Chargement de la fiche mémoire…" />;
  if (error) return <ErrorAlert error={error} />;
  return <ThesisView thesis={data} />;
}

function ThesisView({ thesis }: { thesis: TThesis }) {
  return (
    <Stack gap="lg">
      <PageHeader title={`Mémoire de ${thesis.learner.name}`} description={thesis.title ?? 'Titre de travail à venir'} actions={<ThesisStateBadge state={thesis.state} />} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ContentCard thesis={thesis} />
        <Stack gap="lg">
          <SupervisorCard thesis={thesis} />
          <StateCard thesis={thesis} />
        </Stack>
      </SimpleGrid>
      <HistoryCard thesis={thesis} />
      {/* Panels of other parts of the mémoire (versions, follow-up…): add them in ./panels.ts. */}
      <ThesisPanels thesisId={thesis.id} />
    </Stack>
  );
}

function useSaveThesis(id: string) {
  const qc = useQueryClient();
  return (updated: TThesis) => {
    qc.setQueryData(thesisQuery(id).queryKey, updated);
    void qc.invalidateQueries({ queryKey: ['cohort', updated.cohortId, 'theses'] });
    void qc.invalidateQueries({ queryKey: ['me', 'theses'] });
  };
}

const CONTENT_FIELDS = ['kind', 'genre', 'title', 'question', 'organisation'] as const;
type TContentValues = { kind: TThesisKind | null; genre: TThesisGenre | null; title: string; question: string; organisation: string };
const valuesOf = (t: TThesis): TContentValues => ({ kind: t.kind, genre: t.genre, title: t.title ?? '', question: t.question ?? '', organisation: t.organisation ?? '' });

function ContentCard({ thesis }: { thesis: TThesis }) {
  const editable = thesis.permissions.editContent;
  const saved = useSaveThesis(thesis.id);
  const form = useForm<TContentValues>({ initialValues: valuesOf(thesis) });
  useEffect(() => {
    form.setInitialValues(valuesOf(thesis));
    if (!form.isDirty()) form.setValues(valuesOf(thesis));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [thesis.updatedAt]);
  const save = useMutation({
    mutationFn: (v: TContentValues) => unwrap(api.theses[':id'].$patch({ param: { id: thesis.id }, json: v })),
    onSuccess: (updated) => {
      saved(updated);
      form.resetDirty(valuesOf(updated));
      notifySuccess('Fiche mémoire enregistrée.');
    },
    onError: (e) => applyErrors(form, e, CONTENT_FIELDS),
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="thesis-content">
      <Title order={2} size="h4" id="thesis-content" mb="sm">
        Le mémoire
      </Title>
      {editable ? (
        <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
          <Stack gap="sm">
            <Select
              label="Type de mémoire"
              placeholder="Choisissez"
              data={THESIS_KIND_VALUES.map((k) => ({ value: k, label: THESIS_KIND_LABELS[k] }))}
              clearable
              {...form.getInputProps('kind')}
            />
            <Select label="Genre" placeholder="Choisissez" data={THESIS_GENRE_VALUES.map((g) => ({ value: g, label: THESIS_GENRE_LABELS[g] }))} clearable {...form.getInputProps('genre')} />
            <TextInput label="Titre de travail" maxLength={300} {...form.getInputProps('title')} />
            <Textarea label="Question" autosize minRows={3} maxLength={2000} {...form.getInputProps('question')} />
            <TextInput label="Organisation concernée" maxLength={300} {...form.getInputProps('organisation')} />
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                Enregistrer
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack gap="xs">
          <Field label="Type de mémoire" value={thesis.kind ? THESIS_KIND_LABELS[thesis.kind] : null} />
          <Field label="Genre" value={thesis.genre ? THESIS_GENRE_LABELS[thesis.genre] : null} />
          <Field label="Titre de travail" value={thesis.title} />
          <Field label="Question" value={thesis.question} />
          <Field label="Organisation concernée" value={thesis.organisation} />
        </Stack>
      )}
    </Card>
  );
}

function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm" c={value ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
        {value ?? 'Non renseigné'}
      </Text>
    </div>
  );
}

function SupervisorCard({ thesis }: { thesis: TThesis }) {
  const saved = useSaveThesis(thesis.id);
  const [choice, setChoice] = useState<string | null>(thesis.supervisor?.id ?? null);
  const canName = thesis.permissions.nameSupervisor;
  const cohort = useQuery({
    queryKey: ['cohort', thesis.cohortId],
    queryFn: () => unwrap(api.cohorts[':id'].$get({ param: { id: thesis.cohortId } })),
    enabled: canName,
  });
  const teachers = (cohort.data?.staff ?? []).filter((s) => s.role === 'enseignant' || s.role === 'responsable_pedagogique');
  const options = [...new Map([...(thesis.supervisor ? [[thesis.supervisor.id, thesis.supervisor.name] as const] : []), ...teachers.map((s) => [s.userId, s.name] as const)])].map(([value, label]) => ({ value, label }));
  const save = useMutation({
    mutationFn: (supervisorId: string | null) => unwrap(api.theses[':id'].$patch({ param: { id: thesis.id }, json: { supervisorId } })),
    onSuccess: (updated) => {
      saved(updated);
      notifySuccess(updated.supervisor ? `${updated.supervisor.name} dirige ce mémoire.` : 'Le mémoire n’a plus de directeur·rice.');
    },
    onError: (e) => notifyError(e),
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="thesis-supervisor">
      <Title order={2} size="h4" id="thesis-supervisor" mb="sm">
        Directeur·rice de mémoire
      </Title>
      {canName ? (
        <Group align="flex-end" gap="sm">
          <Select
            label="Enseignant·e de la promotion"
            placeholder="À désigner"
            data={options}
            value={choice}
            onChange={setChoice}
            clearable
            searchable
            w={280}
          />
          <Button onClick={() => save.mutate(choice)} loading={save.isPending} disabled={choice === (thesis.supervisor?.id ?? null)}>
            Désigner
          </Button>
        </Group>
      ) : (
        <Text size="sm">{thesis.supervisor?.name ?? 'Pas encore désigné·e.'}</Text>
      )}
    </Card>
  );
}

function StateCard({ thesis }: { thesis: TThesis }) {
  const saved = useSaveThesis(thesis.id);
  const [target, setTarget] = useState<TThesisState | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (v: { state: TThesisState; note: string }) => unwrap(api.theses[':id'].state.$post({ param: { id: thesis.id }, json: v })),
    onSuccess: (updated) => {
      saved(updated);
      setTarget(null);
      setNote('');
      notifySuccess(`Le mémoire est passé à l’état « ${THESIS_STATE_LABELS[updated.state]} ».`);
    },
    onError: (e) => {
      const issue = e instanceof Error && 'issues' in e ? (e as { issues: { path: string; message: string }[] }).issues.find((i) => i.path === 'note') : undefined;
      if (issue) setNoteError(issue.message);
      else notifyError(e);
    },
  });
  const abandoning = target === 'abandoned';
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="thesis-state">
      <Title order={2} size="h4" id="thesis-state" mb="sm">
        État
      </Title>
      <Group gap="sm" mb={thesis.permissions.nextStates.length ? 'sm' : 0}>
        <Text size="sm">État actuel :</Text>
        <ThesisStateBadge state={thesis.state} />
      </Group>
      {thesis.permissions.nextStates.length > 0 && (
        <Group gap="sm">
          {thesis.permissions.nextStates.map((s) => (
            <Button key={s} variant={s === 'abandoned' ? 'outline' : 'light'} color={s === 'abandoned' ? 'red' : undefined} leftSection={<IconArrowRight size={16} aria-hidden />} onClick={() => setTarget(s)}>
              {s === 'abandoned' ? 'Enregistrer un abandon' : `Passer à « ${THESIS_STATE_LABELS[s]} »`}
            </Button>
          ))}
        </Group>
      )}
      <Modal opened={target !== null} onClose={() => setTarget(null)} title={abandoning ? 'Enregistrer l’abandon du mémoire' : 'Changer l’état du mémoire'} centered>
        {target && (
          <Stack gap="md">
            <Text size="sm">
              Le mémoire de {thesis.learner.name} passera de « {THESIS_STATE_LABELS[thesis.state]} » à « {THESIS_STATE_LABELS[target]} ». Ce changement est daté, attribué et ne
              s’efface pas.
            </Text>
            {abandoning && <Alert color="red" variant="light">L’abandon est définitif pour cette promotion.</Alert>}
            <Textarea
              label={abandoning ? 'Motif de l’abandon' : 'Commentaire (facultatif)'}
              required={abandoning}
              autosize
              minRows={2}
              maxLength={1000}
              value={note}
              error={noteError}
              onChange={(e) => {
                setNote(e.currentTarget.value);
                setNoteError(null);
              }}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setTarget(null)}>
                Annuler
              </Button>
              <Button
                color={abandoning ? 'red' : undefined}
                loading={change.isPending}
                onClick={() => {
                  if (abandoning && !note.trim()) return setNoteError('Indiquez le motif de l’abandon.');
                  change.mutate({ state: target, note });
                }}
              >
                Confirmer
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Card>
  );
}

function HistoryCard({ thesis }: { thesis: TThesis }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="thesis-history">
      <Title order={2} size="h4" id="thesis-history" mb="sm">
        Historique des états
      </Title>
      <Timeline bulletSize={14} lineWidth={2} active={thesis.history.length - 1}>
        {thesis.history.map((e) => (
          <Timeline.Item key={e.id} title={e.fromState ? `${THESIS_STATE_LABELS[e.fromState]} → ${THESIS_STATE_LABELS[e.toState]}` : 'Fiche ouverte'}>
            <Text size="sm">
              Le {formatDateTime(e.at)}, par {e.actor.name}
            </Text>
            {e.note && (
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                {e.note}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
