/**
 * « Ouvrir une fiche » on /memoires: the promotion's team opens the record of a learner who has none yet
 * (the API allows it to `thesis:manage` staff of the promotion; the learner then writes its content).
 */
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../lib/api';
import { notifyError, notifySuccess } from '../../../lib/forms';
import { learnersQuery } from '../../cohorts/queries';

export function OpenThesisButton({ cohortId, withRecord }: { cohortId: string; withRecord: ReadonlySet<string> }) {
  const [opened, setOpened] = useState(false);
  const [learnerId, setLearnerId] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const learners = useQuery({ ...learnersQuery(cohortId), enabled: opened });
  const candidates = (learners.data?.items ?? []).filter((l) => !withRecord.has(l.userId) && l.status !== 'withdrawn');
  const open = useMutation({
    mutationFn: (id: string) => unwrap(api.cohorts[':id'].theses.$post({ param: { id: cohortId }, json: { learnerId: id } })),
    onSuccess: async (thesis) => {
      notifySuccess(`Fiche mémoire ouverte pour ${thesis.learner.name}.`);
      setOpened(false);
      setLearnerId(null);
      await queryClient.invalidateQueries({ queryKey: ['cohort', cohortId, 'theses'] });
      await navigate({ to: '/memoires/$id', params: { id: thesis.id } });
    },
    onError: (error) => notifyError(error),
  });
  return (
    <>
      <Button variant="default" leftSection={<IconFilePlus size={16} aria-hidden />} onClick={() => setOpened(true)}>
        Ouvrir une fiche
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Ouvrir une fiche mémoire">
        <form
          aria-label="Ouvrir une fiche mémoire"
          onSubmit={(e) => {
            e.preventDefault();
            if (learnerId) open.mutate(learnerId);
          }}
        >
          <Stack gap="sm">
            <Text size="sm">L’auditeur·rice rédigera ensuite le type, le genre, le titre et la question de son mémoire ; vous pourrez désigner sa direction.</Text>
            <Select
              label="Auditeur·rice"
              placeholder={learners.isPending ? 'Chargement…' : candidates.length ? 'Choisissez' : 'Tous les inscrit·es ont déjà une fiche'}
              data={candidates.map((l) => ({ value: l.userId, label: l.name }))}
              value={learnerId}
              onChange={setLearnerId}
              searchable
              required
              disabled={!candidates.length}
              comboboxProps={{ withinPortal: false }}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                Annuler
              </Button>
              <Button type="submit" disabled={!learnerId} loading={open.isPending}>
                Ouvrir la fiche
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
