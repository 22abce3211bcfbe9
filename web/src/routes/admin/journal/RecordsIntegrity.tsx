/**
 * One line of the audit page: the hash chains of the append-only registers, checked by the server
 * (GET /api/records/integrity, the same walk as `movsc verify-records`), with the date of the check.
 */
import { Alert, Button, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api';
import { formatDateTime, plural } from '../../../lib/format';

export function RecordsIntegrity() {
  const check = useQuery({
    queryKey: ['records-integrity'],
    queryFn: () => unwrap(api.records.integrity.$get()),
    staleTime: 5 * 60_000,
  });
  const again = (
    <Button variant="default" size="compact-sm" onClick={() => void check.refetch()} loading={check.isFetching}>
      Vérifier à nouveau
    </Button>
  );
  if (check.isPending) return <Text size="sm" c="dimmed">Intégrité des registres : vérification en cours…</Text>;
  if (check.error) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Intégrité des registres : vérification impossible" role="alert">
        <Group justify="space-between">
          <Text size="sm">{check.error.message}</Text>
          {again}
        </Group>
      </Alert>
    );
  }
  const { checkedAt, records, breaks } = check.data;
  if (breaks.length === 0) {
    return (
      <Group gap="xs" wrap="wrap">
        <IconShieldCheck size={18} color="var(--mantine-color-green-8)" aria-hidden />
        <Text size="sm">
          Intégrité des registres : vérifiée le {formatDateTime(checkedAt)} — {plural(records, 'enregistrement', 'enregistrements')}, aucune rupture.
        </Text>
        {again}
      </Group>
    );
  }
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert"
      title={`Intégrité des registres : ${plural(breaks.length, 'rupture détectée', 'ruptures détectées')} le ${formatDateTime(checkedAt)}`}>
      <List size="sm">
        {breaks.slice(0, 20).map((b) => (
          <List.Item key={`${b.table}-${b.recordId}-${b.kind}`}>
            {b.tableLabel}{b.file ? ` (dossier ${b.file})` : ''}, enregistrement {b.recordId} : {b.message}
          </List.Item>
        ))}
      </List>
      {breaks.length > 20 && <Text size="sm" mt="xs">… et {breaks.length - 20} autre(s) : lancez « movsc verify-records » pour la liste complète.</Text>}
      {again}
    </Alert>
  );
}
