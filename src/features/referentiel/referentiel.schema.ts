/**
 * The shape of a certification version file (data/certifications/*.json).
 *
 * A file states one registered version of a certification (RNCP 5385, 35080, 41336…) with its
 * rule set: blocs, hours, admission prerequisites, access routes with their jury composition, bloc
 * validity and prices. Every section cites the seed document it comes from (`sources`), so the page
 * that shows the version can say where each fact was read. Loading another bloc-based certification
 * needs a new file, not new code (docs/decisions/001-rules-are-data.md).
 *
 * Strict objects everywhere: an unknown key is a mistake in the file, reported with its path.
 */
import { z } from 'zod';
import { ZEvaluationPlanSchema } from './evaluation-plan.schema.js';

/** Seed ids ("000"…"004") or other source ids declared in the file's `sources`. */
const ZSourceRefs = z.array(z.string().min(1)).min(1, 'au moins une source doit être citée');

const ZIsoDate = z.iso.date({ message: 'date attendue au format AAAA-MM-JJ' });

export const ZSourceSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  /** Path of the seed relative to the shared folder, or an external reference. */
  reference: z.string().min(1),
  /** What the reader should know about the document (e.g. how it was attributed to a version). */
  note: z.string().min(1).optional(),
});

export const ZCodeLabelSchema = z.strictObject({
  code: z.string().min(1),
  label: z.string().min(1),
});

export const ZCompetencySchema = z.strictObject({
  code: z.string().min(1).optional(),
  text: z.string().min(1),
});

export const ZSkillBlockSchema = z.strictObject({
  /** Cnam code, e.g. CPN07B10. Unique within a version. */
  code: z.string().min(1),
  /** France Compétences code (RNCP41336BC01) where known. */
  franceCompetencesCode: z.string().min(1).optional(),
  title: z.string().min(1),
  /** Heading under which the source lists the bloc's competencies ("Compétence : …", "Fonction 1 : …"). */
  description: z.string().min(1).optional(),
  competencies: z.array(ZCompetencySchema),
  assessments: z.array(z.strictObject({ label: z.string().min(1), source: ZSourceRefs.optional() })),
  /** Why a code was built or how the content was attributed, when the source leaves it open. */
  note: z.string().min(1).optional(),
  source: ZSourceRefs,
});

export const ZModuleSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().min(1).optional(),
  /** Hours where the source gives them (decimal: 24.5 = 24 h 30). */
  hours: z.number().nonnegative().optional(),
  certifying: z.boolean().default(true),
  optional: z.boolean().default(false),
  /** Price of an optional module, in integer euro cents, per rate label. */
  prices: z
    .array(z.strictObject({ label: z.string().min(1), amountCents: z.number().int().nonnegative() }))
    .optional(),
  source: ZSourceRefs,
});

export const ZHourComponentKind = z.enum(['seminar', 'thesis_workshop', 'mentoring', 'other']);

export const ZHourMaquetteSchema = z.strictObject({
  /** Total the source declares. Compared with the sum of components and with the modules' hours. */
  declaredTotalHours: z.number().positive(),
  components: z.array(
    z.strictObject({
      kind: ZHourComponentKind,
      label: z.string().min(1),
      hours: z.number().nonnegative(),
      detail: z.array(z.string().min(1)).optional(),
    }),
  ),
  weeksOnSite: z.number().int().nonnegative().optional(),
  remoteDays: z.number().int().nonnegative().optional(),
  defenseDays: z.number().int().nonnegative().optional(),
  durationYears: z.number().positive().optional(),
  rhythm: z.string().min(1).optional(),
  /** Ateliers mémoire group size, when stated. */
  thesisWorkshopGroupSize: z.strictObject({ min: z.number().int().positive(), max: z.number().int().positive() }).optional(),
  /** What the source adds outside the counted hours (individual follow-up, soutenances…). */
  notes: z.array(z.string().min(1)).default([]),
  source: ZSourceRefs,
});

export const ZExperienceKind = z.enum(['social', 'professional']);

