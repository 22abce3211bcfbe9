/**
 * /promotions/$id/jurys: the juries of a promotion (decision 026) — each with the composition its
 * version's fiche states, who sits, the files it examines, the check for the jury and for every case
 * (a conflicted member or a supervisor kept out leaves a gap, named), and the act of constituting it,
 * refused while anything is missing. Below, the list of people who may sit, with the invitation of an
 * external professional.
 */
import { Alert, Badge, Button, Card, Checkbox, Group, List, Modal, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCheck, IconGavel, IconMailForward, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { EmptyResult, ErrorAlert, PageLoader } from '../../components/states';
import { api, ApiError, unwrap } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { applyErrors, notifyError, notifySuccess } from '../../lib/forms';
import {
  CONFLICT_NATURE_LABELS,
  CONFLICT_NATURE_VALUES,
  JURY_MEMBER_KIND_LABELS,
  JURY_MEMBER_KIND_VALUES,
  JURY_ROUTE_LABELS,
  JURY_ROUTE_VALUES,
  SUPERVISOR_RULE_LABELS,
  SUPERVISOR_RULE_VALUES,
  type TConflictNature,
  type TJuryMemberKind,
  type TJuryRoute,
  type TSupervisorRule,
} from '../../../../src/shared/vocabulary/juries';
import { cohortQuery, learnersQuery } from '../cohorts/queries';
import { SessionsSection } from '../soutenances/SessionsSection';
import { cohortJuriesQuery, juryMembersQuery, type TJury, type TJuryMember } from './queries';

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((v) => ({ value: v, label: labels[v] }));

function useRefresh(cohortId: string) {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: ['cohort', cohortId, 'juries'] }), qc.invalidateQueries({ queryKey: ['jury-members'] })]);
}

