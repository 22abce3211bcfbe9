/**
 * The shared vocabulary: enums and their French labels that both the server and the SPA show.
 * Pure modules (no Node imports) so the SPA bundles them.
 */
export * from './abilities.js';
export * from './admissions.js';
export * from './attendance.js';
export * from './audit.js';
export * from './calendar.js';
export * from './funding.js';
export * from './roles.js';
export * from './jobs.js';
export * from './centres.js';
export * from './fields.js';
export * from './memoire.js';
