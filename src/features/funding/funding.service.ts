/**
 * Funding of an accepted application: the price from the promotion's grid (falling back to the
 * version's prices when the promotion has none), the payers' shares, the payment schedule.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '../../db/client.js';
import { conflict, notFound, validationError } from '../../http/errors.js';
import type { TActor } from '../../policies/policies.js';
import { fileRelationOf, getApplicationRow, viewOf } from '../admissions/admissions.access.js';
import { canFundApplication } from '../../policies/applications.policy.js';
import { enforce } from '../../policies/decision.js';
import { recordAudit, type TAuditActor } from '../audit/audit.service.js';
import { centres } from '../centres/centres.tables.js';
import { cohorts } from '../cohorts/cohorts.tables.js';
import { certificationVersions } from '../referentiel/referentiel.tables.js';
import { paymentSchedule, programmeAmount, programmePrice, resolveShares, type TGridLine, type TShareInput } from './funding.rules.js';
import { fundingPlans, type TPayerKind } from './funding.tables.js';

export type TFundingInput = {
  payers: ({ kind: TPayerKind; name: string } & TShareInput)[];
  cooperativeModule: boolean;
  instalments: number;
  firstDueOn: string;
  monthsApart: number;
};

export async function loadCohortPricing(db: TDbOrTx, cohortId: string) {
  const [row] = await db
    .select({ cohort: cohorts, centre: centres, version: certificationVersions })
    .from(cohorts)
    .innerJoin(centres, eq(centres.id, cohorts.centreId))
    .innerJoin(certificationVersions, eq(certificationVersions.id, cohorts.certificationVersionId))
    .where(eq(cohorts.id, cohortId));
  if (!row) throw notFound('Promotion introuvable.');
  const doc = row.version.document;
  const grid: TGridLine[] = row.cohort.priceGrid.length
    ? row.cohort.priceGrid
    : doc.prices.map((p) => ({ label: p.label, payer: p.payer, amountCents: p.amountCents, period: p.period }));
  const coopModule = doc.modules.find((m) => m.optional && m.prices?.length);
  const optionalLines = row.cohort.priceGrid.filter((l) => l.optional);
  const coop = {
    title: coopModule?.title ?? 'Module optionnel',
    normalCents: optionalLines.find((l) => l.payer !== 'personal')?.amountCents ?? coopModule?.prices?.[0]?.amountCents ?? null,
    individualCents: optionalLines.find((l) => l.payer === 'personal')?.amountCents ?? coopModule?.prices?.[1]?.amountCents ?? null,
  };
  const years = Math.max(1, Math.round((Date.parse(row.cohort.endsOn) - Date.parse(row.cohort.startsOn)) / (365.25 * 86_400_000)));
  return { ...row, grid, coop, years };
}

export async function setFundingPlan(o: { db: TDb; actor: TAuditActor; viewer: TActor; id: string; input: TFundingInput; now: Date }) {
  await o.db.transaction(async (tx) => {
    const app = await getApplicationRow(tx, o.id, true);
    enforce(canFundApplication(o.viewer, app, await fileRelationOf(tx, o.viewer, app)));
    if (app.status !== 'accepted') throw conflict('Le financement ne s’établit que pour une candidature acceptée.');
    const pricing = await loadCohortPricing(tx, app.cohortId);
    const kinds = o.input.payers.map((p) => p.kind);
    const line = programmePrice(pricing.grid, kinds);
    if (!line) throw validationError([{ path: 'payers', message: 'La grille tarifaire de la promotion ne prévoit pas de tarif pour ces financeurs.' }]);
    const allPersonal = kinds.every((k) => k === 'personal');
    const coopCents = o.input.cooperativeModule ? (allPersonal ? pricing.coop.individualCents : pricing.coop.normalCents) : 0;
    if (coopCents === null) throw validationError([{ path: 'cooperativeModule', message: "Cette promotion ne propose pas le module optionnel." }]);
    const programmeCents = programmeAmount(line, pricing.years);
    const totalCents = programmeCents + coopCents;
    const resolved = resolveShares(totalCents, o.input.payers, (i) => `financeur ${i + 1} (${o.input.payers[i]!.name.trim()})`);
    if ('issues' in resolved) throw validationError(resolved.issues, 'Les parts des financeurs ne font pas le total.');
    const payers = o.input.payers.map((p, i) => ({ kind: p.kind, name: p.name.trim(), shareCents: resolved.shares[i]! }));
    const schedule = paymentSchedule(totalCents, o.input.instalments, o.input.firstDueOn, o.input.monthsApart);
    const [existing] = await tx.select().from(fundingPlans).where(eq(fundingPlans.applicationId, app.id));
    const values = { priceLabel: line.label, programmeCents, cooperativeModule: o.input.cooperativeModule, cooperativeModuleCents: coopCents, totalCents, payers, schedule, updatedAt: o.now };
    if (existing) await tx.update(fundingPlans).set(values).where(eq(fundingPlans.id, existing.id));
    else await tx.insert(fundingPlans).values({ ...values, applicationId: app.id, quoteNumber: `D-${app.intakeYear}-${randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase()}` });
    await recordAudit(tx, o.actor, {
      action: existing ? 'funding.updated' : 'funding.created',
      entityType: 'application',
      entityId: app.id,
      before: existing ? { totalCents: existing.totalCents, payers: existing.payers } : undefined,
      after: { totalCents, payers, schedule },
    });
  });
  return getFundingPlan({ db: o.db, viewer: o.viewer, id: o.id });
}

export async function getFundingPlan(o: { db: TDbOrTx; viewer: TActor; id: string }) {
  const app = await getApplicationRow(o.db, o.id);
  await viewOf(o.db, o.viewer, app);
  const [plan] = await o.db.select().from(fundingPlans).where(eq(fundingPlans.applicationId, app.id));
  const pricing = await loadCohortPricing(o.db, app.cohortId);
  return {
    grid: pricing.grid.map((l) => ({ label: l.label, payer: l.payer, amountCents: l.amountCents, period: l.period })),
    cooperativeModule: pricing.coop,
    plan: plan
      ? {
          quoteNumber: plan.quoteNumber,
          priceLabel: plan.priceLabel,
          programmeCents: plan.programmeCents,
          cooperativeModule: plan.cooperativeModule,
          cooperativeModuleCents: plan.cooperativeModuleCents,
          totalCents: plan.totalCents,
          payers: plan.payers,
          schedule: plan.schedule,
          updatedAt: plan.updatedAt.toISOString(),
        }
      : null,
  };
}
