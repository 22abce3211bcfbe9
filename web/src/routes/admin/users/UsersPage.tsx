/** /admin/utilisateurs: server-side search, filters, sort and pagination; create and edit accounts. */
import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconPencil, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { SortableTh } from '../../../components/SortableTh';
import { EmptyResult, ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap, type TUser } from '../../../lib/api';
import { formatDate } from '../../../lib/format';
import { ROLE_OPTIONS, roleLabel } from '../../../lib/labels';
import { centresQuery } from '../../../lib/queries';
import type { TUsersSearch } from '../../../lib/search';
import { UserFormModal } from './UserForm';

const route = getRouteApi('/_app/admin/utilisateurs');
const PAGE_SIZE = 25;
type TSort = NonNullable<TUsersSearch['sort']>;

export function UsersPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const page = search.page ?? 1;
  const sort = search.sort ?? 'name';
  const order = search.order ?? 'asc';
  const [q, setQ] = useState(search.q ?? '');
  const [editing, setEditing] = useState<TUser | null>(null);
  const [opened, setOpened] = useState(false);
  const centres = useQuery(centresQuery);

  const update = (patch: Partial<TUsersSearch>) => void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const updateQ = useDebouncedCallback((value: string) => update({ q: value.trim() || undefined }), 300);

  const query = {
    page: String(page),
    pageSize: String(PAGE_SIZE),
    sort,
    order,
    ...(search.q ? { q: search.q } : {}),
    ...(search.role ? { role: search.role } : {}),
    ...(search.centre ? { centreId: search.centre } : {}),
  };
  const users = useQuery({
    queryKey: ['users', query],
    queryFn: () => unwrap(api.users.$get({ query })),
    placeholderData: keepPreviousData,
  });

  const onSort = (column: TSort) =>
    update({ sort: column, order: column === sort && order === 'asc' ? 'desc' : 'asc' });
  const open = (user: TUser | null) => {
    setEditing(user);
    setOpened(true);
  };
  const th = (column: TSort, label: string) => (
    <SortableTh column={column} sortBy={sort} order={order} onSort={onSort}>
      {label}
    </SortableTh>
  );

  return (
    <Stack gap="md">
      <PageHeader
        title="Utilisateurs"
        description="Les comptes, leurs rôles et leurs centres."
        actions={
          <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => open(null)}>
            Nouvel utilisateur
          </Button>
        }
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Rechercher"
          placeholder="Nom ou e-mail"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            updateQ(e.currentTarget.value);
          }}
          w={260}
        />
        <Select label="Rôle" placeholder="Tous les rôles" data={ROLE_OPTIONS} value={search.role ?? null} onChange={(v) => update({ role: (v as TUsersSearch['role']) ?? undefined })} clearable w={260} />
        <Select
          label="Centre"
          placeholder="Tous les centres"
          data={(centres.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={search.centre ?? null}
          onChange={(v) => update({ centre: v ?? undefined })}
          clearable
          searchable
          w={240}
        />
      </Group>

      {users.isPending ? (
        <PageLoader label="Chargement des utilisateurs…" />
      ) : users.error ? (
        <ErrorAlert error={users.error} />
      ) : users.data.items.length === 0 ? (
        <EmptyResult title="Aucun utilisateur ne correspond à ces critères.">Modifiez la recherche ou les filtres.</EmptyResult>
      ) : (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="sm" aria-busy={users.isPlaceholderData || undefined}>
              <Table.Thead>
                <Table.Tr>
                  {th('name', 'Nom')}
                  {th('email', 'E-mail')}
                  <Table.Th>Rôles</Table.Th>
                  <Table.Th>Centres</Table.Th>
                  <Table.Th>Statut</Table.Th>
                  {th('createdAt', 'Créé le')}
                  <Table.Th>
                    Actions
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td fw={600}>{u.name}</Table.Td>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {u.roles.map((r) => (
                          <Text key={r} size="sm">
                            {roleLabel(r)}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td>{u.centres.length ? u.centres.map((c) => c.name).join(', ') : '—'}</Table.Td>
                    <Table.Td>
                      <Badge color={u.disabled ? 'gray.7' : u.passwordSet ? 'green.9' : 'blue.8'} variant="filled" radius="sm" tt="none">
                        {u.disabled ? 'désactivé' : u.passwordSet ? 'actif' : 'invitation envoyée'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatDate(u.createdAt)}</Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconPencil size={14} aria-hidden />}
                        onClick={() => open(u)}
                        aria-label={`Modifier ${u.name}`}
                      >
                        Modifier
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={users.data.total}
            onChange={(p) => void navigate({ search: (prev) => ({ ...prev, page: p > 1 ? p : undefined }) })}
            noun={['utilisateur', 'utilisateurs']}
          />
        </>
      )}
      <UserFormModal opened={opened} user={editing} onClose={() => setOpened(false)} />
    </Stack>
  );
}
