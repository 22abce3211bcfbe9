/** Queries and types of the evaluation screens (decision 024), typed from the API's contracts. */
import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../lib/api';

export type TCohortMarks = InferResponseType<(typeof api.cohorts)[':id']['evaluations']['$get'], 200>;
export type TAssessmentColumn = TCohortMarks['assessments'][number];
export type TPlan = InferResponseType<(typeof api.certifications)[':code']['evaluation-plan']['$get'], 200>;
export type TMyEvaluations = InferResponseType<(typeof api.me)['evaluations']['$get'], 200>;

export const cohortMarksQuery = (cohortId: string) =>
  queryOptions({ queryKey: ['cohort', cohortId, 'evaluations'], queryFn: () => unwrap(api.cohorts[':id'].evaluations.$get({ param: { id: cohortId } })) });

export const planQuery = (code: string) =>
  queryOptions({ queryKey: ['certification', code, 'evaluation-plan'], queryFn: () => unwrap(api.certifications[':code']['evaluation-plan'].$get({ param: { code } })) });

export const myEvaluationsQuery = queryOptions({ queryKey: ['me', 'evaluations'], queryFn: () => unwrap(api.me.evaluations.$get()) });

export const historyQuery = (cohortId: string, learnerId: string, assessmentId: string) =>
  queryOptions({
    queryKey: ['cohort', cohortId, 'evaluations', 'history', learnerId, assessmentId],
    queryFn: () => unwrap(api.cohorts[':id'].evaluations.learners[':learnerId'].assessments[':assessmentId'].history.$get({ param: { id: cohortId, learnerId, assessmentId } })),
  });

/** « 12,5 » (a mark out of 20 as French writes it). */
export const formatMark = (mark: number) => mark.toLocaleString('fr-FR', { maximumFractionDigits: 2 });

export const PROPOSAL_LABELS = { validated: 'Validé', not_validated: 'Non validé', incomplete: 'Incomplet' } as const;
export const PROPOSAL_COLORS = { validated: 'green', not_validated: 'red', incomplete: 'gray' } as const;

export function ruleLabel(rule: TPlan['blocs'][number]['rule']): string {
  if (rule.kind === 'all_passed') return 'Chaque épreuve réussie';
  const base = `Moyenne pondérée d’au moins ${formatMark(rule.passMark)}/20`;
  return rule.eliminatoryBelow === null ? base : `${base}, aucune note sous ${formatMark(rule.eliminatoryBelow)}/20`;
}
