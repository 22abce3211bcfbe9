/**
 * Promotions and the certification version they run under, pure (the SPA's form uses the same
 * functions to warn before saving). New intakes use an open version (issue 8, item 6): a version
 * whose registration has ended (RNCP 35080, ended 18/11/2025) or whose access is closed (RNCP 5385)
 * receives no new promotion, and no promotion may start after its version's registration ends
 * (RNCP 41336: 24/09/2030). A start date already past is only a warning: centres record promotions
 * that have begun.
 */

export type TCohortVersionFacts = { code: string; registeredOn: string; expiresOn: string; accessClosed: boolean };
export type TCohortIssue = { path: string; message: string };

/** 2025-09-24 → 24/09/2025. */
const fr = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const label = (code: string) => code.replace(/^RNCP(\d+)$/, 'RNCP $1');

/** Whether a version still receives new promotions on `today` (ISO dates compare as strings). */
export const versionOpenForNewCohorts = (v: TCohortVersionFacts, today: string) => !v.accessClosed && v.expiresOn >= today;

/**
 * Refusals (`errors`) and warnings for a promotion's dates under a version, on `today`.
 * `versionChosen`: the version is being set (creation, or a change of version) — an existing promotion
 * under a version that has since closed stays editable.
 */
export function checkCohortUnderVersion(
  cohort: { startsOn: string; endsOn: string },
  version: TCohortVersionFacts,
  today: string,
  o: { versionChosen: boolean; startChanged: boolean } = { versionChosen: true, startChanged: true },
): { errors: TCohortIssue[]; warnings: TCohortIssue[] } {
  const errors: TCohortIssue[] = [];
  const warnings: TCohortIssue[] = [];
  const name = label(version.code);
  if (o.versionChosen && !versionOpenForNewCohorts(version, today)) {
    errors.push({
      path: 'certificationVersionCode',
      message: version.accessClosed
        ? `L'accès à ${name} est fermé : une nouvelle promotion s'ouvre sous une version ouverte.`
        : `L'enregistrement de ${name} a pris fin le ${fr(version.expiresOn)} : une nouvelle promotion s'ouvre sous une version ouverte.`,
    });
  } else if ((o.versionChosen || o.startChanged) && cohort.startsOn > version.expiresOn) {
    errors.push({
      path: 'startsOn',
      message: `La promotion commencerait le ${fr(cohort.startsOn)}, après la fin de l'enregistrement de ${name} (${fr(version.expiresOn)}) : choisissez une date antérieure ou une version enregistrée à cette date.`,
    });
  }
  if (errors.length) return { errors, warnings };
  if (o.startChanged && cohort.startsOn && cohort.startsOn < today) {
    warnings.push({ path: 'startsOn', message: `La date de début (${fr(cohort.startsOn)}) est déjà passée.` });
  }
  if ((o.versionChosen || o.startChanged) && cohort.startsOn && cohort.startsOn < version.registeredOn) {
    warnings.push({ path: 'startsOn', message: `La promotion commence avant l'enregistrement de ${name} (${fr(version.registeredOn)}).` });
  }
  if (cohort.endsOn && cohort.endsOn > version.expiresOn) {
    warnings.push({
      path: 'endsOn',
      message: `La promotion se termine après la fin de l'enregistrement de ${name} (${fr(version.expiresOn)}) : vérifiez sous quelle version ses auditeur·rices seront certifié·es.`,
    });
  }
  return { errors, warnings };
}

/** The number proposed for a new promotion of a centre: the one after its highest, never one it has. */
export const nextCohortNumber = (existing: readonly number[]) => (existing.length ? Math.max(...existing) + 1 : 1);
