/**
 * The runtime's clock. Real time by default; a fake clock for cache expiry, triggers and
 * execution budgets under test control. With a fake clock the bundle's `Date` follows it too, and
 * in modelled-time mode the runtime advances it by the cost of every service call.
 */

export interface RuntimeClock {
  readonly kind: 'real' | 'fake';
  now(): number;
  /** Waits `ms` of this clock's time: really for the real clock, instantly for a fake one. */
  sleep(ms: number): Promise<void>;
  /** Moves a fake clock forward; the real clock cannot be moved. */
  advance(ms: number): void;
}

export function realClock(): RuntimeClock {
  return {
    kind: 'real',
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    advance: () => {
      throw new Error('The real clock cannot be moved. Create the runtime with fakeClock().');
    },
  };
}

export function fakeClock(start: number | Date = Date.UTC(2024, 0, 1, 9)): RuntimeClock {
  let now = typeof start === 'number' ? start : start.getTime();
  return {
    kind: 'fake',
    now: () => now,
    sleep: async (ms) => {
      now += Math.max(0, ms);
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
