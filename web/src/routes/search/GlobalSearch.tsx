/**
 * The header's search field: from any page, type a name, a reference or a promotion and press Entrée
 * to land on /recherche. Phones get a button to the same page (the header has no room for a field).
 */
import { ActionIcon, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';

export function GlobalSearch() {
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  return (
    <>
      <form
        role="search"
        aria-label="Recherche globale"
        onSubmit={(e) => {
          e.preventDefault();
          void navigate({ to: '/recherche', search: { q: q.trim() || undefined } });
        }}
      >
        <TextInput
          visibleFrom="sm"
          size="sm"
          w={280}
          type="search"
          aria-label="Rechercher une personne, un dossier ou une promotion"
          placeholder="Personne, dossier, promotion…"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
      </form>
      <ActionIcon hiddenFrom="sm" component={Link} to="/recherche" variant="subtle" size="lg" aria-label="Rechercher">
        <IconSearch size={20} aria-hidden />
      </ActionIcon>
    </>
  );
}
