/** Funding of an accepted application: payers and shares (an amount, a fraction or a percentage), optional module, schedule; quote and agreement PDFs. */
import { ActionIcon, Button, Checkbox, Group, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fileHref, files, unwrap } from '../../lib/api';
import { applyErrors, notifySuccess } from '../../lib/forms';
import { formatDate, formatEuros } from '../../lib/format';
import { FUNDING_INTENTS, labelOf, type TApplication } from './labels';

type TPayerKind = 'employer' | 'opco' | 'cpf' | 'personal' | 'other';
type TShareMode = 'amount' | 'fraction' | 'weight';

const SHARE_MODES: { value: TShareMode; label: string }[] = [
  { value: 'amount', label: 'Montant (€)' },
  { value: 'fraction', label: 'Fraction du total' },
  { value: 'weight', label: 'Pourcentage' },
];

/**
 * One payer line of the form. The share's inputs carry the API's field names, so that a refusal
 * (`payers[2].amountCents`) lands on its input; `amountCents` holds the euros typed.
 */
type TPayerRow = { kind: string; name: string; mode: TShareMode; amountCents: number | ''; fraction: string; weight: number | '' };
const payerRow = (kind: string, name: string, mode: TShareMode = 'weight', weight: number | '' = ''): TPayerRow => ({ kind, name, mode, amountCents: '', fraction: '', weight });

function shareOf(p: TPayerRow) {
  if (p.mode === 'amount') return { amountCents: Math.round(Number(p.amountCents) * 100) };
  if (p.mode === 'fraction') return { fraction: p.fraction.trim() };
  return { weight: Number(p.weight) };
}

export function FundingPanel({ application }: { application: TApplication }) {
  const queryClient = useQueryClient();
  // From the API's policy for this file: never offered on one's own file, another centre's, or after a declared conflict.
  const canManage = application.permissions.fund;
  const funding = useQuery({ queryKey: ['funding', application.id], queryFn: () => unwrap(api.applications[':id'].funding.$get({ param: { id: application.id } })) });
  const intent = (application.fundingIntent ?? 'employer') as TPayerKind;
  const form = useForm({
    initialValues: {
      payers: [payerRow(intent, intent === 'personal' ? `${application.firstName} ${application.lastName}` : '', 'weight', 100)],
      cooperativeModule: false,
      instalments: 1 as number | '',
      firstDueOn: application.cohort?.startsOn ?? '',
      monthsApart: 1 as number | '',
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      unwrap(
        api.applications[':id'].funding.$put({
          param: { id: application.id },
          json: {
            payers: v.payers.map((p) => ({ kind: p.kind as TPayerKind, name: p.name, ...shareOf(p) })),
            cooperativeModule: v.cooperativeModule,
            instalments: Number(v.instalments),
            firstDueOn: v.firstDueOn,
            monthsApart: Number(v.monthsApart),
          },
        }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(['funding', application.id], data);
      notifySuccess('Financement établi : le devis et la convention sont prêts.');
    },
    onError: (e) => applyErrors(form, e, ['payers', 'cooperativeModule', 'instalments', 'firstDueOn', 'monthsApart']),
  });

  const plan = funding.data?.plan;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Financement, devis et convention
        </Title>
        {funding.data && (
          <Text size="sm">
            Grille de la promotion : {funding.data.grid.map((l) => `${l.label} ${formatEuros(l.amountCents)}${l.period === 'year' ? ' par an' : ''}`).join(' · ')}
          </Text>
        )}
        {plan && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Devis n° {plan.quoteNumber} — total {formatEuros(plan.totalCents)} ({plan.priceLabel}
              {plan.cooperativeModule ? ` + module optionnel ${formatEuros(plan.cooperativeModuleCents)}` : ''})
            </Text>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Financeur</Table.Th>
                  <Table.Th>Nature</Table.Th>
                  <Table.Th ta="right">Part</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.payers.map((p, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td>{labelOf(FUNDING_INTENTS, p.kind)}</Table.Td>
                    <Table.Td ta="right">{formatEuros(p.shareCents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="sm">Échéancier : {plan.schedule.map((s) => `${formatDate(s.dueOn)} ${formatEuros(s.amountCents)}`).join(' · ')}</Text>
            <Group>
              <Button component="a" href={fileHref(files.applications[':id']['quote.pdf'].$url({ param: { id: application.id } }))} variant="default">
                Devis (PDF)
              </Button>
              <Button component="a" href={fileHref(files.applications[':id']['agreement.pdf'].$url({ param: { id: application.id } }))} variant="default">
                Convention de formation (PDF)
              </Button>
            </Group>
          </Stack>
        )}
        {canManage && (
          <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
            <Stack gap="xs">
              {form.values.payers.map((_, i) => (
                <Group key={i} align="flex-end" wrap="wrap">
                  <Select label={`Nature du financeur ${i + 1}`} data={[...FUNDING_INTENTS]} allowDeselect={false} w={200} {...form.getInputProps(`payers.${i}.kind`)} />
                  <TextInput label="Nom du financeur" w={260} {...form.getInputProps(`payers.${i}.name`)} />
                  <Select label={`Part du financeur ${i + 1}`} data={SHARE_MODES} allowDeselect={false} w={180} {...form.getInputProps(`payers.${i}.mode`)} />
                  {form.values.payers[i]!.mode === 'amount' && (
                    <NumberInput label="Montant (€)" min={0} decimalScale={2} fixedDecimalScale decimalSeparator="," thousandSeparator={'\u00a0'} w={150} {...form.getInputProps(`payers.${i}.amountCents`)} />
                  )}
                  {form.values.payers[i]!.mode === 'fraction' && (
                    <TextInput label="Fraction" description="par exemple 1/3" placeholder="1/3" w={130} {...form.getInputProps(`payers.${i}.fraction`)} />
                  )}
                  {form.values.payers[i]!.mode === 'weight' && <NumberInput label="Part (%)" min={1} max={100} w={110} {...form.getInputProps(`payers.${i}.weight`)} />}
                  <ActionIcon variant="default" size="lg" aria-label={`Retirer le financeur ${i + 1}`} onClick={() => form.removeListItem('payers', i)} disabled={form.values.payers.length === 1}>
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              ))}
              {form.errors.payers && (
                <Text size="sm" c="red.8" role="alert">
                  {form.errors.payers}
                </Text>
              )}
              <Button variant="default" w="fit-content" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem('payers', payerRow('employer', '', form.values.payers[0]?.mode ?? 'weight'))}>
                Ajouter un financeur
              </Button>
              <Checkbox label={`Module optionnel : ${funding.data?.cooperativeModule.title ?? ''}`} {...form.getInputProps('cooperativeModule', { type: 'checkbox' })} />
              <Group align="flex-end" wrap="wrap">
                <NumberInput label="Nombre d'échéances" min={1} max={24} w={170} {...form.getInputProps('instalments')} />
                <TextInput label="Première échéance" type="date" {...form.getInputProps('firstDueOn')} />
                <NumberInput label="Mois entre deux échéances" min={1} max={12} w={200} {...form.getInputProps('monthsApart')} />
              </Group>
              <Button type="submit" loading={save.isPending} w="fit-content">
                {plan ? 'Mettre à jour le financement' : 'Établir le financement'}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
