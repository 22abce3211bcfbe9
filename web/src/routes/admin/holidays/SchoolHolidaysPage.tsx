/**
 * /admin/vacances-scolaires: how far each zone's school holidays go, and the import of the Education
 * ministry's calendar (CSV export or ICS of one zone). A bad file is refused with its line and field.
 */
import { Alert, Button, Card, FileInput, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCircleCheck, IconFileUpload, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap } from '../../../lib/api';
import { formatDate } from '../../../lib/format';

export const schoolHolidayCoverageQuery = {
  queryKey: ['school-holidays', 'coverage'] as const,
  queryFn: () => unwrap(api['school-holidays'].coverage.$get()),
};

export function SchoolHolidaysPage() {
  const queryClient = useQueryClient();
  const coverage = useQuery(schoolHolidayCoverageQuery);
  const [file, setFile] = useState<File | null>(null);
  const [confirmOpened, confirm] = useDisclosure(false);
  const importFile = useMutation({
    mutationFn: async (f: File) => unwrap(api['school-holidays'].import.$post({ json: { fileName: f.name, content: await f.text() } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['school-holidays'] });
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
    },
  });

  return (
    <Stack gap="lg" maw={960}>
      <PageHeader
        title="Vacances scolaires"
        description="Les vacances des zones A, B et C que le générateur de calendrier peut éviter. Importez le calendrier scolaire officiel du ministère de l’Éducation nationale (jeu de données fr-en-calendrier-scolaire) pour les années suivantes."
      />
      {coverage.isPending ? (
        <PageLoader label="Chargement des vacances scolaires…" />
      ) : coverage.error ? (
        <ErrorAlert error={coverage.error} />
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped verticalSpacing="sm">
            <Table.Caption>Données connues par zone</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Zone</Table.Th>
                <Table.Th>Connues depuis le</Table.Th>
                <Table.Th>Connues jusqu’au</Table.Th>
                <Table.Th>Périodes</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {coverage.data.zones.map((z) => (
                <Table.Tr key={z.zone}>
                  <Table.Td fw={600}>Zone {z.zone}</Table.Td>
                  <Table.Td>{z.knownFrom ? formatDate(z.knownFrom) : '—'}</Table.Td>
                  <Table.Td fw={600}>{z.knownUntil ? formatDate(z.knownUntil) : 'Aucune donnée'}</Table.Td>
                  <Table.Td>{z.periods}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Card withBorder padding="lg">
        <Stack gap="md">
          <Text component="h2" fw={700} size="lg">
            Importer le calendrier scolaire
          </Text>
          <Text size="sm">
            Export CSV du jeu de données (séparateur « ; », colonnes description, population, start_date, end_date, location, zones, annee_scolaire) ou fichier ICS d’une zone (Zone-A.ics, Zone-B.ics, Zone-C.ics). Les années
            scolaires du fichier remplacent celles déjà connues pour ses zones ; un fichier invalide n’écrit rien.
          </Text>
          <FileInput
            label="Fichier du calendrier scolaire (.csv ou .ics)"
            placeholder="Choisir un fichier…"
            accept=".csv,.ics,text/csv,text/calendar"
            leftSection={<IconFileUpload size={18} aria-hidden />}
            value={file}
            onChange={(f) => {
              setFile(f);
              importFile.reset();
            }}
            clearable
          />
          <Group>
            <Button onClick={confirm.open} disabled={!file} loading={importFile.isPending} leftSection={<IconUpload size={18} aria-hidden />}>
              Importer
            </Button>
          </Group>
        </Stack>
      </Card>

      {importFile.error && <ErrorAlert error={importFile.error} title="Fichier refusé : rien n’a été importé" />}
      {importFile.data && (
        <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} title="Calendrier importé" role="status">
          {importFile.data.periods} périodes importées depuis « {importFile.data.fileName} » (années scolaires {importFile.data.schoolYears.join(', ')}) ; {importFile.data.skipped} lignes d’autres calendriers ignorées.
        </Alert>
      )}

      <Modal opened={confirmOpened} onClose={confirm.close} title="Importer ce calendrier ?" centered>
        <Stack>
          <Text size="sm">Les vacances des années scolaires contenues dans « {file?.name} » remplaceront celles déjà connues pour ces zones.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              Annuler
            </Button>
            <Button
              onClick={() => {
                confirm.close();
                if (file) importFile.mutate(file);
              }}
            >
              Importer
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
