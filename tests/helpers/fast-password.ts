/**
 * Test-only stand-in for `better-auth/crypto` (vitest.config.ts aliases that import to this file;
 * nothing else can load it, so production always hashes with better-auth's scrypt cost).
 * Same `salt:key` hex format as better-auth, with a scrypt cost 256 times lower: hashing a test
 * password takes well under a millisecond instead of ~100 ms of CPU and 32 MB per sign-in.
 */
import { randomBytes, scrypt } from 'node:crypto';

// Everything else better-auth's crypto module offers (tokens, JWT, encryption) stays the real one.
export * from '../../node_modules/better-auth/dist/crypto/index.mjs';

const COST = { N: 1024, r: 4, p: 1 } as const;
const KEY_LENGTH = 64;

function derive(password: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, COST, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16).toString('hex');
  return `${salt}:${(await derive(password, salt)).toString('hex')}`;
}

export async function verifyPassword({ hash, password }: { hash: string; password: string }): Promise<boolean> {
  const [salt, key] = hash.split(':');
  if (!salt || !key) throw new Error('Invalid password hash');
  return (await derive(password, salt)).toString('hex') === key;
}
