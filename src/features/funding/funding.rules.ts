/**
 * Money rules, pure and in integer cents: which price applies, how a total is shared between payers
 * (largest remainder: the shares add up to the total to the cent), the payment schedule.
 */
import type { TPriceLine } from '../cohorts/cohorts.tables.js';
import type { TInstalment, TPayerKind } from './funding.tables.js';

/**
 * Splits `total` cents in proportion to `weights` (positive integers): each share is the floor of its
 * exact part, and the cents left go one by one to the largest remainders (ties: first payer first).
 */
export function splitByLargestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new Error(`Montant invalide : ${total}`);
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0 || sum <= 0) throw new Error('Aucune part à répartir.');
  const exact = weights.map((w) => (BigInt(total) * BigInt(w)));
  const floors = exact.map((e) => Number(e / BigInt(sum)));
  const remainders = exact.map((e, i) => ({ i, r: Number(e % BigInt(sum)) }));
  let left = total - floors.reduce((s, f) => s + f, 0);
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of remainders) {
    if (left === 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors;
}

/** A price line of the grid, as the promotion (or, when its grid is empty, the version) states it. */
export type TGridLine = Pick<TPriceLine, 'label' | 'payer' | 'amountCents' | 'period'> & { optional?: boolean };

/** Third parties (employer, OPCO, other) and the CPF pay the full rate; a person paying alone pays the individual rate. */
export function programmePrice(grid: readonly TGridLine[], payers: readonly TPayerKind[]): TGridLine | null {
  const main = grid.filter((l) => !l.optional);
  const allPersonal = payers.length > 0 && payers.every((p) => p === 'personal');
  const wanted: TPriceLine['payer'][] = allPersonal ? ['personal'] : payers.includes('cpf') && payers.every((p) => p === 'cpf' || p === 'personal') ? ['cpf', 'third_party'] : ['third_party', 'cpf', 'agreement'];
  for (const payer of wanted) {
    const line = main.find((l) => l.payer === payer);
    if (line) return line;
  }
  return null;
}

/** The programme amount: a per-year line counts for each year of the programme. */
export const programmeAmount = (line: TGridLine, years: number) => (line.period === 'year' ? line.amountCents * years : line.amountCents);

/** Instalments of equal size (largest remainder), a given number of months apart. */
export function paymentSchedule(total: number, count: number, firstDueOn: string, monthsApart: number): TInstalment[] {
  const amounts = splitByLargestRemainder(total, Array.from({ length: count }, () => 1));
  const [y, m, d] = firstDueOn.split('-').map(Number) as [number, number, number];
  return amounts.map((amountCents, i) => {
    const month = m - 1 + i * monthsApart;
    const date = new Date(Date.UTC(y + Math.floor(month / 12), month % 12, 1));
    const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(d, lastDay));
    return { dueOn: date.toISOString().slice(0, 10), amountCents };
  });
}
