/**
 * /promotions/$id/ateliers: the ateliers mémoire of a promotion (decision 020) — the groups (all for
 * staff, those one leads, one's own), the declarations (wishes, pairs, leaders), the proposals computed
 * in the background (progress, then objective, bound, gap, time, groups, who changes group, or why it is
 * impossible), their acceptance, moves by hand with what they break shown before confirming, the history.
 */
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, List, Modal, NumberInput, Progress, Select, SimpleGrid, Stack, Table, Tabs, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowsExchange, IconCheck, IconPlus, IconTrash, IconUsersGroup } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { AnchorLink } from '../../../components/links';
import { PageHeader } from '../../../components/PageHeader';
import { Pager } from '../../../components/Pager';
import { SortableTh, type TSortOrder } from '../../../components/SortableTh';
import { EmptyResult, ErrorAlert, PageLoader } from '../../../components/states';
import { api, unwrap } from '../../../lib/api';
import { formatDateTime } from '../../../lib/format';
import { applyErrors, notifyError, notifySuccess } from '../../../lib/forms';
import { ATELIER_CHANGE_KIND_LABELS, ATELIER_PAIR_KIND_LABELS, type TAtelierPairKind } from '../../../../../src/shared/vocabulary/ateliers';
import {
  ateliersQuery,
  changesQuery,
  declarationsQuery,
  movePreviewQuery,
  proposalQuery,
  proposalsQuery,
  type TAteliers,
  type TDeclarations,
  type TProposal,
} from './queries';

type TGroup = TAteliers['groups'][number];

/** Field errors of a small form, filled by `applyErrors` from the API's issues. */
function useFieldErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = { setFieldError: (path: string, message: string) => setErrors((e) => ({ ...e, [path]: message })) };
  return { errors, form, reset: () => setErrors({}) };
}

function useInvalidateAteliers(cohortId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['cohort', cohortId, 'ateliers'] });
}

