/** The promotion's iCalendar address: created on demand, shown once, revocable from « Mon calendrier ». */
import { Alert, Button, Code, CopyButton, Stack } from '@mantine/core';
import { IconRss } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../lib/api';
import { notifyError } from '../../../lib/forms';
import { SubscribeLinks } from '../../../components/calendar/SubscribeLinks';

export function CohortFeedButton({ cohortId }: { cohortId: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => unwrap(api.calendar.feeds.$post({ json: { scope: 'cohort', cohortId } })),
    onSuccess: (f) => setUrl(f.url),
    onError: (e) => notifyError(e),
  });
  return (
    <Stack gap="xs" maw={640}>
      <Button variant="default" leftSection={<IconRss size={16} aria-hidden />} loading={create.isPending} onClick={() => create.mutate()} maw="100%" w="fit-content" h="auto" mih={36} styles={{ label: { whiteSpace: 'normal' } }}>
        Adresse d’abonnement iCalendar de la promotion
      </Button>
      {url && (
        <Alert color="blue" variant="light" title="Adresse secrète (affichée une seule fois)">
          <Stack gap="xs">
            <Code block>{url}</Code>
            <CopyButton value={url}>{({ copied, copy }) => <Button size="xs" onClick={copy}>{copied ? 'Copiée' : 'Copier l’adresse'}</Button>}</CopyButton>
            <SubscribeLinks url={url} />
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
