/** Minimal structured logger: one JSON line per event on stdout/stderr. */
import { systemClock } from '../lib/clock.js';

// Log lines carry the wall-clock time of the machine (operations read them), not the platform's clock.
type TLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<TLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type TLogger = Record<TLevel, (message: string, fields?: Record<string, unknown>) => void>;

export function createLogger(level: TLevel | 'silent' = 'info'): TLogger {
  const write = (l: TLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (ORDER[l] < ORDER[level]) return;
    const line = JSON.stringify({ time: systemClock.now().toISOString(), level: l, message, ...fields });
    (l === 'error' || l === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
