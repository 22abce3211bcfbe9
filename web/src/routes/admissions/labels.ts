/** French labels of the admissions codes. */
import type { InferResponseType } from 'hono/client';
import { api } from '../../lib/api';

export type TApplication = InferResponseType<(typeof api.applications)[':id']['$get'], 200>;
export type TApplicationListItem = InferResponseType<typeof api.applications.$get, 200>['items'][number];
export type TOpenCohort = InferResponseType<(typeof api.admissions)['open-cohorts']['$get'], 200>['items'][number];
export type TStatus = TApplication['status'];
export type TAction = TApplication['availableActions'][number];

export const STATUS: Record<TStatus, { label: string; color: string }> = {
  draft: { label: 'Brouillon', color: 'gray.7' },
  correction: { label: 'À corriger', color: 'orange.9' },
  filed: { label: 'Déposée', color: 'blue.8' },
  in_review: { label: 'En instruction', color: 'indigo.8' },
  accepted: { label: 'Acceptée', color: 'green.9' },
  refused: { label: 'Refusée', color: 'red.9' },
  closed: { label: 'Classée sans suite', color: 'dark.5' },
};

export const VERDICT: Record<string, { label: string; color: string }> = {
  eligible: { label: 'Recevable', color: 'green.9' },
  derogation: { label: 'Par dérogation', color: 'yellow.9' },
  not_eligible: { label: 'Non recevable', color: 'red.9' },
};

export const ACTIONS: Record<TAction, { label: string; color: string; decision: boolean }> = {
  start_review: { label: 'Passer en instruction', color: 'indigo.9', decision: false },
  request_correction: { label: 'Demander une correction', color: 'orange.9', decision: false },
  accept: { label: 'Accepter', color: 'green.9', decision: true },
  refuse: { label: 'Refuser', color: 'red.9', decision: true },
  close: { label: 'Classer sans suite', color: 'gray.8', decision: true },
};

export const SITUATIONS = [
  { value: 'employee', label: 'Salarié·e' },
  { value: 'self_employed', label: 'Non salarié·e' },
  { value: 'job_seeker', label: "Demandeur·euse d'emploi" },
  { value: 'volunteer', label: 'Bénévole' },
] as const;

export const FUNDING_INTENTS = [
  { value: 'employer', label: 'Employeur' },
  { value: 'opco', label: 'OPCO' },
  { value: 'cpf', label: 'CPF' },
  { value: 'personal', label: 'Financement personnel' },
  { value: 'other', label: 'Autre' },
] as const;

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
