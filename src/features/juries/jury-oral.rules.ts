/**
 * What the jury marks at the soutenance, and the learner's route as the case page shows it (decision 026,
 * « The oral's marking form »). Pure: read from the version's data.
 *
 * RNCP 35080 and 41336 list « Soutenance orale d’analyse de pratiques devant un jury mixte » (003): their
 * plans carry it as the `defense` assessment, which the jury marks. RNCP 5385's plan (002) has no
 * soutenance of the mémoire — the fiche names the mémoire, a written exercise and an oral for finance, an
 * oral among the pieces for HR — so its jury marks what the plan marks orally: its `oral` assessments.
 */
import type { TAssessment, TEvaluationPlan } from '../referentiel/evaluation-plan.schema.js';
import type { TCertificationVersion } from '../referentiel/referentiel.schema.js';
import { JURY_ROUTE_LABELS, type TJuryRoute } from '../../shared/vocabulary/juries.js';

export type TOralBasis = 'defense' | 'oral' | 'none';

export const ORAL_BASIS_NOTES: Record<TOralBasis, string> = {
  defense: 'Le jury note la soutenance prévue par le plan d’évaluation.',
  oral: 'Le plan d’évaluation de cette version ne prévoit pas de soutenance notée : le jury note ses épreuves orales.',
  none: 'Le plan d’évaluation de cette version ne prévoit aucune épreuve orale : le jury n’a rien à noter ici.',
};

/** The plan's assessments the jury marks: its soutenances (`defense`), else its orals, else none. */
export function juryMarkedAssessments(plan: Pick<TEvaluationPlan, 'assessments'> | undefined | null): { basis: TOralBasis; assessments: TAssessment[] } {
  const defences = plan?.assessments.filter((a) => a.kind === 'defense') ?? [];
  if (defences.length) return { basis: 'defense', assessments: defences };
  const orals = plan?.assessments.filter((a) => a.kind === 'oral') ?? [];
  if (orals.length) return { basis: 'oral', assessments: orals };
  return { basis: 'none', assessments: [] };
}

/**
 * The route a case is judged under: the jury's (a learner carries no route of their own in the system),
 * named with the version's open access routes it covers (« Formation continue », « Apprentissage »…).
 */
export function caseRoute(version: Pick<TCertificationVersion, 'accessRoutes'>, route: TJuryRoute) {
  const routes = version.accessRoutes.filter((r) => r.open && (route === 'vae' ? r.route === 'vae' : r.route !== 'vae'));
  return { kind: route, label: JURY_ROUTE_LABELS[route], accessRoutes: routes.map((r) => r.label) };
}
