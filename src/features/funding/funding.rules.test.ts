import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paymentSchedule, programmePrice, splitByLargestRemainder, type TGridLine } from './funding.rules.js';

const GRID: TGridLine[] = [
  { label: 'Tiers', payer: 'third_party', amountCents: 1_000_500, period: 'programme' },
  { label: 'CPF', payer: 'cpf', amountCents: 1_000_500, period: 'programme' },
  { label: 'Individuel', payer: 'personal', amountCents: 500_050, period: 'programme' },
];

describe('shares of several payers (largest remainder)', () => {
  it('always add up exactly to the total, each share within one cent of its exact part', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }), (total, weights) => {
        const shares = splitByLargestRemainder(total, weights);
        expect(shares.reduce((s, x) => s + x, 0)).toBe(total);
        const sum = weights.reduce((s, w) => s + w, 0);
        shares.forEach((share, i) => {
          expect(Number.isInteger(share)).toBe(true);
          expect(Math.abs(share - (total * weights[i]!) / sum)).toBeLessThan(1);
        });
      }),
    );
  });

  it('10 005,00 € in three equal shares: 3 335,00 € each', () => {
    expect(splitByLargestRemainder(1_000_500, [1, 1, 1])).toEqual([333_500, 333_500, 333_500]);
    expect(splitByLargestRemainder(500_050, [1, 1, 1])).toEqual([166_684, 166_683, 166_683]);
  });
});

describe('prices', () => {
  it('a third party or the CPF pays 10 005 €, a person alone 5 000,50 €', () => {
    expect(programmePrice(GRID, ['employer'])!.amountCents).toBe(1_000_500);
    expect(programmePrice(GRID, ['cpf'])!.amountCents).toBe(1_000_500);
    expect(programmePrice(GRID, ['personal'])!.amountCents).toBe(500_050);
    expect(programmePrice(GRID, ['personal', 'opco'])!.amountCents).toBe(1_000_500);
  });

  it('payment schedules add up to the total, dates month by month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 24 }), (total, n) => {
        const s = paymentSchedule(total, n, '2026-01-31', 1);
        expect(s.reduce((a, x) => a + x.amountCents, 0)).toBe(total);
        expect(s).toHaveLength(n);
      }),
    );
    expect(paymentSchedule(1_000_500, 3, '2026-01-31', 1).map((s) => s.dueOn)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
  });
});
