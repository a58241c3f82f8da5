import type { SchedulingClock } from '../../../../src/sandbox/webhooks/index.js';

export interface ManualClock extends SchedulingClock {
  readonly mode: 'manual';
  /** Listeners run after every advance, as the sandbox clock's do. */
  onChange(listener: (now: number) => void): () => void;
  /** Moves the clock forward, firing each due timer at its own time, in order. */
  advance(ms: number): void;
  /** How many timers are waiting. */
  readonly pending: number;
}

/** A clock that moves only when told, as the sandbox's `--clock manual` does. */
export function manualClock(startMs: number): ManualClock {
  let now = startMs;
  let nextId = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  const listeners = new Set<(now: number) => void>();
  return {
    mode: 'manual',
    now: () => now,
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    schedule(at, run) {
      const id = (nextId += 1);
      timers.set(id, { at, run });
      return () => void timers.delete(id);
    },
    advance(ms) {
      const target = now + ms;
      // Bounded: every round removes one timer, and a timer set during a round is at or after `now`.
      for (let round = 0; round < 100_000; round += 1) {
        const next = [...timers.entries()].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!next) break;
        timers.delete(next[0]);
        now = Math.max(now, next[1].at);
        next[1].run();
      }
      now = target;
      for (const listener of listeners) listener(now);
    },
    get pending() {
      return timers.size;
    },
  };
}

/** mulberry32: a small seeded generator, so shuffled orders repeat run after run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
