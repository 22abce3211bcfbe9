/**
 * Sends one file as multipart/form-data with XMLHttpRequest, for its upload progress (fetch has none
 * for request bodies). A refusal becomes the same ApiError as the typed client's, with the server's
 * French message (413 too large, 422 refused type, 409 frozen record).
 */
import { ApiError, type TIssue } from '../../../lib/api';

export type TUploadProgress = { loaded: number; total: number };

function parsed(text: string): { message?: unknown; issues?: unknown } | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as { message?: unknown; issues?: unknown }) : null;
  } catch {
    return null;
  }
}

export function uploadFile<T>(url: string, file: File, onProgress: (p: TUploadProgress) => void): { promise: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onerror = () => reject(new ApiError(0, 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.'));
    xhr.onabort = () => reject(new ApiError(0, 'Envoi annulé : rien n’a été enregistré.'));
    xhr.onload = () => {
      const body = parsed(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      const issues = Array.isArray(body?.issues) ? (body.issues as TIssue[]).filter((i) => typeof i?.message === 'string') : [];
      const message = issues[0]?.message ?? (typeof body?.message === 'string' ? body.message : `Envoi refusé (${xhr.status}).`);
      reject(new ApiError(xhr.status, message, issues));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
