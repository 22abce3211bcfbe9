/**
 * /mes-soutenances: the convocations addressed to me (decision 027) — my own soutenance as a learner,
 * or those I sit on — with the date, time, room and place, the jury, the convocation (PDF) and the
 * calendar invitation (.ics).
 */
import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCalendarPlus, IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/PageHeader';
import { EmptyResult, ErrorAlert, PageLoader } from '../../components/states';
import { fileHref, files } from '../../lib/api';
import { mySoutenancesQuery } from './queries';

const hour = (hhmm: string) => hhmm.replace(':', ' h ');
const longDate = (iso: string) => new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
const ROLE_LABELS = { learner: 'Ma soutenance', member: 'Je siège', observer: 'Je siège sans voix délibérative' } as const;

export function MySoutenancesPage() {
  const { data, error, isPending } = useQuery(mySoutenancesQuery);
  if (isPending) return <PageLoader label="Chargement de vos convocations…" />;
  if (error) return <ErrorAlert error={error} />;
  return (
    <Stack gap="lg">
      <PageHeader title="Mes soutenances" description="Les convocations qui vous sont adressées : votre soutenance, ou celles où vous siégez." />
      {data.items.length === 0 ? (
        <EmptyResult title="Aucune convocation pour l’instant.">Vous serez prévenu·e par courriel dès qu’une soutenance vous concernant sera planifiée.</EmptyResult>
      ) : (
        data.items.map((s) => (
          <Card key={s.id} withBorder padding="lg" component="section" aria-label={`Soutenance de ${s.learner.name} le ${longDate(s.date)}`}>
            <Stack gap="xs">
              <Group gap="sm">
                <Title order={2} size="h4">
                  {s.role === 'learner' ? 'Soutenance de mon mémoire' : `Soutenance de ${s.learner.name}`}
                </Title>
                <Badge variant="light" tt="none">
                  {ROLE_LABELS[s.role]}
                </Badge>
              </Group>
              <Text>
                Le {longDate(s.date)}, de {hour(s.start)} à {hour(s.end)} — {s.room.label}
                {s.room.video ? ' (visioconférence)' : `, ${s.place}`}
              </Text>
              {s.thesisTitle && <Text size="sm">Mémoire : « {s.thesisTitle} »</Text>}
              <Text size="sm">
                {s.juryLabel} ({s.sessionLabel}, {s.cohortName}) : {s.members.map((m) => `${m.name}${m.president ? ' (présidence)' : ''}`).join(', ')}
                {s.observers.length ? ` ; sans voix délibérative : ${s.observers.map((o) => o.name).join(', ')}` : ''}
              </Text>
              {s.outdated && <Alert color="orange">Cette soutenance a été modifiée : une nouvelle convocation va vous être adressée. Les informations ci-dessus sont à jour.</Alert>}
              <Group gap="sm">
                <Button component="a" href={fileHref(files.soutenances[':id']['convocation.pdf'].$url({ param: { id: s.id } }))} download variant="default" size="xs" leftSection={<IconDownload size={14} aria-hidden />}>
                  Convocation (PDF)
                </Button>
                <Button component="a" href={fileHref(files.soutenances[':id']['invitation.ics'].$url({ param: { id: s.id } }))} download variant="default" size="xs" leftSection={<IconCalendarPlus size={14} aria-hidden />}>
                  Ajouter à mon calendrier (.ics)
                </Button>
              </Group>
            </Stack>
          </Card>
        ))
      )}
    </Stack>
  );
}
