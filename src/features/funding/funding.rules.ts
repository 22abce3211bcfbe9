/**
 * Money rules, pure and in integer cents: which price applies, how a total is shared between payers
 * (largest remainder: the shares add up to the total to the cent), the payment schedule.
 */
import { formatCents } from '../../lib/format.js';
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

/**
 * A payer's share as entered: an amount in cents, a fraction of the total (« 1/3 »), or a whole
 * percentage (`weight`, the former input). Exactly one of the three.
 */
export type TShareInput = { amountCents?: number; fraction?: string; weight?: number };
export type TShareIssue = { path: string; message: string };

const FRACTION = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/;

/** « 1/3 » → [1, 3]; null when it is not a fraction between 0 (excluded) and 1 (included). */
export function parseFraction(text: string): [number, number] | null {
  const m = FRACTION.exec(text);
  if (!m) return null;
  const [n, d] = [Number(m[1]), Number(m[2])];
  return n >= 1 && d >= 1 && n <= d ? [n, d] : null;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** The part of the total a relative share stands for, as a fraction [numerator, denominator]. */
const relativePart = (s: TShareInput): [bigint, bigint] | null =>
  s.fraction !== undefined ? (parseFraction(s.fraction)?.map(BigInt) as [bigint, bigint] | undefined) ?? null : s.weight !== undefined ? [BigInt(s.weight), 100n] : null;

/**
 * Each payer's share of `total` cents, exact to the cent: amounts are taken as entered; fractions
 * and percentages are parts of the total, and share what the amounts leave by largest remainder (so
 * three thirds of 10 005,00 € are 3 335,00 € each, and 1/3 of 10,00 € gives 3,34 + 3,33 + 3,33).
 * Refused, naming the payer line (`payers[i]…`): amounts alone that do not add up to the total;
 * amounts and parts that do not make the total (to the cent); parts over the whole.
 */
export function resolveShares(total: number, payers: readonly TShareInput[], label: (i: number) => string = (i) => `financeur ${i + 1}`): { shares: number[] } | { issues: TShareIssue[] } {
  const fixed = payers.reduce((s, p) => s + (p.amountCents ?? 0), 0);
  const parts = payers.map(relativePart);
  const relative = parts.flatMap((p, i) => (p ? [{ i, p }] : []));
  const lastAmount = payers.map((p, i) => (p.amountCents !== undefined ? i : -1)).filter((i) => i >= 0).at(-1);
  if (relative.length === 0) {
    if (fixed === total) return { shares: payers.map((p) => p.amountCents ?? 0) };
    const i = lastAmount ?? payers.length - 1;
    const balancing = (payers[i]!.amountCents ?? 0) + total - fixed;
    const gap = fixed < total ? `il manque ${formatCents(total - fixed)}` : `${formatCents(fixed - total)} de trop`;
    return {
      issues: [
        {
          path: `payers[${i}].amountCents`,
          message: `Les montants des financeurs totalisent ${formatCents(fixed)} pour un total de ${formatCents(total)} (${gap})${balancing > 0 ? ` : le ${label(i)} devrait payer ${formatCents(balancing)}` : ''}.`,
        },
      ],
    };
  }
  // Sum of the parts, p/q, reduced.
  let p = 0n;
  let q = 1n;
  for (const { p: [n, d] } of relative) {
    p = p * d + n * q;
    q = q * d;
    const g = gcd(p, q);
    p /= g;
    q /= g;
  }
  const rest = total - fixed;
  // The parts must stand for what the amounts leave, to less than a cent: |rest − total × p/q| < 1.
  const gapTimesQ = BigInt(rest) * q - BigInt(total) * p;
  if (rest < 0 || gapTimesQ >= q || -gapTimesQ >= q) {
    const i = relative.at(-1)!.i;
    const what = fixed > 0 ? `Les montants (${formatCents(fixed)}) et les parts (${p}/${q} du total)` : `Les parts des financeurs (${p}/${q})`;
    return {
      issues: [{ path: `payers[${i}].${payers[i]!.fraction !== undefined ? 'fraction' : 'weight'}`, message: `${what} ne font pas le total de ${formatCents(total)} : corrigez la part du ${label(i)} ou celles des autres.` }],
    };
  }
  // Common denominator: each part as an integer weight.
  const lcm = relative.reduce((l, { p: [, d] }) => (l * d) / gcd(l, d), 1n);
  const split = splitByLargestRemainder(rest, relative.map(({ p: [n, d] }) => Number((n * lcm) / d)));
  const shares = payers.map((s) => s.amountCents ?? 0);
  relative.forEach(({ i }, k) => (shares[i] = split[k]!));
  return { shares };
}
