/** The signed-in shell: header (name, roles, account menu), navbar by ability, the page in <main>. */
import { AppShell, Avatar, Burger, Group, Menu, NavLink, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconApi, IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { NavLinkLink } from '../../components/links';
import { PageLoader } from '../../components/states';
import type { TMe } from '../../lib/api';
import { MeContext, meQuery, meQueryKey, signOut } from '../../lib/auth';
import { notifyError } from '../../lib/forms';
import { isStaff, visibleEntries } from './navigation';
import { NotificationBell } from '../notifications/NotificationBell';
import { GlobalSearch } from '../search/GlobalSearch';

function initials(name: string) {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

export function AppLayout() {
  const { data } = useQuery(meQuery);
  const last = useRef(data);
  if (data) last.current = data;
  const me = data ?? last.current;
  if (!me) return <PageLoader />;
  return (
    <MeContext.Provider value={me}>
      <Shell me={me} />
    </MeContext.Provider>
  );
}

function Shell({ me }: { me: TMe }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  useEffect(() => close(), [pathname, close]);

  const onSignOut = async () => {
    try {
      await signOut();
    } catch (error) {
      notifyError(error, 'Déconnexion impossible');
      return;
    }
    // Signed out first, then leave the shell, then forget every other answer (nothing refetches on the way).
    queryClient.setQueryData(meQueryKey, null);
    await navigate({ to: '/connexion' });
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
  };

  const roleValues = me.roles.map((r) => r.role);
  const entries = visibleEntries(me.abilities, roleValues);
  const isActive = (to: string) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`));
  const roles = me.roles.map((r) => r.label).join(', ');

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Fermer le menu' : 'Ouvrir le menu'} />
            <Text component={Link} to="/" fw={800} size="xl" c="blue.9" td="none" aria-label="MOVSC — accueil">
              MOVSC
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
          <GlobalSearch />
          <NotificationBell />
          <Menu position="bottom-end" width={240} withinPortal={false} withInitialFocusPlaceholder={false}>
            <Menu.Target>
              <UnstyledButton aria-label={`Menu du compte de ${me.user.name}`}>
                <Group gap="xs" wrap="nowrap">
                  <Avatar color="blue" radius="xl" size="sm" aria-hidden>
                    {initials(me.user.name)}
                  </Avatar>
                  <Stack gap={0} visibleFrom="xs">
                    <Text size="sm" fw={600} lh={1.2}>
                      {me.user.name}
                    </Text>
                    <Text size="xs" c="dimmed" lh={1.2}>
                      {roles}
                    </Text>
                  </Stack>
                  <IconChevronDown size={16} aria-hidden />
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconUserCircle size={16} aria-hidden />} component={Link} to="/compte">
                Mon compte
              </Menu.Item>
              <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void onSignOut()}>
                Se déconnecter
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label="Navigation principale">
        <AppShell.Section grow component={ScrollArea}>
          {entries.map((entry) => (
            <NavLinkLink
              key={entry.to}
              to={entry.to}
              label={entry.label}
              leftSection={<entry.icon size={18} aria-hidden />}
              active={isActive(entry.to)}
              aria-current={isActive(entry.to) ? 'page' : undefined}
            />
          ))}
        </AppShell.Section>
        {isStaff(roleValues) && (
          <AppShell.Section>
            <NavLink component="a" href="/api/docs" label="Documentation de l’API" leftSection={<IconApi size={18} aria-hidden />} />
          </AppShell.Section>
        )}
      </AppShell.Navbar>

      <AppShell.Main id="contenu">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
