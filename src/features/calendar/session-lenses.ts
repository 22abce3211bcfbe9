/**
 * How another feature changes what one person sees of the calendar without the calendar knowing it
 * (decision 020, inverted so that the calendar imports nothing of the mémoire): a lens may add the
 * sessions a person is concerned by without being their teacher or learner (an atelier's leader), and
 * retitle sessions for that person (« Atelier mémoire — groupe 2 (animé par …) »). Lenses are code,
 * plugged in once by the composition root (src/http/app.ts); no data lives here.
 */
import type { TDbOrTx } from '../../db/client.js';

type TSessionLike = { id: string; cohortId: string; type: string; title: string };

export type TSessionLens = {
  /** Ids of sessions to show to this user beyond those they teach or attend. */
  extraSessionIds: (db: TDbOrTx, userId: string) => Promise<string[]>;
  /** The same sessions, some retitled for this user. */
  retitle: <T extends TSessionLike>(db: TDbOrTx, userId: string, sessions: T[]) => Promise<T[]>;
};

const lenses = new Map<string, TSessionLens>();

/** Plugs a lens in under a name (plugging the same name again replaces it). */
export function registerSessionLens(name: string, lens: TSessionLens): void {
  lenses.set(name, lens);
}

export async function extraSessionIdsFor(db: TDbOrTx, userId: string): Promise<string[]> {
  const ids = new Set<string>();
  for (const lens of lenses.values()) for (const id of await lens.extraSessionIds(db, userId)) ids.add(id);
  return [...ids];
}

export async function retitleFor<T extends TSessionLike>(db: TDbOrTx, userId: string, sessions: T[]): Promise<T[]> {
  let out = sessions;
  for (const lens of lenses.values()) out = await lens.retitle(db, userId, out);
  return out;
}
