/** A learner's absence justifications: upload a PDF or photo for a period, see the decision. */
import { Badge, Button, Card, FileInput, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../lib/api';
import { notifyError, notifySuccess } from '../../../lib/forms';
import { formatDate } from '../../../lib/format';
import { justificationsQuery } from '../queries';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const STATUS = { pending: ['En attente', 'orange'], accepted: ['Accepté', 'green'], refused: ['Refusé', 'red'] } as const;

export function JustificationCard({ cohortId }: { cohortId: string }) {
  const queryClient = useQueryClient();
  const list = useQuery(justificationsQuery(cohortId));
  const [file, setFile] = useState<File | null>(null);
  const [fromDate, setFrom] = useState('');
  const [toDate, setTo] = useState('');
  const [note, setNote] = useState('');
  const send = useMutation({
    mutationFn: async () =>
      unwrap(api.cohorts[':id'].justifications.$post({ param: { id: cohortId }, json: { fromDate, toDate: toDate || fromDate, note, fileName: file!.name, contentBase64: await toBase64(file!) } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: justificationsQuery(cohortId).queryKey });
      setFile(null);
      setNote('');
      notifySuccess('Justificatif déposé : la scolarité l’examinera.');
    },
    onError: (e) => notifyError(e, 'Dépôt refusé'),
  });
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        Justifier une absence
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput type="date" label="Du" value={fromDate} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label="Au" value={toDate} onChange={(e) => setTo(e.currentTarget.value)} />
      </SimpleGrid>
      <TextInput label="Motif" value={note} onChange={(e) => setNote(e.currentTarget.value)} mt="xs" />
      <FileInput label="Justificatif (PDF, PNG ou JPEG, 10 Mo au plus)" accept="application/pdf,image/png,image/jpeg" value={file} onChange={setFile} mt="xs" clearable />
      <Group justify="flex-end" mt="sm">
        <Button disabled={!file || !fromDate} loading={send.isPending} onClick={() => send.mutate()}>
          Déposer le justificatif
        </Button>
      </Group>
      {(list.data?.items.length ?? 0) > 0 && (
        <Stack gap={4} mt="sm">
          {list.data!.items.map((j) => (
            <Group key={j.id} gap="xs">
              <Text size="sm">
                {formatDate(j.fromDate)}
                {j.toDate !== j.fromDate ? ` – ${formatDate(j.toDate)}` : ''} · {j.fileName}
              </Text>
              <Badge color={STATUS[j.status][1]} variant="light" tt="none">
                {STATUS[j.status][0]}
              </Badge>
              {j.decisionReason && <Text size="xs">{j.decisionReason}</Text>}
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
