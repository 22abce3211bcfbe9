/**
 * Schemas every route contract shares: one calendar date, one id param, file responses with their
 * media types. One definition each, so a date or an id is validated (and worded, in French) the
 * same way on every route, and the OpenAPI document says what each download returns.
 */
import { z } from '@hono/zod-openapi';

/**
 * A real calendar date `AAAA-MM-JJ`. Zod's ISO date pattern knows month lengths and leap years,
 * so `2025-02-31` is refused here (422 naming the field) instead of reaching the database.
 */
export const ZIsoDate = z.iso
  .date({ message: 'Date attendue au format AAAA-MM-JJ, et qui existe au calendrier.' })
  .openapi({ example: '2026-03-10' });

/** The largest amount a price or a payer's share may be: 1 000 000 € (no training costs near it). */
export const MAX_AMOUNT_CENTS = 100_000_000;
export const TOO_LARGE_AMOUNT = `Montant trop élevé : au plus ${(MAX_AMOUNT_CENTS / 100).toLocaleString('fr-FR')} €.`;

/** A uuid, refused in French with what it identifies (`thing`: « de promotion », « de séance »…). */
export const ZUuid = (thing: string) => z.uuid(`Identifiant ${thing} invalide.`);

/** `{ id }` path params of a resource identified by a uuid. */
export const idParam = (thing: string) => z.object({ id: ZUuid(thing) });

/**
 * A user's id: better-auth's ids are random strings (letters, digits, `-`, `_`), not always uuids.
 * Anything else (a NUL, a space) names no user and is refused here, before it reaches the database.
 */
export const ZUserId = (message: string) => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, message);

/** `{ id }` of a user. */
export const userIdParam = z.object({ id: ZUserId('Identifiant d’utilisateur invalide.') });

/** The media types the API returns files in. */
export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ics: 'text/calendar',
  png: 'image/png',
  jpeg: 'image/jpeg',
  binary: 'application/octet-stream',
} as const;
export type TMediaKind = keyof typeof MEDIA_TYPES;

const ZBinary = z.string().openapi({ format: 'binary' });

/** A 200 answer that is a file of one of these kinds (e.g. `fileResponse('Export', 'csv', 'xlsx')`). */
export function fileResponse<const K extends TMediaKind>(description: string, ...kinds: [K, ...K[]]) {
  // The literal media-type keys let the route types (and the typed client) know these are files.
  const content = Object.fromEntries(kinds.map((kind) => [MEDIA_TYPES[kind], { schema: ZBinary }])) as {
    [P in K as (typeof MEDIA_TYPES)[P]]: { schema: typeof ZBinary };
  };
  return { 200: { description, content } };
}
