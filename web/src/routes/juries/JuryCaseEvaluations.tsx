/**
 * On a case's page in « Mes jurys » (decision 026, « The oral's marking form »): the learner's route, their
 * marks per bloc — released to them or not, the jury deliberates on all of them — with each bloc's
 * proposal, and the oral's marking form for what the jury marks (the soutenance; RNCP 5385's orals). A
 * voting member of a constituted jury enters their reading; a change asks for its reason and keeps the old
 * record, shown in the history.
 */
import { Alert, Badge, Button, Card, Group, List, Radio, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle, IconLock } from '@tabler/icons-react';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { EmptyResult, ErrorAlert, PageLoader } from '../../components/states';
import { api, unwrap } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { applyErrors, notifySuccess } from '../../lib/forms';
import { formatMark, PROPOSAL_COLORS, PROPOSAL_LABELS, ruleLabel } from '../evaluations/queries';

type TCaseEvaluations = InferResponseType<(typeof api)['jury-cases'][':id']['evaluations']['$get'], 200>;
type TOralAssessment = TCaseEvaluations['oral']['assessments'][number];
type TReadingRecord = TOralAssessment['history'][number];
type TOutcome = TOralAssessment['outcome'];

export const juryCaseEvaluationsQuery = (id: string) =>
  queryOptions({ queryKey: ['jury-case', id, 'evaluations'], queryFn: () => unwrap(api['jury-cases'][':id'].evaluations.$get({ param: { id } })) });

const READING_LABELS: Record<number, string> = { 1: '1re lecture', 2: '2e lecture', 3: '3e lecture' };

function valueText(scale: TOralAssessment['scale'], r: { mark: number | null; passed: boolean | null }): string {
  if (scale.kind === 'pass_fail') return r.passed === null ? '—' : r.passed ? 'Acquis' : 'Non acquis';
  return r.mark === null ? '—' : `${formatMark(r.mark)}/20`;
}

function outcomeText(scale: TOralAssessment['scale'], o: TOutcome, double: boolean): string {
  if (o.status === 'final') return `${valueText(scale, o)}${double && o.gap !== null ? ` (écart entre les lectures : ${formatMark(o.gap)} point·s)` : ''}`;
  if (o.status === 'third_reading') return `Troisième lecture attendue${o.gap !== null ? ` : ${formatMark(o.gap)} points d’écart` : ''}`;
  return double ? 'En attente des deux lectures' : 'Pas encore notée';
}

