/** Every table of the application, for Drizzle and drizzle-kit. */
export * from '../features/auth/auth.tables.js';
export * from '../features/centres/centres.tables.js';
export * from '../features/audit/audit.tables.js';
export * from '../features/referentiel/referentiel.tables.js';
export * from '../features/cohorts/cohorts.tables.js';
export * from '../features/documents/documents.tables.js';
export * from '../features/calendar/calendar.tables.js';
export * from '../features/attendance/attendance.tables.js';
export * from '../features/admissions/admissions.tables.js';
export * from '../features/funding/funding.tables.js';
export * from '../features/conflicts/conflicts.tables.js';
export * from '../features/jobs/jobs.tables.js';
export * from '../features/notifications/notifications.tables.js';
export * from '../features/accounts/accounts.tables.js';
export * from '../features/memoire/memoire.tables.js';
export * from '../features/memoire/ateliers/ateliers.tables.js';
