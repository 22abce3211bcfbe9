/** « S’abonner » links for an iCalendar feed: webcal:// (the device's agenda), Google Agenda, Outlook. */
import { Anchor, Group } from '@mantine/core';
import { subscribeLinks } from './calendar-grid';

export function SubscribeLinks({ url }: { url: string }) {
  const links = subscribeLinks(url);
  return (
    <Group gap="md" wrap="wrap">
      <Anchor href={links.webcal} size="sm" c="blue.9">
        Ouvrir dans mon agenda (webcal)
      </Anchor>
      <Anchor href={links.google} target="_blank" rel="noopener noreferrer" size="sm" c="blue.9">
        Ajouter à Google Agenda
      </Anchor>
      <Anchor href={links.outlook} target="_blank" rel="noopener noreferrer" size="sm" c="blue.9">
        Ajouter à Outlook
      </Anchor>
    </Group>
  );
}
