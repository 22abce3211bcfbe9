/**
 * Errors as the log may hold them (issue 9, item 6): the query's text and the database's code, never
 * its parameters. Drizzle's errors carry the parameters in their message (« Failed query: … params:
 * … »): a failed upload would write the whole file, a failed sign-up the password's hash. The
 * PostgreSQL cause (disk full, connection lost) is kept: it is what operations need.
 */
type TSafeError = { name: string; message: string; code?: string; query?: string; cause?: TSafeError; stack?: string };

/** Drizzle's « Failed query: <sql>\nparams: <values> »: the values go. */
const withoutParams = (message: string) => message.replace(/\nparams:[\s\S]*$/, '\nparams: [retirés du journal]');

/** PostgreSQL's `detail` (« Key (email)=(…) already exists ») and `where` name values: kept out. */
export function safeError(error: unknown, depth = 0): TSafeError {
  if (!(error instanceof Error) && !(error && typeof error === 'object')) return { name: 'Error', message: String(error) };
  const e = error as Error & { code?: unknown; query?: unknown; cause?: unknown };
  const message = withoutParams(typeof e.message === 'string' ? e.message : String(e));
  const out: TSafeError = { name: typeof e.name === 'string' ? e.name : 'Error', message };
  if (typeof e.code === 'string') out.code = e.code;
  if (typeof e.query === 'string') out.query = e.query;
  if (typeof e.stack === 'string' && depth === 0) {
    // The stack's first line repeats the message (and so the parameters).
    const frames = e.stack.split('\n').filter((line) => /^\s+at /.test(line));
    out.stack = frames.slice(0, 12).join('\n');
  }
  if (e.cause !== undefined && depth < 4) out.cause = safeError(e.cause, depth + 1);
  return out;
}

/** A log argument of another library (better-auth): errors made safe, other values as they are, long strings cut. */
export function safeLogArgument(value: unknown): unknown {
  if (value instanceof Error) return safeError(value);
  if (typeof value === 'string') return withoutParams(value).slice(0, 2000);
  return value;
}
