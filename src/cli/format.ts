import type { TReferentielProblem } from '../features/referentiel/referentiel.rules.js';

/** One line per problem: "fichier  chemin  [erreur|avertissement]  message". */
export function formatProblems(file: string, problems: TReferentielProblem[]): string {
  if (problems.length === 0) return `${file} : aucun problème.`;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const lines = problems.map(
    (p) => `  ${p.severity === 'error' ? 'erreur' : 'avertissement'}  ${p.path || '(racine)'}  ${p.message}`,
  );
  return [`${file} : ${errors} erreur(s), ${problems.length - errors} avertissement(s)`, ...lines].join('\n');
}
