/** Subscribing a calendar program: a secret address shown once, and revoking old ones. */
import { Alert, Button, Card, Code, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, toApiError, unwrap } from '../../../lib/api';
import { useCan } from '../../../lib/auth';
import { notifyError } from '../../../lib/forms';
import { formatDateTime } from '../../../lib/format';
import { feedsQuery } from '../queries';
import { SubscribeLinks } from '../../../components/calendar/SubscribeLinks';

export function FeedsCard() {
  const queryClient = useQueryClient();
  const isTeacher = useCan('attendance:take');
  const isLearner = useCan('attendance:sign:own');
  const feeds = useQuery(feedsQuery);
  const [url, setUrl] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (scope: 'learner' | 'teacher') => unwrap(api.calendar.feeds.$post({ json: { scope } })),
    onSuccess: async (f) => {
      setUrl(f.url);
      await queryClient.invalidateQueries({ queryKey: feedsQuery.queryKey });
    },
    onError: (e) => notifyError(e),
  });
  const revoke = useMutation({
    mutationFn: async (id: string) => {
      const res = await api.calendar.feeds[':id'].$delete({ param: { id } });
      if (!res.ok) throw await toApiError(res);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: feedsQuery.queryKey }),
    onError: (e) => notifyError(e),
  });
  const active = (feeds.data?.items ?? []).filter((f) => !f.revokedAt);
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="xs">
        S’abonner depuis un agenda
      </Title>
      <Text size="sm" mb="sm">
        Une adresse secrète que votre agenda (téléphone, Outlook, Thunderbird…) consulte régulièrement : les changements de séance s’y reportent. Ne la partagez pas ; révoquez-la en cas de doute.
      </Text>
      <Group gap="sm">
        {isLearner && (
          <Button variant="light" loading={create.isPending} onClick={() => create.mutate('learner')}>
            Créer l’adresse de mon calendrier
          </Button>
        )}
        {isTeacher && (
          <Button variant="light" loading={create.isPending} onClick={() => create.mutate('teacher')}>
            Créer l’adresse de mes séances
          </Button>
        )}
      </Group>
      {url && (
        <Alert mt="sm" color="blue" variant="light" title="Adresse d’abonnement (affichée une seule fois)">
          <Stack gap="xs">
            <Code block>{url}</Code>
            <CopyButton value={url}>{({ copied, copy }) => <Button size="xs" onClick={copy}>{copied ? 'Copiée' : 'Copier l’adresse'}</Button>}</CopyButton>
            <SubscribeLinks url={url} />
          </Stack>
        </Alert>
      )}
      {active.length > 0 && (
        <Stack gap={4} mt="sm">
          {active.map((f) => (
            <Group key={f.id} gap="sm">
              <Text size="sm">
                Adresse {f.scope === 'teacher' ? 'de mes séances' : f.scope === 'learner' ? 'de mon calendrier' : 'de promotion'} créée le {formatDateTime(f.createdAt)}
              </Text>
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => revoke.mutate(f.id)}>
                Révoquer
              </Button>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
