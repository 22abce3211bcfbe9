/**
 * The learner's side of « Mon mémoire » (GET /api/me/memoire): per promotion, their record (or the button
 * to open it), their group and next atelier, their milestones — marked done here — and what awaits them.
 */
import { Button, Card, Checkbox, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { InferResponseType } from 'hono/client';
import { AnchorLink } from '../../../components/links';
import { ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap } from '../../../lib/api';
import { useMe } from '../../../lib/auth';
import { formatDate, formatDateTime } from '../../../lib/format';
import { notifyError } from '../../../lib/forms';
import { MEETING_STATE_LABELS } from '../../../../../src/shared/vocabulary/followup';
import { MILESTONE_KIND_LABELS, type TMilestoneKind } from '../../../../../src/shared/vocabulary/memoire-milestones';
import { MilestoneBadge } from '../record/MilestoneBadge';
import { ThesisStateBadge } from '../record/ThesisStateBadge';

type TEntry = InferResponseType<typeof api.me.memoire.$get, 200>['cohorts'][number];
const dashboardKey = ['me', 'memoire'];

export function LearnerDashboard() {
  const { data, error, isPending } = useQuery({ queryKey: dashboardKey, queryFn: () => unwrap(api.me.memoire.$get()) });
  if (isPending) return <PageLoader label="Chargement de vos jalons…" />;
  if (error) return <ErrorAlert error={error} />;
  if (data.cohorts.length === 0) return <Text c="dimmed">Vous n’êtes inscrit·e dans aucune promotion.</Text>;
  return (
    <Stack gap="xl">
      {data.cohorts.map((entry) => (
        <CohortEntry key={entry.cohort.id} entry={entry} multiple={data.cohorts.length > 1} />
      ))}
    </Stack>
  );
}

function CohortEntry({ entry, multiple }: { entry: TEntry; multiple: boolean }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const open = useMutation({
    mutationFn: () => unwrap(api.cohorts[':id'].theses.$post({ param: { id: entry.cohort.id }, json: {} })),
    onSuccess: (t) => {
      void qc.invalidateQueries({ queryKey: ['me', 'theses'] });
      void qc.invalidateQueries({ queryKey: dashboardKey });
      void navigate({ to: '/memoires/$id', params: { id: t.id } });
    },
    onError: (e) => notifyError(e),
  });
  const mark = useMutation({
    mutationFn: (v: { kind: TMilestoneKind; done: boolean; learnerId: string }) =>
      unwrap(api.cohorts[':id'].milestones.learners[':learnerId'].done.$put({ param: { id: entry.cohort.id, learnerId: v.learnerId }, json: { kind: v.kind, done: v.done } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: dashboardKey }),
    onError: (e) => notifyError(e),
  });
  const me = useMe();
  const id = `cohort-${entry.cohort.id}`;
  return (
    <Stack gap="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {multiple ? entry.cohort.name : 'Mon parcours mémoire'}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Card withBorder padding="md">
          <Title order={3} size="h5" mb={4}>
            Ma fiche
          </Title>
          {entry.thesis ? (
            <Stack gap={4}>
              <Group gap="xs">
                <AnchorLink to="/memoires/$id" params={{ id: entry.thesis.id }} fw={600}>
                  {entry.thesis.title ?? 'Ma fiche mémoire'}
                </AnchorLink>
                <ThesisStateBadge state={entry.thesis.state} />
              </Group>
              <Text size="sm">Directeur·rice : {entry.thesis.supervisorName ?? 'pas encore désigné·e'}</Text>
            </Stack>
          ) : (
            <Stack gap="xs" align="flex-start">
              <Text size="sm">Votre fiche n’est pas encore ouverte.</Text>
              <Button size="xs" onClick={() => open.mutate()} loading={open.isPending}>
                Ouvrir ma fiche mémoire
              </Button>
            </Stack>
          )}
        </Card>
        <Card withBorder padding="md">
          <Title order={3} size="h5" mb={4}>
            Mon groupe d’atelier
          </Title>
          {entry.group ? (
            <Text size="sm">
              Groupe {entry.group.number}, animé par {entry.group.leader.name} — avec {entry.group.members.filter((m) => m.id !== me.user.id).map((m) => m.name).join(', ') || 'personne d’autre'}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">Pas encore de groupe.</Text>
          )}
          <Text size="sm" mt="xs">
            Prochain atelier : {entry.nextAtelier ? `${formatDateTime(entry.nextAtelier.startsAt).slice(0, 18)}${entry.nextAtelier.room ? `, ${entry.nextAtelier.room}` : ''}` : 'aucun de prévu'}
          </Text>
        </Card>
        <Card withBorder padding="md">
          <Title order={3} size="h5" mb={4}>
            Ce qui m’attend
          </Title>
          {entry.awaiting.changes.length === 0 && entry.awaiting.meetings.length === 0 ? (
            <Text size="sm" c="dimmed">Rien en attente.</Text>
          ) : (
            <List size="sm" spacing={4}>
              {entry.awaiting.changes.map((c) => (
                <List.Item key={c.id}>
                  Modification demandée (version {c.versionNumber ?? '?'}) : {c.text}
                </List.Item>
              ))}
              {entry.awaiting.meetings.map((m) => (
                <List.Item key={m.id}>
                  Entretien « {m.subject} » avec {m.teacherName} : {MEETING_STATE_LABELS[m.state].toLowerCase()}
                  {m.counterAt ? ` — autre horaire proposé le ${formatDateTime(m.counterAt)}` : m.scheduledAt ? ` le ${formatDateTime(m.scheduledAt)}` : ''}
                </List.Item>
              ))}
            </List>
          )}
        </Card>
      </SimpleGrid>
      <Card withBorder padding="md">
        <Title order={3} size="h5" mb="xs">
          Mes jalons
        </Title>
        <List spacing={6} listStyleType="none" p={0}>
          {entry.milestones.map((m) => (
            <List.Item key={m.kind}>
              <Group gap="sm" wrap="nowrap">
                {m.kind === 'final_deposit' ? (
                  <Checkbox aria-label={`${MILESTONE_KIND_LABELS[m.kind]} (marqué par le dépôt de la version finale)`} checked={m.status === 'done'} disabled readOnly />
                ) : (
                  <Checkbox
                    aria-label={`${MILESTONE_KIND_LABELS[m.kind]} fait`}
                    checked={m.status === 'done'}
                    disabled={mark.isPending}
                    onChange={(e) => mark.mutate({ kind: m.kind, done: e.currentTarget.checked, learnerId: me.user.id })}
                  />
                )}
                <Text size="sm" fw={600} w={200}>
                  {MILESTONE_KIND_LABELS[m.kind]}
                </Text>
                <MilestoneBadge status={m.status} />
                <Text size="sm" c="dimmed">
                  {m.doneAt ? `fait le ${formatDate(m.doneAt)}` : m.dueOn ? `pour le ${formatDate(m.dueOn)}` : 'échéance à venir'}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      </Card>
    </Stack>
  );
}
