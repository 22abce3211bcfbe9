/** Puts a refused request's issues on the form fields they name; anything else becomes a notification. */
import { notifications } from '@mantine/notifications';
import { ApiError } from './api';

type TFormLike = { setFieldError: (path: string, error: string) => void };

/** "roles[0]" → "roles", "centreIds" → "centreIds", "" → "". */
export function fieldOfPath(path: string): string {
  return path.split(/[.[]/)[0] ?? '';
}

export function notifyError(error: unknown, title = 'Action impossible') {
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError && error.requestId ? ` (identifiant : ${error.requestId})` : '';
  notifications.show({ color: 'red', title, message: `${message}${requestId}`, autoClose: 8000 });
}

export function notifySuccess(message: string, title = 'C’est fait') {
  notifications.show({ color: 'green', title, message });
}

/**
 * Shows each issue of an ApiError on the field named by its path when that field is in `fields`;
 * notifies the rest (and any other error). Returns true when every issue found its field.
 */
export function applyErrors(form: TFormLike, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError) || error.issues.length === 0) {
    notifyError(error);
    return false;
  }
  const unplaced: string[] = [];
  for (const issue of error.issues) {
    const field = fieldOfPath(issue.path);
    if (fields.includes(field)) form.setFieldError(field, issue.message);
    else unplaced.push(issue.path ? `${issue.path} : ${issue.message}` : issue.message);
  }
  if (unplaced.length > 0) notifyError(new Error([error.message, ...unplaced].join(' — ')));
  return unplaced.length === 0;
}
