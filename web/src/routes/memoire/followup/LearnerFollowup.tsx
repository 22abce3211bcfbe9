/** One learner's follow-up for their leader or supervisor (with the journal entries they shared) or the promotion's staff. */
import { Card, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { PaceChart } from '../journal/PaceChart';
import { HoursBeside } from './MyFollowupPage';
import { MeetingList } from './meetings';

export const learnerFollowupQuery = (cohortId: string, learnerId: string) => ({
  queryKey: ['followup', 'learner', cohortId, learnerId],
  queryFn: () => unwrap(api.cohorts[':id'].learners[':learnerId'].followup.$get({ param: { id: cohortId, learnerId } })),
});

export function LearnerFollowup({ cohortId, learnerId, headingLevel = 2 }: { cohortId: string; learnerId: string; headingLevel?: 2 | 3 }) {
  const data = useQuery(learnerFollowupQuery(cohortId, learnerId));
  if (data.isPending) return <PageLoader />;
  if (data.isError) return <ErrorAlert error={data.error} />;
  const f = data.data;
  const h = headingLevel;
  return (
    <Stack gap="md">
      <section>
        <Title order={h} size="h4" mb="xs">
          Entretiens de suivi
        </Title>
        <MeetingList meetings={f.meetings} empty="Aucun entretien demandé pour le moment." />
      </section>
      <section>
        <Title order={h} size="h4" mb="xs">
          Heures
        </Title>
        <HoursBeside heldMinutes={f.heldMinutes} workshopHours={f.workshopHours} />
      </section>
      <section>
        <Title order={h} size="h4" mb="xs">
          Rythme de travail sur le mémoire
        </Title>
        <PaceChart pace={f.pace} />
      </section>
      {f.sharedJournal && (
        <section>
          <Title order={h} size="h4" mb="xs">
            Journal partagé avec vous
          </Title>
          {f.sharedJournal.length === 0 ? (
            <Text c="dimmed">{f.learner.name} n’a partagé aucune entrée de son journal.</Text>
          ) : (
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {f.sharedJournal.map((e) => (
                <Card key={e.id} withBorder padding="sm" component="li">
                  <Text fw={600}>{e.title}</Text>
                  <Text size="xs" c="dimmed">
                    Partagée le {formatDateTime(e.sharedAt)}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {e.body}
                  </Text>
                </Card>
              ))}
            </Stack>
          )}
        </section>
      )}
    </Stack>
  );
}
