import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFraction, paymentSchedule, programmePrice, resolveShares, splitByLargestRemainder, type TGridLine } from './funding.rules.js';

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

const sharesOf = (total: number, payers: Parameters<typeof resolveShares>[1]) => {
  const r = resolveShares(total, payers);
  if ('issues' in r) throw new Error(JSON.stringify(r.issues));
  return r.shares;
};

describe('shares entered as amounts, fractions or percentages', () => {
  it('three equal payers of 10 005,00 €: thirds or amounts, 3 335,00 € each', () => {
    expect(sharesOf(1_000_500, [{ fraction: '1/3' }, { fraction: '1/3' }, { fraction: '1/3' }])).toEqual([333_500, 333_500, 333_500]);
    expect(sharesOf(1_000_500, [{ amountCents: 333_500 }, { amountCents: 333_500 }, { amountCents: 333_500 }])).toEqual([333_500, 333_500, 333_500]);
  });

  it('thirds of 10,00 €: 3,34 + 3,33 + 3,33, exact to the cent; percentages as before', () => {
    expect(sharesOf(1_000, [{ fraction: '1/3' }, { fraction: '1/3' }, { fraction: '1/3' }])).toEqual([334, 333, 333]);
    expect(sharesOf(1_000_500, [{ weight: 70 }, { weight: 30 }])).toEqual([700_350, 300_150]);
    expect(sharesOf(1_000_500, [{ amountCents: 400_200 }, { fraction: '3/5' }])).toEqual([400_200, 600_300]);
  });

  it('refuses amounts that do not add up, on the last amount line, saying what would balance it', () => {
    const r = resolveShares(1_000_500, [{ amountCents: 333_500 }, { amountCents: 333_500 }, { amountCents: 333_499 }]);
    expect(r).toEqual({
      issues: [
        {
          path: 'payers[2].amountCents',
          message: 'Les montants des financeurs totalisent 10\u00a0004,99\u00a0€ pour un total de 10\u00a0005,00\u00a0€ (il manque 0,01\u00a0€) : le financeur 3 devrait payer 3\u00a0335,00\u00a0€.',
        },
      ],
    });
    expect(resolveShares(1_000, [{ amountCents: 600 }, { amountCents: 600 }])).toMatchObject({ issues: [{ path: 'payers[1].amountCents' }] });
  });

  it('refuses parts that do not make the whole, and amounts plus parts off by a cent or more', () => {
    expect(resolveShares(1_000, [{ fraction: '1/2' }, { fraction: '1/3' }])).toMatchObject({ issues: [{ path: 'payers[1].fraction' }] });
    expect(resolveShares(1_000, [{ amountCents: 500 }, { fraction: '2/3' }])).toMatchObject({ issues: [{ path: 'payers[1].fraction' }] });
    // 1/3 of 10,00 € is 3,33…: a fixed 6,67 € leaves it 3,33, less than a cent off — accepted.
    expect(sharesOf(1_000, [{ amountCents: 667 }, { fraction: '1/3' }])).toEqual([667, 333]);
  });

  it('reads fractions between 0 and 1 only', () => {
    expect(parseFraction(' 1 / 3 ')).toEqual([1, 3]);
    for (const bad of ['0/3', '4/3', '1/0', 'un tiers', '1,5/3', '']) expect(parseFraction(bad), bad).toBeNull();
  });

  it('property: fractions that make the whole always give shares adding up to the total, each within a cent of its exact part', () => {
    const arbParts = fc
      .integer({ min: 1, max: 12 })
      .chain((d) => fc.array(fc.integer({ min: 1, max: d }), { minLength: 1, maxLength: 5 }).map((ns) => ({ d, ns })))
      .filter(({ d, ns }) => ns.reduce((s, n) => s + n, 0) <= d)
      .map(({ d, ns }) => {
        const rest = d - ns.reduce((s, n) => s + n, 0);
        return rest > 0 ? { d, ns: [...ns, rest] } : { d, ns };
      });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), arbParts, (total, { d, ns }) => {
        const shares = sharesOf(total, ns.map((n) => ({ fraction: `${n}/${d}` })));
        expect(shares.reduce((s, x) => s + x, 0)).toBe(total);
        shares.forEach((x, i) => expect(Math.abs(x - (total * ns[i]!) / d)).toBeLessThan(1));
      }),
      { numRuns: 300 },
    );
  });

  it('property: amounts alone are accepted exactly when they add up to the total', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 2_000_000 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: -3, max: 3 }), (amounts, delta) => {
        const total = amounts.reduce((s, a) => s + a, 0) + delta;
        fc.pre(total >= 0);
        const r = resolveShares(total, amounts.map((amountCents) => ({ amountCents })));
        expect('shares' in r).toBe(delta === 0);
      }),
    );
  });
});
