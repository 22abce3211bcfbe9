/**
 * The one way a form shows a refused request: each issue of the API (`experiences[0].endDate`) goes
 * on the Mantine field it names (`experiences.0.endDate`), the input is kept, and a notification
 * says the action did not happen, naming in French (never by identifier) whatever has no field.
 */
import { notifications } from '@mantine/notifications';
import { ApiError } from './api';
import { messageNamingField, messageOnField, placeOfIssue } from './form-errors';

export { fieldOfPath, formPathOf } from './form-errors';

type TFormLike = {
  setFieldError: (path: string, error: string) => void;
  /** Mantine's `form.getValues`: with it, nested paths (`diplomas.0.year`) are placed on their input. */
  getValues?: () => unknown;
};

export function notifyError(error: unknown, title = 'Action impossible') {
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError && error.requestId ? ` (identifiant : ${error.requestId})` : '';
  notifications.show({ color: 'red', title, message: `${message}${requestId}`, autoClose: 8000 });
}

export function notifySuccess(message: string, title = 'C’est fait') {
  notifications.show({ color: 'green', title, message });
}

/**
 * Shows each issue of an ApiError on the field it names (see `placeOfIssue`), and always notifies
 * that the action did not happen: with the issues that found no field, or « corrigez les champs
 * signalés ». Returns true when every issue found its field.
 */
export function applyErrors(form: TFormLike, error: unknown, fields?: readonly string[], title = 'Action impossible'): boolean {
  if (!(error instanceof ApiError) || error.issues.length === 0) {
    notifyError(error, title);
    return false;
  }
  const values = form.getValues?.();
  const unplaced: string[] = [];
  for (const issue of error.issues) {
    const place = placeOfIssue(issue.path, values, fields);
    if (place) form.setFieldError(place, messageOnField(issue));
    else unplaced.push(messageNamingField(issue));
  }
  const hint = unplaced.length < error.issues.length ? 'Corrigez les champs signalés en rouge.' : '';
  notifyError(new Error([error.message, ...unplaced, hint].filter(Boolean).join(' ')), title);
  return unplaced.length === 0;
}
