/**
 * What the atelier grouping optimiser takes and gives back (docs/decisions/018-atelier-grouping.md).
 * Pure data: no database, no HTTP. The service of the next step builds a `TGroupingInput` from a
 * promotion's records and stores the `TGroupingResult` it gets back.
 */
import { z } from 'zod';

/**
 * Default weights of the soft terms of the objective (maximised). Integers on purpose: the objective
 * is then an integer, so the solver can stop as soon as bound − objective < 1 and the result is still
 * proven optimal (see `MIP_ABS_GAP` in ateliers.solver.ts), and tests compare objectives exactly.
 * - `stay` (4): a learner kept in the group they were in at the previous residency. The highest,
 *   because a change of group is meant to be an explicit act, not a side effect of a small gain.
 * - `leader` (3): a learner placed with the leader they asked for.
 * - `together` (2): a pair who asked to be together, placed together (counted once per pair).
 * - `theme` (1): a learner whose wished theme is one of their leader's themes.
 */
export const DEFAULT_WEIGHTS = { stay: 4, leader: 3, together: 2, theme: 1 } as const;

export const DEFAULT_GROUP_SIZE = { min: 5, max: 6 } as const;

const ZId = z.string().trim().min(1).max(64);
const ZWeight = z.number().int().min(0).max(1000);

const ZName = z.string().trim().min(1).max(200).optional();

export const ZLearnerSchema = z.object({
  id: ZId,
  /** Shown in the diagnosis and the checker's sentences (the id otherwise). */
  name: ZName,
  wishedLeaderId: ZId.nullish(),
  wishedTheme: z.string().trim().min(1).max(200).nullish(),
});

export const ZLeaderSchema = z.object({
  id: ZId,
  name: ZName,
  /** How many ateliers this teacher can lead at once. */
  maxGroups: z.number().int().min(0).max(50),
  themes: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
});

const ZPairSchema = z.tuple([ZId, ZId]);

export const ZPreviousGroupSchema = z.object({
  id: ZId,
  leaderId: ZId,
  memberIds: z.array(ZId).max(100),
});

export const ZGroupingInputSchema = z
  .object({
    learners: z.array(ZLearnerSchema).max(2000),
    leaders: z.array(ZLeaderSchema).max(500),
    /** Pairs that must never share a group (colleagues of one organisation): hard. */
    mustNotBeTogether: z.array(ZPairSchema).max(20_000).default([]),
    /** Pairs who asked to be together: soft, rewarded by `weights.together`. */
    wishTogether: z.array(ZPairSchema).max(20_000).default([]),
    /**
     * The groups of the previous residency. History, so it may name learners or leaders who are no
     * longer there: those are ignored. A group is continued only by a group of the same leader.
     */
    previousGroups: z.array(ZPreviousGroupSchema).max(1000).default([]),
    groupSize: z
      .object({ min: z.number().int().min(1).max(50), max: z.number().int().min(1).max(50) })
      .refine((s) => s.min <= s.max, { message: 'La taille minimale dépasse la taille maximale.', path: ['min'] })
      .default({ ...DEFAULT_GROUP_SIZE }),
    weights: z
      .object({ stay: ZWeight, leader: ZWeight, together: ZWeight, theme: ZWeight })
      .partial()
      .default({})
      .transform((w) => ({ ...DEFAULT_WEIGHTS, ...w })),
  })
  .superRefine((input, ctx) => {
    const learners = new Set<string>();
    input.learners.forEach((l, i) => {
      if (learners.has(l.id)) ctx.addIssue({ code: 'custom', path: ['learners', i, 'id'], message: `L'auditeur·rice « ${l.id} » figure deux fois.` });
      learners.add(l.id);
    });
    const leaders = new Set<string>();
    input.leaders.forEach((l, i) => {
      if (leaders.has(l.id)) ctx.addIssue({ code: 'custom', path: ['leaders', i, 'id'], message: `Le ou la responsable « ${l.id} » figure deux fois.` });
      leaders.add(l.id);
    });
    input.learners.forEach((l, i) => {
      if (l.wishedLeaderId && !leaders.has(l.wishedLeaderId))
        ctx.addIssue({ code: 'custom', path: ['learners', i, 'wishedLeaderId'], message: `« ${l.wishedLeaderId} » ne mène pas d'atelier dans cette promotion.` });
    });
    for (const key of ['mustNotBeTogether', 'wishTogether'] as const) {
      input[key].forEach(([a, b], i) => {
        if (a === b) ctx.addIssue({ code: 'custom', path: [key, i], message: 'Une paire réunit deux auditeur·rices différent·es.' });
        for (const [j, id] of [a, b].entries())
          if (!learners.has(id)) ctx.addIssue({ code: 'custom', path: [key, i, j], message: `« ${id} » n'est pas un·e auditeur·rice de la promotion.` });
      });
    }
    const previousIds = new Set<string>();
    input.previousGroups.forEach((g, i) => {
      if (previousIds.has(g.id)) ctx.addIssue({ code: 'custom', path: ['previousGroups', i, 'id'], message: `Le groupe « ${g.id} » figure deux fois.` });
      previousIds.add(g.id);
    });
  });

export type TGroupingInputRaw = z.input<typeof ZGroupingInputSchema>;
export type TGroupingInput = z.output<typeof ZGroupingInputSchema>;
export type TWeights = TGroupingInput['weights'];

export type TGroup = {
  leaderId: string;
  /** The previous residency's group this one continues (same leader), or null for a new group. */
  previousGroupId: string | null;
  memberIds: string[];
};

/** How many of each wish the grouping meets, out of how many were expressed. */
export type TWishTally = { met: number; of: number };

export type TGroupingStatus =
  /** Proven optimal. */
  | 'optimal'
  /** A grouping that respects every hard constraint, but not proven optimal (see `gap`). */
  | 'feasible'
  /** No grouping exists: `diagnosis` says why. */
  | 'infeasible'
  /** The time limit passed before any grouping was found. */
  | 'time_limit';

export type TGroupingResult = {
  status: TGroupingStatus;
  groups: TGroup[];
  /** Weighted sum of the met wishes (null without a grouping). */
  objective: number | null;
  /** The best objective any grouping could reach, as proven by the solver (null when unknown: no
   * grouping, or the time limit came before the solver had a bound). */
  bound: number | null;
  /** (bound − objective) / max(1, |objective|): 0 when proven optimal, null when the bound is unknown. */
  gap: number | null;
  solveMs: number;
  /** French sentences, one per conflict found, when status is infeasible (empty otherwise). */
  diagnosis: string[];
  /** Learners who were in a previous group and are not in its continuation: each is an explicit change. */
  changes: { learnerId: string; previousGroupId: string }[];
  wishes: { stay: TWishTally; leader: TWishTally; together: TWishTally; theme: TWishTally };
};

export type TSolveOptions = {
  /** Seconds the solver may spend; it then returns its best grouping with its gap. */
  timeLimitSeconds?: number;
};

export const DEFAULT_TIME_LIMIT_SECONDS = 30;
