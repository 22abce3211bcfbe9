/**
 * The database refuses to change an append-only register (trigger movsc_refuse_change, SQLSTATE MVR01).
 * No user action should ever reach it; if one does, the person gets a 409 with the database's French
 * message and the log a clear line, not an anonymous 500.
 */
import { findDatabaseError } from '../../db/errors.js';
import { AppError } from '../../http/errors.js';

export const APPEND_ONLY_SQLSTATE = 'MVR01';
/**
 * Chain locks are held until commit: two transactions taking two files' locks in opposite orders wait
 * for each other, and PostgreSQL aborts one. Nothing of it was written; trying again succeeds.
 */
export const DEADLOCK_SQLSTATE = '40P01';

/** The refusal hidden in an error (drivers and Drizzle wrap it in `cause`), or null. */
export function findAppendOnlyRefusal(error: unknown): { table: string | null; message: string } | null {
  const found = findDatabaseError(error, APPEND_ONLY_SQLSTATE);
  if (!found) return null;
  return { table: found.table, message: found.message || 'Registre en ajout seul : modification refusée.' };
}

/** A 409 for a refused change of a register, or for a write aborted by a deadlock; null otherwise. */
export function appendOnlyConflict(error: unknown): AppError | null {
  const refusal = findAppendOnlyRefusal(error);
  if (refusal) return new AppError('CONFLICT', refusal.message);
  if (findDatabaseError(error, DEADLOCK_SQLSTATE)) return new AppError('CONFLICT', 'Une autre écriture simultanée sur le même dossier a interrompu celle-ci ; rien n’a été enregistré, réessayez.');
  return null;
}
