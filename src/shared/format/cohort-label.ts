/**
 * How a promotion is named on every screen, document and file name. A promotion's stored name
 * often holds its centre already (the default name is « 34e promotion — Cnam Paris »): the centre is
 * added only when the name does not hold it, so nothing reads « 34e promotion — Cnam Paris — Cnam Paris ».
 * Pure module: imported by the server and by the SPA.
 */

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLocaleLowerCase('fr').replace(/\s+/g, ' ').trim();

/** « 34e promotion — Cnam Paris » (a name that holds its centre), « Promotion 2009 — Cnam Bourgogne » otherwise. */
export function cohortLabel(cohort: { name: string; centreName?: string | null }): string {
  const name = cohort.name.trim();
  const centre = cohort.centreName?.trim();
  if (!centre || fold(name).includes(fold(centre))) return name;
  return `${name} — ${centre}`;
}

/** ASCII, lower case, words joined by « - »: « Œuvre d’été » → « oeuvre-d-ete ». */
export function asciiSlug(text: string): string {
  return text
    .replace(/œ/g, 'oe').replace(/Œ/g, 'Oe').replace(/æ/g, 'ae').replace(/Æ/g, 'Ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * A promotion in a file name: its number and its centre's town, « 34e-promotion-paris »
 * (« cedex » is postal routing, not the town's name).
 */
export function cohortSlug(cohort: { number: number; city: string }): string {
  const town = cohort.city.replace(/\bcedex\b.*$/i, '').trim();
  return asciiSlug(`${cohort.number}e promotion ${town}`);
}

/** « assiduite-34e-promotion-paris-2026-12-01.csv »: what the file is, of which promotion, on which day. */
export function exportFileName(what: string, cohort: { number: number; city: string }, day: string, extension: string): string {
  return `${asciiSlug(what)}-${cohortSlug(cohort)}-${day}.${extension}`;
}
