/**
 * Jury composition against the versions' own data (data/certifications/*.json, composition read from
 * the fiche RNCP 5385, 002): 2+2 valid; 3+1 refused naming « il manque 1 professionnel »; VAE without
 * the responsable pédagogique refused; conflicts and the supervisor rule per case.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZCertificationVersionSchema } from '../referentiel/referentiel.schema.js';
import { JURY_MEMBER_KIND_VALUES, type TJuryMemberKind } from '../../shared/vocabulary/juries.js';
import { caseBench, checkCase, checkComposition, compositionFor, type TSeat } from './juries.rules.js';

const version = (file: string) => ZCertificationVersionSchema.parse(JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../data/certifications', file), 'utf8')));
const v41336 = version('rncp-41336.json');
const v5385 = version('rncp-5385.json');
let n = 0;
const seat = (kind: TJuryMemberKind, representsResponsable = false): TSeat => ({ userId: `u${++n}`, name: `Membre ${n}`, kind, representsResponsable });
const seats = (spec: Partial<Record<TJuryMemberKind, number>>) => JURY_MEMBER_KIND_VALUES.flatMap((k) => Array.from({ length: spec[k] ?? 0 }, () => seat(k)));

describe('the composition a version states', () => {
  it('training routes: 2 Cnam teachers + 2 professionals; VAE: administrator + 4 teachers with the responsable + 2 professionals (002)', () => {
    for (const v of [v41336, v5385]) {
      expect(compositionFor(v, 'training')!.members.map((m) => [m.kind, m.count])).toEqual([
        ['cnam_teacher', 2],
        ['professional', 2],
      ]);
      const vae = compositionFor(v, 'vae')!;
      expect(vae.members.map((m) => [m.kind, m.count])).toEqual([
        ['cnam_administrator', 1],
        ['cnam_teacher', 4],
        ['professional', 2],
      ]);
    }
  });
});

describe('checkComposition', () => {
  const training = compositionFor(v41336, 'training')!;
  const vae = compositionFor(v41336, 'vae')!;

  it('2 + 2 is valid', () => {
    expect(checkComposition(training, seats({ cnam_teacher: 2, professional: 2 }))).toEqual({ valid: true, problems: [] });
  });

  it('3 + 1 is refused, naming « il manque 1 professionnel » and the teacher in surplus', () => {
    const check = checkComposition(training, seats({ cnam_teacher: 3, professional: 1 }));
    expect(check.valid).toBe(false);
    expect(check.problems.map((p) => p.message)).toEqual(['1 enseignant du Cnam de trop (la fiche en prévoit 2)', 'il manque 1 professionnel']);
  });

  it('an empty jury names every kind missing, in the plural', () => {
    expect(checkComposition(training, []).problems.map((p) => p.message)).toEqual(['il manque 2 enseignants du Cnam', 'il manque 2 professionnels']);
  });

  it('VAE without the responsable pédagogique among the teachers is refused; with them it is valid', () => {
    const without = [seat('cnam_administrator'), ...seats({ cnam_teacher: 4, professional: 2 })];
    const check = checkComposition(vae, without);
    expect(check.valid).toBe(false);
    expect(check.problems).toEqual([expect.objectContaining({ type: 'responsable_missing', message: 'il manque le responsable pédagogique du titre ou son représentant parmi les enseignants du Cnam' })]);
    const withResp = [seat('cnam_administrator'), seat('cnam_teacher', true), ...seats({ cnam_teacher: 3, professional: 2 })];
    expect(checkComposition(vae, withResp)).toEqual({ valid: true, problems: [] });
  });

  it('a training jury with an administrator lists them as not foreseen', () => {
    const check = checkComposition(training, [...seats({ cnam_teacher: 2, professional: 2 }), seat('cnam_administrator')]);
    expect(check.problems.map((p) => p.message)).toEqual(['1 administrateur général du Cnam ou son représentant de trop (la fiche n’en prévoit pas)']);
  });

  it('property: valid exactly when every kind has its count (and the responsable is there when asked)', () => {
    fc.assert(
      fc.property(fc.nat(4), fc.nat(6), fc.nat(4), fc.boolean(), fc.boolean(), (admins, teachers, pros, resp, useVae) => {
        const rule = useVae ? vae : training;
        const list = [...seats({ cnam_administrator: admins, cnam_teacher: teachers, professional: pros })];
        if (resp && teachers > 0) list.find((s) => s.kind === 'cnam_teacher')!.representsResponsable = true;
        const expected = useVae ? admins === 1 && teachers === 4 && pros === 2 && resp : admins === 0 && teachers === 2 && pros === 2;
        const check = checkComposition(rule, list);
        expect(check.valid).toBe(expected);
        // Each missing count is what the rule asks minus what is seated.
        for (const p of check.problems.filter((x) => x.type === 'missing')) {
          const asked = rule.members.find((m) => m.kind === p.kind)!.count;
          expect(p.count).toBe(asked - list.filter((s) => s.kind === p.kind).length);
        }
      }),
    );
  });
});

describe('one case', () => {
  const training = compositionFor(v41336, 'training')!;
  const jury = seats({ cnam_teacher: 2, professional: 2 });
  const [teacherA, , proA] = jury;

  it('a conflicted member does not sit: the case then misses their kind', () => {
    const check = checkCase(training, jury, { learnerId: 'l1', supervisorId: null, conflictedUserIds: new Set([proA!.userId]) }, 'may_sit');
    expect(check.valid).toBe(false);
    expect(check.problems.map((p) => p.message)).toEqual(['il manque 1 professionnel']);
    expect(check.excluded).toEqual([expect.objectContaining({ userId: proA!.userId, reason: 'conflict' })]);
  });

  it('the supervisor rule, each way', () => {
    const facts = { learnerId: 'l1', supervisorId: teacherA!.userId, conflictedUserIds: new Set<string>() };
    const sits = checkCase(training, jury, facts, 'may_sit');
    expect([sits.valid, sits.present.length, sits.voting.length]).toEqual([true, 4, 4]);
    const out = checkCase(training, jury, facts, 'may_not_sit');
    expect([out.valid, out.present.length, out.excluded[0]?.reason]).toEqual([false, 3, 'supervisor']);
    expect(out.problems.map((p) => p.message)).toEqual(['il manque 1 enseignant du Cnam']);
    const mute = checkCase(training, jury, facts, 'sits_without_vote');
    expect([mute.valid, mute.present.length, mute.voting.length]).toEqual([false, 4, 3]);
  });

  it('property: nobody conflicted is ever present, and the voting bench is within the present one', () => {
    fc.assert(
      fc.property(fc.subarray(jury.map((s) => s.userId)), fc.option(fc.constantFrom(...jury.map((s) => s.userId)), { nil: null }), fc.constantFrom('may_sit', 'may_not_sit', 'sits_without_vote' as const), (conflicted, supervisorId, rule) => {
        const bench = caseBench(jury, { learnerId: 'l', supervisorId, conflictedUserIds: new Set(conflicted) }, rule);
        for (const s of bench.present) expect(conflicted).not.toContain(s.userId);
        for (const s of bench.voting) expect(bench.present).toContain(s);
        expect(bench.present.length + bench.excluded.length).toBe(jury.length);
      }),
    );
  });
});
