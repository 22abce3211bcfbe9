/**
 * The embedded database's lock (issue 9, item 8): a live holder is refused in French; a lock whose
 * pid now belongs to another live process (the holder died, the pid was reused) is taken over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseLockedError, openDatabase, processStartOf } from '../../src/db/client.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movsc-lock-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

// pid 1 is always alive; /proc gives its start time on Linux (where CI runs).
const initStart = processStartOf(1);

describe.runIf(initStart !== null)('the data folder lock', () => {
  it('refuses a folder held by a live process, saying who holds it and what to do', async () => {
    const dir = freshDir();
    fs.writeFileSync(path.join(dir, 'movsc.lock'), JSON.stringify({ pid: 1, start: initStart }));
    const opening = openDatabase({ dataDir: dir });
    await expect(opening).rejects.toBeInstanceOf(DatabaseLockedError);
    await expect(opening).rejects.toThrow(/déjà ouverte par un autre processus \(pid 1/);
    expect(fs.existsSync(path.join(dir, 'movsc.lock'))).toBe(true);
  });

  it('takes over a lock whose pid was reused by another live process', { timeout: 120_000 }, async () => {
    const dir = freshDir();
    // The holder started at another time than the live process that has its pid now.
    fs.writeFileSync(path.join(dir, 'movsc.lock'), JSON.stringify({ pid: 1, start: `${initStart}9` }));
    const database = await openDatabase({ dataDir: dir });
    try {
      const lock = JSON.parse(fs.readFileSync(path.join(dir, 'movsc.lock'), 'utf8'));
      expect(lock).toEqual({ pid: process.pid, start: processStartOf(process.pid) });
    } finally {
      await database.close();
    }
    expect(fs.existsSync(path.join(dir, 'movsc.lock'))).toBe(false);
  });

  it('takes over a lock left by a dead process (old format: a bare pid)', { timeout: 120_000 }, async () => {
    const dir = freshDir();
    fs.writeFileSync(path.join(dir, 'movsc.lock'), '999999999');
    const database = await openDatabase({ dataDir: dir });
    await database.close();
  });
});
