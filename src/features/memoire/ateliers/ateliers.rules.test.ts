import { describe, expect, it } from 'vitest';
import { ZGroupingInputSchema, type TGroupingInputRaw } from './ateliers.input.js';
import { checkGrouping, diagnoseGrouping, groupCountRange, largestExclusionClique, partitionExists, scoreGrouping } from './ateliers.rules.js';

const ids = (n: number, prefix = 'a') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const parse = (raw: TGroupingInputRaw) => ZGroupingInputSchema.parse(raw);
const promotion = (n: number, extra: Partial<TGroupingInputRaw> = {}) =>
  parse({ learners: ids(n).map((id) => ({ id })), leaders: [{ id: 'p1', maxGroups: 10 }], ...extra });

describe('group counts', () => {
  it('knows which promotion sizes split into groups of 5 to 6', () => {
    const impossible = Array.from({ length: 40 }, (_, i) => i + 1).filter((n) => !partitionExists(n, 5, 6));
    expect(impossible).toEqual([1, 2, 3, 4, 7, 8, 9, 13, 14, 19]);
    expect(groupCountRange(10, 5, 6)).toEqual({ lo: 2, hi: 2 });
    expect(groupCountRange(11, 5, 6)).toEqual({ lo: 2, hi: 2 });
    expect(groupCountRange(30, 5, 6)).toEqual({ lo: 5, hi: 6 });
  });
});

