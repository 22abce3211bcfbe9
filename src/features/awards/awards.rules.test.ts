/**
 * Validity, capitalisation and the title, over the versions' own data (data/certifications/*.json:
 * RNCP 5385's « 5 ans », 002; 35080 and 41336 silent; VAE parts without limit where the version says so)
 * and the table of correspondences (data/correspondences/blocs.json). Hand-computed cases from issue 12,
 * then properties (fast-check).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZCertificationVersionSchema } from '../referentiel/referentiel.schema.js';
import { addYears, countsFor, isValidOn, standingOn, validUntil, type THolding, type TVersionFacts } from './awards.rules.js';
import { readCorrespondencesFile } from './correspondences.schema.js';

const read = (file: string) => ZCertificationVersionSchema.parse(JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../data/certifications', file), 'utf8')));
const facts = (file: string): TVersionFacts => {
  const v = read(file);
  return { code: v.code, blocs: v.blocs.map((b) => b.code), validity: { years: v.blocValidity.years, vaeWithoutLimit: v.blocValidity.vaeWithoutLimit } };
};
const v5385 = facts('rncp-5385.json');
const v35080 = facts('rncp-35080.json');
const v41336 = facts('rncp-41336.json');
const versions = new Map([v5385, v35080, v41336].map((v) => [v.code, v]));
const table = readCorrespondencesFile();
const correspondences = table.correspondences;

let n = 0;
const holding = (versionCode: string, blocCode: string, validatedOn: string, route: THolding['route'] = 'training'): THolding => ({ id: `h${++n}`, versionCode, blocCode, route, validatedOn });
const standing = (target: TVersionFacts, holdings: THolding[], day: string, table = correspondences) => standingOn({ target, holdings, versions, correspondences: table, day });

describe('the versions’ validity rules, as their files state them', () => {
  it('5385: 5 years (002); 35080 and 41336: no duration, VAE parts without limit', () => {
    expect(v5385.validity).toEqual({ years: 5, vaeWithoutLimit: false });
    expect(v35080.validity).toEqual({ years: null, vaeWithoutLimit: true });
    expect(v41336.validity).toEqual({ years: null, vaeWithoutLimit: true });
  });

  it('every correspondence names blocs of the versions, from an older version to a newer one', () => {
    const order = [v5385, v35080, v41336];
    const versionOf = (code: string) => order.findIndex((v) => v.blocs.includes(code));
    for (const c of correspondences) {
      expect(versionOf(c.from), c.from).toBeGreaterThanOrEqual(0);
      expect(versionOf(c.to), c.to).toBe(versionOf(c.from) + 1);
    }
    expect(table.assumed).toBe(true);
  });
});

describe('hand-computed cases (issue 12)', () => {
  it('a 5385 bloc validated on 15 June 2019 is valid until 14 June 2024, so no longer in 2025', () => {
    const h = holding('RNCP5385', 'RNCP5385-F1', '2019-06-15');
    expect(validUntil(h, v5385.validity)).toBe('2024-06-14');
    expect(isValidOn(h, v5385.validity, '2024-06-14')).toBe(true);
    expect(isValidOn(h, v5385.validity, '2024-06-15')).toBe(false);
    expect(isValidOn(h, v5385.validity, '2025-03-01')).toBe(false);
    expect(isValidOn(h, v5385.validity, '2019-06-14')).toBe(false);
  });

  it('a part obtained by VAE under 41336 never expires', () => {
    const h = holding('RNCP41336', 'CPN07B20', '2026-01-10', 'vae');
    expect(validUntil(h, v41336.validity)).toBeNull();
    expect(isValidOn(h, v41336.validity, '2099-12-31')).toBe(true);
  });

  it('3 blocs of 4: no title, the missing one named', () => {
    const s = standing(v41336, ['CPN07B10', 'CPN07B20', 'CPN07B30'].map((b) => holding('RNCP41336', b, '2027-06-14')), '2027-07-01');
    expect(s.titleAwarded).toBe(false);
    expect(s.missing).toEqual(['CPN07B40']);
  });

  it('4 blocs validated on different days, all valid today: the title', () => {
    const hs = [holding('RNCP41336', 'CPN07B10', '2026-06-15'), holding('RNCP41336', 'CPN07B20', '2026-11-20', 'vae'), holding('RNCP41336', 'CPN07B30', '2027-02-01'), holding('RNCP41336', 'CPN07B40', '2027-06-14')];
    expect(standing(v41336, hs, '2027-06-14').titleAwarded).toBe(true);
    expect(standing(v41336, hs, '2027-06-13').missing).toEqual(['CPN07B40']);
  });

  it('a 35080 bloc counts for 41336 only through a correspondence', () => {
    const hs = [holding('RNCP35080', 'RNCP35080-F1', '2023-06-20'), ...['CPN07B20', 'CPN07B30', 'CPN07B40'].map((b) => holding('RNCP41336', b, '2027-06-14'))];
    const withTable = standing(v41336, hs, '2027-06-14');
    expect(withTable.titleAwarded).toBe(true);
    expect(withTable.blocs[0]).toMatchObject({ blocCode: 'CPN07B10', byCorrespondence: true, validUntil: null });
    const without = standing(v41336, hs, '2027-06-14', correspondences.filter((c) => c.to !== 'CPN07B10'));
    expect(without.titleAwarded).toBe(false);
    expect(without.missing).toEqual(['CPN07B10']);
  });

  it('a 5385 bloc of 2016 reaches 41336 through 35080, until its 5 years are over', () => {
    const hs = [holding('RNCP5385', 'RNCP5385-F4', '2016-06-20'), ...['CPN07B10', 'CPN07B20', 'CPN07B30'].map((b) => holding('RNCP41336', b, '2021-06-01'))];
    expect(countsFor('RNCP5385-F4', correspondences)).toEqual(new Set(['RNCP5385-F4', 'RNCP35080-F4', 'CPN07B40']));
    expect(standing(v41336, hs, '2021-06-19').titleAwarded).toBe(true);
    expect(standing(v41336, hs, '2021-06-20').missing).toEqual(['CPN07B40']);
  });

  it('29 February plus five years is 1 March', () => {
    expect(addYears('2020-02-29', 5)).toBe('2025-03-01');
    expect(validUntil(holding('RNCP5385', 'RNCP5385-F2', '2020-02-29'), v5385.validity)).toBe('2025-02-28');
  });
});

describe('properties', () => {
  const day = fc.date({ min: new Date('2010-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const route = fc.constantFrom<THolding['route']>('training', 'vae');
  const versionFacts = fc.constantFrom(v5385, v35080, v41336);

  it('validity is an interval from the validation day: valid on d2 ⇒ valid on any d1 between', () => {
    fc.assert(
      fc.property(versionFacts, route, day, day, day, (v, r, at, a, b) => {
        const h = holding(v.code, v.blocs[0]!, at, r);
        const [d1, d2] = a < b ? [a, b] : [b, a];
        if (d1 >= at && isValidOn(h, v.validity, d2)) expect(isValidOn(h, v.validity, d1)).toBe(true);
        expect(isValidOn(h, v.validity, at)).toBe(true);
      }),
    );
  });

  it('a VAE part of a version that keeps them without limit is valid on every later day', () => {
    fc.assert(fc.property(fc.constantFrom(v35080, v41336), day, day, (v, at, later) => later < at || isValidOn(holding(v.code, v.blocs[1]!, at, 'vae'), v.validity, later)));
  });

  it('the title is awarded exactly when every bloc has a valid holding that counts for it; dropping a bloc’s only holding withdraws it', () => {
    const holdingArb = fc.record({
      version: versionFacts,
      bloc: fc.integer({ min: 0, max: 3 }),
      route,
      at: day,
    });
    fc.assert(
      fc.property(fc.array(holdingArb, { maxLength: 8 }), day, (raw, today) => {
        const hs = raw.map((x) => holding(x.version.code, x.version.blocs[x.bloc]!, x.at, x.route));
        const s = standing(v41336, hs, today);
        const covered = (bloc: string, list: THolding[]) => list.some((h) => isValidOn(h, versions.get(h.versionCode)!.validity, today) && countsFor(h.blocCode, correspondences).has(bloc));
        expect(s.titleAwarded).toBe(v41336.blocs.every((b) => covered(b, hs)));
        for (const b of s.blocs) if (b.holding) expect(covered(b.blocCode, [b.holding])).toBe(true);
        if (s.titleAwarded) {
          const only = s.blocs.find((b) => hs.filter((h) => covered(b.blocCode, [h])).length === 1);
          if (only) expect(standing(v41336, hs.filter((h) => h !== only.holding), today).titleAwarded).toBe(false);
        }
      }),
    );
  });

  it('without correspondences, a holding of another version never counts', () => {
    fc.assert(
      fc.property(fc.constantFrom(v5385, v35080), fc.integer({ min: 0, max: 3 }), day, (v, bloc, at) => {
        const s = standing(v41336, [holding(v.code, v.blocs[bloc]!, at)], at, []);
        expect(s.blocs.every((b) => b.holding === null)).toBe(true);
      }),
    );
  });
});
