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

/** Codes of a lost or refused database connection: the request may be retried, nothing is broken. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server (or an administrator) terminated the backend
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '08000', '08001', '08003', '08004', '08006', // connection exceptions
  '53300', // too_many_connections
]);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres says some of these in words only. */
const UNAVAILABLE_MESSAGES = /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly|terminating connection due to administrator command/i;

/** Whether `error` (or one of its causes) means the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const code = 'code' in current && typeof current.code === 'string' ? current.code : '';
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code)) return true;
    const message = 'message' in current && typeof current.message === 'string' ? current.message : '';
    if (UNAVAILABLE_MESSAGES.test(message)) return true;
    current = 'cause' in current ? current.cause : null;
  }
  return false;
}

/**
 * SQLSTATE 53100 (disk_full): the database could not extend a file. Reads go on; writes fail, each
 * rolled back whole, until space is freed. PGlite raises the same code as PostgreSQL (« could not
 * extend file …: No space left on device »), seen on a full tmpfs.
 */
export const DISK_FULL = '53100';

/** SQLSTATE 23505: a unique index refused a second copy (two requests racing for the same row). */
export const UNIQUE_VIOLATION = '23505';

/** The first database error of a SQLSTATE class ('22': data exception — a value the column cannot hold). */
export function findDatabaseErrorOfClass(error: unknown, sqlClass: string): { code: string; message: string } | null {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const code = 'code' in current && typeof current.code === 'string' ? current.code : '';
    if (/^[0-9A-Z]{5}$/.test(code) && code.startsWith(sqlClass)) {
      return { code, message: 'message' in current && typeof current.message === 'string' ? current.message : '' };
    }
    current = 'cause' in current ? current.cause : null;
  }
  return null;
}