export function JuryCaseEvaluations({ caseId }: { caseId: string }) {
  const { data, error, isPending } = useQuery(juryCaseEvaluationsQuery(caseId));
  if (isPending) return <PageLoader label="Chargement des notes…" />;
  if (error) return <ErrorAlert error={error} title="Impossible de charger les notes du dossier" />;
  const nothingYet = data.blocs.every((b) => b.assessments.every((a) => a.outcome.status === 'pending')) && data.oral.assessments.every((a) => a.readings.length === 0);
  return (
    <Stack gap="lg">
      <Text size="sm">
        Voie : {data.route.label}
        {data.route.accessRoutes.length > 0 ? ` (${data.route.accessRoutes.join(', ').toLowerCase()})` : ''}.
      </Text>
      {data.hasPlan && (
        <Stack gap="sm" component="section" aria-labelledby="jury-case-oral">
          <Title order={2} size="h3" id="jury-case-oral">
            Notation de la soutenance
          </Title>
          <Text size="sm">{data.oral.note}</Text>
          {data.permissions.reason && (
            <Alert color="gray" icon={<IconLock size={18} aria-hidden />} title="Fiche de notation fermée">
              {data.permissions.reason}
            </Alert>
          )}
          {data.oral.assessments.map((a) => (
            <OralCard key={a.id} caseId={caseId} assessment={a} canMark={data.permissions.mark} />
          ))}
        </Stack>
      )}
      <Stack gap="sm" component="section" aria-labelledby="jury-case-marks">
        <Title order={2} size="h3" id="jury-case-marks">
          Notes par bloc
        </Title>
        {!data.hasPlan ? (
          <EmptyResult title="Pas de plan d’évaluation">La version {data.versionCode} ne décrit pas de plan d’évaluation.</EmptyResult>
        ) : (
          <>
            <Text size="sm">Toutes les notes de l’auditeur·rice dans la promotion, publiées ou non : le jury délibère sur elles.</Text>
            {nothingYet && <EmptyResult title="Aucune note pour le moment">Aucune épreuve de ce dossier n’est encore notée.</EmptyResult>}
            {data.blocs.map((b) => (
              <Card key={b.code} withBorder>
                <Group justify="space-between" align="flex-start">
                  <div>
                    <Title order={3} size="h4">
                      {b.code} — {b.title}
                    </Title>
                    <Text size="xs">Règle : {ruleLabel(b.rule)}</Text>
                  </div>
                  <Badge color={PROPOSAL_COLORS[b.proposal.status]} variant="light" tt="none">
                    {PROPOSAL_LABELS[b.proposal.status]}
                    {b.proposal.average !== null ? ` · ${formatMark(b.proposal.average)}/20` : ''}
                  </Badge>
                </Group>
                <Table mt="sm" aria-label={`Notes du bloc ${b.code}`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Épreuve</Table.Th>
                      <Table.Th scope="col">Résultat</Table.Th>
                      <Table.Th scope="col">Publiée à l’auditeur·rice</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {b.assessments.map((a) => (
                      <Table.Tr key={a.id}>
                        <Table.Td>{a.label}</Table.Td>
                        <Table.Td>{outcomeText(a.scale, a.outcome, false)}</Table.Td>
                        <Table.Td>{a.released ? 'Oui' : 'Non'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {b.proposal.status === 'not_validated' && b.proposal.reasons.length > 0 && (
                  <List size="xs" mt="xs">
                    {b.proposal.reasons.map((r) => (
                      <List.Item key={r}>{r}</List.Item>
                    ))}
                  </List>
                )}
              </Card>
            ))}
          </>
        )}
      </Stack>
    </Stack>
  );
}

function OralCard({ caseId, assessment: a, canMark }: { caseId: string; assessment: TOralAssessment; canMark: boolean }) {
  const double = a.marking.mode === 'double';
  return (
    <Card withBorder component="section" aria-label={`Notation — ${a.label}`}>
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4">
            {a.label}
          </Title>
          <Text size="xs">
            {a.scale.kind === 'mark20' ? `Note sur 20, reçue à partir de ${formatMark(a.scale.passMark)}` : 'Acquis / non acquis'}
            {a.marking.mode === 'double'
              ? ` · deux membres du jury notent chacun une lecture ; au-delà de ${formatMark(a.marking.thirdReadingThreshold)} points d’écart, un troisième tranche`
              : ' · une note pour le jury'}
            .
          </Text>
        </div>
        <Text size="sm" fw={600}>
          Résultat : {outcomeText(a.scale, a.outcome, double)}
        </Text>
        {a.readings.length > 0 && <ReadingsTable caption={`Lectures en vigueur — ${a.label}`} assessment={a} rows={a.readings} />}
        {canMark &&
          (a.next.reading === null ? (
            <Alert color="blue" icon={<IconInfoCircle size={18} aria-hidden />}>
              {a.next.message}
            </Alert>
          ) : (
            <OralForm key={`${a.id}-${a.next.reading}-${a.next.current?.id ?? 'new'}`} caseId={caseId} assessment={a} />
          ))}
        {a.history.length > a.readings.length && <ReadingsTable caption={`Historique des saisies — ${a.label}`} assessment={a} rows={a.history} withReason />}
      </Stack>
    </Card>
  );
}

function ReadingsTable({ caption, assessment: a, rows, withReason = false }: { caption: string; assessment: TOralAssessment; rows: TReadingRecord[]; withReason?: boolean }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label={caption} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Lecture</Table.Th>
            <Table.Th scope="col">Note</Table.Th>
            <Table.Th scope="col">Commentaire</Table.Th>
            {withReason && <Table.Th scope="col">Motif du changement</Table.Th>}
            <Table.Th scope="col">Saisie par</Table.Th>
            <Table.Th scope="col">Le</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{READING_LABELS[r.reading] ?? r.reading}</Table.Td>
              <Table.Td>
                {valueText(a.scale, r)}
                {r.levels && a.rubric && (
                  <Text size="xs">
                    {a.rubric.criteria.map((c) => `${c.label} : ${a.rubric!.levels.find((l) => l.id === r.levels![c.id])?.label ?? '—'}`).join(' · ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{r.comment ?? '—'}</Table.Td>
              {withReason && <Table.Td>{r.reason ?? '—'}</Table.Td>}
              <Table.Td>
                {r.by.name}
                {!r.fromJury && <Text size="xs">(correcteur·rice désigné·e)</Text>}
              </Table.Td>
              <Table.Td>{formatDateTime(r.at)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

type TOralValues = { mark: string; passed: string; levels: Record<string, string | null>; comment: string; reason: string };

function OralForm({ caseId, assessment: a }: { caseId: string; assessment: TOralAssessment }) {
  const queryClient = useQueryClient();
  const current = a.next.current;
  const rubric = a.rubric;
  const form = useForm<TOralValues>({
    initialValues: {
      mark: current?.mark !== null && current?.mark !== undefined ? formatMark(current.mark) : '',
      passed: current?.passed === null || current?.passed === undefined ? '' : current.passed ? 'acquis' : 'non_acquis',
      levels: Object.fromEntries((rubric?.criteria ?? []).map((c) => [c.id, current?.levels?.[c.id] ?? null])),
      comment: current?.comment ?? '',
      reason: '',
    },
  });
  const save = useMutation({
    mutationFn: (v: TOralValues) =>
      unwrap(
        api['jury-cases'][':id']['oral-marks'].$post({
          param: { id: caseId },
          json: {
            assessmentId: a.id,
            ...(rubric
              ? { levels: Object.fromEntries(Object.entries(v.levels).filter((e): e is [string, string] => Boolean(e[1]))) }
              : a.scale.kind === 'pass_fail'
                ? { passed: v.passed === '' ? null : v.passed === 'acquis' }
                : { mark: v.mark.trim() === '' ? null : Number(v.mark.replace(',', '.').trim()) }),
            comment: v.comment.trim() || null,
            reason: v.reason.trim() || null,
          },
        }),
      ),
    onSuccess: (res) => {
      queryClient.setQueryData(juryCaseEvaluationsQuery(caseId).queryKey, res.evaluations);
      notifySuccess(res.written ? `Note enregistrée (${READING_LABELS[res.reading]?.toLowerCase()}).` : 'Rien n’a changé : la note et le commentaire sont ceux déjà enregistrés.');
    },
    onError: (e) => applyErrors(form, e, ['mark', 'passed', 'levels', 'comment', 'reason']),
  });
  const rubricTotal = rubric
    ? rubric.criteria.every((c) => form.values.levels[c.id])
      ? rubric.criteria.reduce((s, c) => s + (rubric.levels.find((l) => l.id === form.values.levels[c.id])?.points ?? 0), 0)
      : null
    : null;
  const readingLabel = READING_LABELS[a.next.reading ?? 1]!;
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} aria-label={`Fiche de notation — ${a.label}`} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {a.marking.mode === 'double' ? `Vous saisissez la ${readingLabel}. ` : ''}
          {current ? `Note déjà saisie par ${current.by.name} le ${formatDateTime(current.at)} : la changer demande un motif, l’ancienne reste dans l’historique.` : 'Aucune note saisie pour le moment.'}
        </Text>
        {rubric ? (
          <>
            {rubric.criteria.map((c) => (
              <Select
                key={c.id}
                label={c.label}
                required
                data={rubric.levels.map((l) => ({ value: l.id, label: `${l.label} (${formatMark(l.points)} point·s)` }))}
                {...form.getInputProps(`levels.${c.id}`)}
              />
            ))}
            <Text size="sm">Note de la grille : {rubricTotal === null ? 'choisissez un niveau pour chaque critère' : `${formatMark(rubricTotal)}/20`}</Text>
          </>
        ) : a.scale.kind === 'pass_fail' ? (
          <Radio.Group label="Résultat" required {...form.getInputProps('passed')}>
            <Group mt={4}>
              <Radio value="acquis" label="Acquis" />
              <Radio value="non_acquis" label="Non acquis" />
            </Group>
          </Radio.Group>
        ) : (
          <TextInput label="Note sur 20" description="Deux décimales au plus, par exemple 13,5" inputMode="decimal" required w={220} {...form.getInputProps('mark')} />
        )}
        <Textarea label="Commentaire" description="Ce que le jury retient de la soutenance" autosize minRows={3} maxLength={4000} {...form.getInputProps('comment')} />
        {current && <Textarea label="Motif du changement" required autosize minRows={2} maxLength={1000} {...form.getInputProps('reason')} />}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {current ? 'Enregistrer la nouvelle note' : 'Enregistrer la note'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