describe('diagnosis', () => {
  it('says 4 learners cannot make a group of 5 to 6', () => {
    expect(diagnoseGrouping(promotion(4))).toEqual(['4 auditeur·rices ne peuvent pas former un groupe de 5 à 6.']);
  });

  it('says 13 learners have no split, and the nearest counts that have one', () => {
    expect(diagnoseGrouping(promotion(13))).toEqual([
      "13 auditeur·rices : aucune répartition en groupes de 5 à 6 n'existe pour 13 (elle existe pour 12 ou pour 15).",
    ]);
  });

  it('finds nothing to say when a grouping can exist', () => {
    for (const n of [0, 5, 10, 11, 12, 15, 20, 40]) expect(diagnoseGrouping(promotion(n))).toEqual([]);
  });

  it("says when the leaders' capacity is too small, leader by leader", () => {
    const input = parse({
      learners: ids(40).map((id) => ({ id })),
      leaders: [
        { id: 'p1', name: 'Claire Martin', maxGroups: 2 },
        { id: 'p2', name: 'Paul Roux', maxGroups: 3 },
      ],
    });
    expect(diagnoseGrouping(input)).toEqual([
      "40 auditeur·rices demandent au moins 7 groupes de 5 à 6, mais les responsables d'atelier ne peuvent en mener que 5 au total (Claire Martin : 2, Paul Roux : 3).",
    ]);
    expect(diagnoseGrouping(parse({ learners: ids(10).map((id) => ({ id })), leaders: [] }))[0]).toMatch(/^Aucun·e responsable d'atelier/);
  });

  it('says when exclusions two by two need more groups than can exist', () => {
    // 12 learners make exactly 2 groups; a1, a2, a3 must all be apart.
    const input = promotion(12, { mustNotBeTogether: [['a1', 'a2'], ['a2', 'a3'], ['a1', 'a3'], ['a4', 'a5']] });
    expect(largestExclusionClique(input).sort()).toEqual(['a1', 'a2', 'a3']);
    expect(diagnoseGrouping(input)).toEqual([
      'a1, a2, a3 (3 auditeur·rices) ne doivent pas être ensemble deux à deux : il faudrait au moins 3 groupes, mais au plus 2 sont possibles.',
    ]);
  });

  it('says when a learner is excluded from so many that no group is left for them', () => {
    const input = promotion(10, { learners: ids(10).map((id) => ({ id, name: id === 'a1' ? 'Inès' : undefined })), mustNotBeTogether: ids(7).slice(1).map((b) => ['a1', b] as [string, string]) });
    expect(diagnoseGrouping(input)).toContain("Inès ne doit être avec aucun·e de 6 autres auditeur·rices : il n'en reste que 3 pour former un groupe d'au moins 5.");
  });
});

describe('input', () => {
  it('refuses ids that name no one, with the path of the field', () => {
    const result = ZGroupingInputSchema.safeParse({
      learners: [{ id: 'a1', wishedLeaderId: 'zz' }, { id: 'a1' }],
      leaders: [{ id: 'p1', maxGroups: 1 }],
      mustNotBeTogether: [['a1', 'a1'], ['a1', 'nobody']],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['learners.1.id', 'learners.0.wishedLeaderId', 'mustNotBeTogether.0', 'mustNotBeTogether.1.1']));
  });

  it('takes group sizes and weights from the input, with documented defaults', () => {
    const input = promotion(5, { groupSize: { min: 3, max: 4 }, weights: { theme: 7 } });
    expect(input.groupSize).toEqual({ min: 3, max: 4 });
    expect(input.weights).toEqual({ stay: 4, leader: 3, together: 2, theme: 7 });
    expect(ZGroupingInputSchema.safeParse({ learners: [], leaders: [], groupSize: { min: 6, max: 5 } }).success).toBe(false);
  });
});

describe('checker', () => {
  const input = promotion(10, {
    leaders: [{ id: 'p1', maxGroups: 1 }, { id: 'p2', maxGroups: 1 }],
    mustNotBeTogether: [['a1', 'a2']],
    previousGroups: [{ id: 'g', leaderId: 'p1', memberIds: ['a1'] }],
  });
  const good = [
    { leaderId: 'p1', previousGroupId: 'g', memberIds: ['a1', 'a3', 'a4', 'a5', 'a6'] },
    { leaderId: 'p2', previousGroupId: null, memberIds: ['a2', 'a7', 'a8', 'a9', 'a10'] },
  ];

  it('accepts a valid grouping', () => {
    expect(checkGrouping(input, good)).toEqual([]);
  });

  it('names each broken hard constraint', () => {
    const cases: [typeof good, RegExp][] = [
      [[{ ...good[0]!, memberIds: ['a1', 'a2', 'a4', 'a5', 'a6'] }, { ...good[1]!, memberIds: ['a3', 'a7', 'a8', 'a9', 'a10'] }], /a1 et a2 ne doivent pas/],
      [[{ ...good[0]!, memberIds: ['a1', 'a3', 'a4', 'a5'] }, good[1]!], /hors de la taille 5 à 6/],
      [[good[0]!, { ...good[1]!, leaderId: 'p1' }], /p1 mène 2 groupes, pour 1 au plus/],
      [[good[0]!, { ...good[1]!, leaderId: 'x' }], /« x » ne mène pas d'atelier/],
      [[good[0]!, { ...good[1]!, previousGroupId: 'g' }], /continuer le groupe « g »/],
      [[good[0]!, { ...good[1]!, memberIds: ['a2', 'a7', 'a8', 'a9', 'a1'] }], /a1 est dans deux groupes/],
      [[good[0]!, { ...good[1]!, memberIds: ['a2', 'a7', 'a8', 'a9', 'zz'] }], /a10 n'est dans aucun groupe/],
    ];
    for (const [groups, message] of cases) expect(checkGrouping(input, groups).join('\n')).toMatch(message);
  });

  it('scores wishes from the grouping and lists the explicit changes', () => {
    const withWishes = parse({
      learners: ids(10).map((id, i) => ({ id, wishedLeaderId: i < 2 ? 'p2' : undefined, wishedTheme: i === 2 ? 'coop' : undefined })),
      leaders: [{ id: 'p1', maxGroups: 1, themes: ['coop'] }, { id: 'p2', maxGroups: 1 }],
      wishTogether: [['a3', 'a4'], ['a4', 'a3'], ['a3', 'a2']],
      previousGroups: [{ id: 'g', leaderId: 'p1', memberIds: ['a1', 'a3', 'ghost'] }],
    });
    const score = scoreGrouping(withWishes, good);
    expect(score.wishes).toEqual({ stay: { met: 2, of: 2 }, leader: { met: 1, of: 2 }, together: { met: 1, of: 2 }, theme: { met: 1, of: 1 } });
    expect(score.objective).toBe(2 * 4 + 1 * 3 + 1 * 2 + 1 * 1);
    expect(score.changes).toEqual([]);
    const moved = scoreGrouping(withWishes, [{ ...good[0]!, previousGroupId: null }, good[1]!]);
    expect(moved.changes).toEqual([{ learnerId: 'a1', previousGroupId: 'g' }, { learnerId: 'a3', previousGroupId: 'g' }]);
  });
});
