import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiSlug, cohortLabel, exportFileName } from './cohort-label.js';
import { decimalFr, formatHours, formatMinutes } from './hours.js';

/** An independent reader of « 149 h 40 » (the oracle): hours with spaces between thousands, then minutes. */
function readHours(text: string): number {
  const m = /^(\d{1,3}(?: \d{3})*) h(?: (\d{2}))?$/.exec(text);
  if (!m) throw new Error(`pas un nombre d'heures : « ${text} »`);
  expect(Number(m[2] ?? 0)).toBeLessThan(60);
  return Number(m[1]!.replace(/ /g, '')) * 60 + Number(m[2] ?? 0);
}

describe('formatHours', () => {
  it('writes hours and minutes, never a decimal fraction', () => {
    expect(formatHours(490)).toBe('490 h');
    expect(formatHours(149 + 40 / 60)).toBe('149 h 40');
    expect(formatHours(149.67)).toBe('149 h 40');
    expect(formatHours(3.5)).toBe('3 h 30');
    expect(formatHours(0.05)).toBe('0 h 03');
    expect(formatHours(0)).toBe('0 h');
    expect(formatHours(1000)).toBe('1 000 h');
    expect(formatHours(12_345.25)).toBe('12 345 h 15');
  });

  it('round-trips whole minutes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (minutes) => {
        expect(readHours(formatMinutes(minutes))).toBe(minutes);
        expect(readHours(formatHours(minutes / 60))).toBe(minutes);
        // Reports round hours to 1/100 h: the minute survives.
        expect(readHours(formatHours(Math.round((minutes / 60) * 100) / 100))).toBe(minutes);
      }),
    );
  });

  it('never prints a comma (property)', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (h) => !formatHours(h).includes(',')));
  });

  it('decimalFr writes a decimal comma for spreadsheets', () => {
    expect(decimalFr(149.67)).toBe('149,67');
    expect(decimalFr(490)).toBe('490');
    expect(decimalFr(0.1 + 0.2)).toBe('0,3');
  });
});

describe('cohortLabel', () => {
  it('names the centre once', () => {
    expect(cohortLabel({ name: '34e promotion — Cnam Paris', centreName: 'Cnam Paris' })).toBe('34e promotion — Cnam Paris');
    expect(cohortLabel({ name: 'Promotion 2009-2011', centreName: 'Cnam Bourgogne' })).toBe('Promotion 2009-2011 — Cnam Bourgogne');
    expect(cohortLabel({ name: '34e promotion — CNAM  paris', centreName: 'Cnam Paris' })).toBe('34e promotion — CNAM  paris');
    expect(cohortLabel({ name: '34e promotion', centreName: null })).toBe('34e promotion');
  });

  it('never repeats the centre, whatever the names (property)', () => {
    const word = fc.stringMatching(/^[A-Za-zéèàç]{2,10}$/);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), word, (n, town) => {
        const centreName = `Cnam ${town}`;
        const label = cohortLabel({ name: `${n}e promotion — ${centreName}`, centreName });
        return label.split(centreName).length === 2;
      }),
    );
  });
});

describe('export file names', () => {
  it('say what, which promotion and which day, in ASCII', () => {
    expect(exportFileName('assiduité', { number: 34, city: 'Paris' }, '2026-12-01', 'csv')).toBe('assiduite-34e-promotion-paris-2026-12-01.csv');
    expect(exportFileName('heures par financeur', { number: 7, city: 'Nantes cedex' }, '2026-12-01', 'xlsx')).toBe('heures-par-financeur-7e-promotion-nantes-2026-12-01.xlsx');
    expect(asciiSlug('Œuvre d’été à Besançon')).toBe('oeuvre-d-ete-a-besancon');
  });
});
