import { createRoute, z } from '@hono/zod-openapi';
import { fileResponse, idParam as uuidParam, MAX_AMOUNT_CENTS, TOO_LARGE_AMOUNT, ZIsoDate } from '../../http/contract.js';
import { conflictResponse, errorResponses, jsonContent, notFoundResponse } from '../../http/openapi.js';
import { FUNDING_KIND_VALUES } from '../../shared/vocabulary/funding.js';
import { parseFraction } from './funding.rules.js';

const tags = ['Financement'];
const idParam = uuidParam('de candidature');
const PAYER_KINDS = FUNDING_KIND_VALUES;

export const ZFundingInputSchema = z
  .object({
    payers: z
      .array(
        z
          .object({
            kind: z.enum(PAYER_KINDS, { message: 'Nature du financeur : employer, opco, cpf, personal ou other.' }),
            name: z.string().trim().min(2, 'Indiquez le nom du financeur.').max(200),
            /** A share is one of: an amount in cents, a fraction of the total (« 1/3 »), a whole percentage. */
            amountCents: z
              .number({ message: 'Indiquez le montant en centimes.' })
              .int('Montant en centimes entiers.')
              .min(1, 'Le montant doit être positif.')
              .max(MAX_AMOUNT_CENTS, TOO_LARGE_AMOUNT)
              .optional(),
            fraction: z
              .string()
              .refine((f) => parseFraction(f) !== null, 'Fraction attendue sous la forme 1/3 (au plus 1).')
              .optional(),
            weight: z.number({ message: 'Indiquez la part (en pourcentage).' }).int('La part est un nombre entier.').min(1, 'La part doit être d’au moins 1 %.').max(100, 'La part ne peut dépasser 100 %.').optional(),
          })
          .superRefine((p, ctx) => {
            const given = [p.amountCents, p.fraction, p.weight].filter((x) => x !== undefined).length;
            if (given !== 1) ctx.addIssue({ code: 'custom', path: ['amountCents'], message: given ? 'Une seule forme de part par financeur : un montant, une fraction ou un pourcentage.' : 'Indiquez la part du financeur : un montant, une fraction (1/3) ou un pourcentage.' });
          }),
      )
      .min(1, 'Indiquez au moins un financeur.')
      .max(5, 'Cinq financeurs au plus.')
      .refine((ps) => !ps.every((p) => p.weight !== undefined) || ps.reduce((s, p) => s + (p.weight ?? 0), 0) === 100, 'Les parts des financeurs doivent totaliser 100 %.'),
    cooperativeModule: z.boolean().default(false),
    instalments: z.number().int().min(1, 'Au moins une échéance.').max(24, '24 échéances au plus.').default(1),
    firstDueOn: ZIsoDate,
    monthsApart: z.number().int().min(1).max(12).default(1),
  })
  .strict()
  .openapi('FundingInput');

const ZPlan = z.object({
  grid: z.array(z.object({ label: z.string(), payer: z.string(), amountCents: z.number(), period: z.string() })),
  cooperativeModule: z.object({ title: z.string(), normalCents: z.number().nullable(), individualCents: z.number().nullable() }),
  plan: z
    .object({
      quoteNumber: z.string(),
      priceLabel: z.string(),
      programmeCents: z.number(),
      cooperativeModule: z.boolean(),
      cooperativeModuleCents: z.number(),
      totalCents: z.number(),
      payers: z.array(z.object({ kind: z.enum(PAYER_KINDS), name: z.string(), shareCents: z.number() })),
      schedule: z.array(z.object({ dueOn: z.string(), amountCents: z.number() })),
      updatedAt: z.string(),
    })
    .nullable(),
}).openapi('FundingPlan');

const pdfResponse = fileResponse('PDF', 'pdf');

export const getFundingRoute = createRoute({
  method: 'get',
  path: '/applications/{id}/funding',
  tags,
  summary: 'Grille tarifaire de la promotion et financement établi',
  request: { params: idParam },
  responses: { 200: jsonContent(ZPlan, 'Financement'), ...errorResponses, ...notFoundResponse },
});

export const setFundingRoute = createRoute({
  method: 'put',
  path: '/applications/{id}/funding',
  tags,
  summary: 'Établir le financement : financeurs et parts, module optionnel, échéancier',
  request: { params: idParam, body: { content: { 'application/json': { schema: ZFundingInputSchema } }, required: true } },
  responses: { 200: jsonContent(ZPlan, 'Financement établi'), ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const quoteRoute = createRoute({
  method: 'get',
  path: '/applications/{id}/quote.pdf',
  tags,
  summary: 'Le devis (PDF)',
  request: { params: idParam },
  responses: { ...pdfResponse, ...errorResponses, ...notFoundResponse, ...conflictResponse },
});

export const agreementRoute = createRoute({
  method: 'get',
  path: '/applications/{id}/agreement.pdf',
  tags,
  summary: 'La convention de formation (PDF)',
  request: { params: idParam },
  responses: { ...pdfResponse, ...errorResponses, ...notFoundResponse, ...conflictResponse },
});
