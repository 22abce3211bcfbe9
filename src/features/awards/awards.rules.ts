/**
 * Blocs held, their validity, their capitalisation across versions, and the title (issue 12, item 2).
 * Pure, over the versions' data: each version's `blocValidity` (RNCP 5385: 5 years, 002; 35080 and
 * 41336: silent, a parameter; parts obtained through VAE kept without limit since décret 2017-1135 where
 * the version says so) and a table of correspondences between the blocs of 5385, 35080 and 41336
 * (`data/correspondences/blocs.json`). « Pour acquérir la certification, il convient d’avoir validé les
 * quatre blocs de compétences » (003): the title is awarded on a day when every bloc of the version is
 * held by a validation valid that day, directly or through correspondences.
 */
export type TRoute = 'training' | 'vae';
export type TIsoDate = string;

export type TBlocValidity = { years: number | null; vaeWithoutLimit: boolean };

/** A bloc validated once: by a jury's signed deliberation (training) or a VAE jury. */
export type THolding = { id: string; blocCode: string; versionCode: string; route: TRoute; validatedOn: TIsoDate };

/** A holding of `from` counts for `to` (directional; chains are followed). */
export type TCorrespondence = { from: string; to: string };

/** The day `years` after `iso` (29 February → 1 March in a common year). */
export function addYears(iso: TIsoDate, years: number): TIsoDate {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y + years, m - 1, d));
  return at.toISOString().slice(0, 10);
}

const dayBefore = (iso: TIsoDate) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The last day a holding is valid, or null without limit: VAE parts where the version keeps them without
 * limit; otherwise the version's number of years (valid through the day before the anniversary); a
 * version whose sources fix no duration (`years: null`) sets no limit.
 */
export function validUntil(h: Pick<THolding, 'route' | 'validatedOn'>, validity: TBlocValidity): TIsoDate | null {
  if (h.route === 'vae' && validity.vaeWithoutLimit) return null;
  if (validity.years === null) return null;
  return dayBefore(addYears(h.validatedOn, validity.years));
}

export function isValidOn(h: Pick<THolding, 'route' | 'validatedOn'>, validity: TBlocValidity, day: TIsoDate): boolean {
  if (day < h.validatedOn) return false;
  const until = validUntil(h, validity);
  return until === null || day <= until;
}

/** Every bloc code a holding of `code` counts for, itself included (correspondences followed transitively). */
export function countsFor(code: string, correspondences: readonly TCorrespondence[]): Set<string> {
  const reached = new Set([code]);
  const queue = [code];
  while (queue.length) {
    const at = queue.shift()!;
    for (const c of correspondences) {
      if (c.from !== at || reached.has(c.to)) continue;
      reached.add(c.to);
      queue.push(c.to);
    }
  }
  return reached;
}

export type TVersionFacts = { code: string; blocs: readonly string[]; validity: TBlocValidity };

export type TBlocStanding = {
  blocCode: string;
  /** The holding that counts for this bloc on the day (the one valid longest), or null. */
  holding: THolding | null;
  /** Its last valid day; null without limit (or without holding). */
  validUntil: TIsoDate | null;
  /** Through a correspondence rather than the bloc itself. */
  byCorrespondence: boolean;
};

/**
 * What a person holds of `target` on `day`: per bloc, the valid holding that counts for it (the one
 * valid longest; a direct one before a correspondence when they tie), the blocs missing, and whether the
 * title is awarded that day.
 */
export function standingOn(o: {
  target: TVersionFacts;
  holdings: readonly THolding[];
  versions: ReadonlyMap<string, TVersionFacts>;
  correspondences: readonly TCorrespondence[];
  day: TIsoDate;
}) {
  const blocs: TBlocStanding[] = o.target.blocs.map((blocCode) => {
    let best: TBlocStanding = { blocCode, holding: null, validUntil: null, byCorrespondence: false };
    for (const h of o.holdings) {
      const version = o.versions.get(h.versionCode);
      if (!version || !isValidOn(h, version.validity, o.day)) continue;
      if (!countsFor(h.blocCode, o.correspondences).has(blocCode)) continue;
      const until = validUntil(h, version.validity);
      const candidate = { blocCode, holding: h, validUntil: until, byCorrespondence: h.blocCode !== blocCode };
      if (!best.holding || longer(candidate, best)) best = candidate;
    }
    return best;
  });
  const missing = blocs.filter((b) => !b.holding).map((b) => b.blocCode);
  return { day: o.day, blocs, missing, titleAwarded: missing.length === 0 };
}

const longer = (a: TBlocStanding, b: TBlocStanding) => {
  if (a.validUntil === null && b.validUntil !== null) return true;
  if (a.validUntil !== null && b.validUntil !== null && a.validUntil > b.validUntil) return true;
  return a.validUntil === b.validUntil && !a.byCorrespondence && b.byCorrespondence;
};
