/**
 * Time is a dependency. Every use case that needs "now" receives a clock (`deps.clock` in a request,
 * an option in a service), so tests, the demo and the e2e server can set it. The system clock is the
 * only place that reads the wall clock.
 */
export type TClock = {
  /** The current instant. */
  now(): Date;
};

export const systemClock: TClock = { now: () => new Date() };

/** A clock stopped at one instant, moved only by `set` / `advance`: for tests. */
export function fixedClock(at: Date | string): TClock & { set(at: Date | string): void; advance(ms: number): void } {
  let current = new Date(at);
  if (Number.isNaN(current.getTime())) throw new Error(`Horloge : date invalide « ${String(at)} »`);
  return {
    now: () => new Date(current),
    set(next) {
      current = new Date(next);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/**
 * A clock that starts at `at` and then runs at the wall clock's pace: for the demo and the e2e server,
 * whose pages need time to pass (a session window opens and closes) on a chosen day.
 */
export function offsetClock(at: Date | string, wall: () => number = () => systemClock.now().getTime()): TClock {
  const start = new Date(at).getTime();
  if (Number.isNaN(start)) throw new Error(`Horloge : date invalide « ${String(at)} »`);
  const offset = start - wall();
  return { now: () => new Date(wall() + offset) };
}
