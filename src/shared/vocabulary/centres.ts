/**
 * Settings of a centre that documents and the calendar need: the school-holiday zone of its académie,
 * and the training body's SIRET and numéro de déclaration d'activité. Pure (the SPA checks with the
 * same functions as the API).
 */
export const SCHOOL_ZONE_VALUES = ['A', 'B', 'C'] as const;
export type TSchoolZone = (typeof SCHOOL_ZONE_VALUES)[number];
export const SCHOOL_ZONE_LABELS: Record<TSchoolZone, string> = { A: 'Zone A', B: 'Zone B', C: 'Zone C' };

/**
 * A SIRET is 14 digits (SIREN + NIC) whose Luhn sum is a multiple of 10 (INSEE's control key).
 * La Poste's establishments, numbered under another rule, are not training bodies of ours: not handled.
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = Number(value[13 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * The numéro de déclaration d'activité of a training body (Code du travail R.6351-5): 11 characters,
 * the region's code, the department's (2A/2B in Corsica), a sequence number, the prefecture's code.
 */
export const DECLARATION_NUMBER_PATTERN = /^\d{2}(?:\d{2}|2A|2B)\d{5}(?:\d{2}|2A|2B)$/;

export const SIRET_MESSAGE = 'Le SIRET compte 14 chiffres et doit être valide (clé de contrôle).';
export const DECLARATION_NUMBER_MESSAGE = "Le numéro de déclaration d'activité compte 11 caractères (chiffres, 2A ou 2B pour la Corse).";
