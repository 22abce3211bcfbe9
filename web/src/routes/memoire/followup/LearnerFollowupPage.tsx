/** /suivi-individuel/$cohortId/$learnerId: one learner's follow-up, for their leader or supervisor and the promotion's staff. */
import { Stack } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { PageHeader } from '../../../components/PageHeader';
import { LearnerFollowup } from './LearnerFollowup';

export function LearnerFollowupPage() {
  const { cohortId, learnerId } = useParams({ strict: false }) as { cohortId: string; learnerId: string };
  return (
    <Stack gap="lg">
      <PageHeader title="Suivi d’un·e auditeur·rice" description="Ses entretiens, ses heures, son rythme de travail et les entrées de journal partagées avec vous." />
      <LearnerFollowup cohortId={cohortId} learnerId={learnerId} />
    </Stack>
  );
}
