/**
 * What the soutenance planner takes and gives back (docs/decisions/025-soutenance-planner.md).
 * Pure data: no database, no HTTP. The juries feature builds a `TPlanInput` from its records later
 * and stores the `TPlanResult` it gets back.
 */
import { z } from 'zod';
import { ZJuryCompositionSchema, type TJuryComposition } from '../../referentiel/referentiel.schema.js';
import { JURY_MEMBER_KIND_VALUES, JURY_ROUTE_VALUES, SUPERVISOR_RULE_VALUES } from '../../../shared/vocabulary/juries.js';

/**
 * Weights of the soft terms (the objective is minimised). Integers, so every objective is an
 * integer and "optimal" can be proven exactly (bound > objective − 1).
 * - `day` (6): each distinct day a member comes in (a trip is the heaviest cost for a professional).
 * - `halfDay` (3): each distinct half-day (morning, afternoon) a member sits.
 * - `block` (2): each run of consecutive slots a member sits in a day: a second run in one day is an idle gap.
 * - `load` (2): each seat a member holds beyond the fair share of their kind (seats needed ÷ members of that kind, rounded up).
 */
export const DEFAULT_PLAN_WEIGHTS = { day: 6, halfDay: 3, block: 2, load: 2 } as const;

/** Slots that start before this hour belong to the morning. */
export const AFTERNOON_STARTS_AT = '13:00';

export const DEFAULT_PLAN_TIME_LIMIT_SECONDS = 30;

/** The compositions of seed 002 (RNCP 5385, carried to 35080 and 41336 in data/certifications). */
export const DEFAULT_COMPOSITIONS: { training: TJuryComposition; vae: TJuryComposition } = {
  training: {
    members: [
      { kind: 'cnam_teacher', count: 2, label: 'enseignants du Cnam' },
      { kind: 'professional', count: 2, label: 'professionnels exerçant ou ayant exercé dans des organismes à vocation sociale ou culturelle' },
    ],
  },
  vae: {
    members: [
      { kind: 'cnam_administrator', count: 1, label: "l'administrateur général du Cnam ou son représentant" },
      { kind: 'cnam_teacher', count: 4, label: 'enseignants du Cnam', mustInclude: ['le responsable pédagogique du titre ou son représentant'] },
      { kind: 'professional', count: 2, label: 'représentants qualifiés des professions concernées par le titre' },
    ],
  },
};

const ZId = z.string().trim().min(1).max(64);
const ZName = z.string().trim().min(1).max(200).optional();
const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const ZSlotSchema = z.object({ start: ZTime, end: ZTime }).refine((s) => s.start < s.end, { message: 'Le créneau finit avant de commencer.' });

export const ZDaySchema = z.object({
  id: ZId,
  label: ZName,
  /** In time order; a slot is named by its day and its index here. */
  slots: z.array(ZSlotSchema).min(1).max(24),
});

export const ZRoomSchema = z.object({ id: ZId, label: ZName, video: z.boolean().default(false) });

export const ZAvailabilitySchema = z.object({
  dayId: ZId,
  /** Indexes of the day's slots; absent: the whole day. */
  slots: z.array(z.number().int().min(0).max(23)).max(24).optional(),
});

export const ZMemberSchema = z.object({
  id: ZId,
  name: ZName,
  kind: z.enum(JURY_MEMBER_KIND_VALUES),
  /** The title's responsable pédagogique or their representative (counted among the Cnam teachers). */
  representsResponsable: z.boolean().default(false),
  /** Absent: available at every slot. */
  availability: z.array(ZAvailabilitySchema).max(500).optional(),
  /** Learners this member declared a conflict of interest with. */
  conflictsWith: z.array(ZId).max(2000).default([]),
});

export const ZFixedSchema = z.object({
  dayId: ZId.optional(),
  slotIndex: z.number().int().min(0).max(23).optional(),
  roomId: ZId.optional(),
  /** Members who must sit on this jury (the others are chosen). */
  memberIds: z.array(ZId).max(10).optional(),
});

export const ZDefenceSchema = z.object({
  learnerId: ZId,
  name: ZName,
  route: z.enum(JURY_ROUTE_VALUES),
  supervisorId: ZId.nullish(),
  /** Members the learner declared a conflict with (added to the members' own declarations). */
  conflictedMemberIds: z.array(ZId).max(500).default([]),
  fixed: ZFixedSchema.optional(),
});

