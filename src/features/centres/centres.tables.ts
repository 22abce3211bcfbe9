import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { SCHOOL_ZONE_VALUES } from '../../shared/vocabulary/centres.js';

/** A Cnam centre that prepares learners (Paris, Lille, Nantes, Dijon…). Centres are data. */
export const centres = pgTable('centres', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  address: text('address').notNull().default(''),
  postalCode: text('postal_code').notNull().default(''),
  city: text('city').notNull(),
  /** School-holiday zone of the centre's académie (null: none, e.g. outside metropolitan France). */
  schoolZone: text('school_zone', { enum: SCHOOL_ZONE_VALUES }),
  /** SIRET of the training body at this centre (14 digits, Luhn-checked by the API). */
  siret: text('siret'),
  /** Numéro de déclaration d'activité of the training body (11 characters). */
  declarationNumber: text('declaration_number'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('centres_school_zone_check', sql`${t.schoolZone} IN ('A', 'B', 'C')`),
  check('centres_siret_check', sql`${t.siret} ~ '^[0-9]{14}$'`),
  check('centres_declaration_number_check', sql`length(${t.declarationNumber}) = 11`),
]);
