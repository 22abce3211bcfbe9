/** Server-side pagination: "N résultats", and the page buttons with French labels. */
import { Group, Pagination, Text } from '@mantine/core';

const CONTROL_LABELS = { first: 'Première page', previous: 'Page précédente', next: 'Page suivante', last: 'Dernière page' };

export function Pager(props: { page: number; pageSize: number; total: number; onChange: (page: number) => void; noun?: [string, string] }) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const [one, many] = props.noun ?? ['résultat', 'résultats'];
  const from = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1;
  const to = Math.min(props.total, props.page * props.pageSize);
  return (
    <Group justify="space-between" gap="sm" wrap="wrap">
      <Text size="sm" aria-live="polite">
        {props.total} {props.total > 1 ? many : one}
        {props.total > 0 && ` — ${from} à ${to}`}
      </Text>
      {pages > 1 && (
        <nav aria-label="Pagination">
          <Pagination
            total={pages}
            value={Math.min(props.page, pages)}
            onChange={props.onChange}
            withEdges
            getControlProps={(control) => ({ 'aria-label': CONTROL_LABELS[control] })}
            getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
          />
        </nav>
      )}
    </Group>
  );
}
