/** /referentiel/import: pick a version file, check it (every problem with its path), then import it. */
import { Alert, Button, Card, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck, IconFileTypeJs, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { AnchorLink } from '../../../components/links';
import { ErrorAlert } from '../../../components/states';
import { api, unwrap, type TImportResult } from '../../../lib/api';
import { ProblemList } from './ProblemList';

const OUTCOME_LABELS: Record<TImportResult['outcome'], string> = {
  created: 'importée',
  updated: 'mise à jour',
  unchanged: 'inchangée',
};

type TFilePayload = { fileName: string; content: string };

export function ImportPage() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [payload, setPayload] = useState<TFilePayload | null>(null);
  const [confirmOpened, confirm] = useDisclosure(false);

  const validate = useMutation({
    mutationFn: (body: TFilePayload) => unwrap(api.certifications.validate.$post({ json: body })),
  });
  const importFile = useMutation({
    mutationFn: (body: TFilePayload) => unwrap(api.certifications.import.$post({ json: body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['certifications'] });
    },
  });

  const onFile = (f: File | null) => {
    setFile(f);
    setPayload(null);
    validate.reset();
    importFile.reset();
  };

  const onValidate = async () => {
    if (!file) return;
    const body = { fileName: file.name, content: await file.text() };
    setPayload(body);
    importFile.reset();
    validate.mutate(body);
  };

  const onImport = () => {
    confirm.close();
    if (payload) importFile.mutate(payload);
  };

  const result = validate.data;
  const imported = importFile.data;

  return (
    <Stack gap="lg" maw={960}>
      <PageHeader
        title="Vérifier / importer un fichier"
        description="Un fichier JSON décrit une version de certification (blocs, maquette horaire, admission, jurys, tarifs). La vérification n’écrit rien."
      />
      <AnchorLink to="/referentiel">← Retour au référentiel</AnchorLink>

      <Card withBorder padding="lg">
        <Stack gap="md">
          <FileInput
            label="Fichier de version (.json)"
            description="Par exemple data/certifications/rncp-41336.json"
            placeholder="Choisir un fichier…"
            accept="application/json,.json"
            leftSection={<IconFileTypeJs size={18} aria-hidden />}
            value={file}
            onChange={onFile}
            clearable
          />
          <Group gap="sm">
            <Button onClick={() => void onValidate()} disabled={!file} loading={validate.isPending} leftSection={<IconCheck size={18} aria-hidden />}>
              Vérifier
            </Button>
            <Button
              color="green.9"
              onClick={confirm.open}
              disabled={!result?.ok || !payload || importFile.isPending || !!imported}
              loading={importFile.isPending}
              leftSection={<IconUpload size={18} aria-hidden />}
            >
              Importer
            </Button>
          </Group>
        </Stack>
      </Card>

      {validate.error && <ErrorAlert error={validate.error} title="Vérification impossible" />}
      {result && (
        <section aria-labelledby="validation-result">
          <Stack gap="sm">
            <Text component="h2" id="validation-result" fw={700} size="lg">
              Résultat de la vérification{result.code ? ` — ${result.code}` : ''}
            </Text>
            {!result.ok && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />}>
                Le fichier contient des erreurs : corrigez-les avant de l’importer.
              </Alert>
            )}
            <ProblemList problems={result.problems} />
          </Stack>
        </section>
      )}

      {importFile.error && <ErrorAlert error={importFile.error} title="Import refusé" />}
      {imported && (
        <Alert color="green" variant="light" title={`Version ${imported.code} ${OUTCOME_LABELS[imported.outcome]}`} role="status">
          <Stack gap="xs">
            <Text size="sm">
              {imported.outcome === 'unchanged'
                ? 'Le fichier est identique à la version enregistrée : rien n’a été modifié.'
                : imported.outcome === 'updated'
                  ? 'La version existante a été remplacée par le contenu du fichier.'
                  : 'La nouvelle version est enregistrée.'}
              {imported.warnings.length > 0 && ` ${imported.warnings.length} avertissement(s) à relire ci-dessus.`}
            </Text>
            <AnchorLink to="/referentiel/$code" params={{ code: imported.code }}>
              Voir la version {imported.code}
            </AnchorLink>
          </Stack>
        </Alert>
      )}

      <Modal opened={confirmOpened} onClose={confirm.close} title="Confirmer l’import" centered>
        <Stack gap="md">
          <Text size="sm">
            Importer <strong>{payload?.fileName}</strong>
            {result?.code ? ` (version ${result.code})` : ''} ? Si cette version existe déjà, elle sera mise à jour. L’opération
            est inscrite au journal d’audit.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={confirm.close}>
              Annuler
            </Button>
            <Button color="green.9" onClick={onImport}>
              Importer
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
