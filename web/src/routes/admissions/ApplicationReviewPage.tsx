/** /candidatures/$id: the staff's view of a file — identity, eligibility, documents, instruction, history, funding. */
import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert, PageLoader } from '../../components/states';
import { api, unwrap } from '../../lib/api';
import { cohortLabel, formatDate, formatDateTime } from '../../lib/format';
import { DocumentsSection } from '../apply/DocumentsSection';
import { DiplomasAndExperiences, EligibilityPanel, HistoryTimeline, StatusPill } from './ApplicationParts';
import { DecisionPanel } from './DecisionPanel';
import { FundingPanel } from './FundingPanel';
import { FUNDING_INTENTS, labelOf, REGISTRATION, SITUATIONS } from './labels';

const route = getRouteApi('/_app/candidatures/$id');

export function ApplicationReviewPage() {
  const { id } = route.useParams();
  const application = useQuery({ queryKey: ['application', id], queryFn: () => unwrap(api.applications[':id'].$get({ param: { id } })) });
  if (application.isPending) return <PageLoader label="Chargement de la candidature…" />;
  if (application.error) return <ErrorAlert error={application.error} />;
  const a = application.data;
  const field = (label: string, value: string) => (
    <div>
      <Text size="xs" fw={700}>
        {label}
      </Text>
      <Text size="sm">{value || '—'}</Text>
    </div>
  );
  return (
    <Stack gap="lg">
      <PageHeader
        title={`${a.lastName.toUpperCase()} ${a.firstName} — ${a.reference}`}
        description={
          <span>
            {a.cohort ? `${cohortLabel(a.cohort)} (${a.cohort.versionCode})` : ''} · <StatusPill status={a.status} />
          </span>
        }
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        
          <Stack gap="lg">
            <EligibilityPanel eligibility={a.eligibility} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {field('Date de naissance', formatDate(a.birthDate))}
              {field('E-mail', a.email)}
              {field('Téléphone', a.phone)}
              {field('Adresse', a.address)}
              {field('Situation', labelOf(SITUATIONS, a.situation))}
              {field('Financement envisagé', labelOf(FUNDING_INTENTS, a.fundingIntent))}
              {field('Déposée le', formatDateTime(a.filedAt))}
              {field('Inscription', REGISTRATION[a.registrationStatus] ?? '')}
              {field('Stage obligatoire', a.internshipWeeksRequired ? `au moins ${a.internshipWeeksRequired} semaines (demandeur·euse d'emploi)` : 'non')}
            </SimpleGrid>
            <div>
              <Title order={2} size="h3">
                Projet
              </Title>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {a.project || '—'}
              </Text>
            </div>
            <DiplomasAndExperiences application={a} />
            <DocumentsSection application={a} />
          </Stack>
        
        
          <Stack gap="lg">
            <DecisionPanel application={a} />
            {a.status === 'accepted' && <FundingPanel application={a} />}
            <HistoryTimeline history={a.history} />
          </Stack>
        
      </SimpleGrid>
    </Stack>
  );
}