export const ZAdmissionPathSchema = z.strictObject({
  id: z.string().min(1),
  label: z.string().min(1),
  /** What satisfying this path yields: plain eligibility, or eligibility by derogation. */
  outcome: z.enum(['eligible', 'derogation']),
  /** Minimum diploma level (national nomenclature, 6 = Bac+3/4); absent = no diploma required. */
  minDiplomaLevel: z.number().int().min(1).max(8).optional(),
  /** Diplomas accepted by name instead of the level. */
  acceptedDiplomas: z.array(z.string().min(1)).default([]),
  minExperienceYears: z.number().nonnegative(),
  experienceKinds: z.array(ZExperienceKind).min(1),
  /** Responsibility level required of the experience (RNCP 35080 wording), when stated. */
  minResponsibilityLevel: z.number().int().min(1).max(8).optional(),
  text: z.string().min(1),
});

export const ZAdmissionSchema = z.strictObject({
  /** May be empty when a source only gives the procedure (the rules then warn). */
  paths: z.array(ZAdmissionPathSchema),
  applicantSituations: z.array(z.string().min(1)).optional(),
  oneApplicationPerPersonPerYear: z.boolean(),
  internshipForJobSeekers: z.strictObject({ minWeeks: z.number().int().positive() }).optional(),
  procedure: z.array(z.string().min(1)).optional(),
  source: ZSourceRefs,
});

export const ZJuryMemberKind = z.enum(['cnam_teacher', 'professional', 'cnam_administrator']);

export const ZJuryCompositionSchema = z.strictObject({
  members: z
    .array(
      z.strictObject({
        kind: ZJuryMemberKind,
        count: z.number().int().positive(),
        label: z.string().min(1),
        /** E.g. "responsable pédagogique du titre ou son représentant" must be among them. */
        mustInclude: z.array(z.string().min(1)).optional(),
      }),
    )
    .min(1),
});

export const ZAccessRouteId = z.enum([
  'student',
  'apprenticeship',
  'continuing_education',
  'professionalisation_contract',
  'individual_candidacy',
  'vae',
]);

export const ZAccessRouteSchema = z.strictObject({
  route: ZAccessRouteId,
  label: z.string().min(1),
  open: z.boolean(),
  jury: ZJuryCompositionSchema.optional(),
  /** E.g. a jury composition carried over from an older version's sheet. */
  note: z.string().min(1).optional(),
  source: ZSourceRefs,
});

export const ZBlocValiditySchema = z.strictObject({
  /** Years an acquired bloc stays valid; null = the sources state no limit. */
  years: z.number().int().positive().nullable(),
  /** Parts obtained through VAE are kept without limit (décret 2017-1135). */
  vaeWithoutLimit: z.boolean(),
  note: z.string().min(1).optional(),
  source: ZSourceRefs,
});

export const ZPriceSchema = z.strictObject({
  label: z.string().min(1),
  payer: z.enum(['third_party', 'cpf', 'personal', 'agreement', 'other']),
  amountCents: z.number().int().nonnegative(),
  period: z.enum(['programme', 'year']),
  note: z.string().min(1).optional(),
  source: ZSourceRefs,
});

/** One legal act in the life of the title. `date` orders the history; the act may take effect earlier. */
export const ZRegistrationEventSchema = z.strictObject({
  date: ZIsoDate,
  text: z.string().min(1),
  effectiveFrom: ZIsoDate.optional(),
  until: ZIsoDate.optional(),
  source: ZSourceRefs.optional(),
});

/** Descriptive text of the version's page: objectives, jobs, sectors, keywords. */
export const ZOverviewSchema = z.strictObject({
  objectives: z.array(z.string().min(1)).default([]),
  jobTitles: z.array(z.string().min(1)).default([]),
  sectors: z.array(z.string().min(1)).default([]),
  keywords: z.array(z.string().min(1)).default([]),
  notes: z.array(z.string().min(1)).default([]),
  source: ZSourceRefs,
});