export function JuriesPage() {
  const { id } = useParams({ from: '/_app/promotions/$id/jurys' });
  const cohort = useQuery(cohortQuery(id));
  const list = useQuery(cohortJuriesQuery(id));
  const members = useQuery(juryMembersQuery);
  const [creating, setCreating] = useState(false);
  if (cohort.isPending || list.isPending) return <PageLoader label="Chargement des jurys…" />;
  if (cohort.error) return <ErrorAlert error={cohort.error} />;
  if (list.error) return <ErrorAlert error={list.error} />;
  return (
    <Stack gap="lg">
      <PageHeader
        title={`Jurys — ${cohort.data.name}`}
        description={
          <AnchorLink to="/promotions/$id" params={{ id }}>
            Retour à la promotion
          </AnchorLink>
        }
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            Créer un jury
          </Button>
        }
      />
      {list.data.items.length === 0 ? (
        <EmptyResult title="Aucun jury pour cette promotion.">Créez un jury pour une session de soutenances, puis faites-y siéger ses membres.</EmptyResult>
      ) : (
        list.data.items.map((j) => <JuryCard key={j.id} jury={j} members={members.data?.items ?? []} />)
      )}
      <SessionsSection cohortId={id} juries={list.data.items} />
      <MembersSection cohortId={id} staff={cohort.data.staff} />
      <CreateJuryModal cohortId={id} opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

function CreateJuryModal({ cohortId, opened, onClose }: { cohortId: string; opened: boolean; onClose: () => void }) {
  const refresh = useRefresh(cohortId);
  const form = useForm({ initialValues: { label: '', route: 'training' as TJuryRoute, supervisorRule: 'may_sit' as TSupervisorRule } });
  const create = useMutation({
    mutationFn: (v: typeof form.values) => unwrap(api.cohorts[':id'].juries.$post({ param: { id: cohortId }, json: v })),
    onSuccess: async (j) => {
      notifySuccess(`Jury « ${j.label} » créé.`);
      form.reset();
      onClose();
      await refresh();
    },
    onError: (e) => applyErrors(form, e, ['label', 'route', 'supervisorRule']),
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Créer un jury">
      <form onSubmit={form.onSubmit((v) => create.mutate(v))} aria-label="Créer un jury">
        <Stack gap="sm">
          <TextInput label="Intitulé" placeholder="Soutenances de juin 2026" required {...form.getInputProps('label')} />
          <Select label="Voie" data={options(JURY_ROUTE_VALUES, JURY_ROUTE_LABELS)} allowDeselect={false} comboboxProps={{ withinPortal: false }} {...form.getInputProps('route')} />
          <Select
            label="Direction du mémoire"
            description="Ce que fait, sur le dossier d’un·e auditeur·rice, la personne qui dirige son mémoire"
            data={options(SUPERVISOR_RULE_VALUES, SUPERVISOR_RULE_LABELS)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
            {...form.getInputProps('supervisorRule')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Annuler
            </Button>
            <Button type="submit" loading={create.isPending}>
              Créer le jury
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A change of a jury's seats or cases: on success, `after` (resetting the form), then the lists are read again. */
function useJuryChange<TArg = void>(onDone: () => Promise<void>, call: (arg: TArg) => Promise<unknown>, after?: () => void) {
  return useMutation({
    mutationFn: call,
    onSuccess: async () => {
      after?.();
      await onDone();
    },
    onError: (e) => notifyError(e),
  });
}

function JuryCard({ jury, members }: { jury: TJury; members: TJuryMember[] }) {
  const refresh = useRefresh(jury.cohortId);
  const learners = useQuery(learnersQuery(jury.cohortId));
  const [seatUser, setSeatUser] = useState<string | null>(null);
  const [president, setPresident] = useState(false);
  const [caseLearner, setCaseLearner] = useState<string | null>(null);
  const [conflictOpen, setConflictOpen] = useState(false);
  const [refusal, setRefusal] = useState<string[] | null>(null);
  const onDone = async () => {
    setRefusal(null);
    await refresh();
  };
  const seat = useJuryChange(
    onDone,
    () => unwrap(api.juries[':id'].seats.$post({ param: { id: jury.id }, json: { userId: seatUser!, president } })),
    () => {
      setSeatUser(null);
      setPresident(false);
    },
  );
  const unseat = useJuryChange(onDone, (userId: string) => unwrap(api.juries[':id'].seats[':userId'].$delete({ param: { id: jury.id, userId } })));
  const addCase = useJuryChange(
    onDone,
    () => unwrap(api.juries[':id'].cases.$post({ param: { id: jury.id }, json: { learnerId: caseLearner! } })),
    () => setCaseLearner(null),
  );
  const removeCase = useJuryChange(onDone, (learnerId: string) => unwrap(api.juries[':id'].cases[':learnerId'].$delete({ param: { id: jury.id, learnerId } })));
  const constitute = useMutation({
    mutationFn: () => unwrap(api.juries[':id'].constitute.$post({ param: { id: jury.id } })),
    onSuccess: async () => {
      notifySuccess(`Jury « ${jury.label} » constitué.`);
      await onDone();
    },
    onError: (e) => (e instanceof ApiError && e.issues.length ? setRefusal(e.issues.map((i) => i.message)) : notifyError(e)),
  });
  const seated = new Set(jury.seats.map((s) => s.userId));
  const withCase = new Set(jury.cases.map((c) => c.learner.id));
  const memberOptions = members.filter((m) => !seated.has(m.userId) && !withCase.has(m.userId)).map((m) => ({ value: m.userId, label: `${m.name} — ${JURY_MEMBER_KIND_LABELS[m.kind]}` }));
  const learnerOptions = (learners.data?.items ?? []).filter((l) => !withCase.has(l.userId) && !seated.has(l.userId) && l.status !== 'withdrawn').map((l) => ({ value: l.userId, label: l.name }));
  const nameOf = (userId: string) => jury.seats.find((s) => s.userId === userId)?.name ?? '';
  return (
    <Card withBorder padding="lg" component="section" aria-label={`Jury ${jury.label}`}>
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Group gap="sm">
            <Title order={2} size="h3">
              {jury.label}
            </Title>
            <Badge variant="light" tt="none">
              {JURY_ROUTE_LABELS[jury.route]}
            </Badge>
            {jury.constitutedAt ? (
              <Badge color="teal.9" variant="filled" tt="none" leftSection={<IconCheck size={12} aria-hidden />}>
                Constitué le {formatDate(jury.constitutedAt)}
              </Badge>
            ) : (
              <Badge color="orange.9" variant="filled" tt="none">
                À constituer
              </Badge>
            )}
          </Group>
          <Button leftSection={<IconGavel size={16} aria-hidden />} onClick={() => constitute.mutate()} loading={constitute.isPending}>
            Constituer le jury
          </Button>
        </Group>
        <Text size="sm">
          Composition prévue par la fiche ({jury.versionCode}) : {jury.rule.map((r) => `${r.count} ${r.label}${r.mustInclude.length ? ` (dont ${r.mustInclude.join(', ')})` : ''}`).join(' ; ')}. Direction du mémoire :{' '}
          {SUPERVISOR_RULE_LABELS[jury.supervisorRule].toLowerCase()}.
        </Text>
        {refusal && (
          <Alert color="red" icon={<IconAlertTriangle size={18} aria-hidden />} title="Ce jury ne peut pas être constitué" role="alert">
            <List size="sm">
              {refusal.map((m) => (
                <List.Item key={m}>{m}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {!jury.composition.valid && (
          <Alert color="orange" variant="light" title="Composition du jury" icon={<IconAlertTriangle size={18} aria-hidden />}>
            {jury.composition.problems.map((p) => p.message).join(' ; ')}.
          </Alert>
        )}

        <Title order={3} size="h4">
          Membres ({jury.seats.length})
        </Title>
        {jury.seats.length === 0 ? (
          <Text size="sm">Personne ne siège encore.</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" aria-label={`Membres du jury ${jury.label}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Nom</Table.Th>
                  <Table.Th>Catégorie</Table.Th>
                  <Table.Th>Organisation</Table.Th>
                  <Table.Th>Rôle</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {jury.seats.map((s) => (
                  <Table.Tr key={s.userId}>
                    <Table.Td>{s.name}</Table.Td>
                    <Table.Td>{JURY_MEMBER_KIND_LABELS[s.kind]}</Table.Td>
                    <Table.Td>{s.organisation ?? '—'}</Table.Td>
                    <Table.Td>{[s.president ? 'Présidence' : null, s.representsResponsable ? 'Responsable pédagogique ou représentant·e' : null].filter(Boolean).join(', ') || '—'}</Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="default" onClick={() => unseat.mutate(s.userId)} aria-label={`Retirer ${s.name} du jury`}>
                        Retirer
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group align="flex-end" wrap="wrap">
          <Select
            label="Faire siéger"
            placeholder={memberOptions.length ? 'Choisissez un membre de la liste' : 'Aucun membre disponible'}
            data={memberOptions}
            value={seatUser}
            onChange={setSeatUser}
            searchable
            w={360}
          />
          <Checkbox label="À la présidence" checked={president} onChange={(e) => setPresident(e.currentTarget.checked)} mb={8} />
          <Button variant="default" disabled={!seatUser} loading={seat.isPending} onClick={() => seat.mutate()}>
            Ajouter au jury
          </Button>
        </Group>

        <Title order={3} size="h4">
          Dossiers ({jury.cases.length})
        </Title>
        {jury.cases.length === 0 ? (
          <Text size="sm">Aucun dossier confié à ce jury.</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" aria-label={`Dossiers du jury ${jury.label}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Auditeur·rice</Table.Th>
                  <Table.Th>Dépôt final</Table.Th>
                  <Table.Th>Jury pour ce dossier</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {jury.cases.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {c.learner.name}
                      </Text>
                      <Text size="xs">{c.thesisTitle ?? 'Titre du mémoire à venir'}</Text>
                    </Table.Td>
                    <Table.Td>{c.finalDeposit ? `le ${formatDateTime(c.finalDeposit.at)}${c.finalDeposit.pageCount ? `, ${c.finalDeposit.pageCount} pages` : ''}` : 'Pas encore'}</Table.Td>
                    <Table.Td>
                      {c.valid ? (
                        <Badge color="teal.9" variant="filled" tt="none">
                          Complet
                        </Badge>
                      ) : (
                        <Text size="sm" c="red.9">
                          {c.problems.map((p) => p.message).join(' ; ')}
                        </Text>
                      )}
                      {c.excluded.map((e) => (
                        <Text key={e.userId} size="xs">
                          {e.message}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="default" onClick={() => removeCase.mutate(c.learner.id)} aria-label={`Retirer le dossier de ${c.learner.name}`}>
                        Retirer
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group align="flex-end" wrap="wrap">
          <Select label="Confier un dossier" placeholder={learnerOptions.length ? 'Choisissez un·e auditeur·rice' : 'Aucun dossier à confier'} data={learnerOptions} value={caseLearner} onChange={setCaseLearner} searchable w={360} />
          <Button variant="default" disabled={!caseLearner} loading={addCase.isPending} onClick={() => addCase.mutate()}>
            Confier au jury
          </Button>
          <Button variant="subtle" onClick={() => setConflictOpen(true)} disabled={!jury.seats.length || !jury.cases.length}>
            Déclarer un conflit d’intérêts
          </Button>
        </Group>
      </Stack>
      <ConflictModal jury={jury} opened={conflictOpen} onClose={() => setConflictOpen(false)} nameOf={nameOf} onDone={onDone} />
    </Card>
  );
}

function ConflictModal({ jury, opened, onClose, onDone }: { jury: TJury; opened: boolean; onClose: () => void; nameOf: (id: string) => string; onDone: () => Promise<void> }) {
  const form = useForm({ initialValues: { userId: null as string | null, learnerId: null as string | null, nature: 'employer' as TConflictNature, note: '' } });
  const declare = useMutation({
    mutationFn: (v: typeof form.values) => unwrap(api.juries[':id'].conflicts.$post({ param: { id: jury.id }, json: { userId: v.userId ?? '', learnerId: v.learnerId ?? '', nature: v.nature, note: v.note } })),
    onSuccess: async () => {
      notifySuccess('Conflit d’intérêts enregistré : ce membre ne siège plus sur ce dossier.');
      form.reset();
      onClose();
      await onDone();
    },
    onError: (e) => applyErrors(form, e, ['userId', 'learnerId', 'nature', 'note']),
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Déclarer un conflit d’intérêts">
      <form onSubmit={form.onSubmit((v) => declare.mutate(v))} aria-label="Déclarer un conflit d’intérêts">
        <Stack gap="sm">
          <Text size="sm">Le membre ne siégera pas sur ce dossier et ne pourra pas l’ouvrir. La déclaration vaut pour tous les dossiers de cette personne.</Text>
          <Select label="Membre du jury" required data={jury.seats.map((s) => ({ value: s.userId, label: s.name }))} comboboxProps={{ withinPortal: false }} {...form.getInputProps('userId')} />
          <Select label="Auditeur·rice" required data={jury.cases.map((c) => ({ value: c.learner.id, label: c.learner.name }))} comboboxProps={{ withinPortal: false }} {...form.getInputProps('learnerId')} />
          <Select label="Nature du lien" data={options(CONFLICT_NATURE_VALUES, CONFLICT_NATURE_LABELS)} allowDeselect={false} comboboxProps={{ withinPortal: false }} {...form.getInputProps('nature')} />
          <Textarea label="Précision" autosize minRows={2} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Annuler
            </Button>
            <Button type="submit" color="red.8" loading={declare.isPending}>
              Enregistrer le conflit
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function MembersSection({ cohortId, staff }: { cohortId: string; staff: { userId: string; name: string; role: string }[] }) {
  const members = useQuery(juryMembersQuery);
  const refresh = useRefresh(cohortId);
  const [inviting, setInviting] = useState(false);
  const listed = new Set((members.data?.items ?? []).map((m) => m.userId));
  const [staffId, setStaffId] = useState<string | null>(null);
  const [representsResponsable, setRepresents] = useState(false);
  const list = useMutation({
    mutationFn: () => unwrap(api['jury-members'][':id'].$put({ param: { id: staffId! }, json: { kind: 'cnam_teacher', organisation: 'Cnam', representsResponsable } })),
    onSuccess: async (m) => {
      notifySuccess(`${m.name} peut siéger dans les jurys.`);
      setStaffId(null);
      setRepresents(false);
      await refresh();
    },
    onError: (e) => notifyError(e),
  });
  const staffOptions = [...new Map(staff.filter((s) => !listed.has(s.userId)).map((s) => [s.userId, { value: s.userId, label: s.name }])).values()];
  return (
    <Card withBorder padding="lg" component="section" aria-label="Membres de jury">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3">
            Membres de jury
          </Title>
          <Button variant="default" leftSection={<IconMailForward size={16} aria-hidden />} onClick={() => setInviting(true)}>
            Inviter un·e professionnel·le
          </Button>
        </Group>
        {members.isPending ? (
          <PageLoader />
        ) : members.error ? (
          <ErrorAlert error={members.error} />
        ) : members.data.items.length === 0 ? (
          <Text size="sm">Personne n’est encore inscrit·e comme membre de jury.</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" aria-label="Personnes qui peuvent siéger">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Nom</Table.Th>
                  <Table.Th>Catégorie</Table.Th>
                  <Table.Th>Organisation</Table.Th>
                  <Table.Th>Adresse e-mail</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.data.items.map((m) => (
                  <Table.Tr key={m.userId}>
                    <Table.Td>{m.name}</Table.Td>
                    <Table.Td>
                      {JURY_MEMBER_KIND_LABELS[m.kind]}
                      {m.representsResponsable ? ' (responsable pédagogique ou représentant·e)' : ''}
                    </Table.Td>
                    <Table.Td>{m.organisation ?? '—'}</Table.Td>
                    <Table.Td>{m.email}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group align="flex-end" wrap="wrap">
          <Select label="Inscrire un·e enseignant·e de l’équipe" placeholder={staffOptions.length ? 'Choisissez' : 'Toute l’équipe est inscrite'} data={staffOptions} value={staffId} onChange={setStaffId} searchable w={320} />
          <Checkbox label="Responsable pédagogique du titre ou son représentant" checked={representsResponsable} onChange={(e) => setRepresents(e.currentTarget.checked)} mb={8} />
          <Button variant="default" disabled={!staffId} loading={list.isPending} onClick={() => list.mutate()}>
            Inscrire comme enseignant·e du Cnam
          </Button>
        </Group>
      </Stack>
      <InviteModal opened={inviting} onClose={() => setInviting(false)} onDone={refresh} />
    </Card>
  );
}

function InviteModal({ opened, onClose, onDone }: { opened: boolean; onClose: () => void; onDone: () => Promise<unknown> }) {
  const form = useForm({ initialValues: { name: '', email: '', kind: 'professional' as TJuryMemberKind, organisation: '' } });
  const invite = useMutation({
    mutationFn: (v: typeof form.values) => unwrap(api['jury-members'].invitations.$post({ json: { ...v, organisation: v.organisation.trim() || null } })),
    onSuccess: async (m) => {
      notifySuccess(`Invitation envoyée à ${m.email} : le lien permet de choisir son mot de passe.`);
      form.reset();
      onClose();
      await onDone();
    },
    onError: (e) => applyErrors(form, e, ['name', 'email', 'kind', 'organisation']),
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Inviter un·e professionnel·le">
      <form onSubmit={form.onSubmit((v) => invite.mutate(v))} aria-label="Inviter un·e professionnel·le">
        <Stack gap="sm">
          <Text size="sm">Un compte avec le rôle « Membre de jury » est créé ; la personne reçoit un lien pour choisir son mot de passe et ne verra que les dossiers des jurys où elle siège.</Text>
          <TextInput label="Nom" required {...form.getInputProps('name')} />
          <TextInput label="Adresse e-mail" type="email" required {...form.getInputProps('email')} />
          <Select label="Catégorie" data={options(JURY_MEMBER_KIND_VALUES, JURY_MEMBER_KIND_LABELS)} allowDeselect={false} comboboxProps={{ withinPortal: false }} {...form.getInputProps('kind')} />
          <TextInput label="Organisation" description="Où la personne exerce ou a exercé (organisme à vocation sociale ou culturelle)" {...form.getInputProps('organisation')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Annuler
            </Button>
            <Button type="submit" loading={invite.isPending}>
              Envoyer l’invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