export const ZPlanInputSchema = z
  .object({
    defences: z.array(ZDefenceSchema).max(2000),
    days: z.array(ZDaySchema).min(1).max(60),
    rooms: z.array(ZRoomSchema).min(1).max(50),
    members: z.array(ZMemberSchema).max(1000),
    compositions: z.object({ training: ZJuryCompositionSchema, vae: ZJuryCompositionSchema }).default(DEFAULT_COMPOSITIONS),
    supervisorRule: z.enum(SUPERVISOR_RULE_VALUES).default('may_not_sit'),
    weights: z
      .object({ day: z.number().int().min(0).max(1000), halfDay: z.number().int().min(0).max(1000), block: z.number().int().min(0).max(1000), load: z.number().int().min(0).max(1000) })
      .default(DEFAULT_PLAN_WEIGHTS),
  })
  .superRefine((input, ctx) => {
    const unique = (ids: string[], path: string, what: string) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [path, i], message: `${what} en double : ${id}` });
        seen.add(id);
      });
      return seen;
    };
    const learners = unique(input.defences.map((d) => d.learnerId), 'defences', 'Soutenance');
    const days = new Map(input.days.map((d) => [d.id, d]));
    unique(input.days.map((d) => d.id), 'days', 'Jour');
    const rooms = unique(input.rooms.map((r) => r.id), 'rooms', 'Salle');
    const members = unique(input.members.map((m) => m.id), 'members', 'Membre');
    input.members.forEach((m, i) =>
      m.availability?.forEach((a, j) => {
        const day = days.get(a.dayId);
        if (!day) ctx.addIssue({ code: 'custom', path: ['members', i, 'availability', j, 'dayId'], message: `Jour inconnu : ${a.dayId}` });
        else if (a.slots?.some((s) => s >= day.slots.length)) ctx.addIssue({ code: 'custom', path: ['members', i, 'availability', j, 'slots'], message: `Créneau inconnu le jour ${a.dayId}` });
      }),
    );
    input.members.forEach((m, i) => m.conflictsWith.forEach((id, j) => learners.has(id) || ctx.addIssue({ code: 'custom', path: ['members', i, 'conflictsWith', j], message: `Auditeur·rice inconnu·e : ${id}` })));
    input.defences.forEach((d, i) => {
      d.conflictedMemberIds.forEach((id, j) => members.has(id) || ctx.addIssue({ code: 'custom', path: ['defences', i, 'conflictedMemberIds', j], message: `Membre inconnu : ${id}` }));
      const f = d.fixed;
      if (!f) return;
      if (f.dayId !== undefined && !days.has(f.dayId)) ctx.addIssue({ code: 'custom', path: ['defences', i, 'fixed', 'dayId'], message: `Jour inconnu : ${f.dayId}` });
      if (f.slotIndex !== undefined && (f.dayId === undefined || f.slotIndex >= (days.get(f.dayId)?.slots.length ?? 0)))
        ctx.addIssue({ code: 'custom', path: ['defences', i, 'fixed', 'slotIndex'], message: 'Créneau inconnu (il se donne avec son jour)' });
      if (f.roomId !== undefined && !rooms.has(f.roomId)) ctx.addIssue({ code: 'custom', path: ['defences', i, 'fixed', 'roomId'], message: `Salle inconnue : ${f.roomId}` });
      f.memberIds?.forEach((id, j) => members.has(id) || ctx.addIssue({ code: 'custom', path: ['defences', i, 'fixed', 'memberIds', j], message: `Membre inconnu : ${id}` }));
    });
  });

export type TPlanInputRaw = z.input<typeof ZPlanInputSchema>;
export type TPlanInput = z.output<typeof ZPlanInputSchema>;
export type TPlanWeights = TPlanInput['weights'];

export type TAssignment = {
  learnerId: string;
  dayId: string;
  slotIndex: number;
  roomId: string;
  /** The voting jury. */
  memberIds: string[];
  /** The supervisor when the rule seats them without a vote. */
  observerIds: string[];
};

export type TPlanStatus = 'optimal' | 'feasible' | 'infeasible' | 'time_limit';

export type TPlanResult = {
  status: TPlanStatus;
  assignments: TAssignment[];
  /** Minimised; null without a plan. */
  objective: number | null;
  /** A proven lower bound of the objective. */
  bound: number | null;
  /** (objective − bound) / max(1, |objective|). */
  gap: number | null;
  solveMs: number;
  /** French sentences when no plan exists. */
  diagnosis: string[];
};

export type TPlanOptions = {
  timeLimitSeconds?: number;
  /**
   * Stop once the plan is proven within this fraction of the optimum ((objective − bound) ÷ objective);
   * 0 (the default) searches until the optimum is proven or the time limit is reached.
   */
  relativeGap?: number;
};
