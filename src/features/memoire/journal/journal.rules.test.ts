import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDelete, checkEntryChange, checkUnshare, EXPECTED_MINUTES_PER_MONTH, monthlyPace, paceStatus } from './journal.rules.js';

const month = fc.tuple(fc.integer({ min: 2024, max: 2027 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);

describe('journal entries', () => {
  it('may be unshared, changed and deleted until a teacher reads them', () => {
    const d = new Date('2026-03-10T09:00:00Z');
    expect([checkUnshare({ sharedAt: d, readAt: null }), checkEntryChange({ sharedAt: d, readAt: null })]).toEqual([null, null]);
    expect(checkUnshare({ sharedAt: d, readAt: d })).toMatch(/déjà lu/);
    expect(checkEntryChange({ sharedAt: d, readAt: d })).toMatch(/déjà lu/);
    expect(checkDelete({ sharedAt: null, readAt: null })).toBeNull();
    expect(checkDelete({ sharedAt: d, readAt: null })).toMatch(/Cessez d’abord/);
  });
});

describe('monthly pace', () => {
  it('2 to 4 days of 7 h: 14 h to 28 h a month, both bounds within', () => {
    expect(EXPECTED_MINUTES_PER_MONTH).toEqual({ min: 840, max: 1680 });
    expect([paceStatus(839), paceStatus(840), paceStatus(1680), paceStatus(1681)]).toEqual(['below', 'within', 'within', 'above']);
  });

  it('keeps every minute, one row per month with no gap and no duplicate, from the first month logged to `until`', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ month, minutes: fc.integer({ min: 1, max: 5000 }) }), { maxLength: 30 }), month, (totals, until): void => {
        const rows = monthlyPace(totals, until);
        if (totals.length === 0) {
          expect(rows).toEqual([]);
          return;
        }
        expect(rows.reduce((s, r) => s + r.minutes, 0)).toBe(totals.reduce((s, t) => s + t.minutes, 0));
        const months = rows.map((r) => r.month);
        expect(months[0]).toBe([...totals.map((t) => t.month)].sort()[0]);
        expect(months.at(-1)).toBe([...totals.map((t) => t.month), until].sort().at(-1));
        for (let i = 1; i < months.length; i++) {
          const [y0, m0] = months[i - 1]!.split('-').map(Number) as [number, number];
          const [y1, m1] = months[i]!.split('-').map(Number) as [number, number];
          expect(y1 * 12 + m1).toBe(y0 * 12 + m0 + 1);
        }
        for (const r of rows) expect(r.status).toBe(paceStatus(r.minutes));
      }),
    );
  });
});
