/** French labels of the admissions codes. */
import type { InferResponseType } from 'hono/client';
import { api } from '../../lib/api';
import { APPLICATION_ACTION_LABELS as ACTION, APPLICATION_STATUS_LABELS as STATUS_LABEL, FUNDING_KIND_LABELS, FUNDING_KIND_VALUES } from '../../../../src/shared/vocabulary/index';

export type TApplication = InferResponseType<(typeof api.applications)[':id']['$get'], 200>;
export type TApplicationListItem = InferResponseType<typeof api.applications.$get, 200>['items'][number];
export type TOpenCohort = InferResponseType<(typeof api.admissions)['open-cohorts']['$get'], 200>['items'][number];
export type TStatus = TApplication['status'];
export type TAction = TApplication['availableActions'][number];

export const STATUS: Record<TStatus, { label: string; color: string }> = {
  draft: { label: STATUS_LABEL.draft, color: 'gray.7' },
  correction: { label: STATUS_LABEL.correction, color: 'orange.9' },
  filed: { label: STATUS_LABEL.filed, color: 'blue.8' },
  in_review: { label: STATUS_LABEL.in_review, color: 'indigo.8' },
  accepted: { label: STATUS_LABEL.accepted, color: 'green.9' },
  refused: { label: STATUS_LABEL.refused, color: 'red.9' },
  closed: { label: STATUS_LABEL.closed, color: 'dark.5' },
};

export const VERDICT: Record<string, { label: string; color: string }> = {
  eligible: { label: 'Recevable', color: 'green.9' },
  derogation: { label: 'Par dérogation', color: 'yellow.9' },
  not_eligible: { label: 'Non recevable', color: 'red.9' },
};

export const ACTIONS: Record<TAction, { label: string; color: string; decision: boolean }> = {
  start_review: { label: ACTION.start_review, color: 'indigo.9', decision: false },
  request_correction: { label: ACTION.request_correction, color: 'orange.9', decision: false },
  accept: { label: ACTION.accept, color: 'green.9', decision: true },
  refuse: { label: ACTION.refuse, color: 'red.9', decision: true },
  close: { label: ACTION.close, color: 'gray.8', decision: true },
};

export const SITUATIONS = [
  { value: 'employee', label: 'Salarié·e' },
  { value: 'self_employed', label: 'Non salarié·e' },
  { value: 'job_seeker', label: "Demandeur·euse d'emploi" },
  { value: 'volunteer', label: 'Bénévole' },
] as const;

export const FUNDING_INTENTS = FUNDING_KIND_VALUES.map((value) => ({ value, label: FUNDING_KIND_LABELS[value] }));

export const DOCUMENT_TYPES = [
  { value: 'cv', label: 'CV' },
  { value: 'diploma', label: 'Diplôme' },
  { value: 'letter', label: 'Lettre de motivation' },
  { value: 'other', label: 'Autre pièce' },
] as const;

export const REGISTRATION: Record<string, string> = {
  none: '—',
  pending: 'Bulletin à retourner',
  waiting: "Liste d'attente",
  complete: 'Inscription définitive',
};

export const EVENT_LABELS: Record<string, string> = {
  created: 'Candidature créée',
  filed: 'Candidature déposée',
  review_started: 'Passage en instruction',
  correction_requested: 'Correction demandée',
  accepted: 'Candidature acceptée',
  refused: 'Candidature refusée',
  closed: 'Classée sans suite',
  note: 'Note privée',
  registration_completed: 'Inscription définitive',
  registration_waiting: "Inscription en liste d'attente",
  promoted_from_waiting_list: "Inscription depuis la liste d'attente",
};

export const labelOf = (list: readonly { value: string; label: string }[], value: string | null | undefined) =>
  list.find((x) => x.value === value)?.label ?? '—';
