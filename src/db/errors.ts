/**
 * Errors the database raises on purpose, found through the wrappers of the drivers and Drizzle
 * (`cause`), so a service can answer them with a clear 409 instead of an anonymous 500.
 */
/** A row still referenced: 23503 (foreign key, NO ACTION) or 23001 (ON DELETE RESTRICT). */
export const STILL_REFERENCED = ['23503', '23001'] as const;
/** Trigger movsc_session_times_frozen (migration 0004): a session with attendance keeps its times. */
export const SESSION_TIMES_FROZEN = 'MVS01';

export function findDatabaseError(error: unknown, code: string): { message: string; constraint: string | null; table: string | null } | null {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    if ('code' in current && current.code === code) {
      const message = 'message' in current && typeof current.message === 'string' ? current.message : '';
      const constraint = 'constraint' in current && typeof current.constraint === 'string' ? current.constraint : null;
      const table = 'table' in current && typeof current.table === 'string' ? current.table : null;
      return { message, constraint, table };
    }
    current = 'cause' in current ? current.cause : null;
  }
  return null;
}

/** Runs a write; when the database refuses it with one of `codes`, throws `refusal()` instead. */
export async function refusingWith<T>(codes: string | readonly string[], refusal: () => Error, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((typeof codes === 'string' ? [codes] : codes).some((code) => findDatabaseError(error, code))) throw refusal();
    throw error;
  }
}
