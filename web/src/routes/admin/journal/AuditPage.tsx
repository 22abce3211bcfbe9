/** /admin/journal: every write, newest first, with search, entity type and date filters. */
import { Group, Select, Stack, Table, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconCalendar, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { EmptyResult, ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap } from '../../../lib/api';
import { AUDIT_ENTITY_TYPES } from '../../../lib/labels';
import type { TAuditSearch } from '../../../lib/search';
import { AuditRow } from './AuditRow';
import { RecordsIntegrity } from './RecordsIntegrity';

const route = getRouteApi('/_app/admin/journal');
const PAGE_SIZE = 25;

export function AuditPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const page = search.page ?? 1;
  const [q, setQ] = useState(search.q ?? '');
  const [expanded, setExpanded] = useState<Set<number>>(new Set());

  const update = (patch: Partial<TAuditSearch>) => void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const updateQ = useDebouncedCallback((value: string) => update({ q: value.trim() || undefined }), 300);

  const query = {
    page: String(page),
    pageSize: String(PAGE_SIZE),
    ...(search.q ? { q: search.q } : {}),
    ...(search.type ? { entityType: search.type } : {}),
    ...(search.from ? { from: search.from } : {}),
    ...(search.to ? { to: search.to } : {}),
  };
  const events = useQuery({
    queryKey: ['audit', query],
    queryFn: () => unwrap(api.audit.$get({ query })),
    placeholderData: keepPreviousData,
  });

  const toggle = (id: number) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack gap="md">
      <PageHeader title="Journal d'audit" description="Toutes les écritures : qui, quoi, quand, et l’état avant et après." />
      <RecordsIntegrity />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Rechercher"
          placeholder="Auteur, action, identifiant…"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            updateQ(e.currentTarget.value);
          }}
          w={260}
        />
        <Select
          label="Type d’entité"
          placeholder="Tous les types"
          data={AUDIT_ENTITY_TYPES}
          value={search.type ?? null}
          onChange={(v) => update({ type: v ?? undefined })}
          clearable
          w={240}
        />
        <DatePickerInput
          label="Du"
          placeholder="jj/mm/aaaa"
          valueFormat="DD/MM/YYYY"
          leftSection={<IconCalendar size={16} aria-hidden />}
          value={search.from ?? null}
          onChange={(v) => update({ from: v ?? undefined })}
          maxDate={search.to}
          clearable
          w={180}
        />
        <DatePickerInput
          label="Au"
          placeholder="jj/mm/aaaa"
          valueFormat="DD/MM/YYYY"
          leftSection={<IconCalendar size={16} aria-hidden />}
          value={search.to ?? null}
          onChange={(v) => update({ to: v ?? undefined })}
          minDate={search.from}
          clearable
          w={180}
        />
      </Group>

      {events.isPending ? (
        <PageLoader label="Chargement du journal…" />
      ) : events.error ? (
        <ErrorAlert error={events.error} />
      ) : events.data.items.length === 0 ? (
        <EmptyResult title="Aucun événement ne correspond à ces critères.">Modifiez la recherche ou les filtres.</EmptyResult>
      ) : (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" highlightOnHover aria-busy={events.isPlaceholderData || undefined}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>
                    Détail
                  </Table.Th>
                  <Table.Th>Date et heure</Table.Th>
                  <Table.Th>Auteur</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Entité</Table.Th>
                  <Table.Th>Objet</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {events.data.items.map((e) => (
                  <AuditRow key={e.id} event={e} expanded={expanded.has(e.id)} onToggle={() => toggle(e.id)} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={events.data.total}
            onChange={(p) => void navigate({ search: (prev) => ({ ...prev, page: p > 1 ? p : undefined }) })}
            noun={['événement', 'événements']}
          />
        </>
      )}
    </Stack>
  );
}
