/** /suivi-individuel (teachers): requests to answer, meetings to log, and hours per learner they lead or supervise. */
import { Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { AnchorLink } from '../../../components/links';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap } from '../../../lib/api';
import { formatMinutes } from '../../../lib/format';
import { MeetingList } from './meetings';

export const mentorFollowupQuery = { queryKey: ['followup', 'mentor'], queryFn: () => unwrap(api.me.mentoring.$get()) };

export function MentoringPage() {
  const data = useQuery(mentorFollowupQuery);
  const [q, setQ] = useState('');
  const learners = useMemo(() => (data.data?.learners ?? []).filter((l) => l.learner.name.toLocaleLowerCase('fr').includes(q.trim().toLocaleLowerCase('fr'))), [data.data, q]);
  return (
    <Stack gap="lg">
      <PageHeader title="Suivi individuel" description="Les demandes d’entretien des auditeur·rices que vous accompagnez, les entretiens à consigner et leurs heures." />
      {data.isPending ? (
        <PageLoader />
      ) : data.isError ? (
        <ErrorAlert error={data.error} />
      ) : (
        <>
          <section aria-labelledby="a-traiter">
            <Title order={2} size="h3" id="a-traiter" mb="sm">
              Demandes à traiter
            </Title>
            <MeetingList meetings={data.data.toAnswer} empty="Aucune demande en attente de votre réponse." showLearner />
          </section>
          {data.data.awaitingLearner.length > 0 && (
            <section aria-labelledby="attente">
              <Title order={2} size="h3" id="attente" mb="sm">
                En attente de l’auditeur·rice
              </Title>
              <MeetingList meetings={data.data.awaitingLearner} empty="" showLearner />
            </section>
          )}
          <section aria-labelledby="a-consigner">
            <Title order={2} size="h3" id="a-consigner" mb="sm">
              Entretiens à tenir et à consigner
            </Title>
            <MeetingList meetings={data.data.toLog} empty="Aucun entretien prévu." showLearner />
          </section>
          <section aria-labelledby="heures">
            <Title order={2} size="h3" id="heures" mb="sm">
              Heures par auditeur·rice
            </Title>
            <Text mb="sm">Vous avez tenu {formatMinutes(data.data.heldMinutes)} d’entretiens de suivi.</Text>
            {data.data.learners.length === 0 ? (
              <Text c="dimmed">Vous n’animez aucun groupe d’atelier et ne dirigez aucun mémoire pour le moment.</Text>
            ) : (
              <>
                <TextInput label="Rechercher un·e auditeur·rice" value={q} onChange={(e) => setQ(e.currentTarget.value)} maw={320} mb="sm" />
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Auditeur·rice</Table.Th>
                      <Table.Th scope="col">Relation</Table.Th>
                      <Table.Th scope="col">Avec vous</Table.Th>
                      <Table.Th scope="col">Suivi en tout</Table.Th>
                      <Table.Th scope="col">Ateliers (maquette)</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {learners.map((l) => (
                      <Table.Tr key={`${l.cohortId}/${l.learner.id}`}>
                        <Table.Td>
                          <AnchorLink to="/suivi-individuel/$cohortId/$learnerId" params={{ cohortId: l.cohortId, learnerId: l.learner.id }}>
                            {l.learner.name}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>{[l.leadsGroup && 'Atelier', l.supervises && 'Direction'].filter(Boolean).join(', ')}</Table.Td>
                        <Table.Td>{formatMinutes(l.heldMinutesWithMe)}</Table.Td>
                        <Table.Td>{formatMinutes(l.heldMinutes)}</Table.Td>
                        <Table.Td>{formatMinutes(l.workshopHours * 60)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {learners.length === 0 && <Text c="dimmed">Aucun·e auditeur·rice ne correspond à « {q} ».</Text>}
              </>
            )}
          </section>
        </>
      )}
    </Stack>
  );
}
