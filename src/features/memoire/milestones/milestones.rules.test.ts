import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MILESTONE_KIND_VALUES } from '../../../shared/vocabulary/memoire-milestones.js';
import { addDays, milestoneStatus, proposeDueDates, reminderDue } from './milestones.rules.js';

const cohort = { startsOn: '2026-11-02', endsOn: '2028-10-29' };
/** Twelve on-site residencies about two months apart, then the soutenances. */
const twelve = Array.from({ length: 12 }, (_, i) => ({ kind: 'on_site', startsOn: addDays('2026-11-09', i * 61) }));

describe('proposed due dates', () => {
  it('spreads the writing over the residencies (the eve of the 3rd, 5th, 7th, 9th, 11th) and puts the final deposit 4 weeks before the soutenances', () => {
    const dates = proposeDueDates([...twelve, { kind: 'defense', startsOn: '2028-10-16' }], cohort);
    expect(dates).toEqual({
      autobiography: addDays(twelve[2]!.startsOn, -1),
      question: addDays(twelve[4]!.startsOn, -1),
      plan: addDays(twelve[6]!.startsOn, -1),
      chapters: addDays(twelve[8]!.startsOn, -1),
      full_draft: addDays(twelve[10]!.startsOn, -1),
      final_deposit: '2028-09-18',
    });
  });

  it('without residencies, spreads them over the promotion and ends 4 weeks before its last day', () => {
    const dates = proposeDueDates([], cohort);
    expect(dates.final_deposit).toBe(addDays(cohort.endsOn, -28));
    expect(dates.autobiography > cohort.startsOn).toBe(true);
  });

  it('two residencies on the promotion’s first day: the milestones start on that day, not the eve before it (a case fast-check found)', () => {
    const dates = proposeDueDates([{ kind: 'on_site', startsOn: cohort.startsOn }, { kind: 'on_site', startsOn: cohort.startsOn }], cohort);
    expect(dates.autobiography).toBe(cohort.startsOn);
    expect(dates.final_deposit).toBe(addDays(cohort.endsOn, -28));
  });

  it('never goes backwards and stays within the promotion, whatever the residencies', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ kind: fc.constantFrom('on_site', 'remote', 'defense'), offset: fc.integer({ min: 0, max: 720 }) }), { maxLength: 16 }), (rs) => {
        const dates = proposeDueDates(
          rs.map((r) => ({ kind: r.kind, startsOn: addDays(cohort.startsOn, r.offset) })),
          cohort,
        );
        const list = MILESTONE_KIND_VALUES.map((k) => dates[k]);
        for (let i = 1; i < list.length; i++) expect(list[i]! >= list[i - 1]!).toBe(true);
        for (const d of list) expect(d >= cohort.startsOn && d <= cohort.endsOn).toBe(true);
      }),
    );
  });
});

describe('status and reminders', () => {
  it('is late only once the due day is over, and done whatever the date', () => {
    expect(milestoneStatus('2027-03-10', null, '2027-03-10')).toBe('todo');
    expect(milestoneStatus('2027-03-10', null, '2027-03-11')).toBe('late');
    expect(milestoneStatus('2027-03-10', new Date('2027-04-01T00:00:00Z'), '2027-04-02')).toBe('done');
    expect(milestoneStatus(null, null, '2030-01-01')).toBe('todo');
  });

  it('sends the 7-day reminder from a week before, the 1-day one from the eve to the day itself, nothing after', () => {
    const due = '2027-03-10';
    const table: [string, number | null][] = [
      ['2027-03-02', null],
      ['2027-03-03', 7],
      ['2027-03-08', 7],
      ['2027-03-09', 1],
      ['2027-03-10', 1],
      ['2027-03-11', null],
    ];
    for (const [today, expected] of table) expect([today, reminderDue(due, today)]).toEqual([today, expected]);
    expect(reminderDue(due, '2027-02-24', [14, 3])).toBe(14);
    expect(reminderDue(due, '2027-02-23', [14, 3])).toBeNull();
  });
});
