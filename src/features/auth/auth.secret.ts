import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { appSettings } from './auth.tables.js';

/**
 * The cookie-signing secret: AUTH_SECRET when set, otherwise one generated on first start and kept
 * in the database, so every process sharing the database signs and checks cookies alike.
 */
export async function resolveAuthSecret(db: TDb, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const candidate = randomBytes(32).toString('base64url');
  await db.insert(appSettings).values({ key: 'auth_secret', value: candidate }).onConflictDoNothing();
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, 'auth_secret'));
  if (!row) throw new Error('Secret de session introuvable');
  return row.value;
}
