/**
 * Admission rules, pure: eligibility of an applicant under the admission paths of a certification
 * version (data, not code: docs/decisions/001-rules-are-data.md), merging of experience periods,
 * the identity key behind « une seule candidature par personne, par diplôme et par an ».
 */
import { APPLICATION_ACTION_LABELS, APPLICATION_STATUS_LABELS, type TApplicationAction, type TApplicationStatus } from '../../shared/vocabulary/admissions.js';
import type { TAdmission } from '../referentiel/referentiel.schema.js';

export type TExperienceKind = 'social' | 'professional';

export type TDiploma = { level: number; title: string; year: number };
export type TExperience = {
  kind: TExperienceKind;
  startDate: string;
  /** Absent: still in progress (counted up to the reference date). */
  endDate?: string | null;
  field: string;
  responsibilities: string;
  /** Level of the responsibilities held (RNCP 35080 counts posts of level 6 or 7). */
  responsibilityLevel?: number | null;
};

export type TEligibilityApplicant = { diplomas: TDiploma[]; experiences: TExperience[] };

export type TEligibilityVerdict = 'eligible' | 'derogation' | 'not_eligible';

export type TPathCheck = {
  pathId: string;
  label: string;
  outcome: 'eligible' | 'derogation';
  satisfied: boolean;
  diplomaOk: boolean;
  /** Whole months of experience counted for this path, and the months it requires. */
  experienceMonths: number;
  requiredMonths: number;
  sentence: string;
};

export type TEligibility = {
  verdict: TEligibilityVerdict;
  /** The sentence saying why, with the figures used. */
  summary: string;
  reasons: string[];
  figures: { highestDiplomaLevel: number | null; recognisedDiploma: string | null; referenceDate: string };
  paths: TPathCheck[];
};

export const VERDICT_LABELS: Record<TEligibilityVerdict, string> = {
  eligible: 'Recevable (diplôme et expérience)',
  derogation: 'Recevable uniquement par dérogation',
  not_eligible: 'Non recevable',
};

const DAY_MS = 86_400_000;

/** Lower case, no accents, no punctuation, single spaces: how names and titles are compared. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The identity behind the one-application rule: more than the e-mail address, which a person can
 * change. Last name + first name + date of birth, normalised.
 */
export function identityKey(p: { lastName: string; firstName: string; birthDate: string }): string {
  return `${normalizeText(p.lastName)}|${normalizeText(p.firstName)}|${p.birthDate}`;
}

/** Words that do not distinguish one diploma from another. */
const STOP_WORDS = new Set(['diplome', 'd', 'de', 'du', 'des', 'etat', 'en', 'l', 'la', 'le', 'et']);
const significantWords = (s: string) => normalizeText(s).split(' ').filter((w) => w && !STOP_WORDS.has(w));

/**
 * Whether a diploma title names one of the accepted diplomas: every significant word of the accepted
 * name appears in the title, allowing the feminine or plural form (« assistante », « conseillère »).
 * « DEES », « DEASS », « DECESF » are the usual abbreviations.
 */
export function matchAcceptedDiploma(title: string, accepted: readonly string[]): string | null {
  const words = significantWords(title);
  const abbreviations: Record<string, RegExp> = {
    educateur: /\b(dees|deeis)\b/,
    assistant: /\b(deass|dease)\b/,
    conseiller: /\b(decesf|cesf)\b/,
  };
  const normalizedTitle = normalizeText(title);
  for (const name of accepted) {
    const required = significantWords(name);
    const all = required.every((r) => words.some((w) => w === r || w.startsWith(r.slice(0, Math.max(5, r.length - 3)))));
    const key = Object.keys(abbreviations).find((k) => required.includes(k));
    if (all || (key && abbreviations[key]!.test(normalizedTitle))) return name;
  }
  return null;
}

export type TPeriod = { start: number; end: number };

/** Merges overlapping or touching periods (day numbers, end exclusive): time is counted once. */
export function mergePeriods(periods: readonly TPeriod[]): TPeriod[] {
  const sorted = periods.filter((p) => p.end > p.start).sort((a, b) => a.start - b.start);
  const merged: TPeriod[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else merged.push({ ...p });
  }
  return merged;
}

export const totalDays = (periods: readonly TPeriod[]) => mergePeriods(periods).reduce((s, p) => s + (p.end - p.start), 0);

const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
const dateOf = (day: number) => new Date(day * DAY_MS);

