/** The funding of an accepted application: payers with their shares and the payment schedule. */
import { boolean, jsonb, pgTable, text, timestamp, uuid, integer } from 'drizzle-orm/pg-core';
import { applications } from '../admissions/admissions.tables.js';

export type TPayerKind = 'employer' | 'opco' | 'cpf' | 'personal' | 'other';
export type TPayerShare = { kind: TPayerKind; name: string; shareCents: number };
export type TInstalment = { dueOn: string; amountCents: number };

export const fundingPlans = pgTable('funding_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  applicationId: uuid('application_id')
    .notNull()
    .unique()
    .references(() => applications.id, { onDelete: 'restrict' }),
  /** The price line applied (third party / CPF or personal rate). */
  priceLabel: text('price_label').notNull(),
  programmeCents: integer('programme_cents').notNull(),
  cooperativeModule: boolean('cooperative_module').notNull().default(false),
  cooperativeModuleCents: integer('cooperative_module_cents').notNull().default(0),
  totalCents: integer('total_cents').notNull(),
  payers: jsonb('payers').$type<TPayerShare[]>().notNull(),
  schedule: jsonb('schedule').$type<TInstalment[]>().notNull(),
  /** Quote number, e.g. D-2026-00042. */
  quoteNumber: text('quote_number').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
