/**
 * One error type, one table: a closed set of codes mapped once to HTTP statuses.
 * Validation problems always travel as 422 { issues: [{ path, message }] } with French messages.
 */
export type TIssue = { path: string; message: string };

const STATUS = {
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
} as const;

export type TAppErrorCode = keyof typeof STATUS;

export class AppError extends Error {
  readonly code: TAppErrorCode;
  readonly issues?: TIssue[];
  constructor(code: TAppErrorCode, message: string, issues?: TIssue[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }
  get status() {
    return STATUS[this.code];
  }
}

export const validationError = (issues: TIssue[], message = 'Certaines données sont invalides.') =>
  new AppError('VALIDATION', message, issues);
export const forbidden = (message = "Vous n'avez pas les droits nécessaires pour cette action.") =>
  new AppError('FORBIDDEN', message);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const conflict = (message: string, issues?: TIssue[]) => new AppError('CONFLICT', message, issues);
export const unauthenticated = (message = 'Vous devez être connecté·e.') => new AppError('UNAUTHENTICATED', message);

export { formatPath } from '../lib/paths.js';
