/** « Sources »: the documents the version cites, each with the id the other sections refer to. */
import { Badge, Code, Group, Stack, Text } from '@mantine/core';
import { Section, type TDoc } from './common';

export function SourcesSection({ doc }: { doc: TDoc }) {
  return (
    <Section id="sources" title="Sources">
      <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {doc.sources.map((s) => (
          <li key={s.id} id={`source-${s.id}`} style={{ scrollMarginTop: 80 }}>
            <Group gap="sm" align="flex-start" wrap="nowrap">
              <Badge variant="outline" color="dark" radius="sm" miw={52}>
                {s.id}
              </Badge>
              <Stack gap={2}>
                <Text size="sm" fw={600}>
                  {s.title}
                </Text>
                <Code>{s.reference}</Code>
                {s.note && (
                  <Text size="xs" fs="italic">
                    {s.note}
                  </Text>
                )}
              </Stack>
            </Group>
          </li>
        ))}
      </Stack>
    </Section>
  );
}