export function AteliersPage() {
  const { id } = useParams({ from: '/_app/promotions/$id/ateliers' });
  const { data, error, isPending } = useQuery(ateliersQuery(id));
  if (isPending) return <PageLoader label="Chargement des ateliers mémoire…" />;
  if (error) return <ErrorAlert error={error} />;
  const { manage, declareOwn } = data.permissions;
  return (
    <Stack gap="md">
      <PageHeader
        title={`Ateliers mémoire — ${data.cohortName}`}
        description={
          <AnchorLink to="/promotions/$id" params={{ id }}>
            Retour à la promotion
          </AnchorLink>
        }
      />
      <Tabs defaultValue="groups" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="groups">{data.scope === 'own' ? 'Mon groupe' : data.scope === 'led' ? 'Mes groupes' : 'Groupes'}</Tabs.Tab>
          {(manage || declareOwn) && <Tabs.Tab value="declarations">{manage ? 'Vœux et contraintes' : 'Mes vœux'}</Tabs.Tab>}
          {manage && <Tabs.Tab value="proposals">Propositions</Tabs.Tab>}
          {manage && <Tabs.Tab value="history">Historique</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="groups" pt="md">
          <GroupsTab cohortId={id} data={data} />
        </Tabs.Panel>
        <Tabs.Panel value="declarations" pt="md">
          <DeclarationsTab cohortId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="proposals" pt="md">
          <ProposalsTab cohortId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryTab cohortId={id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------------
// Groups and moves

function GroupsTab({ cohortId, data }: { cohortId: string; data: TAteliers }) {
  const [moving, setMoving] = useState<{ id: string; name: string } | null>(null);
  const manage = data.permissions.manage;
  if (data.groups.length === 0 && data.ungrouped.length === 0)
    return (
      <EmptyResult title={data.scope === 'all' ? 'Aucun groupe pour l’instant' : 'Vous n’êtes dans aucun groupe pour l’instant'}>
        {data.scope === 'all' ? 'Demandez une proposition de groupes dans l’onglet « Propositions », puis acceptez-la.' : 'Les groupes n’ont pas encore été constitués.'}
      </EmptyResult>
    );
  return (
    <Stack gap="md">
      {data.groups.length === 0 && <EmptyResult title="Aucun groupe pour l’instant">Demandez une proposition de groupes dans l’onglet « Propositions ».</EmptyResult>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {data.groups.map((g) => (
          <Card withBorder key={g.id} component="section" aria-labelledby={`groupe-${g.id}`}>
            <Title order={2} size="h4" id={`groupe-${g.id}`}>
              Groupe {g.number}
            </Title>
            <Text size="sm" c="dimmed" mb="xs">
              Animé par {g.leader.name} · {g.members.length} auditeur·rice{g.members.length > 1 ? 's' : ''}
            </Text>
            {(g.members.length < 5 || g.members.length > 6) && (
              <Badge color="orange" variant="light" tt="none" mb="xs">
                Hors de la taille 5 à 6
              </Badge>
            )}
            <List size="sm" spacing={4} listStyleType="none">
              {g.members.map((m) => (
                <List.Item key={m.id}>
                  <Group gap="xs" justify="space-between" wrap="nowrap">
                    <Text size="sm">{m.name}</Text>
                    {manage && (
                      <Button size="compact-xs" variant="subtle" leftSection={<IconArrowsExchange size={14} aria-hidden />} onClick={() => setMoving(m)} aria-label={`Changer ${m.name} de groupe`}>
                        Changer de groupe
                      </Button>
                    )}
                  </Group>
                </List.Item>
              ))}
            </List>
          </Card>
        ))}
      </SimpleGrid>
      {data.scope === 'all' && data.ungrouped.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Sans groupe ({data.ungrouped.length})
          </Title>
          <List size="sm" listStyleType="none" spacing={4}>
            {data.ungrouped.map((m) => (
              <List.Item key={m.id}>
                <Group gap="xs" justify="space-between">
                  <Text size="sm">{m.name}</Text>
                  {manage && data.groups.length > 0 && (
                    <Button size="compact-xs" variant="subtle" onClick={() => setMoving(m)} aria-label={`Placer ${m.name} dans un groupe`}>
                      Placer dans un groupe
                    </Button>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        </Card>
      )}
      {moving && <MoveModal cohortId={cohortId} learner={moving} groups={data.groups} onClose={() => setMoving(null)} />}
    </Stack>
  );
}

function MoveModal({ cohortId, learner, groups, onClose }: { cohortId: string; learner: { id: string; name: string }; groups: TGroup[]; onClose: () => void }) {
  const current = groups.find((g) => g.members.some((m) => m.id === learner.id));
  const [toGroupId, setToGroupId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const fields = useFieldErrors();
  const preview = useQuery(movePreviewQuery(cohortId, learner.id, toGroupId));
  const invalidate = useInvalidateAteliers(cohortId);
  const move = useMutation({
    mutationFn: () =>
      unwrap(api.cohorts[':id'].ateliers.moves.$post({ param: { id: cohortId }, json: { learnerId: learner.id, toGroupId: toGroupId!, reason, confirm: confirmed } })),
    onSuccess: async () => {
      await invalidate();
      notifySuccess(`${learner.name} a changé de groupe.`);
      onClose();
    },
    onError: (e) => applyErrors(fields.form, e, ['reason', 'toGroupId']),
  });
  const p = preview.data;
  const warnings = p ? [...p.constraints, ...p.wishes] : [];
  const needsConfirm = warnings.length > 0;
  return (
    <Modal opened onClose={onClose} title={`Changer ${learner.name} de groupe`} centered size="lg">
      <Stack gap="sm">
        <Text size="sm">{current ? `Actuellement dans le groupe ${current.number} (animé par ${current.leader.name}).` : 'Actuellement dans aucun groupe.'}</Text>
        <Select
          label="Nouveau groupe"
          required
          data={groups.filter((g) => g.id !== current?.id).map((g) => ({ value: g.id, label: `Groupe ${g.number} — ${g.leader.name} (${g.members.length})` }))}
          value={toGroupId}
          onChange={(v) => {
            setToGroupId(v);
            setConfirmed(false);
          }}
          error={fields.errors.toGroupId}
        />
        {preview.isFetching && <Text size="sm" role="status">Vérification de ce que ce changement romprait…</Text>}
        {preview.error && <ErrorAlert error={preview.error} title="Vérification impossible" />}
        {p && p.blocking.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Changement refusé" role="alert">
            <List size="sm">
              {p.blocking.map((b) => (
                <List.Item key={b}>{b}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {p && p.blocking.length === 0 && warnings.length > 0 && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Ce changement rompt :">
            <List size="sm">
              {warnings.map((w) => (
                <List.Item key={w}>{w}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {p && p.clean && <Text size="sm">Ce changement ne rompt aucun vœu ni aucune contrainte.</Text>}
        <Textarea label="Motif du changement" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fields.errors.reason} autosize minRows={2} maxLength={500} />
        {needsConfirm && p?.blocking.length === 0 && (
          <Checkbox label="Je confirme ce changement malgré ce qu’il rompt" checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annuler
          </Button>
          <Button
            onClick={() => {
              fields.reset();
              move.mutate();
            }}
            loading={move.isPending}
            disabled={!toGroupId || !p || p.blocking.length > 0 || (needsConfirm && !confirmed) || !reason.trim()}
          >
            Confirmer le changement
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------------
// Declarations

function DeclarationsTab({ cohortId }: { cohortId: string }) {
  const { data, error, isPending } = useQuery(declarationsQuery(cohortId));
  if (isPending) return <PageLoader label="Chargement des déclarations…" />;
  if (error) return <ErrorAlert error={error} />;
  return data.staff ? <StaffDeclarations cohortId={cohortId} data={data} /> : <OwnDeclarations cohortId={cohortId} data={data} />;
}

type TWishLearner = TDeclarations['learners'][number];
type TSortKey = 'name' | 'group' | 'leader';

function StaffDeclarations({ cohortId, data }: { cohortId: string; data: TDeclarations }) {
  const [search, setSearch] = useState('');
  const [sortBy, setSortBy] = useState<TSortKey>('name');
  const [order, setOrder] = useState<TSortOrder>('asc');
  const [editing, setEditing] = useState<TWishLearner | null>(null);
  const [leader, setLeader] = useState<TDeclarations['leaders'][number] | null>(null);
  const [pairing, setPairing] = useState(false);
  const leaderName = useMemo(() => new Map(data.leaders.map((l) => [l.id, l.name])), [data.leaders]);
  const rows = useMemo(() => {
    const q = search.trim().toLocaleLowerCase('fr');
    const key = (l: TWishLearner) => (sortBy === 'name' ? l.name : sortBy === 'group' ? String(l.groupNumber ?? 999).padStart(3, '0') : (leaderName.get(l.wishedLeaderId ?? '') ?? '~'));
    return data.learners
      .filter((l) => !q || l.name.toLocaleLowerCase('fr').includes(q) || (l.wishedTheme ?? '').toLocaleLowerCase('fr').includes(q))
      .sort((a, b) => key(a).localeCompare(key(b), 'fr') * (order === 'asc' ? 1 : -1));
  }, [data.learners, search, sortBy, order, leaderName]);
  const onSort = (k: TSortKey) => {
    setOrder(sortBy === k && order === 'asc' ? 'desc' : 'asc');
    setSortBy(k);
  };
  return (
    <Stack gap="lg">
      <section aria-labelledby="voeux">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="voeux">
            Vœux des auditeur·rices
          </Title>
          <TextInput aria-label="Rechercher un·e auditeur·rice ou un thème" placeholder="Rechercher…" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={260} />
        </Group>
        {data.learners.length === 0 ? (
          <EmptyResult title="Aucun·e auditeur·rice inscrit·e" />
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <SortableTh column="name" sortBy={sortBy} order={order} onSort={onSort}>
                    Auditeur·rice
                  </SortableTh>
                  <SortableTh column="group" sortBy={sortBy} order={order} onSort={onSort}>
                    Groupe
                  </SortableTh>
                  <SortableTh column="leader" sortBy={sortBy} order={order} onSort={onSort}>
                    Animateur·rice souhaité·e
                  </SortableTh>
                  <Table.Th>Thème souhaité</Table.Th>
                  <Table.Th>
                    <span className="mantine-visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>{l.name}</Table.Td>
                    <Table.Td>{l.groupNumber ? `Groupe ${l.groupNumber}` : '—'}</Table.Td>
                    <Table.Td>{l.wishedLeaderId ? (leaderName.get(l.wishedLeaderId) ?? '—') : '—'}</Table.Td>
                    <Table.Td>{l.wishedTheme ?? '—'}</Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(l)} aria-label={`Modifier le vœu de ${l.name}`}>
                        Modifier
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {rows.length === 0 && data.learners.length > 0 && <Text size="sm">Aucun résultat pour « {search} ».</Text>}
      </section>

      <section aria-labelledby="animateurs">
        <Title order={2} size="h4" id="animateurs" mb="xs">
          Animateur·rices (enseignant·es de la promotion)
        </Title>
        {data.leaders.length === 0 ? (
          <EmptyResult title="Aucun·e enseignant·e dans la promotion">Nommez des enseignant·es dans l’équipe de la promotion.</EmptyResult>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Enseignant·e</Table.Th>
                <Table.Th>Groupes au plus</Table.Th>
                <Table.Th>Thèmes</Table.Th>
                <Table.Th>
                  <span className="mantine-visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.leaders.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{l.name}</Table.Td>
                  <Table.Td>{l.maxGroups}</Table.Td>
                  <Table.Td>{l.themes.length ? l.themes.join(', ') : '—'}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" onClick={() => setLeader(l)} aria-label={`Modifier la capacité de ${l.name}`}>
                      Modifier
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </section>

      <PairsSection cohortId={cohortId} data={data} onAdd={() => setPairing(true)} />
      {editing && <WishModal cohortId={cohortId} learner={editing} leaders={data.leaders} onClose={() => setEditing(null)} />}
      {leader && <LeaderModal cohortId={cohortId} leader={leader} onClose={() => setLeader(null)} />}
      {pairing && <PairModal cohortId={cohortId} learners={data.learners} staff onClose={() => setPairing(false)} />}
    </Stack>
  );
}

function PairsSection({ cohortId, data, onAdd }: { cohortId: string; data: TDeclarations; onAdd: () => void }) {
  const [withdrawing, setWithdrawing] = useState<TDeclarations['pairs'][number] | null>(null);
  const qc = useQueryClient();
  const withdraw = useMutation({
    mutationFn: (id: string) => unwrap(api['atelier-pairs'][':id'].$delete({ param: { id } })),
    onSuccess: (fresh) => {
      qc.setQueryData(declarationsQuery(cohortId).queryKey, fresh);
      notifySuccess('Déclaration retirée.');
      setWithdrawing(null);
    },
    onError: (e) => notifyError(e),
  });
  return (
    <section aria-labelledby="paires">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="paires">
          {data.staff ? 'Paires déclarées' : 'Mes demandes « ensemble »'}
        </Title>
        <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={onAdd}>
          {data.staff ? 'Déclarer une paire' : 'Demander à être avec…'}
        </Button>
      </Group>
      {data.pairs.length === 0 ? (
        <EmptyResult title="Aucune paire déclarée" />
      ) : (
        <List spacing={6} listStyleType="none">
          {data.pairs.map((p) => (
            <List.Item key={p.id}>
              <Group gap="xs">
                <Badge color={p.kind === 'apart' ? 'red' : 'teal'} variant="light" tt="none">
                  {ATELIER_PAIR_KIND_LABELS[p.kind]}
                </Badge>
                <Text size="sm">
                  {p.a.name} et {p.b.name}
                  {p.reason ? ` — ${p.reason}` : ''}
                </Text>
                <Button size="compact-xs" variant="subtle" color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => setWithdrawing(p)} aria-label={`Retirer la paire ${p.a.name} et ${p.b.name}`}>
                  Retirer
                </Button>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <Modal opened={withdrawing !== null} onClose={() => setWithdrawing(null)} title="Retirer cette déclaration ?" centered>
        <Stack gap="sm">
          <Text size="sm">
            {withdrawing && `${ATELIER_PAIR_KIND_LABELS[withdrawing.kind]} : ${withdrawing.a.name} et ${withdrawing.b.name}. Les prochaines propositions n’en tiendront plus compte.`}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setWithdrawing(null)}>
              Annuler
            </Button>
            <Button color="red" loading={withdraw.isPending} onClick={() => withdrawing && withdraw.mutate(withdrawing.id)}>
              Retirer
            </Button>
          </Group>
        </Stack>
      </Modal>
    </section>
  );
}

function WishModal({ cohortId, learner, leaders, onClose, own }: { cohortId: string; learner: TWishLearner; leaders: TDeclarations['leaders']; onClose: () => void; own?: boolean }) {
  const [wishedLeaderId, setLeaderId] = useState<string | null>(learner.wishedLeaderId);
  const [wishedTheme, setTheme] = useState(learner.wishedTheme ?? '');
  const fields = useFieldErrors();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.cohorts[':id'].ateliers.wishes.$put({
          param: { id: cohortId },
          json: { ...(own ? {} : { learnerId: learner.id }), wishedLeaderId, wishedTheme: wishedTheme.trim() || null },
        }),
      ),
    onSuccess: (fresh) => {
      qc.setQueryData(declarationsQuery(cohortId).queryKey, fresh);
      notifySuccess('Vœu enregistré.');
      onClose();
    },
    onError: (e) => applyErrors(fields.form, e, ['wishedLeaderId', 'wishedTheme']),
  });
  const themes = [...new Set(leaders.flatMap((l) => l.themes))];
  return (
    <Modal opened onClose={onClose} title={own ? 'Mon vœu d’atelier' : `Vœu de ${learner.name}`} centered>
      <Stack gap="sm">
        <Select label="Animateur·rice souhaité·e" clearable data={leaders.map((l) => ({ value: l.id, label: l.name }))} value={wishedLeaderId} onChange={setLeaderId} error={fields.errors.wishedLeaderId} />
        <TextInput
          label="Thème souhaité"
          description={themes.length ? `Thèmes des animateur·rices : ${themes.join(', ')}` : undefined}
          value={wishedTheme}
          onChange={(e) => setTheme(e.currentTarget.value)}
          maxLength={200}
          error={fields.errors.wishedTheme}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annuler
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            Enregistrer
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function LeaderModal({ cohortId, leader, onClose }: { cohortId: string; leader: TDeclarations['leaders'][number]; onClose: () => void }) {
  const [maxGroups, setMax] = useState<number | string>(leader.maxGroups);
  const [themes, setThemes] = useState<string[]>(leader.themes);
  const fields = useFieldErrors();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: () => unwrap(api.cohorts[':id'].ateliers.leaders.$put({ param: { id: cohortId }, json: { leaderId: leader.id, maxGroups: Number(maxGroups), themes } })),
    onSuccess: (fresh) => {
      qc.setQueryData(declarationsQuery(cohortId).queryKey, fresh);
      notifySuccess(`${leader.name} : capacité enregistrée.`);
      onClose();
    },
    onError: (e) => applyErrors(fields.form, e, ['maxGroups', 'themes']),
  });
  return (
    <Modal opened onClose={onClose} title={`Ateliers de ${leader.name}`} centered>
      <Stack gap="sm">
        <NumberInput label="Nombre de groupes au plus" min={0} max={50} allowDecimal={false} value={maxGroups} onChange={setMax} error={fields.errors.maxGroups} required />
        <TagsInput label="Thèmes" description="Validez chaque thème avec Entrée." value={themes} onChange={setThemes} maxTags={50} error={fields.errors.themes} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annuler
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            Enregistrer
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PairModal({ cohortId, learners, staff, selfId, onClose }: { cohortId: string; learners: { id: string; name: string }[]; staff: boolean; selfId?: string; onClose: () => void }) {
  const [kind, setKind] = useState<TAtelierPairKind>(staff ? 'apart' : 'together');
  const [a, setA] = useState<string | null>(selfId ?? null);
  const [b, setB] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const fields = useFieldErrors();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      unwrap(api.cohorts[':id'].ateliers.pairs.$post({ param: { id: cohortId }, json: { kind, learnerIds: [a ?? '', b ?? ''] as [string, string], reason: reason.trim() || null } })),
    onSuccess: (fresh) => {
      qc.setQueryData(declarationsQuery(cohortId).queryKey, fresh);
      notifySuccess('Déclaration enregistrée.');
      onClose();
    },
    onError: (e) => applyErrors(fields.form, e, ['kind', 'learnerIds', 'reason']),
  });
  const options = learners.map((l) => ({ value: l.id, label: l.name }));
  return (
    <Modal opened onClose={onClose} title={staff ? 'Déclarer une paire' : 'Demander à être dans le même groupe que…'} centered>
      <Stack gap="sm">
        {staff && (
          <Select
            label="Type"
            required
            allowDeselect={false}
            data={(['apart', 'together'] as const).map((k) => ({ value: k, label: ATELIER_PAIR_KIND_LABELS[k] }))}
            value={kind}
            onChange={(v) => v && setKind(v as TAtelierPairKind)}
          />
        )}
        {staff && <Select label="Premier·e auditeur·rice" required searchable data={options} value={a} onChange={setA} error={fields.errors['learnerIds.0']} />}
        <Select label={staff ? 'Second·e auditeur·rice' : 'Auditeur·rice'} required searchable data={options.filter((o) => o.value !== a)} value={b} onChange={setB} error={fields.errors['learnerIds.1'] ?? fields.errors.learnerIds} />
        {staff && <Textarea label="Motif (facultatif)" description="Par exemple : collègues de la même organisation." value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annuler
          </Button>
          <Button loading={save.isPending} disabled={!a || !b} onClick={() => save.mutate()}>
            Enregistrer
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function OwnDeclarations({ cohortId, data }: { cohortId: string; data: TDeclarations }) {
  const me = data.learners[0];
  const [editing, setEditing] = useState(false);
  const [pairing, setPairing] = useState(false);
  if (!me) return <EmptyResult title="Vous n’êtes pas inscrit·e dans cette promotion" />;
  const leader = data.leaders.find((l) => l.id === me.wishedLeaderId);
  return (
    <Stack gap="lg">
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          Mon vœu
        </Title>
        <Text size="sm">Animateur·rice souhaité·e : {leader?.name ?? 'aucun·e'}</Text>
        <Text size="sm">Thème souhaité : {me.wishedTheme ?? 'aucun'}</Text>
        <Group mt="sm">
          <Button size="xs" onClick={() => setEditing(true)}>
            Modifier mon vœu
          </Button>
        </Group>
      </Card>
      <PairsSection cohortId={cohortId} data={data} onAdd={() => setPairing(true)} />
      {editing && <WishModal cohortId={cohortId} learner={me} leaders={data.leaders} own onClose={() => setEditing(false)} />}
      {pairing && <PairModal cohortId={cohortId} learners={[me, ...data.classmates]} staff={false} selfId={me.id} onClose={() => setPairing(false)} />}
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------------
// Proposals

function ProposalsTab({ cohortId }: { cohortId: string }) {
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string | null>(null);
  const [seconds, setSeconds] = useState<number | string>(30);
  const list = useQuery({ ...proposalsQuery(cohortId, page), placeholderData: keepPreviousData });
  const invalidate = useInvalidateAteliers(cohortId);
  const fields = useFieldErrors();
  const ask = useMutation({
    mutationFn: () => unwrap(api.cohorts[':id'].ateliers.proposals.$post({ param: { id: cohortId }, json: { timeLimitSeconds: Number(seconds) } })),
    onSuccess: async (p) => {
      setSelected(p.id);
      await invalidate();
    },
    onError: (e) => applyErrors(fields.form, e, ['timeLimitSeconds']),
  });
  const shown = selected ?? list.data?.items[0]?.id ?? null;
  return (
    <Stack gap="md">
      <Card withBorder>
        <Group align="flex-end" gap="sm">
          <NumberInput label="Temps de calcul au plus (secondes)" min={1} max={300} allowDecimal={false} value={seconds} onChange={setSeconds} w={240} error={fields.errors.timeLimitSeconds} />
          <Button
            leftSection={<IconUsersGroup size={16} aria-hidden />}
            loading={ask.isPending}
            onClick={() => {
              fields.reset();
              ask.mutate();
            }}
          >
            Proposer des groupes
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          Le calcul tient compte des vœux, des paires et des groupes actuels (un changement de groupe coûte plus qu’un vœu non satisfait). Il se poursuit si vous quittez la page.
        </Text>
      </Card>
      {shown ? <ProposalView key={shown} id={shown} cohortId={cohortId} /> : list.isPending ? null : <EmptyResult title="Aucune proposition pour l’instant" />}
      {list.data && list.data.total > 0 && (
        <section aria-labelledby="propositions">
          <Title order={2} size="h5" id="propositions" mb="xs">
            Propositions précédentes
          </Title>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Demandée le</Table.Th>
                <Table.Th>Par</Table.Th>
                <Table.Th>État</Table.Th>
                <Table.Th>Objectif</Table.Th>
                <Table.Th>
                  <span className="mantine-visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((p) => (
                <Table.Tr key={p.id} aria-current={p.id === shown ? 'true' : undefined}>
                  <Table.Td>{formatDateTime(p.requestedAt)}</Table.Td>
                  <Table.Td>{p.requestedBy.name}</Table.Td>
                  <Table.Td>{p.statusLabel}</Table.Td>
                  <Table.Td>{p.objective ?? '—'}</Table.Td>
                  <Table.Td>
                    <Anchor component="button" size="sm" onClick={() => setSelected(p.id)}>
                      Voir
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pager page={page} pageSize={10} total={list.data.total} onChange={setPage} noun={['proposition', 'propositions']} />
        </section>
      )}
    </Stack>
  );
}

const percent = (gap: number | null) => (gap === null ? 'inconnu' : `${(gap * 100).toLocaleString('fr-FR', { maximumFractionDigits: 2 })} %`);

function ProposalView({ id, cohortId }: { id: string; cohortId: string }) {
  const { data: p, error, isPending } = useQuery(proposalQuery(id));
  const [accepting, setAccepting] = useState(false);
  if (isPending) return <PageLoader label="Chargement de la proposition…" />;
  if (error) return <ErrorAlert error={error} />;
  return (
    <Card withBorder component="section" aria-labelledby="proposition">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="proposition">
          Proposition du {formatDateTime(p.requestedAt)}
        </Title>
        <Badge variant="light" tt="none" color={p.status === 'ready' ? 'blue' : p.status === 'accepted' ? 'green' : p.status === 'infeasible' || p.status === 'failed' ? 'red' : 'gray'}>
          {p.statusLabel}
        </Badge>
      </Group>
      {p.progress && (
        <Stack gap={4} role="status" aria-live="polite">
          <Text size="sm">
            {p.status === 'queued' ? 'En attente d’un calcul disponible…' : `Calcul en cours : ${p.progress.elapsedSeconds} s sur ${p.timeLimitSeconds} s au plus.`} {p.learners} auditeur·rices, {p.leaders}{' '}
            animateur·rices.
          </Text>
          <Progress value={Math.round(p.progress.fraction * 100)} animated aria-label="Progression du calcul" />
        </Stack>
      )}
      {p.status === 'infeasible' && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Aucun regroupement possible" role="alert">
          <List size="sm">
            {p.diagnosis.map((d) => (
              <List.Item key={d}>{d}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {p.error && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Calcul interrompu" role="alert">
          {p.error}
        </Alert>
      )}
      {p.groups.length > 0 && (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Stat label="Objectif" value={String(p.objective ?? '—')} />
            <Stat label="Borne" value={p.bound === null ? 'inconnue' : String(p.bound)} />
            <Stat label="Écart" value={percent(p.gap)} />
            <Stat label="Temps" value={p.solveMs === null ? '—' : `${(p.solveMs / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`} />
          </SimpleGrid>
          {p.wishes && (
            <Text size="sm">
              Vœux satisfaits : animateur·rice {p.wishes.leader?.met}/{p.wishes.leader?.of}, « ensemble » {p.wishes.together?.met}/{p.wishes.together?.of}, thème {p.wishes.theme?.met}/{p.wishes.theme?.of}, maintien dans son groupe{' '}
              {p.wishes.stay?.met}/{p.wishes.stay?.of}.
            </Text>
          )}
          <Title order={3} size="h5">
            Qui change de groupe
          </Title>
          {p.changes.length === 0 ? (
            <Text size="sm">Personne ne change de groupe.</Text>
          ) : (
            <List size="sm">
              {p.changes.map((c) => (
                <List.Item key={c.learner.id}>
                  {c.learner.name} : groupe {c.fromNumber ?? '?'} → groupe proposé {c.toIndex}
                </List.Item>
              ))}
            </List>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            {p.groups.map((g) => (
              <Card withBorder key={g.index} padding="sm">
                <Text fw={700} size="sm">
                  Groupe proposé {g.index} {g.continuesNumber ? `(continue le groupe ${g.continuesNumber})` : '(nouveau)'}
                </Text>
                <Text size="sm" c="dimmed">
                  Animé par {g.leader.name}
                </Text>
                <List size="sm" listStyleType="none" mt={4}>
                  {g.members.map((m) => (
                    <List.Item key={m.id}>
                      {m.name}
                      {m.changed && (
                        <Badge size="xs" color="orange" variant="light" tt="none" ml={6}>
                          {m.fromNumber ? `vient du groupe ${m.fromNumber}` : 'change de groupe'}
                        </Badge>
                      )}
                    </List.Item>
                  ))}
                </List>
              </Card>
            ))}
          </SimpleGrid>
          {p.status === 'ready' && p.permissions.accept && (
            <Group justify="flex-end">
              <Button leftSection={<IconCheck size={16} aria-hidden />} onClick={() => setAccepting(true)}>
                Accepter ces groupes
              </Button>
            </Group>
          )}
        </Stack>
      )}
      {accepting && <AcceptModal cohortId={cohortId} proposal={p} onClose={() => setAccepting(false)} />}
    </Card>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
    </div>
  );
}

function AcceptModal({ cohortId, proposal, onClose }: { cohortId: string; proposal: TProposal; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const qc = useQueryClient();
  const invalidate = useInvalidateAteliers(cohortId);
  const accept = useMutation({
    mutationFn: () => unwrap(api['atelier-proposals'][':id'].accept.$post({ param: { id: proposal.id }, json: { confirm: true, reason } })),
    onSuccess: async () => {
      await Promise.all([invalidate(), qc.invalidateQueries({ queryKey: ['atelier-proposal', proposal.id] })]);
      notifySuccess('Les groupes de la promotion sont ceux de la proposition.');
      onClose();
    },
    onError: (e) => notifyError(e),
  });
  return (
    <Modal opened onClose={onClose} title="Accepter ces groupes ?" centered>
      <Stack gap="sm">
        <Text size="sm">
          {proposal.groups.length} groupes. {proposal.changes.length === 0 ? 'Personne ne change de groupe.' : `${proposal.changes.length} auditeur·rice(s) change(nt) de groupe : chaque changement est consigné, daté et attribué.`}
        </Text>
        <Textarea label="Motif (facultatif)" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} placeholder="Proposition de groupes acceptée." />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annuler
          </Button>
          <Button loading={accept.isPending} onClick={() => accept.mutate()}>
            Confirmer l’acceptation
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------------
// History

function HistoryTab({ cohortId }: { cohortId: string }) {
  const [page, setPage] = useState(1);
  const { data, error, isPending } = useQuery({ ...changesQuery(cohortId, page), placeholderData: keepPreviousData });
  if (isPending) return <PageLoader label="Chargement de l’historique…" />;
  if (error) return <ErrorAlert error={error} />;
  if (data.total === 0) return <EmptyResult title="Aucun changement de groupe pour l’instant" />;
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={700}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Auditeur·rice</Table.Th>
              <Table.Th>Changement</Table.Th>
              <Table.Th>Origine</Table.Th>
              <Table.Th>Motif</Table.Th>
              <Table.Th>Par</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{formatDateTime(e.at)}</Table.Td>
                <Table.Td>{e.learner.name}</Table.Td>
                <Table.Td>
                  {e.fromNumber ? `Groupe ${e.fromNumber}` : 'Sans groupe'} → {e.toNumber ? `groupe ${e.toNumber}` : 'sans groupe'}
                </Table.Td>
                <Table.Td>{ATELIER_CHANGE_KIND_LABELS[e.kind]}</Table.Td>
                <Table.Td>{e.reason}</Table.Td>
                <Table.Td>{e.actor.name}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Pager page={page} pageSize={20} total={data.total} onChange={setPage} noun={['changement', 'changements']} />
    </Stack>
  );
}
