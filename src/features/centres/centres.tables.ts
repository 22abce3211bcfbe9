import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A Cnam centre that prepares learners (Paris, Lille, Nantes, Dijon…). Centres are data. */
export const centres = pgTable('centres', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  address: text('address').notNull().default(''),
  postalCode: text('postal_code').notNull().default(''),
  city: text('city').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
