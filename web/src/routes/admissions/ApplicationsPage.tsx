/** /candidatures: the commission's list — filters (centre, promotion, status, eligibility), sort, search, pagination, CSV/XLSX export. */
import { Button, Group, Select, Stack, Table, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { SortableTh } from '../../components/SortableTh';
import { AnchorLink } from '../../components/links';
import { EmptyResult, ErrorAlert, PageLoader } from '../../components/states';
import { api, fileHref, files, unwrap } from '../../lib/api';
import { cohortLabel, formatDateTime } from '../../lib/format';
import { centresQuery } from '../../lib/queries';
import { StatusPill, VerdictPill } from './ApplicationParts';
import { WaitingListPanel } from './WaitingListPanel';
import { REGISTRATION, STATUS, VERDICT } from './labels';
import { STATUSES, VERDICTS, type TApplicationsSearch } from './search';

const route = getRouteApi('/_app/candidatures');
const PAGE_SIZE = 25;
type TSort = NonNullable<TApplicationsSearch['sort']>;

export function ApplicationsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const page = search.page ?? 1;
  const sort = search.sort ?? 'filedAt';
  const order = search.order ?? 'desc';
  const [q, setQ] = useState(search.q ?? '');
  const centres = useQuery(centresQuery);
  const cohorts = useQuery({ queryKey: ['admission-cohorts'], queryFn: () => unwrap(api.admissions.cohorts.$get()) });
  const update = (patch: Partial<TApplicationsSearch>) => void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const updateQ = useDebouncedCallback((value: string) => update({ q: value.trim() || undefined }), 300);

  const filters = {
    sort,
    order,
    ...(search.q ? { q: search.q } : {}),
    ...(search.centre ? { centreId: search.centre } : {}),
    ...(search.cohort ? { cohortId: search.cohort } : {}),
    ...(search.status ? { status: search.status } : {}),
    ...(search.eligibility ? { eligibility: search.eligibility } : {}),
  };
  const query = { ...filters, page: String(page), pageSize: String(PAGE_SIZE) };
  const list = useQuery({ queryKey: ['applications', query], queryFn: () => unwrap(api.applications.$get({ query })), placeholderData: keepPreviousData });
  const exportHref = (format: 'csv' | 'xlsx') => fileHref(files.applications.export.$url({ query: { ...filters, format } }));

  const th = (column: TSort, label: string) => (
    <SortableTh column={column} sortBy={sort} order={order} onSort={(c) => update({ sort: c, order: c === sort && order === 'asc' ? 'desc' : 'asc' })}>
      {label}
    </SortableTh>
  );

  return (
    <Stack gap="md">
      <PageHeader
        title="Candidatures"
        description="Les dossiers déposés dans vos centres : instruction, décisions de la commission pédagogique, inscriptions."
        actions={
          <>
            <Button component="a" href={exportHref('csv')} variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
              Export CSV
            </Button>
            <Button component="a" href={exportHref('xlsx')} variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
              Export XLSX
            </Button>
          </>
        }
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Rechercher"
          placeholder="Nom, e-mail ou référence"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            updateQ(e.currentTarget.value);
          }}
          w={240}
        />
        <Select
          label="Centre"
          placeholder="Tous les centres"
          data={(centres.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={search.centre ?? null}
          onChange={(v) => update({ centre: v ?? undefined })}
          clearable
          w={220}
        />
        <Select
          label="Promotion"
          placeholder="Toutes les promotions"
          data={(cohorts.data?.items ?? []).map((c) => ({ value: c.id, label: `${cohortLabel({ name: c.name, centreName: c.centreName })} (${c.enrolled}/${c.capacity}${c.waiting ? `, ${c.waiting} en attente` : ''})` }))}
          value={search.cohort ?? null}
          onChange={(v) => update({ cohort: v ?? undefined })}
          clearable
          searchable
          w={300}
        />
        <Select
          label="Statut"
          placeholder="Tous (hors brouillons)"
          data={STATUSES.map((s) => ({ value: s, label: STATUS[s].label }))}
          value={search.status ?? null}
          onChange={(v) => update({ status: (v as TApplicationsSearch['status']) ?? undefined })}
          clearable
          w={200}
        />
        <Select
          label="Recevabilité"
          placeholder="Toutes"
          data={VERDICTS.map((s) => ({ value: s, label: VERDICT[s]!.label }))}
          value={search.eligibility ?? null}
          onChange={(v) => update({ eligibility: (v as TApplicationsSearch['eligibility']) ?? undefined })}
          clearable
          w={180}
        />
      </Group>
      {search.cohort && <WaitingListPanel cohortId={search.cohort} />}
      {list.isPending ? (
        <PageLoader label="Chargement des candidatures…" />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <EmptyResult title="Aucune candidature ne correspond à ces critères.">Modifiez la recherche ou les filtres.</EmptyResult>
      ) : (
        <>
          <Table.ScrollContainer minWidth={1000}>
            <Table striped highlightOnHover verticalSpacing="sm" aria-busy={list.isPlaceholderData || undefined}>
              <Table.Thead>
                <Table.Tr>
                  {th('reference', 'Référence')}
                  {th('lastName', 'Candidat·e')}
                  <Table.Th>Centre et promotion</Table.Th>
                  {th('status', 'Statut')}
                  <Table.Th>Recevabilité</Table.Th>
                  <Table.Th>Inscription</Table.Th>
                  {th('filedAt', 'Déposée le')}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <AnchorLink to="/candidatures/$id" params={{ id: a.id }}>
                        {a.reference}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td fw={600}>
                      {a.lastName.toUpperCase()} {a.firstName}
                    </Table.Td>
                    <Table.Td>
                      {cohortLabel({ name: a.cohortName, centreName: a.centreName })}
                    </Table.Td>
                    <Table.Td>
                      <StatusPill status={a.status} />
                    </Table.Td>
                    <Table.Td>
                      <VerdictPill verdict={a.eligibilityVerdict} />
                    </Table.Td>
                    <Table.Td>{REGISTRATION[a.registrationStatus]}</Table.Td>
                    <Table.Td>{formatDateTime(a.filedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={(p) => void navigate({ search: (prev) => ({ ...prev, page: p > 1 ? p : undefined }) })} noun={['candidature', 'candidatures']} />
        </>
      )}
    </Stack>
  );
}
