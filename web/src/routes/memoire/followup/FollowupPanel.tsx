/** The follow-up panel of a mémoire record's page (H3's ThesisPage): the learner's meetings, hours and pace. */
import { Card, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert, PageLoader } from '../../../components/states';
import { thesisQuery } from '../record/queries';
import { LearnerFollowup } from './LearnerFollowup';

export function FollowupPanel({ thesisId }: { thesisId: string }) {
  const thesis = useQuery(thesisQuery(thesisId));
  if (thesis.isPending) return <PageLoader />;
  if (thesis.isError) return <ErrorAlert error={thesis.error} />;
  return (
    <Card withBorder component="section" aria-labelledby="suivi-individuel">
      <Title order={2} size="h3" id="suivi-individuel" mb="sm">
        Suivi individuel
      </Title>
      <LearnerFollowup cohortId={thesis.data.cohortId} learnerId={thesis.data.learner.id} headingLevel={3} />
    </Card>
  );
}
