/** /referentiel: every registered version, searchable and sortable; rows open the version's page. */
import { Table, Text, TextInput, Stack } from '@mantine/core';
import { IconFileImport, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { SortableTh, type TSortOrder } from '../../components/SortableTh';
import { StatusBadge } from '../../components/StatusBadge';
import { AnchorLink, ButtonLink } from '../../components/links';
import { EmptyResult, ErrorAlert, PageLoader } from '../../components/states';
import type { TVersionSummary } from '../../lib/api';
import { useCan } from '../../lib/auth';
import { formatDate, formatHours } from '../../lib/format';
import { STATUS_LABELS } from '../../lib/labels';
import { versionsQuery } from './queries';

type TColumn = 'code' | 'rncpNumber' | 'title' | 'registeredOn' | 'expiresOn' | 'status' | 'blocCount' | 'totalHours';

function compare(a: TVersionSummary, b: TVersionSummary, column: TColumn): number {
  const x = a[column];
  const y = b[column];
  if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
  if (y === null || y === undefined) return -1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x).localeCompare(String(y), 'fr', { numeric: true });
}

export function VersionsPage() {
  const canImport = useCan('referentiel:import');
  const { data, error, isPending } = useQuery(versionsQuery);
  const [search, setSearch] = useState('');
  const [sortBy, setSortBy] = useState<TColumn | undefined>('registeredOn');
  const [order, setOrder] = useState<TSortOrder>('desc');

  const rows = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase('fr');
    const filtered = (data?.items ?? []).filter((v) =>
      needle
        ? [v.code, v.rncpNumber ?? '', v.title, STATUS_LABELS[v.status].label].some((f) => f.toLocaleLowerCase('fr').includes(needle))
        : true,
    );
    if (!sortBy) return filtered;
    return [...filtered].sort((a, b) => (order === 'asc' ? 1 : -1) * compare(a, b, sortBy));
  }, [data, search, sortBy, order]);

  const onSort = (column: TColumn) => {
    if (sortBy === column) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSortBy(column);
      setOrder('asc');
    }
  };
  const th = (column: TColumn, label: string) => (
    <SortableTh column={column} sortBy={sortBy} order={order} onSort={onSort}>
      {label}
    </SortableTh>
  );

  return (
    <Stack gap="md">
      <PageHeader
        title="Référentiel"
        description="Les versions enregistrées de la certification et de ses devancières."
        actions={
          canImport && (
            <ButtonLink to="/referentiel/import" leftSection={<IconFileImport size={18} aria-hidden />}>
              Vérifier / importer un fichier
            </ButtonLink>
          )
        }
      />
      <TextInput
        label="Rechercher une version"
        placeholder="Code, numéro RNCP, intitulé…"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={420}
      />
      {isPending ? (
        <PageLoader label="Chargement des versions…" />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : rows.length === 0 ? (
        <EmptyResult title="Aucune version ne correspond à votre recherche." />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Caption>
              {rows.length} version{rows.length > 1 ? 's' : ''} — cliquez sur un code pour ouvrir la version.
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {th('code', 'Code')}
                {th('rncpNumber', 'N° RNCP')}
                {th('title', 'Intitulé')}
                {th('registeredOn', 'Enregistrée le')}
                {th('expiresOn', 'Expire le')}
                {th('status', 'Statut')}
                {th('blocCount', 'Blocs')}
                {th('totalHours', 'Heures')}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((v) => (
                <Table.Tr key={v.code}>
                  <Table.Td>
                    <AnchorLink to="/referentiel/$code" params={{ code: v.code }} fw={600}>
                      {v.code}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{v.rncpNumber ?? '—'}</Table.Td>
                  <Table.Td>{v.title}</Table.Td>
                  <Table.Td>{formatDate(v.registeredOn)}</Table.Td>
                  <Table.Td>{formatDate(v.expiresOn)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={v.status} />
                  </Table.Td>
                  <Table.Td>{v.blocCount}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {v.totalHours === null ? <Text span c="dimmed" size="sm">non précisé</Text> : formatHours(v.totalHours)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
