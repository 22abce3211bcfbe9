/**
 * Password policy after OWASP ASVS 5.0 chapter V6 (Authentication): at least 8 characters, at least
 * 64 allowed (we allow 128), every character allowed and counted as typed (no trimming), no
 * composition rule, and the most common passwords refused. The list is the "passwords-common"
 * dictionary of @zxcvbn-ts/language-common (≈ 49,000 passwords most found in public breaches,
 * maintained by the zxcvbn-ts project), compared without regard to case.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON_PASSWORDS: ReadonlySet<string> = new Set((dictionary['passwords-common'] ?? []).map((p) => p.toLowerCase()));

export const MESSAGES = {
  tooShort: `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`,
  tooLong: `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`,
  common: 'Ce mot de passe fait partie des plus courants : choisissez-en un autre.',
} as const;

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/** The reason a new password is refused, in French, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  // Length in characters as a person counts them (an accented letter or an emoji is one).
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return MESSAGES.tooShort;
  if (length > PASSWORD_MAX_LENGTH) return MESSAGES.tooLong;
  if (isCommonPassword(password)) return MESSAGES.common;
  return null;
}

/** A new password in a request body. */
export const ZNewPasswordSchema = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
