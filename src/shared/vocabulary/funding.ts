/**
 * Funding kinds (nature of a payer, and the applicant's intended funding), with one French label
 * each: the quote, the learner list and the application form say the same words.
 */
export const FUNDING_KIND_VALUES = ['employer', 'opco', 'cpf', 'personal', 'other'] as const;
export type TFundingKind = (typeof FUNDING_KIND_VALUES)[number];
export const FUNDING_KIND_LABELS: Record<TFundingKind, string> = {
  employer: 'Employeur',
  opco: 'OPCO',
  cpf: 'CPF',
  // "Personnel" alone reads as "staff" in French: the longer label is unambiguous.
  personal: 'Financement personnel',
  other: 'Autre financement',
};
