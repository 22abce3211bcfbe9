/** The slot of a record's page where the panels of `panels.ts` render, one after the other. */
import { Stack } from '@mantine/core';
import { THESIS_PANELS } from './panels';

export function ThesisPanels({ thesisId }: { thesisId: string }) {
  if (THESIS_PANELS.length === 0) return null;
  return (
    <Stack gap="lg" data-testid="thesis-panels">
      {THESIS_PANELS.map(({ key, component: Panel }) => (
        <Panel key={key} thesisId={thesisId} />
      ))}
    </Stack>
  );
}