/** What the sources say of the mémoire (types, expected qualities, workload). */
export const ZThesisSchema = z.strictObject({
  summary: z.array(z.string().min(1)).default([]),
  subjects: z.array(z.string().min(1)).default([]),
  qualities: z.array(z.string().min(1)).default([]),
  approxPages: z.number().int().positive().optional(),
  workload: z.string().min(1).optional(),
  source: ZSourceRefs,
});

const ZRate = z.number().min(0).max(100);

/** Outcome figures published by the certifier for a year of certification (percentages 0–100). */
export const ZPublishedOutcomeSchema = z.strictObject({
  year: z.number().int().min(1900).max(2100),
  certified: z.number().int().nonnegative(),
  certifiedThroughVae: z.number().int().nonnegative(),
  employmentRateAt6Months: ZRate,
  targetJobRateAt6Months: ZRate,
  targetJobRateAt2Years: ZRate,
  source: ZSourceRefs,
});

export const ZCertificationVersionSchema = z.strictObject({
  schemaVersion: z.literal(1),
  /** Unique key of the version, e.g. "RNCP41336". */
  code: z.string().regex(/^[A-Z0-9][A-Z0-9-]*$/, 'code en majuscules, chiffres et tirets'),
  /** Groups the versions of one certification (the lineage). */
  family: z.string().min(1),
  rncpNumber: z.string().min(1).nullable(),
  title: z.string().min(1),
  certifier: z.string().min(1),
  parcoursCode: z.string().min(1).optional(),
  level: z.strictObject({ european: z.number().int().min(1).max(8), former: z.string().optional() }),
  entryLevel: z.string().min(1).optional(),
  exitLevel: z.string().min(1).optional(),
  ects: z.number().int().nonnegative().optional(),
  nationalDiploma: z.boolean().optional(),
  registeredOn: ZIsoDate,
  expiresOn: ZIsoDate,
  /** Explicit closure of access before the registration ends. */
  accessClosed: z.boolean().default(false),
  registrationHistory: z.array(ZRegistrationEventSchema).default([]),
  predecessor: z.string().min(1).nullable(),
  successor: z.string().min(1).nullable(),
  codes: z
    .strictObject({
      nsf: z.array(ZCodeLabelSchema).default([]),
      rome: z.array(ZCodeLabelSchema).default([]),
      formacode: z.array(ZCodeLabelSchema).default([]),
      source: ZSourceRefs.optional(),
    })
    .optional(),
  overview: ZOverviewSchema.optional(),
  blocs: z.array(ZSkillBlockSchema).min(1, 'une certification compte au moins un bloc'),
  /** How the blocs make the certification. */
  completionRule: z.strictObject({ text: z.string().min(1), source: ZSourceRefs }).optional(),
  modules: z.array(ZModuleSchema).default([]),
  hours: ZHourMaquetteSchema.optional(),
  admission: ZAdmissionSchema.optional(),
  accessRoutes: z.array(ZAccessRouteSchema).default([]),
  blocValidity: ZBlocValiditySchema,
  prices: z.array(ZPriceSchema).default([]),
  thesis: ZThesisSchema.optional(),
  /** Assessments per bloc, scales, markers, the mémoire's rubric and the bloc rule (decision 024). */
  evaluationPlan: ZEvaluationPlanSchema.optional(),
  publishedOutcomes: z.array(ZPublishedOutcomeSchema).default([]),
  sources: z.array(ZSourceSchema).min(1),
});

export type TCertificationVersion = z.infer<typeof ZCertificationVersionSchema>;
export type TSkillBlock = z.infer<typeof ZSkillBlockSchema>;
export type THourMaquette = z.infer<typeof ZHourMaquetteSchema>;
export type TAdmission = z.infer<typeof ZAdmissionSchema>;
export type TAccessRoute = z.infer<typeof ZAccessRouteSchema>;
export type TModule = z.infer<typeof ZModuleSchema>;
export type THourComponentKind = z.infer<typeof ZHourComponentKind>;
export type TJuryComposition = z.infer<typeof ZJuryCompositionSchema>;
export type TRegistrationEvent = z.infer<typeof ZRegistrationEventSchema>;