/**
 * Whole months from day `start` to day `end` (day numbers, end exclusive), in calendar months.
 *
 * A month counts when it has been started and finished: from the day-of-month the period starts on
 * to the day before that day-of-month in the next month, both included. So 2021-01-15 → 2021-02-14
 * is 1 month, 2021-01-15 → 2021-02-13 is 0; 2021-01-01 → 2023-12-31 is exactly 36 months. Written
 * with the day after the last day worked (`end`): months = 12 × (years between) + (months between),
 * less one when `end`'s day-of-month is before `start`'s. Where the month has no such day (a period
 * starting on the 29th–31st), the month is finished on its last day: 2021-01-31 → 2021-02-28 is 1 month.
 *
 * Partial months: the days left over after the last whole month of a period do not count, and the
 * left-overs of separate periods are not pooled (two half-months in two jobs are not a month started
 * and finished). Periods are merged first (overlapping or touching periods count once), so leave
 * taken between two contracts that touch does not cut the count. The count is superadditive — a
 * merged period counts at least as many months as its parts — so adding a period never lowers it.
 */
export function wholeMonths(start: number, end: number): number {
  if (end <= start) return 0;
  const s = dateOf(start);
  const e = dateOf(end);
  const months = (e.getUTCFullYear() - s.getUTCFullYear()) * 12 + (e.getUTCMonth() - s.getUTCMonth());
  return Math.max(0, months - (e.getUTCDate() < s.getUTCDate() ? 1 : 0));
}

/**
 * Months of experience among the given experiences, up to `referenceDate` included: the periods
 * (end dates are the last day worked, inclusive; an experience still held runs to the reference date)
 * are merged, then each merged period counts its whole months (see `wholeMonths`).
 */
export function experienceMonths(experiences: readonly TExperience[], referenceDate: string): number {
  const cap = dayNumber(referenceDate) + 1;
  const periods = experiences.map((e) => ({
    start: dayNumber(e.startDate),
    end: Math.min(e.endDate ? dayNumber(e.endDate) + 1 : cap, cap),
  }));
  return mergePeriods(periods).reduce((sum, p) => sum + wholeMonths(p.start, p.end), 0);
}

/** A requirement stated in years by the version's data (« 3 ans ») compared in months (36). */
export const requiredMonths = (path: { minExperienceYears: number }) => Math.round(path.minExperienceYears * 12);

/** « 3 ans et 6 mois », « 1 an », « 2 ans », « 7 mois », « 0 mois ». */
export function formatMonths(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const y = years === 0 ? '' : `${years} an${years >= 2 ? 's' : ''}`;
  const m = rest === 0 ? '' : `${rest} mois`;
  return y && m ? `${y} et ${m}` : y || m || '0 mois';
}

const kindLabel = (kinds: readonly TExperienceKind[]) =>
  kinds.length === 2 ? 'sociale ou professionnelle' : kinds[0] === 'social' ? 'sociale (associative ou syndicale)' : 'professionnelle';

/**
 * Eligibility under the version's admission paths. The first satisfied `eligible` path wins, then a
 * satisfied `derogation` path; otherwise not eligible. Each path yields a French sentence with its figures.
 */
export function checkEligibility(
  applicant: TEligibilityApplicant,
  admission: Pick<TAdmission, 'paths'> | null | undefined,
  referenceDate: string,
): TEligibility {
  const levels = applicant.diplomas.map((d) => d.level).filter((l) => Number.isFinite(l));
  const highestDiplomaLevel = levels.length ? Math.max(...levels) : null;
  const paths = admission?.paths ?? [];
  let recognisedDiploma: string | null = null;

  const checks: TPathCheck[] = paths.map((path) => {
    const byName = path.acceptedDiplomas.length
      ? applicant.diplomas.map((d) => matchAcceptedDiploma(d.title, path.acceptedDiplomas)).find((m) => m) ?? null
      : null;
    if (byName && !recognisedDiploma) recognisedDiploma = byName;
    const byLevel = path.minDiplomaLevel !== undefined && highestDiplomaLevel !== null && highestDiplomaLevel >= path.minDiplomaLevel;
    const diplomaOk = path.minDiplomaLevel === undefined && path.acceptedDiplomas.length === 0 ? true : byLevel || byName !== null;
    const counted = applicant.experiences.filter(
      (e) =>
        path.experienceKinds.includes(e.kind) &&
        (path.minResponsibilityLevel === undefined || (e.responsibilityLevel ?? 0) >= path.minResponsibilityLevel),
    );
    const months = experienceMonths(counted, referenceDate);
    const required = requiredMonths(path);
    const experienceOk = months >= required;
    const diplomaPart =
      path.minDiplomaLevel === undefined && path.acceptedDiplomas.length === 0
        ? 'aucun diplôme requis'
        : byLevel
          ? `diplôme de niveau ${highestDiplomaLevel} (niveau ${path.minDiplomaLevel} requis)`
          : byName
            ? `diplôme reconnu : ${byName}`
            : `aucun diplôme de niveau ${path.minDiplomaLevel ?? '—'} ni diplôme reconnu (plus haut niveau déclaré : ${highestDiplomaLevel ?? 'aucun'})`;
    const responsibility = path.minResponsibilityLevel ? ` à un poste de niveau ${path.minResponsibilityLevel} ou plus` : '';
    const experiencePart = `${formatMonths(months)} d'expérience ${kindLabel(path.experienceKinds)}${responsibility} (${formatMonths(required)} requis)`;
    const satisfied = diplomaOk && experienceOk;
    return {
      pathId: path.id,
      label: path.label,
      outcome: path.outcome,
      satisfied,
      diplomaOk,
      experienceMonths: months,
      requiredMonths: required,
      sentence: `${path.label} : ${satisfied ? 'condition remplie' : 'condition non remplie'} — ${diplomaPart} ; ${experiencePart}.`,
    };
  });

  const eligible = checks.find((c) => c.satisfied && c.outcome === 'eligible');
  const derogation = checks.find((c) => c.satisfied && c.outcome === 'derogation');
  const verdict: TEligibilityVerdict = eligible ? 'eligible' : derogation ? 'derogation' : 'not_eligible';
  const summary =
    paths.length === 0
      ? "Non recevable : cette version de la certification ne définit aucune condition d'admission (accès fermé)."
      : eligible
        ? `Recevable : ${eligible.sentence}`
        : derogation
          ? `Recevable uniquement par dérogation : ${derogation.sentence}`
          : `Non recevable : aucune des conditions d'admission n'est remplie.`;
  return {
    verdict,
    summary,
    reasons: checks.map((c) => c.sentence),
    figures: { highestDiplomaLevel, recognisedDiploma, referenceDate },
    paths: checks,
  };
}

