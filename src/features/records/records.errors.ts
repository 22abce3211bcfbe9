/**
 * The database refuses to change an append-only register (trigger movsc_refuse_change, SQLSTATE MVR01).
 * No user action should ever reach it; if one does, the person gets a 409 with the database's French
 * message and the log a clear line, not an anonymous 500.
 */
import { AppError } from '../../http/errors.js';

export const APPEND_ONLY_SQLSTATE = 'MVR01';

/** The refusal hidden in an error (drivers and Drizzle wrap it in `cause`), or null. */
export function findAppendOnlyRefusal(error: unknown): { table: string | null; message: string } | null {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    if ('code' in current && current.code === APPEND_ONLY_SQLSTATE) {
      const message = 'message' in current && typeof current.message === 'string' ? current.message : 'Registre en ajout seul : modification refusée.';
      const table = 'table' in current && typeof current.table === 'string' ? current.table : null;
      return { table, message };
    }
    current = 'cause' in current ? current.cause : null;
  }
  return null;
}

export function appendOnlyConflict(error: unknown): AppError | null {
  const refusal = findAppendOnlyRefusal(error);
  return refusal ? new AppError('CONFLICT', refusal.message) : null;
}
