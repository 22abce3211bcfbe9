/** « Mon suivi » (/mon-suivi): ask for a meeting, see the answers, held meetings with their shared notes, and one's hours. */
import { Button, Card, Group, Progress, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyResult, ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap } from '../../../lib/api';
import { applyErrors, notifySuccess } from '../../../lib/forms';
import { formatMinutes } from '../../../lib/format';
import { localToIso, MeetingList, MODE_OPTIONS, useFollowupRefresh } from './meetings';

export const myFollowupQuery = { queryKey: ['followup', 'me'], queryFn: () => unwrap(api.me.followup.$get()) };
type TMine = Awaited<ReturnType<typeof myFollowupQuery.queryFn>>['items'][number];

function RequestForm({ item }: { item: TMine }) {
  const refresh = useFollowupRefresh();
  const form = useForm({ initialValues: { teacherId: item.mentors[0]?.id ?? '', subject: '', mode: 'video', slot1: '', slot2: '', slot3: '' } });
  const send = useMutation({
    mutationFn: (v: typeof form.values) =>
      unwrap(
        api.cohorts[':id'].meetings.$post({
          param: { id: item.cohortId },
          json: { teacherId: v.teacherId, subject: v.subject, mode: v.mode as 'on_site' | 'phone' | 'video', proposedTimes: [v.slot1, v.slot2, v.slot3].filter(Boolean).map(localToIso) },
        }),
      ),
    onSuccess: async () => {
      notifySuccess('Votre demande est envoyée : vous serez notifié·e de la réponse.');
      form.reset();
      await refresh();
    },
    onError: (error) => applyErrors(form, error, ['teacherId', 'subject', 'mode', 'proposedTimes']),
  });
  if (item.mentors.length === 0) {
    return <Text c="dimmed">Aucun·e enseignant·e ne vous suit encore : votre groupe d’atelier ou votre directeur·rice de mémoire n’est pas encore désigné.</Text>;
  }
  const mentorLabel = (m: TMine['mentors'][number]) => `${m.name} (${[m.leadsGroup && 'atelier mémoire', m.supervises && 'direction du mémoire'].filter(Boolean).join(', ')})`;
  return (
    <form onSubmit={form.onSubmit((v) => send.mutate(v))} aria-label="Demander un entretien">
      <Stack gap="sm">
        <Group grow align="flex-start">
          <Select label="Avec" data={item.mentors.map((m) => ({ value: m.id, label: mentorLabel(m) }))} allowDeselect={false} required {...form.getInputProps('teacherId')} />
          <Select label="Mode" data={MODE_OPTIONS} allowDeselect={false} required {...form.getInputProps('mode')} />
        </Group>
        <Textarea label="Objet" required autosize minRows={2} {...form.getInputProps('subject')} />
        <Group grow align="flex-start">
          <TextInput type="datetime-local" label="Créneau proposé" required {...form.getInputProps('slot1')} error={form.errors['proposedTimes.0'] ?? form.errors.proposedTimes} />
          <TextInput type="datetime-local" label="Autre créneau (facultatif)" {...form.getInputProps('slot2')} error={form.errors['proposedTimes.1']} />
          <TextInput type="datetime-local" label="Autre créneau (facultatif)" {...form.getInputProps('slot3')} error={form.errors['proposedTimes.2']} />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={send.isPending}>
            Demander l’entretien
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function HoursBeside({ heldMinutes, workshopHours }: { heldMinutes: number; workshopHours: number }) {
  const share = workshopHours > 0 ? Math.min(100, (heldMinutes / 60 / workshopHours) * 100) : 0;
  return (
    <Stack gap={4}>
      <Text>
        <strong>{formatMinutes(heldMinutes)}</strong> de suivi individuel, à côté des {formatMinutes(workshopHours * 60)} d’ateliers mémoire de la maquette.
      </Text>
      <Progress value={share} aria-label="Heures de suivi individuel rapportées aux heures d’ateliers de la maquette" />
    </Stack>
  );
}

export function MyFollowupPage() {
  const mine = useQuery(myFollowupQuery);
  return (
    <Stack gap="lg">
      <PageHeader title="Mon suivi" description="Vos entretiens de suivi individuel entre les regroupements, avec la personne qui anime votre atelier mémoire ou dirige votre mémoire." />
      {mine.isPending ? (
        <PageLoader />
      ) : mine.isError ? (
        <ErrorAlert error={mine.error} />
      ) : mine.data.items.length === 0 ? (
        <EmptyResult title="Vous n’êtes inscrit·e dans aucune promotion pour le moment." />
      ) : (
        mine.data.items.map((item) => {
          const open = item.meetings.filter((m) => ['requested', 'counter_proposed', 'accepted'].includes(m.state));
          const closed = item.meetings.filter((m) => !open.includes(m));
          return (
            <Stack key={item.cohortId} gap="lg">
              <Card withBorder>
                <Title order={2} size="h3" mb="sm">
                  Demander un entretien
                </Title>
                <RequestForm item={item} />
              </Card>
              <section aria-labelledby="en-cours">
                <Title order={2} size="h3" id="en-cours" mb="sm">
                  Demandes en cours
                </Title>
                <MeetingList meetings={open} empty="Aucune demande en cours." />
              </section>
              <section aria-labelledby="tenus">
                <Title order={2} size="h3" id="tenus" mb="sm">
                  Entretiens tenus et demandes closes
                </Title>
                <MeetingList meetings={closed} empty="Aucun entretien tenu pour le moment." />
              </section>
              <section aria-labelledby="heures">
                <Title order={2} size="h3" id="heures" mb="sm">
                  Mes heures
                </Title>
                <HoursBeside heldMinutes={item.heldMinutes} workshopHours={item.workshopHours} />
              </section>
            </Stack>
          );
        })
      )}
    </Stack>
  );
}