export type TApplicationState = TApplicationStatus;
export type TInstructionAction = TApplicationAction;

/** The instruction workflow (Démarches simplifiées): which action leads from which state to which. */
export const TRANSITIONS: Record<TInstructionAction, { from: readonly TApplicationState[]; to: TApplicationState; decision: boolean }> = {
  start_review: { from: ['filed'], to: 'in_review', decision: false },
  request_correction: { from: ['filed', 'in_review'], to: 'correction', decision: false },
  accept: { from: ['in_review'], to: 'accepted', decision: true },
  refuse: { from: ['in_review'], to: 'refused', decision: true },
  close: { from: ['filed', 'in_review'], to: 'closed', decision: true },
};

export const STATUS_LABELS = APPLICATION_STATUS_LABELS;
export const ACTION_LABELS = APPLICATION_ACTION_LABELS;

/** The next state, or null when the action is not possible from `status`. */
export function nextStatus(status: TApplicationState, action: TInstructionAction): TApplicationState | null {
  const t = TRANSITIONS[action];
  return t.from.includes(status) ? t.to : null;
}

/** The applicant may edit and file only a draft or a file sent back for correction. */
export const isEditableByApplicant = (status: TApplicationState) => status === 'draft' || status === 'correction';

/** What is missing before an application can be filed (paths name the fields). */
export function missingForFiling(a: {
  situation: string | null;
  fundingIntent: string | null;
  project: string;
  phone: string;
  diplomas: readonly unknown[];
  experiences: readonly unknown[];
  documentTypes: readonly string[];
}): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (!a.phone.trim()) issues.push({ path: 'phone', message: 'Indiquez un numéro de téléphone.' });
  if (!a.situation) issues.push({ path: 'situation', message: 'Indiquez votre situation.' });
  if (!a.fundingIntent) issues.push({ path: 'fundingIntent', message: 'Indiquez le financement envisagé.' });
  if (a.project.trim().length < 50) issues.push({ path: 'project', message: 'Décrivez votre projet (au moins 50 caractères).' });
  if (a.experiences.length === 0) issues.push({ path: 'experiences', message: 'Déclarez au moins une expérience.' });
  if (!a.documentTypes.includes('cv')) issues.push({ path: 'documents', message: 'Joignez votre CV.' });
  if (!a.documentTypes.includes('letter')) issues.push({ path: 'documents', message: 'Joignez votre lettre de motivation.' });
  return issues;
}

/**
 * Dates that cannot be true on `today` (a Paris date): a person under 16, a diploma obtained after
 * next year. Field paths as the API names them.
 */
export function implausibleDates(input: { birthDate?: string; diplomas?: { year: number }[] }, today: string): { path: string; message: string }[] {
  const year = Number(today.slice(0, 4));
  const issues: { path: string; message: string }[] = [];
  if (input.birthDate && input.birthDate > `${year - 16}-12-31`) issues.push({ path: 'birthDate', message: 'Date de naissance invraisemblable.' });
  input.diplomas?.forEach((d, i) => {
    if (d.year > year + 1) issues.push({ path: `diplomas[${i}].year`, message: 'Année invalide.' });
  });
  return issues;
}
