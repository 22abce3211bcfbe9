/** Zod contracts of the admissions API: inputs with French messages, presented outputs. */
import { z } from '@hono/zod-openapi';
import { ZIsoDate } from '../../http/contract.js';
import { ZNewPasswordSchema } from '../auth/password.policy.js';
import { APPLICATION_DOCUMENT_TYPES, APPLICATION_STATUSES, FUNDING_INTENTS, REGISTRATION_STATUSES, SITUATIONS } from './admissions.tables.js';

export const ZDiplomaSchema = z
  .object({
    level: z.number({ message: 'Indiquez le niveau du diplôme.' }).int().min(1, 'Niveau entre 1 et 8.').max(8, 'Niveau entre 1 et 8.'),
    title: z.string().trim().min(2, 'Indiquez l’intitulé du diplôme.').max(300),
    year: z.number({ message: "Indiquez l'année d'obtention." }).int().min(1950, 'Année invalide.').max(2100, 'Année invalide.'),
  })
  .openapi('Diploma');

export const ZExperienceSchema = z
  .object({
    kind: z.enum(['social', 'professional'], { message: 'Type : sociale ou professionnelle.' }),
    startDate: ZIsoDate,
    endDate: ZIsoDate.nullable().optional(),
    field: z.string().trim().min(2, 'Indiquez le domaine.').max(200),
    responsibilities: z.string().trim().min(2, 'Décrivez les responsabilités.').max(2000),
    responsibilityLevel: z.number().int().min(1).max(8).nullable().optional(),
  })
  .refine((e) => !e.endDate || e.endDate >= e.startDate, { message: 'La date de fin précède la date de début.', path: ['endDate'] })
  .openapi('Experience');

const ZIdentity = {
  lastName: z.string().trim().min(1, 'Indiquez votre nom.').max(100),
  firstName: z.string().trim().min(1, 'Indiquez votre prénom.').max(100),
  // Bounds that depend on today (at least 16 years old, no diploma in the future) are checked by the
  // service with the request's clock: `implausibleDates` in admissions.rules.ts.
  birthDate: ZIsoDate.refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || d >= '1920-01-01', 'Date de naissance invraisemblable.'),
};

export const ZStartApplicationSchema = z
  .object({
    ...ZIdentity,
    email: z.email('Adresse e-mail invalide.'),
    // The one password policy of the platform (ASVS 5.0 V6): 8 to 128 characters, common ones refused.
    password: ZNewPasswordSchema,
    cohortId: z.uuid('Choisissez une promotion.'),
  })
  .strict()
  .openapi('ApplicationStart');

export const ZCreateApplicationSchema = z.object({ ...ZIdentity, cohortId: z.uuid('Choisissez une promotion.') }).strict().openapi('ApplicationCreate');

export const ZDraftPatchSchema = z
  .object({
    ...ZIdentity,
    cohortId: z.uuid('Choisissez une promotion.'),
    phone: z.string().trim().max(30, 'Numéro trop long.'),
    address: z.string().trim().max(300),
    situation: z.enum(SITUATIONS, { message: 'Situation inconnue.' }).nullable(),
    fundingIntent: z.enum(FUNDING_INTENTS, { message: 'Financement inconnu.' }).nullable(),
    project: z.string().max(10_000, 'Le projet ne doit pas dépasser 10 000 caractères.'),
    diplomas: z.array(ZDiplomaSchema).max(20),
    experiences: z.array(ZExperienceSchema).max(50),
  })
  .partial()
  .strict()
  .openapi('ApplicationDraftPatch');

export const ZDocumentUploadSchema = z
  .object({
    type: z.enum(APPLICATION_DOCUMENT_TYPES, { message: 'Type de pièce : cv, diploma, letter ou other.' }),
    fileName: z.string().trim().min(1, 'Nom de fichier manquant.').max(200),
    contentBase64: z.string().min(1, 'Le fichier est vide.').max(14_500_000, 'Le fichier dépasse 10 Mo.'),
  })
  .strict()
  .openapi('ApplicationDocumentUpload');

export const ZTransitionSchema = z
  .object({
    action: z.enum(['start_review', 'request_correction', 'accept', 'refuse', 'close'], { message: 'Action inconnue.' }),
    // Required (3 characters at least) for a decision and a correction request; the service says so.
    reason: z.string({ message: 'Le motif est un texte.' }).trim().max(5000, 'Le motif ne doit pas dépasser 5 000 caractères.').optional(),
  })
  .strict()
  .openapi('ApplicationTransition');

export const ZNoteSchema = z.object({ text: z.string().trim().min(1, 'La note est vide.').max(5000) }).strict().openapi('ApplicationNote');

export const ZRegistrationFormSchema = z
  .object({
    address: z.string().trim().min(3, "Indiquez l'adresse."),
    postalCode: z.string().trim().regex(/^\d{5}$/, 'Code postal : 5 chiffres.'),
    city: z.string().trim().min(1, 'Indiquez la ville.'),
    phone: z.string().trim().min(6, 'Indiquez un numéro de téléphone.').max(30),
    employerName: z.string().trim().max(200).nullable().optional(),
    jobSeeker: z.boolean({ message: "Indiquez si vous êtes demandeur·euse d'emploi." }),
    acceptsRules: z.boolean({ message: 'Acceptez le règlement intérieur.' }),
  })
  .strict()
  .openapi('RegistrationForm');

