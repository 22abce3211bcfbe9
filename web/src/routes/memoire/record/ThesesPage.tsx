/**
 * /memoires: a promotion's mémoire records — every one for its team, the supervised ones for a teacher
 * (the API decides which) — with search, a state filter, sort and pagination (a promotion holds a few
 * dozen records: the list is filtered here, in the page).
 */
import { Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { SortableTh } from '../../../components/SortableTh';
import { AnchorLink } from '../../../components/links';
import { EmptyResult, ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import { THESIS_STATE_VALUES } from '../../../../../src/shared/vocabulary/memoire';
import { cohortThesesQuery, THESIS_STATE_LABELS, type TThesisSummary } from './queries';
import type { TThesesSearch } from './search';
import { MilestonesSection } from './MilestonesSection';
import { OpenThesisButton } from './OpenThesisButton';
import { useCan } from '../../../lib/auth';
import { ThesisStateBadge } from './ThesisStateBadge';

const route = getRouteApi('/_app/memoires');
const PAGE_SIZE = 20;
type TSort = NonNullable<TThesesSearch['sort']>;

const normalise = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function sortKey(t: TThesisSummary, sort: TSort): string {
  if (sort === 'state') return String(THESIS_STATE_VALUES.indexOf(t.state)).padStart(2, '0');
  if (sort === 'supervisor') return t.supervisor?.name ?? '\uffff';
  if (sort === 'updatedAt') return t.updatedAt;
  return t.learner.name;
}

export function ThesesPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [q, setQ] = useState(search.q ?? '');
  const sort = search.sort ?? 'learner';
  const order = search.order ?? 'asc';
  const page = search.page ?? 1;
  const update = (patch: Partial<TThesesSearch>) => void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const updateQ = useDebouncedCallback((value: string) => update({ q: value.trim() || undefined }), 250);

  const cohorts = useQuery({ queryKey: ['cohorts', 'all'], queryFn: () => unwrap(api.cohorts.$get({ query: { page: '1', pageSize: '200' } })) });
  const cohortId = search.promotion ?? cohorts.data?.items[0]?.id;
  const list = useQuery({ ...cohortThesesQuery(cohortId ?? ''), enabled: Boolean(cohortId) });
  const canOpen = useCan('thesis:manage');
  const withRecord = useMemo(() => new Set((list.data?.items ?? []).map((t) => t.learner.id)), [list.data]);

  const rows = useMemo(() => {
    const needle = search.q ? normalise(search.q) : '';
    const filtered = (list.data?.items ?? []).filter(
      (t) =>
        (!search.state || t.state === search.state) &&
        (!needle || [t.learner.name, t.title ?? '', t.supervisor?.name ?? '', t.organisation ?? ''].some((f) => normalise(f).includes(needle))),
    );
    const sign = order === 'asc' ? 1 : -1;
    return filtered.sort((a, b) => sign * sortKey(a, sort).localeCompare(sortKey(b, sort), 'fr') || a.learner.name.localeCompare(b.learner.name, 'fr'));
  }, [list.data, search.q, search.state, sort, order]);
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  const th = (column: TSort, label: string) => (
    <SortableTh column={column} sortBy={sort} order={order} onSort={(c) => update({ sort: c, order: c === sort && order === 'asc' ? 'desc' : 'asc' })}>
      {label}
    </SortableTh>
  );

  return (
    <Stack gap="md">
      <PageHeader title="Mémoires" description="Les fiches mémoire d’une promotion : toutes pour son équipe, celles que vous dirigez si vous y enseignez." />
      <Stack gap="sm">
        <Select
          label="Promotion"
          placeholder={cohorts.isPending ? 'Chargement…' : 'Choisissez une promotion'}
          data={(cohorts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={cohortId ?? null}
          onChange={(v) => update({ promotion: v ?? undefined })}
          searchable
          allowDeselect={false}
          maw={420}
        />
        <TextInput
          label="Rechercher"
          placeholder="Auditeur·rice, titre, directeur·rice, organisation"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            updateQ(e.currentTarget.value);
          }}
          maw={420}
        />
        <Select
          label="État"
          placeholder="Tous les états"
          data={THESIS_STATE_VALUES.map((s) => ({ value: s, label: THESIS_STATE_LABELS[s] }))}
          value={search.state ?? null}
          onChange={(v) => update({ state: (v as TThesesSearch['state']) ?? undefined })}
          clearable
          maw={240}
        />
        {canOpen && cohortId && list.data && (
          <Group>
            <OpenThesisButton cohortId={cohortId} withRecord={withRecord} />
          </Group>
        )}
      </Stack>
      {cohorts.error ? (
        <ErrorAlert error={cohorts.error} />
      ) : !cohortId ? (
        cohorts.isPending ? <PageLoader /> : <EmptyResult title="Aucune promotion.">Vous n’êtes rattaché·e à aucune promotion.</EmptyResult>
      ) : list.isPending ? (
        <PageLoader label="Chargement des mémoires…" />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : rows.length === 0 ? (
        <EmptyResult title={list.data.items.length ? 'Aucune fiche ne correspond à ces critères.' : 'Aucune fiche mémoire dans cette promotion.'}>
          {list.data.items.length ? 'Modifiez la recherche ou le filtre.' : canOpen ? 'Chaque auditeur·rice ouvre sa fiche depuis « Mon mémoire », ou vous l’ouvrez ici.' : 'Chaque auditeur·rice ouvre sa fiche depuis « Mon mémoire ».'}
        </EmptyResult>
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  {th('learner', 'Auditeur·rice')}
                  <Table.Th>Titre de travail</Table.Th>
                  {th('supervisor', 'Directeur·rice')}
                  {th('state', 'État')}
                  {th('updatedAt', 'Modifiée le')}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td>
                      <AnchorLink to="/memoires/$id" params={{ id: t.id }} fw={600}>
                        {t.learner.name}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{t.title ?? <Text span c="dimmed" size="sm">Pas encore de titre</Text>}</Table.Td>
                    <Table.Td>{t.supervisor?.name ?? <Text span c="dimmed" size="sm">À désigner</Text>}</Table.Td>
                    <Table.Td>
                      <ThesisStateBadge state={t.state} />
                    </Table.Td>
                    <Table.Td>{formatDate(t.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager page={page} pageSize={PAGE_SIZE} total={rows.length} onChange={(p) => void navigate({ search: (prev) => ({ ...prev, page: p > 1 ? p : undefined }) })} noun={['fiche', 'fiches']} />
        </>
      )}
      {cohortId && <MilestonesSection cohortId={cohortId} />}
    </Stack>
  );
}
