/** The header's bell: the number of unread notifications (refreshed every minute), a link to the list. */
import { ActionIcon, Indicator } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../lib/api';

export const unreadCountKey = ['notifications', 'unread-count'] as const;

export function NotificationBell() {
  const unread = useQuery({
    queryKey: unreadCountKey,
    queryFn: () => unwrap(api.notifications['unread-count'].$get()),
    refetchInterval: 60_000,
  });
  const n = unread.data?.unread ?? 0;
  const label = n === 0 ? 'Notifications : aucune non lue' : `Notifications : ${n} non lue${n > 1 ? 's' : ''}`;
  return (
    <Indicator label={n > 99 ? '99+' : String(n)} size={18} color="red.8" disabled={n === 0} offset={4} aria-hidden={false}>
      <ActionIcon component={Link} to="/notifications" variant="subtle" size="lg" aria-label={label} title={label}>
        <IconBell size={22} aria-hidden />
      </ActionIcon>
    </Indicator>
  );
}
