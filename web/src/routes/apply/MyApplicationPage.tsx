/** /mes-candidatures/$id: the applicant's file — draft editing, eligibility, documents, filing, registration, quote. */
import { Alert, Button, Divider, Group, List, Stack } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert, PageLoader } from '../../components/states';
import { api, fileHref, files, ApiError, unwrap, type TIssue } from '../../lib/api';
import { messageNamingField } from '../../lib/form-errors';
import { notifyError, notifySuccess } from '../../lib/forms';
import { cohortLabel, formatDate } from '../../lib/format';
import { ConfirmButton } from '../admissions/ConfirmButton';
import { DiplomasAndExperiences, EligibilityPanel, HistoryTimeline, StatusPill } from '../admissions/ApplicationParts';
import { DocumentsSection } from './DocumentsSection';
import { DraftEditor } from './DraftEditor';
import { RegistrationSection } from './RegistrationSection';

const route = getRouteApi('/_app/mes-candidatures/$id');

export function MyApplicationPage() {
  const { id } = route.useParams();
  const queryClient = useQueryClient();
  const application = useQuery({ queryKey: ['application', id], queryFn: () => unwrap(api.applications[':id'].$get({ param: { id } })) });
  const cohorts = useQuery({ queryKey: ['open-cohorts'], queryFn: () => unwrap(api.admissions['open-cohorts'].$get()) });
  const funding = useQuery({
    queryKey: ['funding', id],
    queryFn: () => unwrap(api.applications[':id'].funding.$get({ param: { id } })),
    enabled: application.data?.status === 'accepted',
  });
  // What a refused filing said is missing: listed at the top and shown on each field concerned.
  const [filingIssues, setFilingIssues] = useState<TIssue[]>([]);
  useEffect(() => {
    if (filingIssues.length) document.getElementById('filing-issues')?.focus();
  }, [filingIssues]);
  const file = useMutation({
    mutationFn: () => unwrap(api.applications[':id'].file.$post({ param: { id } })),
    onMutate: () => setFilingIssues([]),
    onSuccess: (data) => {
      queryClient.setQueryData(['application', id], data);
      notifySuccess('Votre candidature est déposée. Un courriel vous le confirme.');
    },
    onError: (e) => {
      if (e instanceof ApiError && e.issues.length) {
        setFilingIssues(e.issues);
        notifyError(new Error('Complétez les champs signalés, enregistrez le brouillon, puis déposez de nouveau.'), 'Candidature incomplète');
      } else notifyError(e, 'Dépôt impossible');
    },
  });

  if (application.isPending) return <PageLoader label="Chargement de la candidature…" />;
  if (application.error) return <ErrorAlert error={application.error} />;
  const a = application.data;
  const accepted = cohorts.data?.items.find((c) => c.id === a.cohort?.id)?.acceptedDiplomas ?? [];

  return (
    // Long words (file names, references) break rather than widen the page on a phone.
    <Stack gap="lg" style={{ minWidth: 0, overflowWrap: 'break-word' }}>
      <PageHeader
        title={`Candidature ${a.reference}`}
        description={
          <span>
            {a.cohort ? `${cohortLabel(a.cohort)}, début le ${formatDate(a.cohort.startsOn)}` : ''} · <StatusPill status={a.status} />
          </span>
        }
        actions={
          a.editable ? (
            <ConfirmButton
              loading={file.isPending}
              title="Déposer la candidature ?"
              message="Une fois déposée, elle ne pourra plus être modifiée, sauf si le CESTES vous demande une correction."
              confirmLabel="Déposer"
              onConfirm={() => file.mutate()}
            >
              Déposer ma candidature
            </ConfirmButton>
          ) : undefined
        }
      />
      {a.editable && filingIssues.length > 0 && (
        <Alert id="filing-issues" color="red" title="La candidature est incomplète : elle n’est pas déposée" role="alert" tabIndex={-1}>
          <List size="sm">
            {filingIssues.map((i) => (
              <List.Item key={`${i.path}-${i.message}`}>{messageNamingField(i)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {a.status === 'correction' && (
        <Alert color="orange" title="Correction demandée">
          {[...a.history].reverse().find((h) => h.kind === 'correction_requested')?.text}
        </Alert>
      )}
      <EligibilityPanel eligibility={a.eligibility} />
      {a.status === 'accepted' && <RegistrationSection application={a} />}
      {a.status === 'accepted' && funding.data?.plan && (
        <Group>
          <Button component="a" href={fileHref(files.applications[':id']['quote.pdf'].$url({ param: { id: a.id } }))} variant="default">
            Télécharger le devis (PDF)
          </Button>
          <Button component="a" href={fileHref(files.applications[':id']['agreement.pdf'].$url({ param: { id: a.id } }))} variant="default">
            Télécharger la convention de formation (PDF)
          </Button>
        </Group>
      )}
      {a.editable ? <DraftEditor application={a} acceptedDiplomas={accepted} issues={filingIssues} /> : <DiplomasAndExperiences application={a} />}
      <DocumentsSection application={a} missing={filingIssues.filter((i) => i.path === 'documents').map((i) => i.message)} />
      <Divider />
      <HistoryTimeline history={a.history} />
    </Stack>
  );
}