const ZPathCheck = z.object({
  pathId: z.string(),
  label: z.string(),
  outcome: z.enum(['eligible', 'derogation']),
  satisfied: z.boolean(),
  diplomaOk: z.boolean(),
  /** Whole calendar months of experience counted for the path, and the months it requires (3 years = 36). */
  experienceMonths: z.number().int(),
  requiredMonths: z.number().int(),
  sentence: z.string(),
});

export const ZEligibilitySchema = z
  .object({
    verdict: z.enum(['eligible', 'derogation', 'not_eligible']),
    summary: z.string(),
    reasons: z.array(z.string()),
    figures: z.object({ highestDiplomaLevel: z.number().nullable(), recognisedDiploma: z.string().nullable(), referenceDate: z.string() }),
    paths: z.array(ZPathCheck),
  })
  .openapi('Eligibility');

export const ZApplicationSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    cohort: z.object({ id: z.string(), name: z.string(), number: z.number(), startsOn: z.string(), centreName: z.string(), versionCode: z.string() }).nullable(),
    centreId: z.string(),
    year: z.number(),
    lastName: z.string(),
    firstName: z.string(),
    birthDate: z.string(),
    email: z.string(),
    phone: z.string(),
    address: z.string(),
    situation: z.enum(SITUATIONS).nullable(),
    fundingIntent: z.enum(FUNDING_INTENTS).nullable(),
    project: z.string(),
    diplomas: z.array(z.object({ level: z.number(), title: z.string(), year: z.number() })),
    experiences: z.array(
      z.object({
        kind: z.enum(['social', 'professional']),
        startDate: z.string(),
        endDate: z.string().nullable().optional(),
        field: z.string(),
        responsibilities: z.string(),
        responsibilityLevel: z.number().nullable().optional(),
      }),
    ),
    eligibility: ZEligibilitySchema,
    documents: z.array(z.object({ id: z.string(), type: z.enum(APPLICATION_DOCUMENT_TYPES), fileName: z.string(), contentType: z.string(), sizeBytes: z.number(), createdAt: z.string() })),
    filedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    registrationStatus: z.enum(REGISTRATION_STATUSES),
    registrationForm: z
      .object({ address: z.string(), postalCode: z.string(), city: z.string(), phone: z.string(), employerName: z.string().nullable().optional(), jobSeeker: z.boolean(), acceptsRules: z.boolean() })
      .nullable(),
    registeredAt: z.string().nullable(),
    internshipWeeksRequired: z.number().nullable(),
    editable: z.boolean(),
    availableActions: z.array(z.enum(['start_review', 'request_correction', 'accept', 'refuse', 'close'])),
    /** What this person may do on the file, from the policies the API enforces (the UI shows only these). */
    permissions: z.object({
      actions: z.array(z.enum(['start_review', 'request_correction', 'accept', 'refuse', 'close'])),
      addNote: z.boolean(),
      fund: z.boolean(),
      edit: z.boolean(),
      /** The applicant may withdraw an uploaded document (draft only). */
      removeDocument: z.boolean(),
      declareConflict: z.boolean(),
    }),
    history: z.array(
      z.object({
        id: z.string(),
        at: z.string(),
        kind: z.string(),
        actorLabel: z.string(),
        fromStatus: z.string().nullable(),
        toStatus: z.string().nullable(),
        text: z.string().nullable(),
        private: z.boolean(),
      }),
    ),
    view: z.enum(['staff', 'applicant']),
  })
  .openapi('Application');

export const ZApplicationListItemSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    lastName: z.string(),
    firstName: z.string(),
    email: z.string(),
    situation: z.enum(SITUATIONS).nullable(),
    fundingIntent: z.enum(FUNDING_INTENTS).nullable(),
    eligibilityVerdict: z.string(),
    filedAt: z.string().nullable(),
    registrationStatus: z.enum(REGISTRATION_STATUSES),
    centreName: z.string(),
    cohortName: z.string(),
  })
  .openapi('ApplicationListItem');

export const ZOpenCohortSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    number: z.number(),
    startsOn: z.string(),
    endsOn: z.string(),
    capacity: z.number(),
    centreId: z.string(),
    centreName: z.string(),
    versionCode: z.string(),
    versionTitle: z.string(),
    admissionPaths: z.array(z.object({ id: z.string(), label: z.string(), outcome: z.enum(['eligible', 'derogation']), text: z.string() })),
    acceptedDiplomas: z.array(z.string()),
  })
  .openapi('OpenCohort');

export const ZListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  q: z.string().trim().max(100).optional(),
  centreId: z.uuid('Centre invalide.').optional(),
  cohortId: z.uuid('Promotion invalide.').optional(),
  status: z.enum(APPLICATION_STATUSES, { message: 'Statut inconnu.' }).optional(),
  eligibility: z.enum(['eligible', 'derogation', 'not_eligible'], { message: 'Recevabilité inconnue.' }).optional(),
  includeDrafts: z.enum(['true', 'false']).optional(),
  sort: z.enum(['filedAt', 'lastName', 'status', 'reference']).default('filedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
