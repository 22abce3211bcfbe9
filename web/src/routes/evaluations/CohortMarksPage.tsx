/**
 * /evaluations/$id: a promotion's marks (decision 024). One grid, learners × assessments, for the reading
 * chosen above it: a marker types the marks of the assessments they mark (Tab across, Entrée down),
 * then saves them all at once — one transaction, every bad cell named, nothing half-written. Each cell
 * shows its result (the mean of two readings, « 3e lecture » past the threshold). The responsable names
 * the markers and releases an assessment's marks; the « Blocs » tab shows each bloc's proposal.
 */
import { Alert, Badge, Button, Group, List, Modal, MultiSelect, NativeSelect, SegmentedControl, Stack, Table, Tabs, Text, TextInput, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconHistory, IconSend, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert, PageLoader } from '../../components/states';
import { api, ApiError, unwrap, type TIssue } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/forms';
import { cohortQuery } from '../cohorts/queries';
import { cohortMarksQuery, formatMark, historyQuery, PROPOSAL_COLORS, PROPOSAL_LABELS, type TAssessmentColumn, type TCohortMarks } from './queries';

type TReading = 1 | 2 | 3;
const key = (learnerId: string, assessmentId: string) => `${learnerId}|${assessmentId}`;

/** Whether the viewer types this column's marks for this reading. */
function editable(a: TAssessmentColumn, reading: TReading): boolean {
  if (a.marking.mode === 'single') return reading === 1 && a.myRoles.includes('marker');
  if (reading === 3) return a.myRoles.length > 0;
  return a.myRoles.includes('marker');
}

function currentValue(grid: TCohortMarks, learnerId: string, a: TAssessmentColumn, reading: TReading): string {
  const r = grid.cells.find((c) => c.learnerId === learnerId && c.assessmentId === a.id)?.readings.find((x) => x.reading === reading);
  if (!r) return '';
  if (a.scale.kind === 'pass_fail') return r.passed === null ? '' : r.passed ? 'acquis' : 'non_acquis';
  return r.mark === null ? '' : formatMark(r.mark);
}

