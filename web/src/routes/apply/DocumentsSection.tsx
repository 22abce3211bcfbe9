/**
 * The application's documents: list with download links, removal before filing (with a
 * confirmation), and (while editable) upload with type and size checks; a refused file says why on
 * the file field (« seuls PDF, PNG et JPEG »).
 */
import { Alert, Button, FileInput, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconTrash, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, fileHref, files, unwrap } from '../../lib/api';
import { messageOnField } from '../../lib/form-errors';
import { notifyError, notifySuccess } from '../../lib/forms';
import { formatDateTime } from '../../lib/format';
import { ConfirmButton } from '../admissions/ConfirmButton';
import { DOCUMENT_TYPES, labelOf, type TApplication } from '../admissions/labels';

const MAX_BYTES = 10 * 1024 * 1024;

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** `missing`: the pieces a refused filing asked for (« Joignez votre CV. »). */
export function DocumentsSection({ application, missing = [] }: { application: TApplication; missing?: string[] }) {
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
    onMutate: () => setFileError(null),
    onSuccess: (data) => {
      queryClient.setQueryData(['application', application.id], data);
      setFile(null);
      notifySuccess('Pièce jointe à votre candidature.');
    },
    onError: (e) => {
      // The reason (type, size, empty file) goes on the file field and in the notification.
      const reasons = e instanceof ApiError ? e.issues.map(messageOnField) : [];
      if (reasons.length) setFileError(reasons.join(' '));
      notifyError(reasons.length ? new Error(reasons.join(' ')) : e, 'Pièce refusée');
    },
  });
  const remove = useMutation({
    // Chromium sends a DELETE without Content-Length; declared JSON (empty), the server's body guard lets it through.
    mutationFn: (documentId: string) =>
      unwrap(api.applications[':id'].documents[':documentId'].$delete({ param: { id: application.id, documentId } }, { headers: { 'content-type': 'application/json' } })),
    onSuccess: (data) => {
      queryClient.setQueryData(['application', application.id], data);
      notifySuccess('Pièce retirée de votre candidature.');
    },
    onError: (e) => notifyError(e, 'Pièce non retirée'),
  });
  const canRemove = application.permissions.removeDocument;

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Pièces justificatives
      </Title>
      {missing.length > 0 && (
        <Alert color="red" title="Pièces manquantes" role="alert">
          {missing.join(' ')}
        </Alert>
      )}
      {application.documents.length === 0 ? (
        <Text size="sm">Aucune pièce jointe. Le CV et la lettre de motivation sont obligatoires ; joignez aussi vos diplômes.</Text>
      ) : (
        <Table.ScrollContainer minWidth={canRemove ? 560 : 480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Pièce</Table.Th>
                <Table.Th>Fichier</Table.Th>
                <Table.Th>Taille</Table.Th>
                <Table.Th>Ajoutée le</Table.Th>
                {canRemove && <Table.Th>Action</Table.Th>}
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
                  {canRemove && (
                    <Table.Td>
                      <ConfirmButton
                        size="xs"
                        variant="default"
                        leftSection={<IconTrash size={14} aria-hidden />}
                        aria-label={`Retirer ${d.fileName}`}
                        loading={remove.isPending && remove.variables === d.id}
                        title="Retirer cette pièce ?"
                        message={`« ${d.fileName} » (${labelOf(DOCUMENT_TYPES, d.type)}) sera retirée de votre candidature. Vous pourrez en joindre une autre.`}
                        confirmLabel="Retirer la pièce"
                        onConfirm={() => remove.mutate(d.id)}
                      >
                        Retirer
                      </ConfirmButton>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {application.editable && (
        <Group align="flex-end" wrap="wrap">
          <Select label="Type de pièce" data={[...DOCUMENT_TYPES]} value={type} onChange={setType} allowDeselect={false} w={{ base: '100%', sm: 220 }} />
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
            w={{ base: '100%', sm: 320 }}
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
