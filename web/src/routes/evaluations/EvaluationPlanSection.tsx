/**
 * « Plan d’évaluation » on a version's page (decision 024): each bloc's assessments with their scale,
 * markers and the seed's words, the mémoire's rubric, the rule that validates the bloc (the file's
 * default, or the responsable's setting with its history), and — for a responsable — the form to change it.
 */
import { Badge, Blockquote, Button, Card, Group, List, NativeSelect, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert, PageLoader } from '../../components/states';
import { api, unwrap } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { applyErrors, notifySuccess } from '../../lib/forms';
import { formatMark, planQuery, ruleLabel, type TPlan } from './queries';

type TBloc = TPlan['blocs'][number];

export function EvaluationPlanSection({ code }: { code: string }) {
  const { data, error, isPending } = useQuery({ ...planQuery(code), retry: false });
  if (isPending) return <PageLoader label="Chargement du plan d’évaluation…" />;
  if (error) return <ErrorAlert error={error} title="Plan d’évaluation" />;
  const byId = new Map(data.assessments.map((a) => [a.id, a]));
  return (
    <Card withBorder component="section" id="evaluation" aria-labelledby="evaluation-title">
      <Stack gap="md">
        <Title order={2} id="evaluation-title">
          Plan d’évaluation
        </Title>
        <Blockquote p="xs" cite={`Source ${data.source.seed}`}>
          <Text size="sm">{data.source.quote}</Text>
        </Blockquote>
        <Text size="sm" c="dimmed">
          {data.defaultRule.note}
        </Text>
        {data.blocs.map((b) => (
          <Card key={b.code} withBorder>
            <Stack gap="xs">
              <Title order={3} size="h4">
                {b.code} — {b.title}
              </Title>
              <Table aria-label={`Épreuves du bloc ${b.code}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Épreuve</Table.Th>
                    <Table.Th>Barème</Table.Th>
                    <Table.Th>Correction</Table.Th>
                    <Table.Th>Source</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {b.assessmentIds.map((id) => {
                    const a = byId.get(id)!;
                    return (
                      <Table.Tr key={id}>
                        <Table.Td>
                          {a.label}
                          {a.blocs.length > 1 && (
                            <Badge ml="xs" size="xs" variant="light">
                              transversale
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{a.scale.kind === 'mark20' ? `/20, reçu à ${formatMark(a.scale.passMark)}` : 'acquis / non acquis'}</Table.Td>
                        <Table.Td>{a.marking.mode === 'double' ? `double (3e lecture au-delà de ${formatMark(a.marking.thirdReadingThreshold)} points)` : 'simple'}</Table.Td>
                        <Table.Td>
                          <Text size="xs">
                            {a.source.seed} : « {a.source.quote} »
                          </Text>
                          {a.note && (
                            <Text size="xs" c="dimmed">
                              {a.note}
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              <BlocRule code={code} bloc={b} canChange={data.permissions.changeRules} />
            </Stack>
          </Card>
        ))}
        {data.rubrics.map((r) => (
          <Card key={r.id} withBorder>
            <Title order={3} size="h4">
              Grille : {r.label}
            </Title>
            <Text size="sm">Critères : {r.criteria.map((c) => c.label).join(', ')}.</Text>
            <Text size="sm">Niveaux : {r.levels.map((l) => `${l.label} (${formatMark(l.points)} pt)`).join(', ')}.</Text>
            {r.note && (
              <Text size="xs" c="dimmed">
                {r.note}
              </Text>
            )}
          </Card>
        ))}
      </Stack>
    </Card>
  );
}

function BlocRule({ code, bloc, canChange }: { code: string; bloc: TBloc; canChange: boolean }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [kind, setKind] = useState<'weighted_average' | 'all_passed'>(bloc.rule.kind);
  const [passMark, setPassMark] = useState<number | string>(bloc.rule.kind === 'weighted_average' ? bloc.rule.passMark : 10);
  const [eliminatory, setEliminatory] = useState<number | string>(bloc.rule.kind === 'weighted_average' && bloc.rule.eliminatoryBelow !== null ? bloc.rule.eliminatoryBelow : '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.certifications[':code']['evaluation-plan'].blocs[':blocCode'].rule.$put({
          param: { code, blocCode: bloc.code },
          json: {
            rule: kind === 'all_passed' ? { kind } : { kind, passMark: Number(passMark), eliminatoryBelow: eliminatory === '' ? null : Number(eliminatory) },
            reason,
          },
        }),
      ),
    onSuccess: (res) => {
      queryClient.setQueryData(planQuery(code).queryKey, res);
      notifySuccess('Règle du bloc enregistrée.');
      setEditing(false);
      setReason('');
    },
    onError: (e) => {
      setErrors({});
      applyErrors({ setFieldError: (path: string, message: string) => setErrors((x) => ({ ...x, [path]: message })) }, e);
    },
  });
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          Règle de validation : {ruleLabel(bloc.rule)}
        </Text>
        <Badge size="sm" variant="light" color={bloc.isDefault ? 'gray' : 'blue'}>
          {bloc.isDefault ? 'par défaut' : 'fixée par le·la responsable'}
        </Badge>
        {canChange && !editing && (
          <Button size="compact-sm" variant="subtle" onClick={() => setEditing(true)} aria-label={`Changer la règle du bloc ${bloc.code}`}>
            Changer
          </Button>
        )}
      </Group>
      {bloc.history.length > 0 && (
        <List size="xs">
          {bloc.history.map((h) => (
            <List.Item key={h.setAt}>
              {formatDateTime(h.setAt)}, {h.setBy.name} : {ruleLabel(h.rule)} — {h.reason}
            </List.Item>
          ))}
        </List>
      )}
      {editing && (
        <Stack gap="xs" maw={520}>
          <NativeSelect
            label="Règle"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as typeof kind)}
            data={[
              { value: 'weighted_average', label: 'Moyenne pondérée des notes sur 20' },
              { value: 'all_passed', label: 'Chaque épreuve réussie' },
            ]}
          />
          {kind === 'weighted_average' && (
            <Group grow>
              <NumberInput label="Moyenne requise (/20)" min={0} max={20} step={0.5} decimalSeparator="," value={passMark} onChange={setPassMark} error={errors['rule.passMark']} />
              <NumberInput label="Note éliminatoire (/20, facultative)" min={0} max={20} step={0.5} decimalSeparator="," value={eliminatory} onChange={setEliminatory} error={errors['rule.eliminatoryBelow']} />
            </Group>
          )}
          <TextInput label="Motif" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              Enregistrer la règle
            </Button>
            <Button variant="default" onClick={() => setEditing(false)}>
              Annuler
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
