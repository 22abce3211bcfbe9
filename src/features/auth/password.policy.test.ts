import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password.policy.js';

describe('password policy (OWASP ASVS 5.0 V6)', () => {
  it('counts characters as a person does and draws the line at 8', () => {
    expect(passwordProblem('kq7vz2m')).toBe('Le mot de passe doit compter au moins 8 caractères.');
    expect(passwordProblem('kq7vz2mx')).toBeNull();
    expect(passwordProblem('été🌞été')).toBe('Le mot de passe doit compter au moins 8 caractères.'); // 7 characters, 10 UTF-16 units
    expect(passwordProblem('étés🌞été')).toBeNull();
  });

  it('allows at least 64 characters (128 here) and asks for no kind of character', () => {
    expect(passwordProblem('a'.repeat(64))).toBeNull();
    expect(passwordProblem('b'.repeat(128))).toBeNull();
    expect(passwordProblem('b'.repeat(129))).toBe('Le mot de passe ne doit pas dépasser 128 caractères.');
    expect(passwordProblem('toutes minuscules sans chiffre')).toBeNull();
  });

  it('refuses the passwords most found in breaches, whatever their case, and keeps spaces as typed', () => {
    for (const common of ['password', 'PASSWORD', 'qwertyuiop', '123456789', 'sunshine', 'azerty123']) {
      expect(passwordProblem(common), common).toBe('Ce mot de passe fait partie des plus courants : choisissez-en un autre.');
    }
    expect(passwordProblem(' password ')).toBeNull();
  });
});
