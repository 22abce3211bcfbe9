/** /admin/centres: the Cnam centres, with « Ajouter un centre » and « Modifier ». */
import { Button, Stack, Table } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { EmptyResult, ErrorAlert, PageLoader } from '../../../components/states';
import type { TCentre } from '../../../lib/api';
import { centresQuery } from '../../../lib/queries';
import { SCHOOL_ZONE_LABELS } from '../../../../../src/shared/vocabulary/centres';
import { CentreFormModal } from './CentreForm';

/** « 000 000 001 00008 »: SIREN in groups of three, then the NIC. */
const formatSiret = (s: string) => `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6, 9)} ${s.slice(9)}`;

export function CentresPage() {
  const { data, error, isPending } = useQuery(centresQuery);
  const [editing, setEditing] = useState<TCentre | null>(null);
  const [opened, setOpened] = useState(false);

  const open = (centre: TCentre | null) => {
    setEditing(centre);
    setOpened(true);
  };

  return (
    <Stack gap="md">
      <PageHeader
        title="Centres"
        description="Les centres Cnam qui portent la formation."
        actions={
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => open(null)}>
            Ajouter un centre
          </Button>
        }
      />
      {isPending ? (
        <PageLoader label="Chargement des centres…" />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : data.items.length === 0 ? (
        <EmptyResult title="Aucun centre pour le moment.">Ajoutez le premier centre avec le bouton « Ajouter un centre ».</EmptyResult>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Caption>{data.items.length} centre{data.items.length > 1 ? 's' : ''}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Code</Table.Th>
                <Table.Th>Nom</Table.Th>
                <Table.Th>Adresse</Table.Th>
                <Table.Th>Code postal</Table.Th>
                <Table.Th>Ville</Table.Th>
                <Table.Th>Zone</Table.Th>
                <Table.Th>SIRET</Table.Th>
                <Table.Th>Déclaration d’activité</Table.Th>
                <Table.Th>
                  Actions
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td ff="monospace">{c.code}</Table.Td>
                  <Table.Td fw={600}>{c.name}</Table.Td>
                  <Table.Td>{c.address || '—'}</Table.Td>
                  <Table.Td>{c.postalCode || '—'}</Table.Td>
                  <Table.Td>{c.city}</Table.Td>
                  <Table.Td>{c.schoolZone ? SCHOOL_ZONE_LABELS[c.schoolZone] : 'Aucune'}</Table.Td>
                  <Table.Td ff="monospace">{c.siret ? formatSiret(c.siret) : '—'}</Table.Td>
                  <Table.Td ff="monospace">{c.declarationNumber ?? '—'}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="default"
                      leftSection={<IconPencil size={14} aria-hidden />}
                      onClick={() => open(c)}
                      aria-label={`Modifier le centre ${c.name}`}
                    >
                      Modifier
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CentreFormModal opened={opened} centre={editing} onClose={() => setOpened(false)} />
    </Stack>
  );
}
