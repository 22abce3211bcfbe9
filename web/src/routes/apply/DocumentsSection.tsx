/** The application's documents: list with download links, and (while editable) upload with type and size checks. */
import { Button, FileInput, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, fileHref, files, unwrap } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/forms';
import { formatDateTime } from '../../lib/format';
import { DOCUMENT_TYPES, labelOf, type TApplication } from '../admissions/labels';

const MAX_BYTES = 10 * 1024 * 1024;

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function DocumentsSection({ application }: { application: TApplication }) {
  const queryClient = useQueryClient();
  const [type, setType] = useState<string | null>('cv');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async () => {
      if (!file || !type) throw new Error('Choisissez le type de pièce et le fichier.');
      return unwrap(
        api.applications[':id'].documents.$post({
          param: { id: application.id },
          json: { type: type as 'cv', fileName: file.name, contentBase64: await toBase64(file) },
        }),
      );
    },
    onSuccess: (data) => {
      queryClient.setQueryData(['application', application.id], data);
      setFile(null);
      notifySuccess('Pièce jointe à votre candidature.');
    },
    onError: (e) => notifyError(e, 'Pièce refusée'),
  });

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Pièces justificatives
      </Title>
      {application.documents.length === 0 ? (
        <Text size="sm">Aucune pièce jointe. Le CV et la lettre de motivation sont obligatoires ; joignez aussi vos diplômes.</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Pièce</Table.Th>
              <Table.Th>Fichier</Table.Th>
              <Table.Th>Taille</Table.Th>
              <Table.Th>Ajoutée le</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {application.documents.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{labelOf(DOCUMENT_TYPES, d.type)}</Table.Td>
                <Table.Td>
                  <a href={fileHref(files.applications[':id'].documents[':documentId'].$url({ param: { id: application.id, documentId: d.id } }))}>{d.fileName}</a>
                </Table.Td>
                <Table.Td>{(d.sizeBytes / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 0 })} Ko</Table.Td>
                <Table.Td>{formatDateTime(d.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {application.editable && (
        <Group align="flex-end" wrap="wrap">
          <Select label="Type de pièce" data={[...DOCUMENT_TYPES]} value={type} onChange={setType} allowDeselect={false} w={220} />
          <FileInput
            label="Fichier (PDF, PNG ou JPEG, 10 Mo au plus)"
            placeholder="Choisir un fichier"
            accept="application/pdf,image/png,image/jpeg"
            value={file}
            error={fileError}
            onChange={(f) => {
              setFileError(f && f.size > MAX_BYTES ? 'Le fichier dépasse 10 Mo.' : null);
              setFile(f);
            }}
            w={320}
            clearable
          />
          <Button leftSection={<IconUpload size={16} aria-hidden />} onClick={() => upload.mutate()} loading={upload.isPending} disabled={!file || !!fileError}>
            Joindre
          </Button>
        </Group>
      )}
    </Stack>
  );
}
