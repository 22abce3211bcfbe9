/** Where the API's issues land on a form: nested paths on their input, lists never silently. */
import { describe, expect, it } from 'vitest';
import { formPathOf, messageNamingField, messageOnField, placeOfIssue } from '../../web/src/lib/form-errors.js';

const draft = {
  lastName: 'Durand',
  roles: ['auditeur'],
  diplomas: [{ level: 6, title: 'DEES', year: 2010 }],
  experiences: [{ kind: 'professional', startDate: '2020-01-01', endDate: '2019-01-01', responsibilityLevel: 9 }],
};

describe('placing issues', () => {
  it('turns the API path into the form path', () => {
    expect(formPathOf('experiences[0].endDate')).toBe('experiences.0.endDate');
    expect(formPathOf('roles[1]')).toBe('roles.1');
  });

  it('puts an issue of a list item on that item’s input', () => {
    expect(placeOfIssue('experiences[0].endDate', draft, ['experiences'])).toBe('experiences.0.endDate');
    expect(placeOfIssue('diplomas[0].year', draft)).toBe('diplomas.0.year');
  });

  it('never puts an issue on a list of rows (no input shows it): it is notified', () => {
    expect(placeOfIssue('experiences', draft, ['experiences'])).toBeNull();
    expect(placeOfIssue('experiences[3].endDate', draft, ['experiences'])).toBeNull();
    expect(placeOfIssue('startsAt', draft, ['startsAt'])).toBeNull();
  });

  it('puts an issue of a choice in a list on the one input (MultiSelect)', () => {
    expect(placeOfIssue('roles[0]', draft, ['roles'])).toBe('roles');
  });

  it('reads the message without the label on the field, with it in a notification', () => {
    const issue = { path: 'experiences[0].responsibilityLevel', message: 'Niveau de responsabilité : au plus 8.' };
    expect(messageOnField(issue)).toBe('Au plus 8.');
    expect(messageNamingField(issue)).toBe(issue.message);
    expect(messageNamingField({ path: 'endsAt', message: 'La fin doit suivre le début.' })).toBe('Fin : La fin doit suivre le début.');
  });
});
