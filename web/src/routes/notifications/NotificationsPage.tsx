/** /notifications: what happened that concerns me, newest first; opening one marks it read. */
import { Badge, Button, Card, Group, Stack, Switch, Text } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { EmptyResult, ErrorAlert, PageLoader } from '../../components/states';
import { api, unwrap, type TNotification } from '../../lib/api';
import { notifyError } from '../../lib/forms';
import { unreadCountKey } from './NotificationBell';

const PAGE_SIZE = 20;

const dateTime = (iso: string) => new Date(iso).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

export function NotificationsPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const query = { page: String(page), pageSize: String(PAGE_SIZE), ...(unreadOnly ? { unread: 'true' as const } : {}) };
  const list = useQuery({
    queryKey: ['notifications', query],
    queryFn: () => unwrap(api.notifications.$get({ query })),
    placeholderData: keepPreviousData,
  });
  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: ['notifications'] }), queryClient.invalidateQueries({ queryKey: unreadCountKey })]);

  const markRead = useMutation({
    mutationFn: (n: TNotification) => unwrap(api.notifications[':id'].read.$post({ param: { id: n.id } })),
    onSuccess: refresh,
    onError: (error) => notifyError(error),
  });
  const markAll = useMutation({
    mutationFn: () => unwrap(api.notifications['read-all'].$post()),
    onSuccess: refresh,
    onError: (error) => notifyError(error),
  });

  const open = async (n: TNotification) => {
    if (!n.readAt) await markRead.mutateAsync(n).catch(() => {});
    if (n.link) await navigate({ to: n.link });
  };

  return (
    <Stack gap="md">
      <PageHeader
        title="Notifications"
        description="Les événements qui vous concernent : candidatures déposées dans vos centres…"
        actions={
          <Button
            variant="light"
            leftSection={<IconChecks size={16} aria-hidden />}
            onClick={() => markAll.mutate()}
            loading={markAll.isPending}
            disabled={!list.data || list.data.unread === 0}
          >
            Tout marquer comme lu
          </Button>
        }
      />
      <Switch
        label="Seulement les non lues"
        checked={unreadOnly}
        onChange={(e) => {
          setUnreadOnly(e.currentTarget.checked);
          setPage(1);
        }}
      />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <EmptyResult title={unreadOnly ? 'Aucune notification non lue.' : 'Aucune notification pour le moment.'} />
      ) : (
        <>
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Notifications">
            {list.data.items.map((n) => (
              <Card key={n.id} component="li" withBorder padding="sm" bg={n.readAt ? undefined : 'blue.0'}>
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={2}>
                    <Group gap="xs">
                      {!n.readAt && (
                        <Badge size="xs" color="blue.8">
                          Non lue
                        </Badge>
                      )}
                      <Text fw={600}>{n.title}</Text>
                    </Group>
                    <Text size="sm">{n.body}</Text>
                    <Text size="xs" c="dimmed">
                      {dateTime(n.createdAt)}
                    </Text>
                  </Stack>
                  <Group gap="xs" wrap="nowrap">
                    {n.link && (
                      <Button size="xs" onClick={() => void open(n)}>
                        Ouvrir
                      </Button>
                    )}
                    {!n.readAt && (
                      <Button size="xs" variant="default" onClick={() => markRead.mutate(n)}>
                        Marquer comme lue
                      </Button>
                    )}
                  </Group>
                </Group>
              </Card>
            ))}
          </Stack>
          <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={setPage} noun={['notification', 'notifications']} />
        </>
      )}
    </Stack>
  );
}
