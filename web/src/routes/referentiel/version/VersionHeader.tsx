/** The version's identity: title (h1), codes, status, certifier, levels, dates, total hours. */
import { Badge, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { StatusBadge } from '../../../components/StatusBadge';
import { usePageTitle } from '../../../components/PageHeader';
import type { TVersionDetail } from '../../../lib/api';
import { formatDate, formatDateTime, formatHours } from '../../../lib/format';

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

export function VersionHeader({ version }: { version: TVersionDetail }) {
  const doc = version.document;
  usePageTitle(`${doc.code} — ${doc.title}`);
  const level = `Niveau ${doc.level.european}${doc.level.former ? ` (ancien niveau ${doc.level.former})` : ''}`;
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge variant="outline" color="dark" radius="sm" size="lg" tt="none">
          {doc.code}
        </Badge>
        <StatusBadge status={version.status} />
        {doc.nationalDiploma && (
          <Badge variant="outline" color="blue" radius="sm" tt="none">
            Diplôme national
          </Badge>
        )}
      </Group>
      <Title order={1}>{doc.title}</Title>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="md" verticalSpacing="sm">
        <Fact label="Numéro RNCP">{doc.rncpNumber ?? 'non attribué'}</Fact>
        <Fact label="Certificateur">{doc.certifier}</Fact>
        <Fact label="Code du parcours">{doc.parcoursCode ?? '—'}</Fact>
        <Fact label="Niveau">{level}</Fact>
        <Fact label="Niveau d’entrée">{doc.entryLevel ?? '—'}</Fact>
        <Fact label="Niveau de sortie">{doc.exitLevel ?? '—'}</Fact>
        <Fact label="Enregistrée le">{formatDate(doc.registeredOn)}</Fact>
        <Fact label="Expire le">{formatDate(doc.expiresOn)}</Fact>
        <Fact label="Volume horaire" testId="total-hours">
          {version.totalHours === null ? 'non précisé' : formatHours(version.totalHours)}
        </Fact>
        <Fact label="Blocs de compétences">{version.blocCount}</Fact>
        {doc.ects !== undefined && doc.ects > 0 && <Fact label="Crédits ECTS">{doc.ects}</Fact>}
        <Fact label="Famille">{doc.family}</Fact>
      </SimpleGrid>
      {doc.accessClosed && (
        <Text size="sm" fw={600} c="red.9">
          L’accès à cette version est fermé avant la fin de son enregistrement.
        </Text>
      )}
      <Text size="xs" c="dimmed">
        Importée le {formatDateTime(version.importedAt)} depuis {version.sourceFile}
      </Text>
    </Stack>
  );
}
