/**
 * Pure rules of versions and the final deposit (decision 021): when a record takes files and
 * feedback, and when the page count of a final deposit deserves a warning.
 */
import { THESIS_STATE_LABELS, type TThesisState } from '../../../shared/vocabulary/memoire.js';
import { THESIS_PAGES_BAND, THESIS_PAGES_EXPECTED } from '../../../shared/vocabulary/memoire-versions.js';

/** Versions, annexes, feedback and marks are taken while the record is in projet or rédaction; the deposit freezes them. */
export const versionsOpen = (state: TThesisState) => state === 'project' || state === 'writing';

export function frozenReason(state: TThesisState, deposited: boolean): string {
  if (deposited) return 'Le mémoire a fait l’objet de son dépôt final : ses versions, annexes et retours ne changent plus.';
  return `Le mémoire est à l’état « ${THESIS_STATE_LABELS[state]} » : on n’y dépose plus de fichier ni de retour.`;
}

/** The French warning when `pages` is outside the band around the ~150 pages expected; null inside it. */
export function pageWarning(pages: number, band: { min: number; max: number } = THESIS_PAGES_BAND): string | null {
  if (pages < band.min) return `Le document compte ${pages} page${pages > 1 ? 's' : ''}, loin des quelque ${THESIS_PAGES_EXPECTED} pages attendues (moins de ${band.min}).`;
  if (pages > band.max) return `Le document compte ${pages} pages, loin des quelque ${THESIS_PAGES_EXPECTED} pages attendues (plus de ${band.max}).`;
  return null;
}

/** « 1,4 Mo », « 820 ko » */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`;
  return `${Math.max(1, Math.round(bytes / 1024))} ko`;
}