export function CohortMarksPage() {
  const { id } = useParams({ from: '/_app/evaluations/$id' });
  const { data, error, isPending } = useQuery(cohortMarksQuery(id));
  if (isPending) return <PageLoader label="Chargement des notes…" />;
  if (error) return <ErrorAlert error={error} />;
  return (
    <Stack gap="md">
      <AnchorLink to="/evaluations">← Toutes les promotions</AnchorLink>
      <PageHeader title={`Notes — ${data.cohort.name}`} description={`Plan d’évaluation de ${data.cohort.versionCode}`} />
      <Tabs defaultValue="grid" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="grid">Saisie des notes</Tabs.Tab>
          <Tabs.Tab value="blocs">Blocs</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="grid" pt="md">
          <MarksGrid cohortId={id} grid={data} />
        </Tabs.Panel>
        <Tabs.Panel value="blocs" pt="md">
          <BlocsTable grid={data} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function MarksGrid({ cohortId, grid }: { cohortId: string; grid: TCohortMarks }) {
  const queryClient = useQueryClient();
  const [reading, setReading] = useState<TReading>(1);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [issues, setIssues] = useState<TIssue[]>([]);
  const [markersOf, setMarkersOf] = useState<TAssessmentColumn | null>(null);
  const [historyOf, setHistoryOf] = useState<{ learnerId: string; learnerName: string; a: TAssessmentColumn } | null>(null);
  const valueOf = (learnerId: string, a: TAssessmentColumn) => draft[key(learnerId, a.id)] ?? currentValue(grid, learnerId, a, reading);
  const changed = useMemo(
    () =>
      grid.learners.flatMap((l) =>
        grid.assessments
          .filter((a) => editable(a, reading))
          .filter((a) => draft[key(l.id, a.id)] !== undefined && draft[key(l.id, a.id)] !== currentValue(grid, l.id, a, reading) && draft[key(l.id, a.id)] !== '')
          .map((a) => ({ learnerId: l.id, a, value: draft[key(l.id, a.id)]! })),
      ),
    [draft, grid, reading],
  );
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.cohorts[':id'].evaluations.marks.$post({
          param: { id: cohortId },
          json: {
            cells: changed.map(({ learnerId, a, value }) => ({
              learnerId,
              assessmentId: a.id,
              reading,
              ...(a.scale.kind === 'pass_fail' ? { passed: value === 'acquis' } : { mark: Number(value.replace(',', '.').trim()) }),
              reason: reason.trim() || null,
            })),
          },
        }),
      ),
    onSuccess: (res) => {
      queryClient.setQueryData(cohortMarksQuery(cohortId).queryKey, res.grid);
      setDraft({});
      setReason('');
      setIssues([]);
      notifySuccess(`${res.written} note(s) enregistrée(s).`);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.issues.length) setIssues(e.issues);
      else {
        setIssues([]);
        notifyError(e);
      }
    },
  });
  const release = useMutation({
    mutationFn: (assessmentId: string) => unwrap(api.cohorts[':id'].evaluations.releases.$post({ param: { id: cohortId }, json: { assessmentId } })),
    onSuccess: (res) => {
      queryClient.setQueryData(cohortMarksQuery(cohortId).queryKey, res);
      notifySuccess('Notes publiées aux auditeur·rices.');
    },
    onError: (e) => notifyError(e),
  });
  const issueAt = (row: number) => issues.filter((i) => i.path === `cells.${row}` || i.path.startsWith(`cells.${row}.`));
  const rowIndexOf = (learnerId: string, assessmentId: string) => changed.findIndex((c) => c.learnerId === learnerId && c.a.id === assessmentId);
  const hasDouble = grid.assessments.some((a) => a.marking.mode === 'double');
  const columns = grid.assessments;

  /** Entrée moves down the column, as in a spreadsheet. */
  const onKeyDown = (event: React.KeyboardEvent, row: number, col: number) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    document.querySelector<HTMLElement>(`[data-cell="${row + 1}-${col}"]`)?.focus();
  };

  return (
    <Stack gap="md">
      {hasDouble && (
        <Group gap="sm">
          <Text size="sm" id="reading-label">
            Lecture saisie :
          </Text>
          <SegmentedControl
            aria-labelledby="reading-label"
            value={String(reading)}
            onChange={(v) => {
              setReading(Number(v) as TReading);
              setDraft({});
              setIssues([]);
            }}
            data={[
              { value: '1', label: '1re lecture' },
              { value: '2', label: '2e lecture' },
              { value: '3', label: '3e lecture' },
            ]}
          />
        </Group>
      )}
      {issues.length > 0 && (
        <Alert color="red" icon={<IconAlertTriangle size={18} aria-hidden />} title="Rien n’a été enregistré : corrigez ces cases">
          <List size="sm">
            {issues.map((i) => (
              <List.Item key={`${i.path}-${i.message}`}>{i.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Table.ScrollContainer minWidth={600}>
        <Table withTableBorder withColumnBorders striped stickyHeader aria-label="Notes de la promotion">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Auditeur·rice</Table.Th>
              {columns.map((a) => (
                <Table.Th key={a.id} scope="col" style={{ minWidth: 150 }}>
                  <Stack gap={2}>
                    <Text size="sm" fw={600}>
                      {a.label}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {a.scale.kind === 'mark20' ? `/20, reçu à ${formatMark(a.scale.passMark)}` : 'acquis / non acquis'}
                      {a.marking.mode === 'double' ? ` · double correction (écart > ${formatMark(a.marking.thirdReadingThreshold)} : 3e lecture)` : ''}
                    </Text>
                    <Text size="xs">{a.markers.length ? a.markers.map((m) => `${m.name}${m.role === 'third_reader' ? ' (3e lecture)' : ''}`).join(', ') : 'Aucun·e correcteur·rice'}</Text>
                    <Group gap={4}>
                      {a.released ? (
                        <Tooltip label={`Publiées le ${formatDateTime(a.released.at)} par ${a.released.by.name}`}>
                          <Badge color="green" variant="light">
                            Publiées
                          </Badge>
                        </Tooltip>
                      ) : (
                        <Badge color="gray" variant="light">
                          Non publiées
                        </Badge>
                      )}
                      {grid.permissions.manage && (
                        <>
                          <Button size="compact-xs" variant="subtle" leftSection={<IconUsers size={14} aria-hidden />} onClick={() => setMarkersOf(a)} aria-label={`Correcteur·rices de « ${a.label} »`}>
                            Correcteurs
                          </Button>
                          {!a.released && (
                            <Button size="compact-xs" variant="subtle" leftSection={<IconSend size={14} aria-hidden />} loading={release.isPending && release.variables === a.id} onClick={() => release.mutate(a.id)} aria-label={`Publier les notes de « ${a.label} »`}>
                              Publier
                            </Button>
                          )}
                        </>
                      )}
                    </Group>
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grid.learners.map((l, row) => (
              <Table.Tr key={l.id}>
                <Table.Th scope="row">{l.name}</Table.Th>
                {columns.map((a, col) => {
                  const cell = grid.cells.find((c) => c.learnerId === l.id && c.assessmentId === a.id);
                  const idx = rowIndexOf(l.id, a.id);
                  const cellIssues = idx >= 0 ? issueAt(idx) : [];
                  const label = `${l.name} — ${a.label}`;
                  const canEdit = editable(a, reading);
                  return (
                    <Table.Td key={a.id}>
                      <Stack gap={2}>
                        {a.scale.kind === 'pass_fail' ? (
                          <NativeSelect
                            size="xs"
                            aria-label={label}
                            data-cell={`${row}-${col}`}
                            disabled={!canEdit}
                            value={valueOf(l.id, a)}
                            onChange={(e) => {
                              const value = e.currentTarget.value;
                              setDraft((d) => ({ ...d, [key(l.id, a.id)]: value }));
                            }}
                            onKeyDown={(e) => onKeyDown(e, row, col)}
                            error={cellIssues[0]?.message ? true : undefined}
                            data={[
                              { value: '', label: '—' },
                              { value: 'acquis', label: 'Acquis' },
                              { value: 'non_acquis', label: 'Non acquis' },
                            ]}
                          />
                        ) : (
                          <TextInput
                            size="xs"
                            aria-label={label}
                            data-cell={`${row}-${col}`}
                            inputMode="decimal"
                            disabled={!canEdit}
                            value={valueOf(l.id, a)}
                            onChange={(e) => {
                              const value = e.currentTarget.value;
                              setDraft((d) => ({ ...d, [key(l.id, a.id)]: value }));
                            }}
                            onKeyDown={(e) => onKeyDown(e, row, col)}
                            error={cellIssues[0]?.message ? true : undefined}
                          />
                        )}
                        {cell && <CellOutcome cell={cell} a={a} onHistory={() => setHistoryOf({ learnerId: l.id, learnerName: l.name, a })} />}
                      </Stack>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {grid.permissions.mark && (
        <Group align="flex-end">
          <TextInput
            label="Motif (obligatoire pour changer une note déjà saisie)"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            style={{ flex: 1, maxWidth: 480 }}
          />
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={changed.length === 0}>
            Enregistrer les notes ({changed.length})
          </Button>
        </Group>
      )}
      {markersOf && <MarkersModal cohortId={cohortId} assessment={markersOf} onClose={() => setMarkersOf(null)} />}
      {historyOf && <HistoryModal cohortId={cohortId} {...historyOf} onClose={() => setHistoryOf(null)} />}
    </Stack>
  );
}

function CellOutcome({ cell, a, onHistory }: { cell: TCohortMarks['cells'][number]; a: TAssessmentColumn; onHistory: () => void }) {
  const o = cell.outcome;
  const text =
    o.status === 'final'
      ? a.scale.kind === 'pass_fail'
        ? o.passed
          ? 'Acquis'
          : 'Non acquis'
        : `Note : ${formatMark(o.mark ?? 0)}`
      : o.status === 'third_reading'
        ? null
        : `${cell.readings.length} lecture sur 2`;
  return (
    <Group gap={4} wrap="nowrap">
      {o.status === 'third_reading' ? (
        <Badge color="orange" variant="light">
          3e lecture (écart {formatMark(o.gap ?? 0)})
        </Badge>
      ) : (
        <Text size="xs">{text}</Text>
      )}
      <Button size="compact-xs" variant="subtle" px={4} onClick={onHistory} aria-label={`Historique — ${a.label}`}>
        <IconHistory size={14} aria-hidden />
      </Button>
    </Group>
  );
}

function MarkersModal({ cohortId, assessment, onClose }: { cohortId: string; assessment: TAssessmentColumn; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { data: cohort } = useQuery(cohortQuery(cohortId));
  const staff = (cohort?.staff ?? []).filter((s) => s.role === 'enseignant' || s.role === 'responsable_pedagogique');
  const options = [...new Map(staff.map((s) => [s.userId, { value: s.userId, label: s.name }])).values()];
  const [markers, setMarkers] = useState(assessment.markers.filter((m) => m.role === 'marker').map((m) => m.id));
  const [third, setThird] = useState(assessment.markers.filter((m) => m.role === 'third_reader').map((m) => m.id));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.cohorts[':id'].evaluations.markers.$put({
          param: { id: cohortId },
          json: { assessmentId: assessment.id, markers: [...markers.map((userId) => ({ userId, role: 'marker' as const })), ...third.map((userId) => ({ userId, role: 'third_reader' as const }))] },
        }),
      ),
    onSuccess: (res) => {
      queryClient.setQueryData(cohortMarksQuery(cohortId).queryKey, res);
      notifySuccess('Correcteur·rices enregistré·es.');
      onClose();
    },
    onError: (e) => notifyError(e),
  });
  return (
    <Modal opened onClose={onClose} title={`Correcteur·rices — ${assessment.label}`}>
      <Stack>
        <MultiSelect label="Correcteur·rices" data={options} value={markers} onChange={setMarkers} searchable />
        {assessment.marking.mode === 'double' && <MultiSelect label="Troisième lecture" data={options} value={third} onChange={setThird} searchable />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Annuler
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            Enregistrer
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function HistoryModal({ cohortId, learnerId, learnerName, a, onClose }: { cohortId: string; learnerId: string; learnerName: string; a: TAssessmentColumn; onClose: () => void }) {
  const { data, error, isPending } = useQuery(historyQuery(cohortId, learnerId, a.id));
  return (
    <Modal opened onClose={onClose} title={`Historique — ${learnerName}, ${a.label}`} size="lg">
      {isPending ? (
        <PageLoader />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : (
        <Table aria-label="Historique des notes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Lecture</Table.Th>
              <Table.Th>Note</Table.Th>
              <Table.Th>Par</Table.Th>
              <Table.Th>Motif</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{formatDateTime(i.at)}</Table.Td>
                <Table.Td>{i.reading}</Table.Td>
                <Table.Td>{i.mark !== null ? `${formatMark(i.mark)}/20` : i.passed ? 'Acquis' : 'Non acquis'}</Table.Td>
                <Table.Td>{i.by.name}</Table.Td>
                <Table.Td>{i.reason ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Modal>
  );
}

function BlocsTable({ grid }: { grid: TCohortMarks }) {
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table withTableBorder striped aria-label="Propositions par bloc">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Auditeur·rice</Table.Th>
            {grid.blocs.map((b) => (
              <Table.Th key={b.code} scope="col">
                <Tooltip label={b.title} multiline w={300}>
                  <span>{b.code}</span>
                </Tooltip>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grid.learners.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Th scope="row">{l.name}</Table.Th>
              {grid.blocs.map((b) => {
                const p = grid.proposals.find((x) => x.learnerId === l.id && x.blocCode === b.code);
                return (
                  <Table.Td key={b.code}>
                    {p && (
                      <Tooltip label={p.reasons.join(' ') || 'Toutes les conditions sont remplies.'} multiline w={320}>
                        <Badge color={PROPOSAL_COLORS[p.status]} variant="light">
                          {PROPOSAL_LABELS[p.status]}
                          {p.average !== null ? ` · ${formatMark(p.average)}` : ''}
                        </Badge>
                      </Tooltip>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
